/**
 * 新建/编辑救助类型 as a form: the state the page edits (numbers as typed), its starting values (a new type, or a stored
 * one), the request body it becomes (AidTypeInput), and the Chinese messages for what the contract's schema and the
 * configuration's own consistency check (type-config.ts) refuse — keyed like the server's `fields`, so the server's
 * messages land beside the same controls. What the page does not edit (eligibility caps on fields, the same-cause
 * rule, a field's cross-field checks) is kept and sent back unchanged. Pure TS, no Taro.
 */
import type { AidField, AidType, AidTypeInput } from '@contract/relief/schemas'
import { SENSITIVE_FIELD_KINDS, type FieldKind } from '@contract/relief/labels'
import type { EmploymentType } from '@contract/membership/labels'

export type AmountKind = AidTypeInput['amount']['kind']
export type WindowKind = AidTypeInput['window']['kind']

export interface OptionForm {
  /** Stable: an application stores the value, a fixed-amount tier names it. */
  value: string
  label: string
}

export interface FieldForm {
  key: string
  label: string
  kind: FieldKind
  step: string
  required: boolean
  sensitive: boolean
  hint: string
  /** kind 'choice': the options as typed (comma-separated labels) and the options they became. */
  optionsText: string
  options: OptionForm[]
  /** 'integer' | 'money': bounds; 'text' | 'textarea' | 'medical': the most characters. */
  min: string
  max: string
  maxLength: string
  /** Not edited here; kept. */
  keep: Pick<AidField, 'notAbove' | 'notBefore' | 'notFuture'>
}

export interface DocumentForm {
  key: string
  name: string
  required: boolean
  hint: string
}

export interface BandForm {
  /** '' = no upper bound (the last band). */
  upToKm: string
  amount: string
}

export interface TypeForm {
  name: string
  description: string
  /** The owning union (a new type); fixed once the type exists. */
  orgId: number | null
  active: boolean
  windowKind: WindowKind
  windowFrom: string
  windowTo: string
  amountKind: AmountKind
  amountMin: string
  amountMax: string
  /** fixed_tiers: a choice field; distance_bands: an integer field (its key). */
  amountField: string
  /** fixed_tiers: the amount of each option of `amountField`, by option value. */
  tierAmounts: Record<string, string>
  bands: BandForm[]
  /** '' = the owning union's level. */
  reviewLevel: string
  baseDays: string
  districtDays: string
  requiresHomeVisit: boolean
  steps: { key: string; title: string }[]
  fields: FieldForm[]
  documents: DocumentForm[]
  /** 申请条件, one per line. */
  summary: string
  /** Empty = every member. */
  employmentTypes: EmploymentType[]
  minMembershipMonths: string
  perYear: string
  /** Not edited here; kept. */
  keep: { fieldMax?: AidTypeInput['eligibility']['fieldMax']; causeGroup: string | null; causeFields: string[] }
}

export const MAX_STEPS = 6
export const MAX_FIELDS = 30
export const MAX_DOCUMENTS = 12
export const TEXT_KINDS: readonly FieldKind[] = ['text', 'textarea', 'medical']
export const NUMBER_KINDS: readonly FieldKind[] = ['integer', 'money']

/** A new key `<prefix>_<n>`, n above every `<prefix>_<n>` among `taken`. */
function freshKey(prefix: string, taken: readonly string[]): string {
  const used = taken.map((k) => (k.startsWith(`${prefix}_`) ? Number(k.slice(prefix.length + 1)) : 0)).filter((n) => Number.isInteger(n))
  return `${prefix}_${Math.max(0, ...used) + 1}`
}

/** The key of a new type: made once per draft, so a retried save updates the same type instead of making another. */
export function newTypeKey(now: number = Date.now(), random: () => number = Math.random): string {
  return `t_${now.toString(36)}${Math.floor(random() * 36 ** 4).toString(36).padStart(4, '0')}`
}

export const isSensitiveKind = (k: FieldKind) => SENSITIVE_FIELD_KINDS.includes(k)

/** A new field; `alsoTaken`: keys it must not reuse (the stored type's, so a removed field's key is not handed out again). */
export function emptyField(f: Pick<TypeForm, 'fields' | 'steps'>, kind: FieldKind = 'text', alsoTaken: readonly string[] = []): FieldForm {
  return {
    key: freshKey('field', [...f.fields.map((x) => x.key), ...alsoTaken]),
    label: '',
    kind,
    step: f.steps[0]?.key ?? 'main',
    required: true,
    sensitive: isSensitiveKind(kind),
    hint: '',
    optionsText: '',
    options: [],
    min: '',
    max: '',
    maxLength: '',
    keep: {},
  }
}

export function emptyDocument(f: Pick<TypeForm, 'documents'>, alsoTaken: readonly string[] = []): DocumentForm {
  return { key: freshKey('doc', [...f.documents.map((d) => d.key), ...alsoTaken]), name: '', required: true, hint: '' }
}

export function emptyStep(f: Pick<TypeForm, 'steps'>): { key: string; title: string } {
  return { key: freshKey('step', f.steps.map((s) => s.key)), title: '' }
}

/** A new type: one step, one field and one document to start from, reviewer-set, all year, once a year. */
export function initialForm(orgId: number | null): TypeForm {
  const base: TypeForm = {
    name: '',
    description: '',
    orgId,
    active: true,
    windowKind: 'all_year',
    windowFrom: '',
    windowTo: '',
    amountKind: 'reviewer_set',
    amountMin: '',
    amountMax: '',
    amountField: '',
    tierAmounts: {},
    bands: [{ upToKm: '', amount: '' }],
    reviewLevel: '',
    baseDays: '5',
    districtDays: '10',
    requiresHomeVisit: false,
    steps: [{ key: 'main', title: '申请情况' }],
    fields: [],
    documents: [],
    summary: '',
    employmentTypes: [],
    minMembershipMonths: '',
    perYear: '1',
    keep: { causeGroup: null, causeFields: [] },
  }
  return { ...base, fields: [{ ...emptyField(base, 'textarea'), label: '困难情况说明' }], documents: [{ ...emptyDocument(base), name: '' }] }
}

const str = (n: number | undefined) => (n === undefined ? '' : String(n))

export function fromType(t: AidType): TypeForm {
  const a = t.amount
  return {
    name: t.name,
    description: t.description,
    orgId: t.org.id,
    active: t.active,
    windowKind: t.window.kind,
    windowFrom: t.window.kind === 'yearly' ? t.window.from : '',
    windowTo: t.window.kind === 'yearly' ? t.window.to : '',
    amountKind: a.kind,
    amountMin: a.kind === 'reviewer_set' ? String(a.min) : '',
    amountMax: a.kind === 'reviewer_set' ? String(a.max) : '',
    amountField: a.kind === 'reviewer_set' ? '' : a.field,
    tierAmounts: a.kind === 'fixed_tiers' ? Object.fromEntries(a.tiers.map((x) => [x.value, String(x.amount)])) : {},
    bands: a.kind === 'distance_bands' ? a.bands.map((b) => ({ upToKm: b.upToKm === null ? '' : String(b.upToKm), amount: String(b.amount) })) : [{ upToKm: '', amount: '' }],
    reviewLevel: String(t.reviewLevel),
    baseDays: String(t.reviewWorkingDays.base),
    districtDays: String(t.reviewWorkingDays.district),
    requiresHomeVisit: t.requiresHomeVisit,
    steps: t.steps.map((s) => ({ key: s.key, title: s.title })),
    fields: t.fields.map((f) => ({
      key: f.key,
      label: f.label,
      kind: f.kind,
      step: f.step,
      required: f.required,
      sensitive: f.sensitive || isSensitiveKind(f.kind),
      hint: f.hint ?? '',
      optionsText: (f.options ?? []).map((o) => o.label).join('，'),
      options: (f.options ?? []).map((o) => ({ value: o.value, label: o.label })),
      min: str(f.min),
      max: str(f.max),
      maxLength: str(f.maxLength),
      keep: {
        ...(f.notAbove !== undefined ? { notAbove: f.notAbove } : {}),
        ...(f.notBefore !== undefined ? { notBefore: f.notBefore } : {}),
        ...(f.notFuture !== undefined ? { notFuture: f.notFuture } : {}),
      },
    })),
    documents: t.documents.map((d) => ({ key: d.key, name: d.name, required: d.required, hint: d.hint ?? '' })),
    summary: t.eligibility.summary.join('\n'),
    employmentTypes: t.eligibility.employmentTypes ?? [],
    minMembershipMonths: str(t.eligibility.minMembershipMonths),
    perYear: String(t.limits.perYear),
    keep: {
      ...(t.eligibility.fieldMax ? { fieldMax: t.eligibility.fieldMax } : {}),
      causeGroup: t.limits.causeGroup,
      causeFields: t.limits.causeFields,
    },
  }
}

/** A device copy that is this form. */
export function isTypeForm(v: unknown): v is TypeForm {
  const f = v as Partial<TypeForm> | null
  return !!f && typeof f === 'object' && typeof f.name === 'string' && Array.isArray(f.fields) && Array.isArray(f.documents) && Array.isArray(f.steps)
}

/** Typed option labels → options, each keeping the value of an option with the same label (else a new value). */
export function optionsFrom(text: string, previous: readonly OptionForm[]): OptionForm[] {
  const labels = text.split(/[,，、\n]/).map((s) => s.trim()).filter(Boolean)
  const out: OptionForm[] = []
  for (const label of labels) {
    const same = previous.find((o) => o.label === label && !out.some((x) => x.value === o.value))
    const taken = [...previous.map((o) => o.value), ...out.map((o) => o.value)]
    out.push({ value: same?.value ?? freshKey('opt', taken), label })
  }
  return out
}

const num = (v: string) => (v.trim() === '' ? undefined : Number(v.trim()))
/** A required number: NaN when blank, so the schema reports it. */
const need = (v: string) => (v.trim() === '' ? NaN : Number(v.trim()))

function fieldInput(f: FieldForm): Record<string, unknown> {
  return {
    key: f.key,
    label: f.label.trim(),
    kind: f.kind,
    step: f.step,
    required: f.required,
    sensitive: f.sensitive || isSensitiveKind(f.kind),
    ...(f.hint.trim() ? { hint: f.hint.trim() } : {}),
    ...(f.kind === 'choice' ? { options: f.options } : {}),
    ...(NUMBER_KINDS.includes(f.kind) ? { min: num(f.min), max: num(f.max) } : {}),
    ...(TEXT_KINDS.includes(f.kind) ? { maxLength: num(f.maxLength) } : {}),
    ...f.keep,
  }
}

function amountInput(f: TypeForm): Record<string, unknown> {
  if (f.amountKind === 'reviewer_set') return { kind: 'reviewer_set', min: need(f.amountMin), max: need(f.amountMax) }
  if (f.amountKind === 'fixed_tiers') {
    const field = f.fields.find((x) => x.key === f.amountField)
    return {
      kind: 'fixed_tiers',
      field: f.amountField,
      tiers: (field?.options ?? []).map((o) => ({ value: o.value, label: o.label, amount: need(f.tierAmounts[o.value] ?? '') })),
    }
  }
  return { kind: 'distance_bands', field: f.amountField, bands: f.bands.map((b) => ({ upToKm: b.upToKm.trim() === '' ? null : Number(b.upToKm.trim()), amount: need(b.amount) })) }
}

/** The request body from the form (checked with AidTypeInput and configProblems before sending). */
export function toInput(f: TypeForm, opts: { creating: boolean }): Record<string, unknown> {
  const summary = f.summary.split('\n').map((s) => s.trim()).filter(Boolean)
  return {
    name: f.name.trim(),
    description: f.description.trim(),
    steps: f.steps.map((s) => ({ key: s.key, title: s.title.trim() })),
    fields: f.fields.map(fieldInput),
    documents: f.documents.map((d) => ({ key: d.key, name: d.name.trim(), required: d.required, ...(d.hint.trim() ? { hint: d.hint.trim() } : {}) })),
    eligibility: {
      summary,
      ...(f.employmentTypes.length ? { employmentTypes: f.employmentTypes } : {}),
      ...(f.minMembershipMonths.trim() ? { minMembershipMonths: Number(f.minMembershipMonths.trim()) } : {}),
      ...(f.keep.fieldMax ? { fieldMax: f.keep.fieldMax } : {}),
    },
    amount: amountInput(f),
    window: f.windowKind === 'all_year' ? { kind: 'all_year' } : { kind: 'yearly', from: f.windowFrom.trim(), to: f.windowTo.trim() },
    limits: { perYear: need(f.perYear), causeGroup: f.keep.causeGroup, causeFields: f.keep.causeFields },
    requiresHomeVisit: f.requiresHomeVisit,
    reviewWorkingDays: { base: need(f.baseDays), district: need(f.districtDays) },
    active: f.active,
    ...(f.reviewLevel ? { reviewLevel: Number(f.reviewLevel) } : {}),
    // The owner is named when creating only (the server refuses another one afterwards).
    ...(opts.creating ? { orgId: f.orgId ?? undefined } : {}),
  }
}

const chinese = (m: string) => /[\u4e00-\u9fa5]/.test(m)

/** Messages for paths whose schema message is not Chinese (or says too little for an admin). */
function messageFor(k: string, message: string, code: string): string {
  if (k === 'orgId') return '请选择提供这一救助类型的工会'
  if (k === 'name') return '请填写类型名称（2–30 个字）'
  if (k === 'description') return '类型介绍最多 300 个字'
  if (k === 'eligibility.summary' || /^eligibility\.summary\.\d+$/.test(k)) return code === 'too_small' ? '请至少写一条申请条件' : '每条申请条件最多 120 个字'
  if (k === 'window.from' || k === 'window.to') return '请按“07-01”的格式填写月-日'
  if (/^fields\.\d+\.label$/.test(k)) return '请填写字段名称（最多 30 个字）'
  if (/^fields\.\d+\.options(\.\d+\.label)?$/.test(k)) return '请填写选项，用逗号分隔'
  if (/^documents\.\d+\.name$/.test(k)) return '请填写材料名称（最多 30 个字）'
  if (/^steps\.\d+\.title$/.test(k)) return '请填写步骤名称（最多 20 个字）'
  if (k === 'fields') return code === 'too_big' ? `表单字段最多 ${MAX_FIELDS} 个` : '请至少添加一个表单字段'
  if (k === 'documents') return code === 'too_big' ? `材料最多 ${MAX_DOCUMENTS} 项` : '请至少添加一项申请材料'
  if (k === 'steps') return code === 'too_big' ? `最多 ${MAX_STEPS} 个步骤` : '请至少保留一个步骤'
  if (k === 'limits.perYear') return '每人每年可申请 1–12 次'
  if (k === 'reviewWorkingDays.base' || k === 'reviewWorkingDays.district') return '请填写 1–30 个工作日'
  if (k === 'eligibility.minMembershipMonths') return '入会月数应为 0–120 的整数'
  if (k === 'amount.field') return '请选择金额依据的字段'
  if (k === 'amount.tiers') return '依据的单选字段还没有选项'
  if (k === 'amount.bands') return '请至少设置一个距离档'
  if (/^amount\.(min|max)$|^amount\.tiers\.\d+\.amount$|^amount\.bands\.\d+\.amount$/.test(k)) return '请填写 0–1000000 的整数金额（元）'
  if (/^amount\.bands\.\d+\.upToKm$/.test(k)) return '请填写正整数公里数；最后一档可不填'
  if (/^fields\.\d+\.(min|max)$/.test(k)) return '请填写数字'
  if (/^fields\.\d+\.maxLength$/.test(k)) return '最多字数应为 1–2000 的整数'
  return chinese(message) ? message : '请检查此项'
}

/** What the schema refused, per field path (as the server keys `fields`), in Chinese. */
export function errorsOf(issues: readonly { path: readonly PropertyKey[]; message: string; code?: string }[]): Record<string, string> {
  const e: Record<string, string> = {}
  for (const i of issues) {
    const k = i.path.map(String).join('.')
    // a union member's problem: said on the member (amount.min …) rather than once per alternative
    if (e[k]) continue
    e[k] = messageFor(k, i.message, i.code ?? '')
  }
  return e
}

/** Where the message of `key` is drawn: fields keyed `fields.<i>…` under field i, and so on (for tests and the page). */
export function errorKeysOfField(errors: Record<string, string>, i: number): string[] {
  return Object.keys(errors).filter((k) => k === `fields.${i}` || k.startsWith(`fields.${i}.`))
}
