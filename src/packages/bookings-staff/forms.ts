/**
 * 在线预约 staff forms (no Taro): the service form and the slot form as typed, checked with the contract's schemas
 * before sending, and a server refusal put beside its field by its `reason` (never by its message text).
 */
import { ServiceInput, SlotInput } from '@contract/bookings/schemas'
import { BookingReasons } from '@contract/bookings/reasons'
import type { BookingServiceKind } from '@contract/bookings/labels'
import { isApiError } from '../../api/errors'
import { dayjs } from '../../utils/date'

export const TIME_FORMAT = 'YYYY-MM-DD HH:mm'

export interface ServiceForm {
  orgId: number | null
  kind: BookingServiceKind | ''
  title: string
  description: string
}
export type ServiceField = keyof ServiceForm

export interface SlotForm {
  startsAt: string
  endsAt: string
  place: string
  capacity: string
}
export type SlotField = keyof SlotForm

export type Errors<K extends string> = Partial<Record<K, string>>
export type Checked<B, K extends string> = { ok: true; body: B } | { ok: false; errors: Errors<K> }

export const emptyService = (orgId: number | null): ServiceForm => ({ orgId, kind: '', title: '', description: '' })

/** A new slot starts tomorrow 09:00–11:00 (a shape to edit, not a guess to keep). */
export function emptySlot(now: number = Date.now()): SlotForm {
  const s = dayjs(now).add(1, 'day').hour(9).minute(0).second(0)
  return { startsAt: s.format(TIME_FORMAT), endsAt: s.add(2, 'hour').format(TIME_FORMAT), place: '', capacity: '10' }
}

export function isServiceForm(v: unknown): v is ServiceForm {
  const f = v as ServiceForm
  return !!f && typeof f === 'object' && typeof f.title === 'string' && typeof f.description === 'string' && typeof f.kind === 'string'
}

/** '2026-12-05 09:00' (China time as the device shows it) → ISO with offset; '' when not that shape. */
export function toInstant(v: string): string {
  const t = v.trim()
  const d = dayjs(t)
  return /^\d{4}-\d{1,2}-\d{1,2} \d{1,2}:\d{2}$/.test(t) && d.isValid() ? d.format() : ''
}

function firstIssues<K extends string>(issues: readonly { path: readonly PropertyKey[]; message: string }[], keys: readonly K[]): Errors<K> {
  const out: Errors<K> = {}
  for (const i of issues) {
    const k = String(i.path[0] ?? '') as K
    if (keys.includes(k) && !out[k]) out[k] = i.message
  }
  return out
}

const SERVICE_KEYS: readonly ServiceField[] = ['orgId', 'kind', 'title', 'description']
const SLOT_KEYS: readonly SlotField[] = ['startsAt', 'endsAt', 'place', 'capacity']

export function checkService(f: ServiceForm): Checked<ServiceInput, ServiceField> {
  const errors: Errors<ServiceField> = {}
  if (f.orgId === null) errors.orgId = '请选择所属工会'
  const parsed = ServiceInput.safeParse({ orgId: f.orgId ?? -1, kind: f.kind || undefined, title: f.title, description: f.description })
  if (!parsed.success) Object.assign(errors, { ...firstIssues(parsed.error.issues, SERVICE_KEYS), ...errors })
  if (errors.kind) errors.kind = '请选择服务类别'
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, body: parsed.data }
}

export function checkSlot(f: SlotForm): Checked<SlotInput, SlotField> {
  const errors: Errors<SlotField> = {}
  const startsAt = toInstant(f.startsAt)
  const endsAt = toInstant(f.endsAt)
  if (!startsAt) errors.startsAt = `请按 ${TIME_FORMAT} 填写开始时间`
  if (!endsAt) errors.endsAt = `请按 ${TIME_FORMAT} 填写结束时间`
  const capacity = f.capacity.trim() ? Number(f.capacity) : NaN
  if (!Number.isInteger(capacity)) errors.capacity = '请填写名额（整数）'
  const parsed = SlotInput.safeParse({ startsAt, endsAt, place: f.place, capacity })
  if (!parsed.success) Object.assign(errors, { ...firstIssues(parsed.error.issues, SLOT_KEYS), ...errors })
  if (!errors.endsAt && startsAt && endsAt && Date.parse(endsAt) <= Date.parse(startsAt)) errors.endsAt = BookingReasons.SLOT_TIMES.message()
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, body: parsed.data }
}

/** The refusals that belong beside a field (the server may name the field too; this holds if it does not). */
const REASON_FIELD: Record<string, string> = {
  [BookingReasons.SLOT_TIMES.reason]: 'endsAt',
  [BookingReasons.SLOT_IN_PAST.reason]: 'startsAt',
  [BookingReasons.SERVICE_ORG_UNKNOWN.reason]: 'orgId',
}

/** A failed save → the messages beside the form's fields (empty: the error is not about one field of this form). */
export function fieldErrorsOf<K extends string>(err: unknown, keys: readonly K[]): Errors<K> {
  if (!isApiError(err)) return {}
  const out: Errors<K> = {}
  for (const [k, v] of Object.entries(err.fields)) if (keys.includes(k as K)) out[k as K] = v
  const at = REASON_FIELD[err.reason] as K | undefined
  if (at && keys.includes(at) && !out[at]) out[at] = err.message
  return out
}

export { SERVICE_KEYS, SLOT_KEYS }
