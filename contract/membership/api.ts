import { endpoint } from '../endpoint'
import type * as s from './schemas'

/** 入会, review and the e-member card: the endpoints membership serves. */
export const membershipApi = {
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
  /**
   * 批量通过 (office console): each application approved in its own transaction by the rule of `approve`, in the order
   * given — one refused (decided meanwhile, outside the reviewer's unions, already a member) does not hold back the
   * others; every item answered with its stable reason.
   */
  bulkApprove: endpoint<typeof s.bulkApprove>('POST', '/api/membership/review/bulk-approve'),
  card: endpoint<typeof s.card>('GET', '/api/membership/card'),
  verifyCard: endpoint<typeof s.verifyCard>('POST', '/api/membership/card/verify'),
}
