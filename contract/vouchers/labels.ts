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

/** Only `first_come` is implemented; `lottery` is reserved (creating one is refused for now). */
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
