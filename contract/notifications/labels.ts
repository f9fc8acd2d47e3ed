/**
 * WeChat subscription messages (订阅消息), zod-free (the app reads it at runtime).
 *
 * A notification kind maps to at most one template; the template's id comes from the server's environment
 * (README, configuration: `WECHAT_TMPL_*`). A kind with no template — or whose template has no id configured — is a
 * message in the message centre only. One template serves several kinds (审核结果 for approved and rejected), so a
 * single acceptance at the tap that starts a process covers whichever outcome follows.
 */

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
  /** Notification kinds sent with this template. */
  kinds: readonly string[]
  /** The template's keywords (as chosen in the WeChat admin console) and what fills each. */
  fields: Readonly<Record<string, TemplateSource>>
}

export const SUBSCRIBE_TEMPLATES = {
  join_result: {
    env: 'WECHAT_TMPL_JOIN_RESULT',
    label: '入会审核结果',
    kinds: ['membership.approved', 'membership.rejected'],
    fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' },
  },
  voucher_result: {
    env: 'WECHAT_TMPL_VOUCHER_RESULT',
    label: '福利券领取结果',
    kinds: ['vouchers.waitlist_granted', 'vouchers.lottery_won', 'vouchers.lottery_lost', 'vouchers.win_lapsed'],
    fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' },
  },
  event_result: {
    env: 'WECHAT_TMPL_EVENT_RESULT',
    label: '活动报名结果',
    kinds: ['events.approved', 'events.rejected', 'events.promoted'],
    fields: { thing1: 'title', phrase2: 'status', thing3: 'body', time4: 'time' },
  },
  relief_progress: {
    env: 'WECHAT_TMPL_RELIEF_PROGRESS',
    label: '帮扶申请进度',
    kinds: ['relief.stage'],
    fields: { thing1: 'title', thing2: 'body', time3: 'time' },
  },
  legal_reply: {
    env: 'WECHAT_TMPL_LEGAL_REPLY',
    label: '法律援助答复',
    kinds: ['legal.case'],
    fields: { thing1: 'title', thing2: 'body', time3: 'time' },
  },
} as const satisfies Record<string, SubscribeTemplateDef>

export type SubscribeTemplateKey = keyof typeof SUBSCRIBE_TEMPLATES
export const SUBSCRIBE_TEMPLATE_KEYS = Object.keys(SUBSCRIBE_TEMPLATES) as SubscribeTemplateKey[]

/** The template a notification kind is sent with, or null (message centre only). */
export function templateOfKind(kind: string): SubscribeTemplateKey | null {
  for (const key of SUBSCRIBE_TEMPLATE_KEYS) {
    if ((SUBSCRIBE_TEMPLATES[key].kinds as readonly string[]).includes(kind)) return key
  }
  return null
}

/** A short outcome word per kind (a `phrase` field: ≤ 5 Chinese characters). */
export const KIND_STATUS: Readonly<Record<string, string>> = {
  'membership.approved': '已通过',
  'membership.rejected': '未通过',
  'vouchers.waitlist_granted': '候补成功',
  'vouchers.lottery_won': '已中签',
  'vouchers.lottery_lost': '未中签',
  'vouchers.win_lapsed': '已失效',
  'events.approved': '已通过',
  'events.rejected': '未通过',
  'events.promoted': '候补成功',
}

/** WeChat allows at most 3 template ids per requestSubscribeMessage call. */
export const SUBSCRIBE_MAX_PER_REQUEST = 3
/** A member's unspent acceptances of one template are capped (each acceptance allows one message). */
export const SUBSCRIBE_MAX_CREDITS = 20
