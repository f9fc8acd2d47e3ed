/**
 * 入会, review and the e-member card: refusals, declared once. The server refuses by these names
 * (`refuse(MembershipReasons.APPLICATION_PENDING)`), the response carries the name as `reason`, the app branches on
 * it. The messages are what the applicant or the reviewer reads. Zod-free.
 */
import { defineReasons } from '../reasons'

/** Beside the ID number field when the reviewer approves a person who is a member already. */
export const ID_ALREADY_MEMBER_FIELD = '该身份证号已是工会会员'

export const MembershipReasons = defineReasons({
  // ---- the join form ----
  /** The ID number does not hold up against today's date (a birth date in the future …): the parser's sentence. */
  ID_NUMBER_INVALID: { status: 400, message: (p: { message: string }) => p.message },
  /** A first application without an ID number (none kept with the draft either). */
  ID_NUMBER_REQUIRED: { status: 400, message: '请输入身份证号码' },
  /** A first application without a phone number (none kept with the draft either). */
  PHONE_REQUIRED: { status: 400, message: '请输入 11 位手机号码' },
  /** The chosen union is not a grassroots union one can join. */
  UNION_INVALID: { status: 400, message: '请选择所属工会' },
  /** 由区总工会兜底 chosen, but there is no district federation to fall back on. */
  NO_FALLBACK_UNION: { status: 400, message: '暂无可兜底的区总工会，请选择所属工会' },
  /** weapp 手机号快速验证 on a server without WeChat credentials. */
  PHONE_EXCHANGE_UNAVAILABLE: { status: 400, message: '当前环境不支持微信手机号快速验证，请手动填写' },

  // ---- submitting ----
  ALREADY_MEMBER: { status: 409, message: '您已是工会会员，无需重复申请' },
  APPLICATION_PENDING: { status: 409, message: '您已有一份入会申请正在审核中，请耐心等待审核结果' },
  /** The ID number is a member's, or in someone else's application under review: one sentence that names no union. */
  MEMBERSHIP_ID_REGISTERED: { status: 409, message: '该身份证号已登记，如有疑问请联系工会' },
  /** Too many such refusals for this user today (ID-number probing). */
  MEMBERSHIP_ID_CHECKS_EXCEEDED: { status: 429, message: '今日身份证号核验次数已达上限，请明天再试或联系工会' },

  // ---- reviewing ----
  /** No such application — or the caller reviews nowhere and so learns nothing about it. */
  APPLICATION_NOT_FOUND: { status: 404, message: '入会申请不存在' },
  APPLICATION_DECIDED: { status: 409, message: '该申请已处理，请刷新后查看' },
  APPLICANT_ALREADY_MEMBER: { status: 409, message: '申请人已是工会会员，无需重复审批' },
  /** The person (by ID number) is a member already — of which union is not this reviewer's business. */
  ID_ALREADY_MEMBER: { status: 409, message: '该身份证号已是工会会员，不能重复入会' },
  // ---- the office console (issue 16) ----
  /** The application belongs to a union outside the reviewer's post (a bulk item, or a single approval). */
  APPLICATION_OUTSIDE_SCOPE: { status: 403, message: '该申请不属于您审核的工会' },
  /** The queue's `orgId` filter names a union outside the reviewer's post. */
  REVIEW_UNION_OUTSIDE: { status: 403, message: '该工会不在您的审核范围内' },

  // ---- the member card ----
  /** No membership, so no card (the same reason the access gate gives a non-member on this endpoint). */
  NOT_MEMBER: { status: 404, message: '您还不是工会会员' },
})

export type MembershipReason = keyof typeof MembershipReasons
