/**
 * The choices of 新建/编辑救助类型 and the state of a type in a list, as labels: shared by the phone's pages and the
 * office console's 救助类型 page, so both say the same. Pure TS, no Taro.
 */
import type { AidType } from '@contract/relief/schemas'
import type { AmountKind, WindowKind } from './type-form'

export const WINDOW_CHOICES: { value: WindowKind; label: string }[] = [
  { value: 'all_year', label: '全年受理' },
  { value: 'yearly', label: '每年固定时段' },
]
export const AMOUNT_CHOICES: { value: AmountKind; label: string }[] = [
  { value: 'reviewer_set', label: '复核时核定金额' },
  { value: 'fixed_tiers', label: '按单选项定额' },
  { value: 'distance_bands', label: '按行程距离定额' },
]
/** '' = the owning union's own level (the default). The tree: 区总工会 → 街道/园区工会 → 基层工会. */
export const LEVEL_CHOICES: { value: string; label: string }[] = [
  { value: '', label: '所属工会（默认）' },
  { value: '1', label: '第 1 级 · 区总工会' },
  { value: '2', label: '第 2 级 · 街道/园区工会' },
  { value: '3', label: '第 3 级 · 基层工会' },
]

/** 受理中 / 未到受理期 / 已暂停. */
export function typeState(t: Pick<AidType, 'active' | 'openNow'>): { key: 'open' | 'closed' | 'paused'; label: string } {
  if (!t.active) return { key: 'paused', label: '已暂停' }
  return t.openNow ? { key: 'open', label: '受理中' } : { key: 'closed', label: '未到受理期' }
}
