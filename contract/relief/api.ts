import { endpoint } from '../endpoint'
import type * as s from './schemas'

/**
 * 帮扶救助 endpoints. Applicant flow: types → start (a draft) → saveDraft per step (+ upload, then attach the
 * returned file ids through saveDraft.documents) → submit → (returned → saveDraft → submit again) … → paid.
 * Errors: 400 VALIDATION with `fields` keyed by field key or `documents.<checklist key>`; 409 CONFLICT for limits
 * (once per year, same cause, window closed, wrong stage); 404 for someone else's application.
 */
export const reliefApi = {
  /**
   * Active aid types that apply to the caller: those owned by the member's union or a union above it (non-members:
   * the root union's), with their form, checklist, eligibility, amount rule, window and limits.
   */
  types: endpoint<typeof s.types>('GET', '/api/relief/types'),
  /**
   * Create or replace one type's configuration: relief.manage over the OWNING union (403 RELIEF_TYPE_FORBIDDEN
   * otherwise). A new type names its owner (`orgId`); a sub-union's type must fit the limits set above it (400
   * RELIEF_TYPE_LIMITS with `fields`). `sensitive` is forced on for ID number / phone / medical fields.
   */
  updateType: endpoint<typeof s.updateType>('PUT', '/api/relief/types/:key'),
  /**
   * 救助类型管理: every type (active and paused) owned by a union in the subtrees where the caller holds relief.manage,
   * with its owner, in the members' order, a page at a time (`cursor`, `limit` ≤ 50, `nextCursor`).
   */
  manageTypes: endpoint<typeof s.manageTypes>('GET', '/api/relief/manage/types'),
  /** One type to edit: relief.manage over its owning union (403 RELIEF_TYPE_FORBIDDEN otherwise; 404 when unknown). */
  manageType: endpoint<typeof s.manageType>('GET', '/api/relief/manage/types/:key'),
  /** relief.manage over the union: the limits it sets for its sub-unions' own types, and those that bind its own. */
  typeLimits: endpoint<typeof s.typeLimits>('GET', '/api/relief/type-limits/:orgId'),
  /** relief.manage over the union: set the limits for the types its sub-unions create (amount ceiling, field kinds). */
  setTypeLimits: endpoint<typeof s.setTypeLimits>('PUT', '/api/relief/type-limits/:orgId'),

  /** Start an application of a type (members only): returns the draft, or the caller's existing draft of that type. */
  start: endpoint<typeof s.start>('POST', '/api/relief/applications'),
  /** The caller's relief applications, newest first (drafts included). */
  mine: endpoint<typeof s.mine>('GET', '/api/relief/applications'),
  /** One of the caller's applications, with values, documents (short-lived links) and timeline. Audited. */
  detail: endpoint<typeof s.detail>('GET', '/api/relief/applications/:id'),
  /** Save one step (stage draft or returned). Survives restarts: it is in the database. */
  saveDraft: endpoint<typeof s.saveDraft>('PUT', '/api/relief/applications/:id/draft'),
  /** Submit (or resubmit after a return): validates fields, checklist, eligibility, window and limits. */
  submit: endpoint<typeof s.submit>('POST', '/api/relief/applications/:id/submit'),
  /** Withdraw while no reviewer has decided (draft, 初审中, 待补充材料). */
  withdraw: endpoint<typeof s.withdraw>('POST', '/api/relief/applications/:id/withdraw'),
  /**
   * multipart/form-data with one part `file`: a photo (JPG/PNG/WebP) or PDF, ≤ RELIEF_DOCUMENT_MAX_BYTES, checked
   * by its bytes (415 otherwise, 413 when too big). Returns the file id to attach with saveDraft.
   */
  upload: endpoint<typeof s.upload>('POST', '/api/relief/files'),

  /**
   * Reviewer queue of one level, oldest first, with waiting time and overdue flag, a page at a time (`cursor`,
   * `limit` ≤ 50, `nextCursor`). base: relief.review or a base delegation over the applicant's union; district:
   * relief.review_district (or a district delegation) held at the type's 复核 level or above.
   */
  reviewQueue: endpoint<typeof s.reviewQueue>('GET', '/api/relief/review'),
  /** Staff worklist by stage within the caller's scopes (待公示 → pick for a round; 公示中 → pay when `payable`), oldest first, paged. */
  reviewCases: endpoint<typeof s.reviewCases>('GET', '/api/relief/review/cases'),
  /** Everything about a case, decrypted, every submitted version (audited). 404 for non-reviewers, 403 outside scope. */
  reviewDetail: endpoint<typeof s.reviewDetail>('GET', '/api/relief/review/:id'),
  /** 困难职工帮扶: the base reviewer records the home visit (required before 初审 approval). */
  homeVisit: endpoint<typeof s.homeVisit>('POST', '/api/relief/review/:id/home-visit'),
  /** 初审 approve → 复核; 复核 approve (with the amount) → 待公示. */
  approve: endpoint<typeof s.approve>('POST', '/api/relief/review/:id/approve'),
  reject: endpoint<typeof s.reject>('POST', '/api/relief/review/:id/reject'),
  /** Return for more information, naming the missing documents and/or what else is needed (初审 or 复核). */
  returnForInfo: endpoint<typeof s.returnForInfo>('POST', '/api/relief/review/:id/return'),
  /** 复核 level (see reviewQueue): record the payment (date, method, reference) once the notice is over and objections answered. */
  payout: endpoint<typeof s.payout>('POST', '/api/relief/review/:id/payout'),
  /** 发放名单 (.xlsx, office console): the cases the caller may pay now; ID numbers masked unless `reveal=1`; audited. */
  payoutList: endpoint<typeof s.payoutList>('GET', '/api/relief/review/payout-list.xlsx'),

  /** 复核 level of every case in it: publish a 公示 round of approved cases for N days. */
  createRound: endpoint<typeof s.createRound>('POST', '/api/relief/publicity'),
  /** Members: current and recent (last 30 days) rounds with masked names, union, type and amount. */
  publicity: endpoint<typeof s.publicity>('GET', '/api/relief/publicity'),
  /** Members: lodge an objection to one published case (entry id) while its round is open. */
  object: endpoint<typeof s.object>('POST', '/api/relief/publicity/:id/objections'),
  /** Reviewers: objections within their scope, unanswered first, paged; `canAnswer` says who may decide. */
  reviewObjections: endpoint<typeof s.reviewObjections>('GET', '/api/relief/review/objections'),
  /** Only the level that approved the amount (the 复核 level, see reviewQueue); a 初审 reviewer gets 403. */
  answerObjection: endpoint<typeof s.answerObjection>('POST', '/api/relief/review/objections/:id/answer'),

}
