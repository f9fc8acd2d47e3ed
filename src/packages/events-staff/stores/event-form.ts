/**
 * 新建活动 / 编辑活动 as a form: the state the page edits (text as typed), its starting values (new, or from the
 * stored event), the request body it becomes, and the Chinese messages for what the contract's schema refuses.
 * Pure TS (dayjs only), no Taro.
 */
import type { EventInput, Event } from '@contract/events/schemas'
import type { ApprovalMode, EntryMode, EventKind, QuestionType } from '@contract/events/labels'
import type { EmploymentType } from '@contract/membership/labels'
import { dayjs } from '../../../utils/date'

export interface QuestionForm {
  label: string
  type: QuestionType
  required: boolean
  /** Comma-separated choices (choice types only). */
  options: string
  /** Kept from an edited event (not edited here). */
  hint: string
}

export interface FormState {
  kind: EventKind | ''
  /** '' = the kind's default (defaultApprovalMode). */
  approvalMode: ApprovalMode | ''
  entryMode: EntryMode
  title: string
  description: string
  placeName: string
  placeAddress: string
  lat: string
  lng: string
  capacity: string
  teamMinSize: string
  teamMaxSize: string
  registrationOpensAt: string
  registrationClosesAt: string
  startsAt: string
  endsAt: string
  cancelCutoffHours: string
  /** Empty = every member of the union's subtree. */
  eligibleEmploymentTypes: EmploymentType[]
  questions: QuestionForm[]
  orgId: number | null
  /** Not edited on this page; kept so an edit sends them back unchanged. */
  keep: Pick<EventInput, 'eligibleIndustries' | 'checkinOpensMinutes' | 'scoreUnit' | 'higherScoreWins'>
}

export type TextKey =
  | 'title'
  | 'placeName'
  | 'placeAddress'
  | 'capacity'
  | 'teamMinSize'
  | 'teamMaxSize'
  | 'registrationOpensAt'
  | 'registrationClosesAt'
  | 'startsAt'
  | 'endsAt'
  | 'cancelCutoffHours'

export const TIME_FORMAT = 'YYYY-MM-DD HH:mm'
export const CHOICE_TYPES: readonly QuestionType[] = ['single_choice', 'multi_choice']
export const MAX_QUESTIONS = 20
export const emptyQuestion = (): QuestionForm => ({ label: '', type: 'short_text', required: false, options: '', hint: '' })

/** A new event: registration opens within the hour, the event in two weeks. */
export function initialForm(orgId: number | null, now: number = Date.now()): FormState {
  const opens = dayjs(now).add(1, 'hour').minute(0)
  const starts = dayjs(now).add(14, 'day').hour(9).minute(0)
  return {
    kind: '',
    approvalMode: '',
    entryMode: 'individual',
    title: '',
    description: '',
    placeName: '',
    placeAddress: '',
    lat: '',
    lng: '',
    capacity: '50',
    teamMinSize: '',
    teamMaxSize: '',
    registrationOpensAt: opens.format(TIME_FORMAT),
    registrationClosesAt: starts.subtract(3, 'day').hour(18).format(TIME_FORMAT),
    startsAt: starts.format(TIME_FORMAT),
    endsAt: starts.hour(17).format(TIME_FORMAT),
    cancelCutoffHours: '24',
    eligibleEmploymentTypes: [],
    questions: [],
    orgId,
    keep: { eligibleIndustries: null, checkinOpensMinutes: 30, scoreUnit: '分', higherScoreWins: true },
  }
}

export function fromEvent(e: Event): FormState {
  const t = (iso: string) => dayjs(iso).format(TIME_FORMAT)
  return {
    kind: e.kind,
    approvalMode: e.approvalMode,
    entryMode: e.entryMode,
    title: e.title,
    description: e.description,
    placeName: e.place.name,
    placeAddress: e.place.address,
    lat: String(e.place.lat),
    lng: String(e.place.lng),
    capacity: String(e.capacity),
    teamMinSize: e.teamMinSize === null ? '' : String(e.teamMinSize),
    teamMaxSize: e.teamMaxSize === null ? '' : String(e.teamMaxSize),
    registrationOpensAt: t(e.registrationOpensAt),
    registrationClosesAt: t(e.registrationClosesAt),
    startsAt: t(e.startsAt),
    endsAt: t(e.endsAt),
    cancelCutoffHours: String(e.cancelCutoffHours),
    eligibleEmploymentTypes: e.eligibleEmploymentTypes ?? [],
    questions: e.questions.map((q) => ({ label: q.label, type: q.type, required: q.required, options: q.options.join('，'), hint: q.hint })),
    orgId: e.orgId,
    keep: { eligibleIndustries: e.eligibleIndustries, checkinOpensMinutes: e.checkinOpensMinutes, scoreUnit: e.scoreUnit, higherScoreWins: e.higherScoreWins },
  }
}

/** A device copy that is this form (and not something else kept under a key once shared with another form). */
export function isFormState(v: unknown): v is FormState {
  const f = v as Partial<FormState> | null
  return !!f && typeof f === 'object' && typeof f.title === 'string' && Array.isArray(f.questions) && Array.isArray(f.eligibleEmploymentTypes)
}

/** "2026-12-05 09:00" (phone's local time) → ISO with offset, or '' so the schema reports it. */
function toInstant(v: string): string {
  const d = dayjs(v.trim())
  return /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/.test(v.trim()) && d.isValid() ? d.format() : ''
}
const num = (v: string) => (v.trim() ? Number(v) : NaN)
const splitOptions = (v: string) => v.split(/[,，、]/).map((s) => s.trim()).filter(Boolean)

/** The request body from the form (checked with EventInput before sending). */
export function toInput(f: FormState): Record<string, unknown> {
  const team = f.entryMode === 'team'
  return {
    kind: f.kind || undefined,
    title: f.title,
    description: f.description,
    orgId: f.orgId ?? undefined,
    startsAt: toInstant(f.startsAt),
    endsAt: toInstant(f.endsAt),
    place: { name: f.placeName, address: f.placeAddress, lat: num(f.lat), lng: num(f.lng) },
    capacity: num(f.capacity),
    registrationOpensAt: toInstant(f.registrationOpensAt),
    registrationClosesAt: toInstant(f.registrationClosesAt),
    eligibleEmploymentTypes: f.eligibleEmploymentTypes.length ? f.eligibleEmploymentTypes : null,
    entryMode: f.entryMode,
    teamMinSize: team ? num(f.teamMinSize) : null,
    teamMaxSize: team ? num(f.teamMaxSize) : null,
    approvalMode: f.approvalMode || undefined,
    cancelCutoffHours: num(f.cancelCutoffHours),
    ...f.keep,
    questions: f.questions.map((q) => ({
      label: q.label,
      type: q.type,
      required: q.required,
      ...(CHOICE_TYPES.includes(q.type) ? { options: splitOptions(q.options) } : {}),
      hint: q.hint,
    })),
  }
}

const TIME_KEYS = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt']
const INT_KEYS = ['capacity', 'teamMinSize', 'teamMaxSize', 'cancelCutoffHours']
const EMPTY_INT: Record<string, string> = {
  capacity: '请填写名额',
  teamMinSize: '请填写团队人数范围',
  teamMaxSize: '请填写团队人数范围',
  cancelCutoffHours: '请填写小时数（0 表示开始前都可取消）',
}
const chinese = (m: string) => /[\u4e00-\u9fa5]/.test(m)

/** What the schema refused, per field path, in words an organiser understands (the schema's own where Chinese). */
export function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string }[], f: FormState): Record<string, string> {
  const e: Record<string, string> = {}
  for (const i of issues) {
    const k = i.path.map(String).join('.')
    if (e[k]) continue
    if (k === 'place.lat' || k === 'place.lng') e[k] = '请填写经纬度，或点击“使用当前位置”'
    else if (k === 'orgId') e[k] = '请选择主办工会'
    else if (TIME_KEYS.includes(k)) e[k] = i.message.includes('须') || i.message.includes('不能') ? i.message : `请按“2026-12-05 09:00”的格式填写时间`
    else if (INT_KEYS.includes(k)) e[k] = !f[k as TextKey].trim() ? EMPTY_INT[k] : chinese(i.message) ? i.message : k === 'cancelCutoffHours' ? '请填写 0 以上的整数' : '请填写整数'
    else e[k] = chinese(i.message) ? i.message : '请检查此项'
  }
  return e
}
