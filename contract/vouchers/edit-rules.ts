/**
 * 编辑活动 / 结束发放: which fields of a published campaign may still change, as the server enforces it
 * (server/src/modules/vouchers/edit.ts) and as both forms show it (read-only fields with a one-line why). Zod-free.
 *
 *   未开始 (before opensAt, nothing issued): every field of the creation form.
 *   进行中 / 已领完: the name, the rules' wording, the closing time (later, or earlier but not before now: 结束发放
 *     is its own action) and the number of vouchers (追加库存; fewer only down to what is already issued).
 *     Everything a member claimed under stays: kind, mode, union, venues, opening time, validity, limit, eligibility.
 *   已结束: nothing.
 */
import type { CampaignPhase } from './labels'

/** Where a campaign stands for editing. */
export type EditStage = 'before_open' | 'open' | 'closed'

/** The creation form's fields that are fixed once the campaign has opened, with the name the refusal uses. */
export const LOCKED_ONCE_OPEN = {
  kind: '券种',
  mode: '发放方式',
  orgId: '发布工会',
  venues: '可用场馆',
  split: '按场馆分配',
  opensAt: '开抢时间',
  voucherValidDays: '有效天数',
  perMemberLimit: '每人限领',
  eligibleEmploymentTypes: '参与范围',
  confirmHours: '确认时限',
} as const
export type LockedField = keyof typeof LOCKED_ONCE_OPEN

/** The one line beside a field that can no longer change. */
export const LOCKED_WHY = '已开始发放，不能修改：已领到券的会员是按原条件领取的'

/** The stage of a campaign at `now` (server time): its phase, or its window when only the times are known. */
export function editStage(c: { phase?: CampaignPhase; opensAt: string; closesAt: string }, now: number): EditStage {
  if (now >= Date.parse(c.closesAt) || c.phase === 'closed') return 'closed'
  if (now < Date.parse(c.opensAt)) return 'before_open'
  return 'open'
}

/** What 结束发放 does, for the confirm dialog (both clients say the same). */
export function endCampaignWarning(c: { mode: 'first_come' | 'lottery'; phase: CampaignPhase }): string {
  if (c.phase === 'upcoming') return '活动尚未开始，结束后会员将无法领取或报名，活动显示为“已结束”。此操作不能撤销。'
  if (c.mode === 'lottery') return '报名将立即截止，并按正常流程立即开奖（以已报名的会员抽签）。中签券照常发放并需确认。此操作不能撤销。'
  return '会员将立即无法再领取或候补。已发出的券不受影响，在各自有效期内仍可使用；之后有人退券时，仍按顺序转给候补会员。此操作不能撤销。'
}
