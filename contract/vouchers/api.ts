import { endpoint } from '../endpoint'
import type * as s from './schemas'
import type * as e from './edit-schemas'

/**
 * 福利券 endpoints. Errors are the shared `{ code, reason, message, fields? }` with Chinese messages:
 * 401 not logged in, 403 not allowed (message says why), 404 not found or not visible to the caller,
 * 409 a business rule (message says which), 400 bad input (`fields` per input field). `reason` names the refusal
 * (VoucherReasons in ./reasons.ts: SOLD_OUT, LIMIT_REACHED, NOT_OPEN, WRONG_VENUE …); branch on it, never on the text.
 */
export const vouchersApi = {
  /**
   * Member: campaigns of the caller's union subtree that have not closed (plus lottery campaigns closed in the last
   * 7 days, so entrants see their result), each as a list item (MemberCampaignItem: remaining stock, own vouchers,
   * lottery entry and waitlist place; the rest of a campaign is on GET /campaigns/:id). A closed, undrawn lottery is
   * drawn on this read.
   */
  campaigns: endpoint<typeof s.campaigns>('GET', '/api/vouchers/campaigns'),
  /** Member of the subtree, or `campaigns.manage` over it. 404 otherwise. Draws a closed lottery on first read. */
  campaign: endpoint<typeof s.campaign>('GET', '/api/vouchers/campaigns/:id'),
  /**
   * Member: claim one voucher (first come only). Send an `Idempotency-Key` header (a UUID made once per tap, reused on retry):
   * the same key from the same user returns the same voucher (`replayed: true`), even for concurrent retries.
   * Without the header every call is a new claim attempt. 409 CONFLICT: 未开始 (with the opening time),
   * 已领完 (then offer the waitlist), 已结束, 抽签活动 (use /enter), or the per-member limit (e.g. 本月已领取过电影券).
   * 403: not a member / employment type not eligible.
   */
  claim: endpoint<typeof s.claim>('POST', '/api/vouchers/campaigns/:id/claim'),
  /**
   * Member: enter a lottery while its window is open. Idempotent: a second call returns the same entry
   * (`replayed: true`). The per-member limit is reserved at entry (a movie lottery entry counts as this month's movie
   * voucher) and given back if the entry loses. 409: 未开始 / 已截止 / not a lottery / limit reached; 403: not eligible.
   */
  enter: endpoint<typeof s.enter>('POST', '/api/vouchers/campaigns/:id/enter'),
  /**
   * Member: withdraw a lottery entry while the window is still open (撤销报名); the per-member limit reserved at entry
   * is given back and the member may enter again before closing. 404: not entered; 409: closed (the draw decides).
   */
  withdrawEntry: endpoint<typeof s.withdrawEntry>('POST', '/api/vouchers/campaigns/:id/enter/withdraw'),
  /**
   * Member of the subtree or staff (`campaigns.manage` or `vouchers.redeem` over the union): the public draw record
   * (commitment; after the draw the seed, every entry by entry number with a masked name, and the winners' entry
   * numbers in order) so anyone can re-run the draw. No user ids. Draws a closed lottery on first read; once drawn the
   * record never changes and is served from memory. 409: not a lottery.
   */
  drawRecord: endpoint<typeof s.drawRecord>('GET', '/api/vouchers/campaigns/:id/draw'),
  /**
   * Member: join the waitlist of a sold-out first-come campaign (idempotent: returns the current place).
   * Lottery losers are put on the waitlist automatically in draw order. 409: not sold out (claim instead), closed,
   * lottery, or the per-member limit already reached; 403: not eligible.
   */
  joinWaitlist: endpoint<typeof s.joinWaitlist>('POST', '/api/vouchers/campaigns/:id/waitlist'),
  /** Member: leave the waitlist (state 'left'). 404 when not waiting. Same as POST …/waitlist/leave. */
  leaveWaitlist: endpoint<typeof s.leaveWaitlist>('DELETE', '/api/vouchers/campaigns/:id/waitlist'),
  /** Member: leave the waitlist, for clients that cannot send DELETE. */
  leaveWaitlistPost: endpoint<typeof s.leaveWaitlist>('POST', '/api/vouchers/campaigns/:id/waitlist/leave'),
  /** Member: own vouchers, newest first (state unused | used | expired | returned). */
  myVouchers: endpoint<typeof s.myVouchers>('GET', '/api/vouchers/mine'),
  /**
   * Member: return an unused, unexpired voucher. In the same transaction its unit goes to the first waiting member
   * (who is notified) or, when nobody waits, back to stock; the member's limit is given back. 409: not unused.
   */
  cancelVoucher: endpoint<typeof s.cancelVoucher>('POST', '/api/vouchers/mine/:id/return'),
  /**
   * Member: confirm a lottery win before `confirmBy` (idempotent). 409: past the deadline (the voucher has gone to
   * the waitlist) or not a lottery win awaiting confirmation.
   */
  confirmVoucher: endpoint<typeof s.confirmVoucher>('POST', '/api/vouchers/mine/:id/confirm'),
  /**
   * Venue staff (`vouchers.redeem` over the campaign's union, at `venueId`: a venue_staff role only at the venues it
   * is bound to): redeem a code at a registry venue of the voucher's campaign. 403 VENUE_NOT_BOUND (您不是该场馆的核销员)
   * at any other venue, whatever the code; 404 unknown code (or a campaign outside the staff's unions) or venue;
   * 409 already used (when + where), returned, expired, another venue's voucher, or an inactive venue.
   */
  redeem: endpoint<typeof s.redeem>('POST', '/api/vouchers/redeem'),
  /**
   * Staff with `vouchers.redeem`: the registry venues where the caller may redeem — a venue_staff role's bound venues,
   * an admin's every active venue of their unions' subtrees. What the 券核销 page offers.
   */
  myRedeemVenues: endpoint<typeof s.myRedeemVenues>('GET', '/api/vouchers/redeem/venues'),
  /**
   * Venue staff: send the phone's offline scan queue (≤ 100) with the time the phone last synced. Items are processed
   * one by one in order, each in its own transaction, idempotent by (staff user, clientId). 403 VENUE_NOT_BOUND (the
   * whole batch, nothing processed) when an item names a venue the caller's role is not bound to. Otherwise 200 with
   * one result per item: redeemed (the lag since the scan is recorded) / already_used (usedAt, usedVenue, usedByMe — a
   * code scanned twice in the offline gap comes back as already_used, never silently accepted) / wrong_venue /
   * expired (at the scan time) / stale (scanned before `lastSyncAt`, over 24 h ago, or before the voucher was
   * claimed: not credible, refused) / not_found (also returned vouchers and codes outside the staff's unions).
   * 400 only for a malformed body.
   */
  redeemBatch: endpoint<typeof s.redeemBatch>('POST', '/api/vouchers/redeem-batch'),
  /**
   * Admin (`campaigns.manage` over orgId). mode 'lottery' gets a secret seed whose commitment is in `lottery`.
   * 400 with `fields` for bad input; 403 outside the admin's unions.
   */
  createCampaign: endpoint<typeof s.createCampaign>('POST', '/api/vouchers/manage/campaigns'),
  /**
   * Admin (`campaigns.manage` over `orgId`): the active registry venues a campaign of that union may list — its own,
   * its subtree's and its ancestors' — to pick in 新建福利活动. 403 outside the admin's unions.
   */
  manageVenues: endpoint<typeof s.manageVenues>('GET', '/api/vouchers/manage/venues'),
  /**
   * Admin: the campaigns of the admin's unions, newest opening first, by cursor (100 a page unless `limit`), narrowed
   * by `orgId` (a union of the post and its subtree; 403 CAMPAIGNS_UNION_OUTSIDE otherwise), `phase` at server time,
   * `kind`, and `from`/`to` (China calendar days the campaign opens on).
   */
  manageCampaigns: endpoint<typeof s.manageCampaigns>('GET', '/api/vouchers/manage/campaigns'),
  /**
   * Campaign managers (`campaigns.manage` over the campaign's union): stock left, claims, redemptions (also per
   * venue), waitlist length, lottery entries. 403 CAMPAIGN_MANAGERS_ONLY for redeeming staff of the union; 404 others.
   */
  campaignStats: endpoint<typeof s.campaignStats>('GET', '/api/vouchers/manage/campaigns/:id/stats'),
  /**
   * Admin (`campaigns.manage` over the union): run the draw now. Runs exactly once (concurrent calls and the lazy
   * draw on read all return the same record). 409: window not closed yet, or not a lottery.
   */
  runDraw: endpoint<typeof s.runDraw>('POST', '/api/vouchers/manage/campaigns/:id/draw'),
  /**
   * Campaign managers (`campaigns.manage` over the union): the campaign's vouchers as text/csv, UTF-8 with BOM (opens
   * in Excel): 券码 (masked: first 4 and last 2 characters, e.g. ABCD******XY — an export never carries a usable
   * code), 领取人 (masked, e.g. 李*梅), 状态, 领取时间, 使用时间, 使用场馆 (Asia/Shanghai). Audited.
   * Not JSON: download it (e.g. Taro.downloadFile with the session header). 403 CAMPAIGN_MANAGERS_ONLY for redeeming
   * staff of the union; 404 others.
   */
  exportCsv: endpoint<typeof s.exportCsv>('GET', '/api/vouchers/manage/campaigns/:id/export.csv'),
  /**
   * The same export as an .xlsx workbook (the office console's 导出领取明细): sheet 领取明细 with the CSV's columns
   * (codes and holders masked), and sheet 活动数据 with the campaign's figures and redemptions per venue. Same rule,
   * same refusals, audited as the CSV is.
   */
  exportXlsx: endpoint<typeof s.exportXlsx>('GET', '/api/vouchers/manage/campaigns/:id/export.xlsx'),
  /**
   * Campaign managers (`campaigns.manage` over the campaign's union): 编辑活动 with the creation form's whole input.
   * Before it opens every field may change (the stock is rebuilt); once open only the name, the rules, the closing
   * time (not before now) and the number (追加库存; fewer only down to what is issued) — 409
   * CAMPAIGN_STARTED_LOCKED with `fields` for the others; closed: 409 CAMPAIGN_ENDED. 400 with `fields` for bad input
   * (CLOSES_AT_PAST). 409 STOCK_BELOW_ISSUED. Audited with before and after. 403 for redeeming staff and members,
   * 404 for admins of other unions.
   */
  editCampaign: endpoint<typeof e.editCampaign>('PUT', '/api/vouchers/manage/campaigns/:id'),
  /**
   * Campaign managers: 结束发放 now (server time). First come: claims and the waitlist close at once; issued vouchers
   * stay valid to their own expiry. Lottery: entries close and the draw runs now by its normal path. Not yet open:
   * the campaign is ended before it starts. 409 CAMPAIGN_ENDED when already closed. Audited.
   */
  endCampaign: endpoint<typeof e.endCampaign>('POST', '/api/vouchers/manage/campaigns/:id/end'),
}
