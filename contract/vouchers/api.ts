import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const vouchersApi = {
  /** Member: campaigns of the caller's union subtree that have not closed, with remaining stock and own vouchers. */
  campaigns: endpoint<typeof s.campaigns>('GET', '/api/vouchers/campaigns'),
  campaign: endpoint<typeof s.campaign>('GET', '/api/vouchers/campaigns/:id'),
  /**
   * Member: claim one voucher. Send an `Idempotency-Key` header (a UUID made once per tap, reused on retry):
   * the same key from the same user returns the same voucher (`replayed: true`), even for concurrent retries.
   * Without the header every call is a new claim attempt. 409 CONFLICT: 未开始 (with the opening time),
   * 已领完, 已结束, or the per-member limit (e.g. 本月已领取过电影券).
   */
  claim: endpoint<typeof s.claim>('POST', '/api/vouchers/campaigns/:id/claim'),
  /** Member: own vouchers, newest first (state unused | used | expired | returned). */
  myVouchers: endpoint<typeof s.myVouchers>('GET', '/api/vouchers/mine'),
  /** Member: return an unused, unexpired voucher; its unit goes back to stock and the limit is given back. */
  cancelVoucher: endpoint<typeof s.cancelVoucher>('POST', '/api/vouchers/mine/:id/return'),
  /** Venue staff (`vouchers.redeem` over the campaign's union): redeem a code at one of the campaign's venues. */
  redeem: endpoint<typeof s.redeem>('POST', '/api/vouchers/redeem'),
  /** Admin (`campaigns.manage` over orgId). */
  createCampaign: endpoint<typeof s.createCampaign>('POST', '/api/vouchers/manage/campaigns'),
  manageCampaigns: endpoint<typeof s.manageCampaigns>('GET', '/api/vouchers/manage/campaigns'),
  /** Staff (`campaigns.manage` or `vouchers.redeem` over the campaign's union): stock left, claims, redemptions. */
  campaignStats: endpoint<typeof s.campaignStats>('GET', '/api/vouchers/manage/campaigns/:id/stats'),
}
