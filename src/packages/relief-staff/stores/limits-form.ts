/**
 * 下级工会自设类型范围 as a form: the check of what was typed (每件最高金额, 允许收集的字段类型) with its Chinese
 * messages, and the body it becomes. Shared by the phone's page and the office console. Pure TS, no Taro.
 */
import { FIELD_KIND_KEYS, type FieldKind } from '@contract/relief/labels'
import type { AidTypeLimits } from '@contract/relief/schemas'

export type LimitsCheck = { ok: true; body: AidTypeLimits } | { ok: false; errors: Record<string, string> }

export function checkLimits(maxAmount: string, kinds: readonly FieldKind[]): LimitsCheck {
  const amount = maxAmount.trim()
  const errors: Record<string, string> = {}
  if (!/^\d+$/.test(amount) || Number(amount) > 1_000_000) errors.maxAmount = '请填写 0–1000000 的整数金额（元）'
  if (kinds.length === 0) errors.fieldKinds = '请至少允许一种字段'
  if (Object.keys(errors).length) return { ok: false, errors }
  return { ok: true, body: { maxAmount: Number(amount), fieldKinds: FIELD_KIND_KEYS.filter((k) => kinds.includes(k)) } }
}
