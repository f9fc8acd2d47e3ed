/**
 * A union's form as typed (strings, as the inputs hold them), the step to the contract's UnionFields with a Chinese
 * message per field, and where a server refusal belongs on the form (by its reason, never its text). No Taro.
 */
import { UnionFields, type UnionDetail, type UnionValues } from '@contract/unions/schemas'
import type { UnionKind } from '@contract/unions/labels'
import { UnionReasons } from '@contract/unions/reasons'
import { isApiError } from '../../../api/errors'

export interface UnionForm {
  name: string
  kind: UnionKind | ''
  address: string
  latitude: string
  longitude: string
  contactName: string
  contactPhone: string
  creditCode: string
}

export type UnionFieldName = keyof UnionForm
export const FORM_FIELDS: readonly UnionFieldName[] = ['name', 'kind', 'address', 'latitude', 'longitude', 'contactName', 'contactPhone', 'creditCode']

/** What the server takes (UnionFields, parsed: trimmed, blanks as null). */
export type UnionBody = UnionValues

/** The device draft of a new union, per user and parent (DraftSync's copy). */
export const NEW_UNION_DRAFT_KEY = 'union.newUnionDraft.v1.'

export const emptyForm = (): UnionForm => ({ name: '', kind: '', address: '', latitude: '', longitude: '', contactName: '', contactPhone: '', creditCode: '' })

export function fromDetail(d: UnionDetail): UnionForm {
  return {
    name: d.name,
    kind: d.kind,
    address: d.address ?? '',
    latitude: d.latitude === null ? '' : String(d.latitude),
    longitude: d.longitude === null ? '' : String(d.longitude),
    contactName: d.contactName ?? '',
    contactPhone: d.contactPhone ?? '',
    creditCode: d.creditCode ?? '',
  }
}

const coordinate = (s: string): number | null => (s.trim() === '' ? null : Number(s.trim()))

export type Checked = { ok: true; body: UnionBody } | { ok: false; errors: Partial<Record<UnionFieldName, string>> }

/** The form checked with the contract's own schema (the server checks the same again). */
export function toBody(f: UnionForm): Checked {
  const errors: Partial<Record<UnionFieldName, string>> = {}
  const latitude = coordinate(f.latitude)
  const longitude = coordinate(f.longitude)
  if (Number.isNaN(latitude)) errors.latitude = '纬度请填写数字，如 30.274'
  if (Number.isNaN(longitude)) errors.longitude = '经度请填写数字，如 120.155'
  const parsed = UnionFields.safeParse({
    name: f.name,
    kind: f.kind || undefined,
    address: f.address,
    latitude: Number.isNaN(latitude) ? null : latitude,
    longitude: Number.isNaN(longitude) ? null : longitude,
    contactName: f.contactName,
    contactPhone: f.contactPhone,
    creditCode: f.creditCode,
  })
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const k = String(issue.path[0] ?? '') as UnionFieldName
      if (FORM_FIELDS.includes(k) && !errors[k]) errors[k] = issue.message
    }
  }
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, body: parsed.data as UnionBody }
}

/** The refusals that belong beside a field of the form (the server also names the field; this holds if it does not). */
const REASON_FIELD: Partial<Record<string, UnionFieldName>> = {
  [UnionReasons.UNION_NAME_TAKEN.reason]: 'name',
  [UnionReasons.UNION_CREDIT_CODE_TAKEN.reason]: 'creditCode',
  [UnionReasons.UNION_KIND_NOT_ALLOWED.reason]: 'kind',
  [UnionReasons.UNION_KIND_CHILDREN.reason]: 'kind',
}

/** A failed save → the messages beside the form's fields (empty: the error is not about one field). */
export function fieldErrorsOf(err: unknown): Partial<Record<UnionFieldName, string>> {
  if (!isApiError(err)) return {}
  const out: Partial<Record<UnionFieldName, string>> = {}
  for (const [k, v] of Object.entries(err.fields)) if (FORM_FIELDS.includes(k as UnionFieldName)) out[k as UnionFieldName] = v
  const at = REASON_FIELD[err.reason]
  if (at && !out[at]) out[at] = err.message
  return out
}
