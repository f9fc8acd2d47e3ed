/**
 * The aid-type rules both sides apply (zod-free; the server is the authority at submit, the app uses the same
 * functions to show a message beside a field before the round trip): field validation, the document checklist,
 * the amount rule and the application window.
 */
import { parseIdNumber, PHONE_PATTERN } from '../membership/idcard'
import { FIELD_KINDS, SENSITIVE_FIELD_KINDS } from './labels'
import type { AidField, AidTypeConfig, AidTypeLimits, AidWindow, AmountRule, DocumentIds, FieldValues } from './schemas'

const DATE = /^\d{4}-\d{2}-\d{2}$/

/** 'YYYY-MM-DD' of an instant in China time (UTC+8). */
export function chinaDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10)
}

function present(v: unknown): boolean {
  return v !== undefined && v !== null && !(typeof v === 'string' && v.trim() === '')
}

/** One field's problem, in Chinese, or null. */
export function fieldError(
  field: AidField,
  values: FieldValues,
  today: string,
  labels: Record<string, string> = {},
): string | null {
  const labelOf = (key: string) => labels[key] ?? key
  const v = values[field.key]
  if (!present(v)) return field.required ? `请填写${field.label}` : null
  switch (field.kind) {
    case 'text':
    case 'textarea':
    case 'medical': {
      if (typeof v !== 'string') return `${field.label}格式不正确`
      if (field.maxLength && Array.from(v.trim()).length > field.maxLength) return `${field.label}最多 ${field.maxLength} 个字`
      return null
    }
    case 'integer':
    case 'money': {
      if (typeof v !== 'number' || !Number.isFinite(v)) return `${field.label}请填写数字`
      if (field.kind === 'integer' && !Number.isInteger(v)) return `${field.label}请填写整数`
      if (field.kind === 'money' && Math.abs(Math.round(v * 100) - v * 100) > 1e-6) return `${field.label}最多保留两位小数`
      if (field.min !== undefined && v < field.min) return `${field.label}不能小于 ${field.min}`
      if (field.max !== undefined && v > field.max) return `${field.label}不能大于 ${field.max}`
      if (field.notAbove) {
        const other = values[field.notAbove]
        if (typeof other === 'number' && v > other) return `${field.label}不能大于${labelOf(field.notAbove)}`
      }
      return null
    }
    case 'date': {
      if (typeof v !== 'string' || !DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`))) return `${field.label}格式应为 YYYY-MM-DD`
      if (field.notFuture && v > today) return `${field.label}不能晚于今天`
      if (field.notBefore) {
        const other = values[field.notBefore]
        if (typeof other === 'string' && DATE.test(other) && v < other) return `${field.label}不能早于${labelOf(field.notBefore)}`
      }
      if (field.notAbove) {
        const other = values[field.notAbove]
        if (typeof other === 'string' && DATE.test(other) && v > other) return `${field.label}不能晚于${labelOf(field.notAbove)}`
      }
      return null
    }
    case 'choice': {
      if (typeof v !== 'string' || !(field.options ?? []).some((o) => o.value === v)) return `请选择${field.label}`
      return null
    }
    case 'id_number': {
      if (typeof v !== 'string') return `${field.label}格式不正确`
      const r = parseIdNumber(v)
      return r.ok ? null : r.message
    }
    case 'phone': {
      if (typeof v !== 'string' || !PHONE_PATTERN.test(v.trim())) return `${field.label}请填写 11 位手机号码`
      return null
    }
  }
  return null
}

/** Is this field stored encrypted? Always for the sensitive kinds (ID number, phone, medical), whatever the flag says. */
export function isSensitiveField(field: Pick<AidField, 'kind' | 'sensitive'>): boolean {
  return field.sensitive === true || SENSITIVE_FIELD_KINDS.includes(field.kind)
}

/** The configuration with `sensitive` forced on for the sensitive kinds (what the server stores and shows). */
export function withSensitiveForced<T extends Pick<AidTypeConfig, 'fields'>>(config: T): T {
  return { ...config, fields: config.fields.map((f) => ({ ...f, sensitive: isSensitiveField(f) })) }
}

/** The most a type's amount rule can pay for one case (yuan). */
export function maxAmountOf(rule: AmountRule): number {
  if (rule.kind === 'reviewer_set') return rule.max
  return Math.max(...(rule.kind === 'fixed_tiers' ? rule.tiers.map((t) => t.amount) : rule.bands.map((b) => b.amount)))
}

/**
 * What a sub-union's own type does beyond the limits set above it, keyed like the body (empty = within them):
 * the amount ceiling and the field kinds it may collect.
 */
export function typeLimitProblems(config: Pick<AidTypeConfig, 'fields' | 'amount'>, limits: AidTypeLimits): Record<string, string> {
  const p: Record<string, string> = {}
  const most = maxAmountOf(config.amount)
  if (most > limits.maxAmount) {
    p[config.amount.kind === 'reviewer_set' ? 'amount.max' : 'amount'] = `救助金额最高 ¥${most}，超过上级工会设定的上限 ¥${limits.maxAmount}`
  }
  config.fields.forEach((f, i) => {
    if (!limits.fieldKinds.includes(f.kind)) p[`fields.${i}.kind`] = `上级工会未允许基层自设类型收集「${FIELD_KINDS[f.kind]}」`
  })
  return p
}

/** Every field problem of a form, keyed by field key (empty = valid). Unknown keys are ignored. */
export function validateFields(type: Pick<AidTypeConfig, 'fields'>, values: FieldValues, today: string): Record<string, string> {
  const labels = Object.fromEntries(type.fields.map((f) => [f.key, f.label]))
  const errors: Record<string, string> = {}
  for (const f of type.fields) {
    const e = fieldError(f, values, today, labels)
    if (e) errors[f.key] = e
  }
  return errors
}

/** The required checklist items with no file attached, in checklist order. */
export function missingDocuments(type: Pick<AidTypeConfig, 'documents'>, documents: DocumentIds): { key: string; name: string }[] {
  return type.documents.filter((d) => d.required && (documents[d.key]?.length ?? 0) === 0).map((d) => ({ key: d.key, name: d.name }))
}

/** The amount a fixed rule gives for these values (null for reviewer-set rules, or when the form does not say yet). */
export function ruleAmount(rule: AmountRule, values: FieldValues): number | null {
  if (rule.kind === 'fixed_tiers') {
    return rule.tiers.find((t) => t.value === values[rule.field])?.amount ?? null
  }
  if (rule.kind === 'distance_bands') {
    const d = values[rule.field]
    if (typeof d !== 'number' || d <= 0) return null
    return rule.bands.find((b) => b.upToKm === null || d <= b.upToKm)?.amount ?? null
  }
  return null
}

export function amountLabel(rule: AmountRule): string {
  if (rule.kind === 'reviewer_set') return `由区总工会核定，¥${rule.min}–¥${rule.max}`
  const amounts = rule.kind === 'fixed_tiers' ? rule.tiers.map((t) => t.amount) : rule.bands.map((b) => b.amount)
  const range = `¥${Math.min(...amounts)}–¥${Math.max(...amounts)}`
  return rule.kind === 'fixed_tiers' ? `按就读阶段定额，${range}` : `按行程距离定额（${rule.bands.length} 档），${range}`
}

/** Is `today` ('YYYY-MM-DD', China time) inside the window? A yearly window may wrap the new year (e.g. 12-01 to 02-28). */
export function windowOpen(window: AidWindow, today: string): boolean {
  if (window.kind === 'all_year') return true
  const md = today.slice(5)
  return window.from <= window.to ? md >= window.from && md <= window.to : md >= window.from || md <= window.to
}

export function windowLabel(window: AidWindow): string {
  return window.kind === 'all_year' ? '全年受理' : `每年 ${window.from} 至 ${window.to} 受理`
}
