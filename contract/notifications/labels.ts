/**
 * WeChat subscription messages (订阅消息), zod-free (the app reads it at runtime).
 *
 * A notification kind maps to at most one template; the template's id comes from the server's environment
 * (README, configuration: `WECHAT_TMPL_*`). A kind with no template — or whose template has no id configured — is a
 * message in the message centre only. One template serves several kinds (审核结果 for approved and rejected), so a
 * single acceptance at the tap that starts a process covers whichever outcome follows.
 */

/**
 * Every notification kind the server can emit — a closed list: `notify()` accepts only these, and
 * server/test/notifications-kinds.test.ts drives each through the real API into the recipient's message centre (a kind
 * added here without a scenario there fails that test). Dotted, capability first; the capabilities' own constants
 * (EVENT_NOTIFICATION_KINDS, BOOKING_NOTIFICATION_KINDS, LEGAL_NOTIFICATION_KIND, STATION_REPORT_RESOLVED) name
 * members of this list.
 */
export const NOTIFICATION_KINDS = [
  'membership.approved',
  'membership.rejected',
  'membership.departed',
  'membership.correction_approved',
  'membership.correction_rejected',
  'vouchers.waitlist_granted',
  'vouchers.lottery_won',
  'vouchers.lottery_lost',
  'vouchers.win_lapsed',
  'vouchers.expiring',
  'events.approved',
  'events.rejected',
  'events.promoted',
  'events.team_joined',
  'events.team_left',
  'events.team_removed',
  'events.team_complete',
  'events.team_incomplete',
  'events.team_closed',
  'events.reminder',
  'relief.stage',
  'legal.case',
  'bookings.reminder',
  'bookings.slot_cancelled',
  'stations.report_resolved',
  'moderation.rejected',
  'vouchers.new_campaign',
] as const

export type NotificationKind = (typeof NOTIFICATION_KINDS)[number]

/**
 * Marketing-like kinds (新福利活动、新活动上线 announcements): the ONE place that says which kinds are marketing. A
 * member who closed them in 我的 → 消息设置 gets no message of these kinds at all (notify() drops it), while every
 * notice about their own applications, vouchers and bookings always reaches the message centre. An announcement
 * kind added to NOTIFICATION_KINDS is listed here too — and has no subscription template: a marketing notice never
 * spends a member's one-time WeChat credit (announcements reach the message centre only).
 */
export const MARKETING_KINDS: readonly NotificationKind[] = [
  // 新福利上线: a voucher campaign published for the member's union (modules/vouchers/campaigns.ts → announce()).
  'vouchers.new_campaign',
]

export function isMarketingKind(kind: NotificationKind): boolean {
  return MARKETING_KINDS.includes(kind)
}

/** Where a template field's value comes from: the message's title, body, time, or a short outcome word for the kind. */
export type TemplateSource = 'title' | 'body' | 'time' | 'status'

/** WeChat's keyword types (the part before the digits: thing1 → thing). */
export type TemplateFieldType =
  | 'thing'
  | 'phrase'
  | 'time'
  | 'date'
  | 'name'
  | 'number'
  | 'letter'
  | 'symbol'
  | 'character_string'
  | 'amount'
  | 'phone_number'
  | 'car_number'

export interface SubscribeTemplateDef {
  /** The environment variable holding this template's id. */
  env: string
  /** What the member is asked to subscribe to (README, 消息设置). */
  label: string
  /** When it is sent, in the member's words (消息设置). */
  hint: string
  /** Notification kinds sent with this template. */
  kinds: readonly NotificationKind[]
  /** The template's keywords (as chosen in the WeChat admin console) and what fills each. */
  fields: Readonly<Record<string, TemplateSource>>
}

export const SUBSCRIBE_TEMPLATES = {
  join_result: {
    env: 'WECHAT_TMPL_JOIN_RESULT',
    label: '入会审核结果',
    hint: '入会申请通过或未通过时',
    kinds: ['membership.approved', 'membership.rejected'],
    fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' },
  },
  voucher_result: {
    env: 'WECHAT_TMPL_VOUCHER_RESULT',
    label: '福利券领取结果',
    hint: '候补到券、抽签结果公布、中签未确认失效、券到期前一天时',
    kinds: ['vouchers.waitlist_granted', 'vouchers.lottery_won', 'vouchers.lottery_lost', 'vouchers.win_lapsed', 'vouchers.expiring'],
    fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' },
  },
  event_result: {
    env: 'WECHAT_TMPL_EVENT_RESULT',
    label: '活动报名结果',
    hint: '活动报名审核结果、候补递补、活动开始前一天时',
    kinds: ['events.approved', 'events.rejected', 'events.promoted', 'events.reminder'],
    fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' },
  },
  relief_progress: {
    env: 'WECHAT_TMPL_RELIEF_PROGRESS',
    label: '帮扶申请进度',
    hint: '帮扶救助申请每进入一个新阶段时',
    kinds: ['relief.stage'],
    fields: { thing1: 'title', thing2: 'body', time3: 'time' },
  },
  legal_reply: {
    env: 'WECHAT_TMPL_LEGAL_REPLY',
    label: '法律援助答复',
    hint: '法律援助专员受理、答复、预约或结案时',
    kinds: ['legal.case'],
    fields: { thing1: 'title', thing2: 'body', time3: 'time' },
  },
  booking_reminder: {
    env: 'WECHAT_TMPL_BOOKING_REMINDER',
    label: '预约提醒',
    hint: '预约的时段开始前一天',
    kinds: ['bookings.reminder'],
    fields: { thing1: 'title', thing2: 'body', time3: 'time' },
  },
  membership_change: {
    env: 'WECHAT_TMPL_MEMBERSHIP_CHANGE',
    label: '会籍变更结果',
    hint: '退会生效、姓名或手机号更正审核后',
    kinds: ['membership.departed', 'membership.correction_approved', 'membership.correction_rejected'],
    fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' },
  },
} as const satisfies Record<string, SubscribeTemplateDef>

export type SubscribeTemplateKey = keyof typeof SUBSCRIBE_TEMPLATES
export const SUBSCRIBE_TEMPLATE_KEYS = Object.keys(SUBSCRIBE_TEMPLATES) as SubscribeTemplateKey[]

/** The template a notification kind is sent with, or null (message centre only). */
export function templateOfKind(kind: NotificationKind): SubscribeTemplateKey | null {
  for (const key of SUBSCRIBE_TEMPLATE_KEYS) {
    if ((SUBSCRIBE_TEMPLATES[key].kinds as readonly NotificationKind[]).includes(kind)) return key
  }
  return null
}

/** A short outcome word per kind (a `phrase` field: ≤ 5 Chinese characters). */
export const KIND_STATUS: Readonly<Partial<Record<NotificationKind, string>>> = {
  'membership.approved': '已通过',
  'membership.rejected': '未通过',
  'membership.departed': '已退会',
  'membership.correction_approved': '已更正',
  'membership.correction_rejected': '未更正',
  'vouchers.waitlist_granted': '候补成功',
  'vouchers.lottery_won': '已中签',
  'vouchers.lottery_lost': '未中签',
  'vouchers.win_lapsed': '已失效',
  'vouchers.expiring': '即将到期',
  'events.approved': '已通过',
  'events.rejected': '未通过',
  'events.promoted': '候补成功',
  'events.reminder': '即将开始',
}

/** WeChat allows at most 3 template ids per requestSubscribeMessage call. */
export const SUBSCRIBE_MAX_PER_REQUEST = 3
/** A member's unspent acceptances of one template are capped (each acceptance allows one message). */
export const SUBSCRIBE_MAX_CREDITS = 20
