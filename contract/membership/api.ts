import { endpoint } from '../endpoint'
import { merchantsApi } from '../merchants/api'
import type * as s from './schemas'

/** 入会, review and the e-member card: the endpoints membership serves. */
const own = {
  /** Grassroots unions to pick from in the join form: paged (`cursor`, `limit` ≤ 100), searchable by name (`q`). */
  unions: endpoint<typeof s.unions>('GET', '/api/membership/unions'),
  /** The caller's membership, latest application (with timeline) and server-side draft. */
  mine: endpoint<typeof s.mine>('GET', '/api/membership/me'),
  saveDraft: endpoint<typeof s.saveDraft>('PUT', '/api/membership/draft'),
  /** Submit, or resubmit after a rejection. */
  submit: endpoint<typeof s.submit>('POST', '/api/membership/applications'),
  /** weapp getPhoneNumber code → the phone number (WeChat phone-number API on the server). */
  exchangePhone: endpoint<typeof s.exchangePhone>('POST', '/api/membership/phone'),
  /** Pending applications in the reviewer's unions, oldest first, cursor-paged (`cursor`, `limit` ≤ 100 → `nextCursor`). */
  reviewQueue: endpoint<typeof s.reviewQueue>('GET', '/api/membership/review'),
  reviewDetail: endpoint<typeof s.reviewDetail>('GET', '/api/membership/review/:id'),
  approve: endpoint<typeof s.approve>('POST', '/api/membership/review/:id/approve'),
  reject: endpoint<typeof s.reject>('POST', '/api/membership/review/:id/reject'),
  card: endpoint<typeof s.card>('GET', '/api/membership/card'),
  verifyCard: endpoint<typeof s.verifyCard>('POST', '/api/membership/card/verify'),
}
/** membership's own endpoints, without the temporary merchant aliases (what the access table classifies). */
export type MembershipApi = typeof own

/**
 * Temporary aliases (issue 12): merchant offers moved to `merchantsApi` (contract/merchants/api.ts); the app still
 * calls them by these names. They are the very same endpoint objects, and they are NOT enumerable: the access table,
 * the route registration check and the authorization matrix walk the tables with Object.keys / Object.entries and
 * so meet each merchant endpoint once, under `merchants`. Remove once `src/` uses merchantsApi.
 */
type MerchantAliases = {
  /** @deprecated use merchantsApi.list */
  readonly merchants: typeof merchantsApi.list
  /** @deprecated use merchantsApi.manage */
  readonly manageMerchants: typeof merchantsApi.manage
  /** @deprecated use merchantsApi.create */
  readonly createMerchant: typeof merchantsApi.create
  /** @deprecated use merchantsApi.update */
  readonly updateMerchant: typeof merchantsApi.update
  /** @deprecated use merchantsApi.takeDown */
  readonly takeDownMerchant: typeof merchantsApi.takeDown
}
const aliases: MerchantAliases = {
  merchants: merchantsApi.list,
  manageMerchants: merchantsApi.manage,
  createMerchant: merchantsApi.create,
  updateMerchant: merchantsApi.update,
  takeDownMerchant: merchantsApi.takeDown,
}

export const membershipApi: MembershipApi & MerchantAliases = Object.defineProperties(
  { ...own },
  Object.fromEntries(Object.entries(aliases).map(([key, value]) => [key, { value, enumerable: false }])),
) as MembershipApi & MerchantAliases
