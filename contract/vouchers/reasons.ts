/**
 * 福利券 refusals, declared once: the server refuses by these names (`refuse(VoucherReasons.SOLD_OUT, …)`), the
 * response carries the name as `reason`, the app branches on it (CampaignStore, RedeemStore). The messages are
 * what the member or the venue staff read. Zod-free.
 */
import { defineReasons } from '../reasons'

export const VoucherReasons = defineReasons({
  // ---- claiming, entering a lottery, the waitlist ----
  NOT_MEMBER: { status: 403, message: '仅限已入会的工会会员参加，请先申请入会' },
  NOT_ELIGIBLE: { status: 403, message: '本活动仅限特定就业形态的会员参加，您不在范围内' },
  CAMPAIGN_NOT_FOUND: { status: 404, message: '活动不存在' },
  LOTTERY_ONLY: { status: 409, message: '本活动为抽签发放，请在活动页报名抽签' },
  FIRST_COME_ONLY: { status: 409, message: (p: { action: '报名' | '撤销' }) => (p.action === '报名' ? '本活动为先到先得，请直接领取' : '本活动为先到先得，没有报名可撤销') },
  NOT_OPEN: { status: 409, message: (p: { opensAt: string; verb?: string }) => `活动尚未开始，将于 ${p.opensAt} ${p.verb ?? '开抢'}` },
  CLOSED: { status: 409, message: (p: { what?: string } = {}) => p.what ?? '活动已结束' },
  /** The member's per-campaign or per-month limit: the message names it (本月已领取过电影券). */
  LIMIT_REACHED: { status: 409, message: (p: { text: string }) => p.text },
  /** Sold out (split per venue: which venues still have some). */
  SOLD_OUT: { status: 409, message: (p: { text: string }) => `已领完：${p.text}` },
  VENUE_REQUIRED: { status: 400, message: '本活动按场馆分配，请先选择场馆' },
  VENUE_UNKNOWN: { status: 400, message: '该场馆不在本活动中' },
  STOCK_LEFT: { status: 409, message: '还有券可领，请直接领取' },
  NOT_ON_WAITLIST: { status: 404, message: '您不在候补队列中' },
  NOT_ENTERED: { status: 404, message: '您未报名本次抽签' },

  // ---- a member's own voucher ----
  VOUCHER_NOT_FOUND: { status: 404, message: '券不存在' },
  VOUCHER_NOT_RETURNABLE: { status: 409, message: (p: { state: string }) => `该券${p.state}，不能退回` },
  CONFIRM_NOT_NEEDED: { status: 409, message: '该券无需确认' },
  CONFIRM_LAPSED: { status: 409, message: (p: { confirmBy: string }) => `已超过确认时限（${p.confirmBy}），券已转给候补会员` },

  // ---- redeeming at a venue ----
  CODE_NOT_FOUND: { status: 404, message: '券码无效，请核对后重试' },
  ALREADY_REDEEMED: { status: 409, message: (p: { usedAt: string; where: string }) => `该券已于 ${p.usedAt} 在${p.where}使用，不能重复核销` },
  VOUCHER_RETURNED: { status: 409, message: (p: { unconfirmed: boolean }) => (p.unconfirmed ? '该券中签后未按时确认，已失效，不能核销' : '该券已被会员退回，不能核销') },
  VOUCHER_EXPIRED: { status: 409, message: (p: { validUntil: string }) => `该券已过期（有效期至 ${p.validUntil}）` },
  WRONG_VENUE: { status: 409, message: (p: { text: string }) => p.text },
  VENUE_NOT_BOUND: { status: 403, message: '您不是该场馆的核销员，不能在此核销' },
  VENUE_NOT_FOUND: { status: 404, message: '核销场馆不存在' },
  VENUE_INACTIVE: { status: 409, message: (p: { name: string }) => `「${p.name}」已停用，不能核销` },

  // ---- managing ----
  CAMPAIGN_MANAGERS_ONLY: { status: 403, message: '活动数据与导出仅限活动管理员查看' },
  NOT_A_LOTTERY: { status: 409, message: '本活动不是抽签活动' },
  DRAW_TOO_EARLY: { status: 409, message: (p: { closesAt: string }) => `报名尚未截止（${p.closesAt} 截止），截止后才能开奖` },
})

export type VoucherReason = keyof typeof VoucherReasons
