/** Events (活动报名) enumerations, Chinese labels and small pure helpers, shared by server and app. Zod-free. */
import { keysOf } from '../labels'

export const EVENT_KINDS = {
  skills_competition: '技能竞赛',
  labour_competition: '劳动竞赛',
  sports_culture: '文体活动',
  recuperation: '疗休养',
  training: '培训课程',
  volunteer: '志愿服务',
} as const
export type EventKind = keyof typeof EVENT_KINDS
export const EVENT_KIND_KEYS = keysOf(EVENT_KINDS)

/** Kinds with scores and a ranking (成绩 / 名次). The others show attendance (出勤) instead. */
export const SCORED_KINDS: readonly EventKind[] = ['skills_competition', 'labour_competition']
export const isScoredKind = (k: EventKind): boolean => SCORED_KINDS.includes(k)

/** Kinds created in approval mode unless the organiser says otherwise (competitions and trips). */
export const APPROVAL_DEFAULT_KINDS: readonly EventKind[] = ['skills_competition', 'labour_competition', 'recuperation']
export const defaultApprovalMode = (k: EventKind): ApprovalMode => (APPROVAL_DEFAULT_KINDS.includes(k) ? 'manual' : 'auto')

export const APPROVAL_MODES = {
  auto: '报名即成功',
  manual: '需主办方审核',
} as const
export type ApprovalMode = keyof typeof APPROVAL_MODES
export const APPROVAL_MODE_KEYS = keysOf(APPROVAL_MODES)

export const ENTRY_MODES = {
  individual: '个人报名',
  team: '团队报名',
} as const
export type EntryMode = keyof typeof ENTRY_MODES
export const ENTRY_MODE_KEYS = keysOf(ENTRY_MODES)

/** Custom question types the organiser can add to the registration form. */
export const QUESTION_TYPES = {
  short_text: '简答',
  number: '数字',
  single_choice: '单选',
  multi_choice: '多选',
  file: '图片/文件',
} as const
export type QuestionType = keyof typeof QUESTION_TYPES
export const QUESTION_TYPE_KEYS = keysOf(QUESTION_TYPES)

/**
 * Registration status as returned by the server. `no_show` is never stored: a `confirmed` registration
 * whose event has ended is reported as `no_show` (computed on read). `waitlisted` comes with
 * `waitlistPosition` — show it with `registrationStatusText`.
 */
export const REGISTRATION_STATUSES = {
  pending: '待审核',
  confirmed: '已报名',
  waitlisted: '候补',
  cancelled: '已取消',
  rejected: '未通过',
  checked_in: '已签到',
  no_show: '未到',
} as const
export type RegistrationStatus = keyof typeof REGISTRATION_STATUSES
export const REGISTRATION_STATUS_KEYS = keysOf(REGISTRATION_STATUSES)

/** '候补第3位' for a waitlisted registration, else the plain label. */
export function registrationStatusText(status: RegistrationStatus, waitlistPosition?: number | null): string {
  if (status === 'waitlisted' && waitlistPosition) return `候补第${waitlistPosition}位`
  return REGISTRATION_STATUSES[status]
}

/**
 * Where an event stands at server time (`Event.phase`):
 * not_open — registration not open yet; registering — inside the registration window and not started;
 * upcoming — registration closed, not started; ongoing — between start and end; ended — after the end.
 */
export const EVENT_PHASES = {
  not_open: '未开始报名',
  registering: '报名中',
  upcoming: '即将开始',
  ongoing: '进行中',
  ended: '已结束',
} as const
export type EventPhase = keyof typeof EVENT_PHASES
export const EVENT_PHASE_KEYS = keysOf(EVENT_PHASES)

/**
 * Discovery filter chips (`phase` query of GET /api/events): registering = phase registering;
 * upcoming = not_open | upcoming | ongoing (not yet over, cannot register right now); ended = phase ended.
 */
export const EVENT_PHASE_FILTERS = {
  registering: '报名中',
  upcoming: '即将开始',
  ended: '已结束',
} as const
export type EventPhaseFilter = keyof typeof EVENT_PHASE_FILTERS
export const EVENT_PHASE_FILTER_KEYS = keysOf(EVENT_PHASE_FILTERS)

/** Industries an organiser may restrict an event to (面向行业). See Event.eligibleIndustries. */
export const INDUSTRIES = {
  manufacturing: '制造业',
  construction: '建筑业',
  logistics: '交通运输和物流',
  retail: '批发零售',
  hospitality: '住宿餐饮',
  it: '信息技术',
  health: '医疗卫生',
  education: '教育',
  public_service: '公共管理和服务',
  other: '其他行业',
} as const
export type Industry = keyof typeof INDUSTRIES
export const INDUSTRY_KEYS = keysOf(INDUSTRIES)

/** Organiser decisions on pending registrations. */
export const DECISIONS = {
  approve: '通过',
  reject: '不通过',
} as const
export type Decision = keyof typeof DECISIONS
export const DECISION_KEYS = keysOf(DECISIONS)

/** "My events" tabs: upcoming = the event has not ended; past = ended (or cancelled/rejected and over). */
export const MY_EVENTS_SCOPES = {
  upcoming: '即将参加',
  past: '历史活动',
} as const
export type MyEventsScope = keyof typeof MY_EVENTS_SCOPES
export const MY_EVENTS_SCOPE_KEYS = keysOf(MY_EVENTS_SCOPES)

/**
 * No-show rule defaults: `limit` no-shows among events that ended within `windowDays` → registration refused
 * for `banDays` after the no-show that reached the limit. The server may override them (config), and
 * always states the actual reason and end date in its 409 message.
 */
export const NO_SHOW_RULE = { limit: 3, windowDays: 90, banDays: 30 } as const

/** Answer files: types the server accepts (sniffed from the bytes) and the size limit of one file. */
export const ANSWER_FILE_MIMES = ['image/jpeg', 'image/png', 'image/webp', 'application/pdf'] as const
export type AnswerFileMime = (typeof ANSWER_FILE_MIMES)[number]
export const ANSWER_FILE_MAX_BYTES = 2 * 1024 * 1024
/** Files per file question. */
export const ANSWER_FILES_MAX = 3

/**
 * QR contents.
 * - A member's check-in QR encodes `CheckinCode.code` (signed for the member's session, valid ~60 s; the page
 *   fetches a new one every ~30 s); the organiser's scanner (or H5 paste box) sends it to
 *   POST /api/events/manage/events/:id/checkin.
 * - The event QR the organiser shows encodes `eventQrText(token)`; the member's scanner extracts the token
 *   with `parseEventQr` and sends it to POST /api/events/checkin.
 */
export const EVENT_QR_PREFIX = 'UNIONEVT:'
export const eventQrText = (token: string): string => `${EVENT_QR_PREFIX}${token}`
export function parseEventQr(text: string): string | null {
  const t = text.trim()
  if (!t.startsWith(EVENT_QR_PREFIX)) return null
  const token = t.slice(EVENT_QR_PREFIX.length)
  return token.length > 0 ? token : null
}
/** A member's check-in code as scanned/pasted: whitespace removed (letters are case-sensitive). */
export const normaliseRegistrationCode = (text: string): string => text.replace(/\s+/g, '')
/** Fetch a new member check-in code this often while it is shown (each lives ~60 s). */
export const CHECKIN_CODE_REFRESH_MS = 30_000

/** Team invitation codes: this many characters of [A-Z2-9] (no 0/O/1/I), random. */
export const INVITE_CODE_LENGTH = 8
/** An invitation code as typed or pasted: separators and spaces removed, upper case. */
export const normaliseInviteCode = (text: string): string => text.replace(/[^0-9A-Za-z]/g, '').toUpperCase()
/** '组队中（1/3 人）' while a team has fewer than its minimum members, else null. */
export function teamShortfallText(team: { size: number; minSize: number; complete: boolean }): string | null {
  return team.complete ? null : `组队中（${team.size}/${team.minSize} 人）`
}

/** In-app message kinds sent by events (Notification.kind). */
export const EVENT_NOTIFICATION_KINDS = {
  promoted: 'events.promoted',
  approved: 'events.approved',
  rejected: 'events.rejected',
  /** Team changes: someone joined / left / was removed, the team became complete or incomplete, it was closed. */
  teamJoined: 'events.team_joined',
  teamLeft: 'events.team_left',
  teamRemoved: 'events.team_removed',
  teamComplete: 'events.team_complete',
  teamIncomplete: 'events.team_incomplete',
  teamClosed: 'events.team_closed',
  /** The day before the event: 正式 registrations (the team's members too) are told when and where. */
  reminder: 'events.reminder',
} as const

/** How long before an event's start its reminder goes out (the day before). */
export const EVENT_REMINDER_AHEAD_HOURS = 24
