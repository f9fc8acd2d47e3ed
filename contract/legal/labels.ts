/** 法律援助 (legal aid): labels, limits and the hotline, shared by server and app. Zod-free. */
import { keysOf } from '../labels'

/** 全国总工会职工维权服务热线. */
export const LEGAL_HOTLINE = '12351'

/** The first answer to a member is promised within this many working days (China time, weekends skipped). */
export const LEGAL_FIRST_RESPONSE_WORKING_DAYS = 1

export const LEGAL_DISPUTE_KINDS = {
  unpaid_wages: '欠薪',
  contract: '劳动合同',
  injury: '工伤',
  social_insurance: '社保',
  dismissal: '解除/辞退',
  other: '其他',
} as const
export type LegalDisputeKind = keyof typeof LEGAL_DISPUTE_KINDS
export const LEGAL_DISPUTE_KIND_KEYS = keysOf(LEGAL_DISPUTE_KINDS)

export const LEGAL_CONTACT_PREFS = {
  phone: '电话联系',
  in_person: '到工会面谈',
  online: '在线回复即可',
} as const
export type LegalContactPref = keyof typeof LEGAL_CONTACT_PREFS
export const LEGAL_CONTACT_PREF_KEYS = keysOf(LEGAL_CONTACT_PREFS)

export const LEGAL_CONTACT_TIMES = {
  any: '任何时间',
  weekday_day: '工作日白天',
  weekday_evening: '工作日晚上',
  weekend: '周末',
} as const
export type LegalContactTime = keyof typeof LEGAL_CONTACT_TIMES
export const LEGAL_CONTACT_TIME_KEYS = keysOf(LEGAL_CONTACT_TIMES)

/** Where a case stands. */
export const LEGAL_STATUSES = {
  submitted: '待受理',
  in_progress: '处理中',
  awaiting_member: '待您补充',
  scheduled: '已预约咨询',
  closed: '已结案',
} as const
export type LegalStatus = keyof typeof LEGAL_STATUSES
export const LEGAL_STATUS_KEYS = keysOf(LEGAL_STATUSES)

/** How a case ends. `withdrawn` is the member's own; staff close with any other. */
export const LEGAL_OUTCOMES = {
  answered: '已解答',
  mediated: '调解成功',
  arbitration: '转劳动仲裁',
  legal_aid_center: '转法律援助中心',
  withdrawn: '撤回',
} as const
export type LegalOutcome = keyof typeof LEGAL_OUTCOMES
export const LEGAL_OUTCOME_KEYS = keysOf(LEGAL_OUTCOMES)
export const LEGAL_STAFF_OUTCOME_KEYS = ['answered', 'mediated', 'arbitration', 'legal_aid_center'] as const
export type LegalStaffOutcome = (typeof LEGAL_STAFF_OUTCOME_KEYS)[number]

export const LEGAL_SESSION_MODES = { phone: '电话咨询', in_person: '面谈' } as const
export type LegalSessionMode = keyof typeof LEGAL_SESSION_MODES
export const LEGAL_SESSION_MODE_KEYS = keysOf(LEGAL_SESSION_MODES)

/** The entries of a case's thread. */
export const LEGAL_ENTRY_KINDS = {
  submitted: '提交咨询',
  taken: '已受理',
  reply: '专员答复',
  request_info: '请您补充情况',
  member_message: '会员留言',
  scheduled: '已预约咨询',
  closed: '已结案',
  withdrawn: '已撤回',
  rated: '服务评价',
} as const
export type LegalEntryKind = keyof typeof LEGAL_ENTRY_KINDS
export const LEGAL_ENTRY_KIND_KEYS = keysOf(LEGAL_ENTRY_KINDS)

export const LEGAL_EMPLOYER_MAX = 100
export const LEGAL_DESCRIPTION_MIN = 10
export const LEGAL_DESCRIPTION_MAX = 2000
export const LEGAL_MESSAGE_MAX = 2000
export const LEGAL_ATTACHMENTS_MAX = 6
export const LEGAL_RATING_COMMENT_MAX = 300
export const LEGAL_DOCUMENT_MAX_BYTES = 8 * 1024 * 1024
export const LEGAL_DOCUMENT_MAX_LABEL = '8 MB'
export const LEGAL_DOCUMENT_LINK_TTL_SECONDS = 600

/** In-app message kind of every change of a case the member is told of. */
export const LEGAL_NOTIFICATION_KIND = 'legal.case'
