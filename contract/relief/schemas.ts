/**
 * 帮扶救助 (relief) contract: aid type configuration, applications (draft per step → submit → two-level review →
 * 公示 → payout), documents, and the app-wide 我的申请 list. One file per part under ./schemas/, all re-exported
 * here (the app imports the types from `@contract/relief/schemas`; a subpackage may import a schema at runtime):
 *   schemas/enums.ts         stage, event kind, review level, payout method, field kind
 *   schemas/aid-types.ts     what an admin configures for a type; the limits on sub-unions' own types
 *   schemas/applications.ts  the applicant's draft, documents, timeline and views
 *   schemas/review.ts        the paged worklists, the reviewer's view, the decisions' bodies
 *   schemas/publicity.ts     公示 rounds and objections
 *   schemas/endpoints.ts     path parameters and the endpoint schema groups (referenced by ./api.ts)
 *
 * Money is in whole yuan (integers) throughout the relief API, except form fields of kind `money`,
 * which hold yuan with up to two decimals.
 */
export * from './schemas/enums'
export * from './schemas/aid-types'
export * from './schemas/applications'
export * from './schemas/review'
export * from './schemas/publicity'
export * from './schemas/endpoints'
