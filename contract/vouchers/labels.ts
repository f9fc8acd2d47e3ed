/** Voucher (福利券) enumerations and their Chinese labels, shared by server and app. Zod-free. */
import { keysOf } from '../labels'
export const CAMPAIGN_KINDS = {
  movie: '电影',
  gym: '健身',
  swim: '游泳',
  other: '其他',
} as const
export type CampaignKind = keyof typeof CAMPAIGN_KINDS
export const CAMPAIGN_KIND_KEYS = keysOf(CAMPAIGN_KINDS)

/**
 * first_come: claim during the window until the stock is gone (then a waitlist).
 * lottery: enter during the window; after it closes a verifiable draw picks the winners (see LOTTERY_DRAW_ALGORITHM in ./draw-algorithm.ts).
 */
export const CAMPAIGN_MODES = {
  first_come: '先到先得',
  lottery: '抽签',
} as const
export type CampaignMode = keyof typeof CAMPAIGN_MODES
export const CAMPAIGN_MODE_KEYS = keysOf(CAMPAIGN_MODES)

/** Per-member limit period: a calendar month (Asia/Shanghai) across all campaigns of the same kind, or per campaign. */
export const LIMIT_PERIODS = {
  calendar_month: '每自然月（同类券合计）',
  campaign: '每场活动',
} as const
export type LimitPeriod = keyof typeof LIMIT_PERIODS
export const LIMIT_PERIOD_KEYS = keysOf(LIMIT_PERIODS)

export const VOUCHER_STATES = {
  unused: '未使用',
  used: '已使用',
  expired: '已过期',
  returned: '已退回',
} as const
export type VoucherState = keyof typeof VOUCHER_STATES
export const VOUCHER_STATE_KEYS = keysOf(VOUCHER_STATES)

/** Where a campaign stands for the caller at server time. */
export const CAMPAIGN_PHASES = {
  upcoming: '未开始',
  open: '进行中',
  sold_out: '已领完',
  closed: '已结束',
} as const
export type CampaignPhase = keyof typeof CAMPAIGN_PHASES
export const CAMPAIGN_PHASE_KEYS = keysOf(CAMPAIGN_PHASES)

/** Header carrying the client's idempotency key on POST /api/vouchers/campaigns/:id/claim. */
export const IDEMPOTENCY_HEADER = 'idempotency-key'
/** Accepted idempotency keys: a UUID or any 8–64 characters of [A-Za-z0-9_-]. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/

/** How a voucher came to its holder. */
export const VOUCHER_SOURCES = {
  claim: '抢券',
  lottery: '中签',
  waitlist: '候补',
} as const
export type VoucherSource = keyof typeof VOUCHER_SOURCES
export const VOUCHER_SOURCE_KEYS = keysOf(VOUCHER_SOURCES)

/** Why a voucher is 已退回: the holder gave it back, or a lottery winner did not confirm in time. */
export const RETURN_REASONS = {
  cancelled: '本人退回',
  unconfirmed: '未在时限内确认',
} as const
export type ReturnReason = keyof typeof RETURN_REASONS
export const RETURN_REASON_KEYS = keysOf(RETURN_REASONS)

/** A member's lottery entry: entered until the draw, then won or lost. */
export const ENTRY_STATES = {
  entered: '已报名',
  won: '中签',
  lost: '未中签',
} as const
export type EntryState = keyof typeof ENTRY_STATES
export const ENTRY_STATE_KEYS = keysOf(ENTRY_STATES)

/** A waitlist place: waiting in line, granted a voucher, left by the member, or skipped (limit reached meanwhile). */
export const WAITLIST_STATES = {
  waiting: '候补中',
  granted: '候补成功',
  left: '已退出候补',
  skipped: '已跳过（已达领取上限）',
} as const
export type WaitlistState = keyof typeof WAITLIST_STATES
export const WAITLIST_STATE_KEYS = keysOf(WAITLIST_STATES)

/** Outcome of one offline-queued scan in POST /api/vouchers/redeem-batch. */
export const REDEEM_OUTCOMES = {
  redeemed: '核销成功',
  already_used: '已使用过',
  wrong_venue: '非本场馆券',
  expired: '已过期',
  not_found: '券码无效',
  /** Refused: the scan time is not credible (before the phone's last sync, over 24 h ago, or before the claim). */
  stale: '扫码时间无效',
} as const
export type RedeemOutcome = keyof typeof REDEEM_OUTCOMES
export const REDEEM_OUTCOME_KEYS = keysOf(REDEEM_OUTCOMES)

/** Lottery winners confirm within this many hours after the draw unless the campaign sets its own. */
export const DEFAULT_CONFIRM_HOURS = 48


/** An unused voucher's holder is reminded once when its validity ends within this many hours. */
export const EXPIRY_REMINDER_HOURS = 24
