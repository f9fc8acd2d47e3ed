/**
 * 福利券 refusals, declared once: the server refuses by these names (`refuse(VoucherReasons.SOLD_OUT, …)`), the
 * response carries the name as `reason`, the app branches on it (CampaignStore, RedeemStore). The messages are
 * what the member or the venue staff read; a message that names a time, a venue, a count or a state is a template
 * over those values (the server passes the values, never the sentence). Zod-free.
 */
import { defineReasons } from '../reasons'
import { CAMPAIGN_KINDS, VOUCHER_STATES, type CampaignKind, type LimitPeriod, type VoucherState } from './labels'

/** What the member tried when a window or a mode refuses it (the sentence says so). */
type ClaimAction = 'claim' | 'enter' | 'withdraw' | 'waitlist'

/** The per-member limit the member has reached: per calendar month of a kind (本月已领取过电影券), or per campaign. */
export interface LimitParams {
  kind: CampaignKind
  count: number
  period: LimitPeriod
}

/** Sold out: the campaign's shared stock (by title), or one venue of a split stock with what the others still have. */
export type SoldOutParams = { title: string } | { venue: string; others: { name: string; left: number }[] }

function limitText({ kind, count, period }: LimitParams): string {
  const k = CAMPAIGN_KINDS[kind]
  if (period === 'calendar_month') return count === 1 ? `本月已领取过${k}券` : `本月${k}券已领满 ${count} 张`
  return count === 1 ? '您已领取过本活动的券' : `本活动每人限领 ${count} 张，您已领满`
}

function soldOutText(p: SoldOutParams): string {
  if ('title' in p) return `已领完：${p.title}的券已被领完，下次早点来`
  const hint = p.others.length
    ? `，${p.others.map((v) => `「${v.name}」还剩 ${v.left} 张`).join('，')}，可改选其他场馆`
    : '，其他场馆也已领完，下次早点来'
  return `已领完：「${p.venue}」的券已被领完${hint}`
}

const CLOSED_TEXT: Record<ClaimAction, string> = {
  claim: '活动已结束',
  enter: '报名已截止',
  withdraw: '报名已截止，不能撤销；开奖结果会通知您',
  waitlist: '活动已结束，不能候补',
}

/** The field prompt beside the venue picker when a split campaign is claimed without one (and the app's own). */
export const CHOOSE_VENUE_FIELD = '请选择场馆'

export const VoucherReasons = defineReasons({
  // ---- claiming, entering a lottery, the waitlist ----
  NOT_MEMBER: { status: 403, message: '仅限已入会的工会会员参加，请先申请入会' },
  NOT_ELIGIBLE: { status: 403, message: '本活动仅限特定就业形态的会员参加，您不在范围内' },
  CAMPAIGN_NOT_FOUND: { status: 404, message: '活动不存在' },
  /** A lottery campaign: claim (报名抽签 instead) or join its waitlist by hand (losers are put there by the draw). */
  LOTTERY_ONLY: {
    status: 409,
    message: (p: { action: 'claim' | 'waitlist' }) =>
      p.action === 'waitlist' ? '抽签活动不能手动候补：未中签者已按抽签顺序自动进入候补' : '本活动为抽签发放，请在活动页报名抽签',
  },
  FIRST_COME_ONLY: { status: 409, message: (p: { action: '报名' | '撤销' }) => (p.action === '报名' ? '本活动为先到先得，请直接领取' : '本活动为先到先得，没有报名可撤销') },
  /** Before the window: 开抢 (first come, waitlist) or 开始报名 (a lottery entry), with the opening time. */
  NOT_OPEN: {
    status: 409,
    message: (p: { opensAt: string; action: 'claim' | 'enter' }) =>
      p.action === 'enter' ? `报名尚未开始，将于 ${p.opensAt} 开始报名` : `活动尚未开始，将于 ${p.opensAt} 开抢`,
  },
  /** After the window (for a lottery entry: the draw decides). */
  CLOSED: { status: 409, message: (p: { action: ClaimAction }) => CLOSED_TEXT[p.action] },
  /** The member's per-campaign or per-month limit: the message names it (本月已领取过电影券). */
  LIMIT_REACHED: { status: 409, message: limitText },
  /** Sold out (split per venue: which venues still have some). */
  SOLD_OUT: { status: 409, message: soldOutText },
  /** 400 with `fields.venueId` = CHOOSE_VENUE_FIELD. */
  VENUE_REQUIRED: { status: 400, message: '本活动按场馆分配，请先选择场馆' },
  /** 400 with `fields.venueId`. */
  VENUE_UNKNOWN: { status: 400, message: '该场馆不在本活动中' },
  STOCK_LEFT: { status: 409, message: '还有券可领，请直接领取' },
  NOT_ON_WAITLIST: { status: 404, message: '您不在候补队列中' },
  WAITLIST_GRANTED: { status: 409, message: '候补已成功，券已发到「我的券」，如不需要可在那里退回' },
  NOT_ENTERED: { status: 404, message: '您未报名本次抽签' },
  /** 400 with `fields.idempotencyKey`: the claim's Idempotency-Key header is malformed. */
  BAD_IDEMPOTENCY_KEY: { status: 400, message: 'Idempotency-Key 格式不正确' },
  /** The voucher an Idempotency-Key produced is gone (only if deleted meanwhile). */
  CLAIMED_VOUCHER_GONE: { status: 404, message: '该券不存在' },

  // ---- a member's own voucher ----
  VOUCHER_NOT_FOUND: { status: 404, message: '券不存在' },
  VOUCHER_NOT_RETURNABLE: { status: 409, message: (p: { state: VoucherState }) => `该券${VOUCHER_STATES[p.state]}，不能退回` },
  /** Not a lottery win awaiting confirmation (with its state when it is no longer unused). */
  CONFIRM_NOT_NEEDED: {
    status: 409,
    message: (p: { state: VoucherState | null }) => (p.state ? `该券${VOUCHER_STATES[p.state]}，无需确认` : '该券无需确认'),
  },
  CONFIRM_LAPSED: { status: 409, message: (p: { confirmBy: string }) => `已超过确认时限（${p.confirmBy}），券已转给候补会员` },

  // ---- redeeming at a venue ----
  CODE_NOT_FOUND: { status: 404, message: '券码无效，请核对后重试' },
  ALREADY_REDEEMED: {
    status: 409,
    message: (p: { usedAt: string; where: string | null }) => `该券已于 ${p.usedAt} 在${p.where ?? '未知场馆'}使用，不能重复核销`,
  },
  VOUCHER_RETURNED: { status: 409, message: (p: { unconfirmed: boolean }) => (p.unconfirmed ? '该券中签后未按时确认，已失效，不能核销' : '该券已被会员退回，不能核销') },
  VOUCHER_EXPIRED: { status: 409, message: (p: { validUntil: string }) => `该券已过期（有效期至 ${p.validUntil}）` },
  /** Scanned at a venue that is not its campaign's (`own` null), or not its own venue when the stock is split. */
  WRONG_VENUE: {
    status: 409,
    message: (p: { title: string; own: string | null; venues: string[] }) =>
      p.own ? `该券（${p.title}）仅限在「${p.own}」使用，不能在本场馆核销` : `该券（${p.title}）不能在本场馆使用，可用场馆：${p.venues.join('、')}`,
  },
  VENUE_NOT_BOUND: { status: 403, message: '您不是该场馆的核销员，不能在此核销' },
  VENUE_NOT_FOUND: { status: 404, message: '核销场馆不存在' },
  VENUE_INACTIVE: { status: 409, message: (p: { name: string }) => `「${p.name}」已停用，不能核销` },

  // ---- managing ----
  CAMPAIGN_MANAGERS_ONLY: { status: 403, message: '活动数据与导出仅限活动管理员查看' },
  /** The campaign list's `orgId` filter names a union outside the caller's post (office console). */
  CAMPAIGNS_UNION_OUTSIDE: { status: 403, message: '该工会不在您负责的范围内' },
  NOT_A_LOTTERY: { status: 409, message: '本活动不是抽签活动' },
  DRAW_TOO_EARLY: { status: 409, message: (p: { closesAt: string }) => `报名尚未截止（${p.closesAt} 截止），截止后才能开奖` },
  /** 400 with `fields.orgId`. */
  ORG_NOT_FOUND: { status: 400, message: '所选工会不存在' },
  /** 400 with `fields.opensAt`: a lottery's commitment must be public before entries open. */
  LOTTERY_OPENS_TOO_SOON: { status: 400, message: '抽签活动的报名开始时间须晚于现在，以便先公布抽签承诺值' },
  /** 400 with `fields['venues.<i>.venueId']` (the first bad venue names the reason; every one has its field). */
  VENUE_NOT_USABLE: { status: 400, message: '该场馆不存在、已停用，或不属于本工会及其上下级工会' },
  /** 400 with `fields['venues.<i>.name']`: the same registry venue listed twice. */
  VENUE_DUPLICATE: { status: 400, message: '该场馆已添加' },

  // ---- editing or ending a published campaign (edit-rules.ts) ----
  /** 409 with `fields` for each field that may no longer change (LOCKED_ONCE_OPEN names them). */
  CAMPAIGN_STARTED_LOCKED: {
    status: 409,
    message: (p: { fields: string[] }) =>
      `已开始发放的活动不能修改${p.fields.join('、')}：已领到券的会员是按原条件领取的。可修改名称、说明、截止时间和数量，或结束发放后另建活动`,
  },
  /** Closed (by its time or by 结束发放): nothing may change any more. */
  CAMPAIGN_ENDED: { status: 409, message: '活动已结束，不能再修改或结束发放' },
  /** 400 with `fields.closesAt`: a new closing time in the past (stopping now is 结束发放). */
  CLOSES_AT_PAST: { status: 400, message: '截止时间须晚于现在；如需立即停止发放，请使用“结束发放”' },
  /** 409 with `fields.totalStock` (or the venue's `venues.<i>.stock`): fewer than already issued. */
  STOCK_BELOW_ISSUED: {
    status: 409,
    message: (p: { issued: number; venue: string | null }) =>
      `${p.venue ? `「${p.venue}」` : ''}已发出 ${p.issued} 张，数量不能少于 ${p.issued} 张`,
  },
  /** 409 with `fields.mode`: a lottery with entries stays a lottery. */
  MODE_HAS_ENTRIES: { status: 409, message: '已有会员报名抽签，不能更改发放方式' },
})

export type VoucherReason = keyof typeof VoucherReasons
