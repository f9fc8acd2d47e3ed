/**
 * The internal consistency of an admin's aid-type configuration (zod checks each part; this checks the parts agree:
 * steps, field references, the amount rule's field, the cause fields), keyed like the body. The server refuses a
 * type with any of these (400 RELIEF_TYPE_CONFIG_INVALID); a type editor can show them beside the fields first.
 * Zod-free. Kept apart from ./rules.ts so the applicant's pages do not carry it.
 */
import type { AidTypeConfig } from './schemas'

export function configProblems(c: AidTypeConfig): Record<string, string> {
  const p: Record<string, string> = {}
  const stepKeys = new Set(c.steps.map((s) => s.key))
  const fieldKeys = new Map(c.fields.map((f) => [f.key, f]))
  if (fieldKeys.size !== c.fields.length) p.fields = '字段键重复'
  if (new Set(c.documents.map((d) => d.key)).size !== c.documents.length) p.documents = '材料键重复'
  c.fields.forEach((f, i) => {
    if (!stepKeys.has(f.step)) p[`fields.${i}.step`] = `步骤「${f.step}」不存在`
    if (f.kind === 'choice' && !(f.options && f.options.length > 0)) p[`fields.${i}.options`] = '单选字段须列出选项'
    for (const ref of [f.notAbove, f.notBefore]) if (ref && !fieldKeys.has(ref)) p[`fields.${i}`] = `引用的字段「${ref}」不存在`
  })
  if (c.amount.kind !== 'reviewer_set') {
    const f = fieldKeys.get(c.amount.field)
    if (!f) p['amount.field'] = `金额规则引用的字段「${c.amount.field}」不存在`
    else if (c.amount.kind === 'fixed_tiers' && f.kind !== 'choice') p['amount.field'] = '定额档次须对应一个单选字段'
    else if (c.amount.kind === 'distance_bands' && f.kind !== 'integer') p['amount.field'] = '距离档须对应一个整数字段'
    if (c.amount.kind === 'distance_bands' && c.amount.bands[c.amount.bands.length - 1].upToKm !== null) p['amount.bands'] = '最后一档须不设上限'
  } else if (c.amount.min > c.amount.max) p['amount.max'] = '最高金额不能低于最低金额'
  for (const k of c.limits.causeFields) if (!fieldKeys.has(k)) p['limits.causeFields'] = `事由字段「${k}」不存在`
  for (const r of c.eligibility.fieldMax ?? []) if (!fieldKeys.has(r.field)) p['eligibility.fieldMax'] = `字段「${r.field}」不存在`
  return p
}
