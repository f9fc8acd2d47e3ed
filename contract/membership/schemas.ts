import { z } from 'zod'
import { EMPLOYMENT_TYPE_KEYS } from './labels'
import { parseIdNumber, PHONE_PATTERN } from './idcard'
import { nextCursor, PageQuery, QueueSort } from '../paging'

export { PAGE_LIMIT_DEFAULT, PAGE_LIMIT_MAX } from '../paging'

const id = z.coerce.number().int().positive()
const isoInstant = z.string()
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export const EmploymentType = z.enum(EMPLOYMENT_TYPE_KEYS, { error: '请选择就业形态' })
export const ApplicationStatus = z.enum(['submitted', 'approved', 'rejected'])

export const UnionOption = z.object({ id: z.number().int(), name: z.string(), parentName: z.string().nullable() })
export type UnionOption = z.infer<typeof UnionOption>

/** Grassroots unions to join, in tree order, a page at a time; `q` searches the name. */
export const UnionQuery = PageQuery.extend({
  q: z.string().trim().max(40, '搜索词最多 40 个字').optional(),
  /** The union already chosen (a restored draft): answered as `selected` whether or not it is on this page. */
  selected: z.coerce.number().int().positive().optional(),
})
export const UnionList = z.object({ items: z.array(UnionOption), nextCursor, selected: UnionOption.nullable() })
export type UnionList = z.infer<typeof UnionList>

// ---------- joining (入会申请) ----------

/** What the form holds; every field optional so a half-filled form can be saved as a draft. */
export const JoinDraft = z.object({
  name: z.string().max(40).optional(),
  idNumber: z.string().max(18).optional(),
  phone: z.string().max(11).optional(),
  employer: z.string().max(60).optional(),
  noFixedEmployer: z.boolean().optional(),
  employmentType: EmploymentType.optional(),
  /** A grassroots union's id, or null for 由区总工会兜底. */
  orgId: z.number().int().nullable().optional(),
  consentSensitive: z.boolean().optional(),
})
export type JoinDraft = z.infer<typeof JoinDraft>

/**
 * The server-side draft as its owner gets it back. A complete ID number and phone are kept with the draft encrypted
 * and come back masked only (submit without them and the kept ones are used); an incomplete one stays on the device
 * that typed it. `PUT /api/membership/draft` without `idNumber` (or `phone`) keeps the one kept; with it — '' too —
 * replaces it.
 */
export const JoinDraftView = JoinDraft.omit({ idNumber: true, phone: true }).extend({
  idNumberMasked: z.string().nullable(),
  phoneMasked: z.string().nullable(),
})
export type JoinDraftView = z.infer<typeof JoinDraftView>

export const JoinSubmit = z
  .object({
    name: z
      .string()
      .trim()
      .min(2, '请填写真实姓名')
      .max(20, '姓名最多 20 个字')
      .regex(/^[\u4e00-\u9fa5·]+$/, '姓名请使用中文，少数民族姓名可用“·”分隔'),
    /**
     * Required unless one is kept: left out, the number kept with the draft (see JoinDraftView) is used, else on a
     * resubmission after 未通过 the number on file (the applicant sees either only masked). The same holds for `phone`.
     */
    idNumber: z
      .string()
      .trim()
      .optional()
      .superRefine((v, ctx) => {
        if (!v) return
        const r = parseIdNumber(v)
        if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message })
      }),
    phone: z
      .string()
      .trim()
      .optional()
      .refine((v) => !v || PHONE_PATTERN.test(v), '请输入 11 位手机号码'),
    employer: z.string().trim().max(60, '单位名称最多 60 个字').optional(),
    noFixedEmployer: z.boolean().default(false),
    employmentType: EmploymentType,
    orgId: z.number({ error: '请选择所属工会' }).int().nullable(),
    consentSensitive: z.literal(true, { error: '请阅读并同意敏感个人信息处理规则' }),
  })
  .superRefine((v, ctx) => {
    if (!v.noFixedEmployer && !v.employer) {
      ctx.addIssue({ code: 'custom', path: ['employer'], message: '请填写工作单位，或选择“无固定单位”' })
    }
  })
export type JoinSubmit = z.infer<typeof JoinSubmit>

export const TimelineEntry = z.object({
  at: isoInstant,
  kind: z.enum(['submitted', 'resubmitted', 'in_review', 'approved', 'rejected']),
  /** Chinese text shown in the timeline, e.g. 提交申请 / 审核未通过. */
  title: z.string(),
  note: z.string().nullable(),
})
export type TimelineEntry = z.infer<typeof TimelineEntry>

export const JoinApplication = z.object({
  id: z.number().int(),
  status: ApplicationStatus,
  name: z.string(),
  idNumberMasked: z.string(),
  birthDate: isoDate,
  gender: z.enum(['male', 'female']),
  phoneMasked: z.string(),
  employer: z.string().nullable(),
  employmentType: EmploymentType,
  org: z.object({ id: z.number().int(), name: z.string() }),
  /** True when the applicant chose 由区总工会兜底. */
  districtFallback: z.boolean(),
  submittedAt: isoInstant,
  decidedAt: isoInstant.nullable(),
  rejectReason: z.string().nullable(),
  /** When the review is due (3 working days after the last submission). */
  expectedBy: isoInstant,
  timeline: z.array(TimelineEntry),
})
export type JoinApplication = z.infer<typeof JoinApplication>

export const Membership = z.object({
  memberNo: z.string(),
  name: z.string(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  joinedAt: isoInstant,
  employmentType: EmploymentType,
})
export type Membership = z.infer<typeof Membership>

export const MyMembership = z.object({
  membership: Membership.nullable(),
  application: JoinApplication.nullable(),
  /** The server-side draft (null when none). */
  draft: JoinDraftView.nullable(),
  draftSavedAt: isoInstant.nullable(),
  /** 会员认证 (claiming a membership from the union's roster) is open to the caller: not a member, nothing in review. */
  claimAvailable: z.boolean(),
})
export type MyMembership = z.infer<typeof MyMembership>

export const DraftSaved = z.object({ savedAt: isoInstant })
export const PhoneCodeBody = z.object({ code: z.string().min(1, '缺少手机号授权凭证').max(128) })
export const PhoneNumber = z.object({ phone: z.string() })

// ---------- review (审核) ----------

export const ReviewQueueItem = z.object({
  id: z.number().int(),
  name: z.string(),
  employmentType: EmploymentType,
  org: z.object({ id: z.number().int(), name: z.string() }),
  submittedAt: isoInstant,
  waitingHours: z.number(),
  /** Past MEMBERSHIP_REVIEW_WORKING_DAYS working days. */
  overdue: z.boolean(),
  resubmission: z.boolean(),
})
export type ReviewQueueItem = z.infer<typeof ReviewQueueItem>

const chinaDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

/**
 * Oldest first (submitted_at, then id), or newest first with `sort=newest`; keyset-paged either way. Filters (the
 * office console's): `orgId` a union of the reviewer's subtree (its own subtree only; outside → 403
 * REVIEW_UNION_OUTSIDE), `employmentType`, `overdue=1` (past the promise now) / `0`, `from` / `to` submitted on these
 * China calendar days (both included).
 */
export const ReviewQueueQuery = z.object({
  ...PageQuery.shape,
  orgId: id.optional(),
  employmentType: EmploymentType.optional(),
  overdue: z.enum(['1', '0']).optional(),
  from: chinaDay.optional(),
  to: chinaDay.optional(),
  sort: QueueSort,
})
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>
export const ReviewQueue = z.object({ items: z.array(ReviewQueueItem), nextCursor })

/** The reviewer's view: the full ID number and phone (each view is audited). */
export const ReviewDetail = JoinApplication.extend({ idNumber: z.string(), phone: z.string() })
export type ReviewDetail = z.infer<typeof ReviewDetail>

export const ApplicationIdParams = z.object({ id })
/** 批量通过: up to 100 applications in one request, each judged as a single approval. */
export const BulkApproveBody = z.object({
  ids: z
    .array(id, { error: '请选择要通过的申请' })
    .min(1, '请选择要通过的申请')
    .max(100, '一次最多通过 100 份申请')
    .refine((ids) => new Set(ids).size === ids.length, '申请重复选择'),
})
/** Per item, in the order given: approved, or refused with its stable reason and message. */
export const BulkApproveItem = z.object({
  id: z.number().int(),
  ok: z.boolean(),
  reason: z.string().nullable(),
  message: z.string().nullable(),
})
export const BulkApproveResult = z.object({ approved: z.number().int(), refused: z.number().int(), results: z.array(BulkApproveItem) })
export type BulkApproveResult = z.infer<typeof BulkApproveResult>

export const RejectBody = z.object({ reason: z.string().trim().min(2, '请填写不通过的原因').max(200, '原因最多 200 字') })

// ---------- e-member card (电子会员卡) ----------

export const MemberCard = Membership.extend({
  /** The QR payload: a server-signed token valid for CARD_CODE_TTL_SECONDS. */
  code: z.string(),
  expiresAt: isoInstant,
  serverTime: isoInstant,
})
export type MemberCard = z.infer<typeof MemberCard>

export const VerifyCardBody = z.object({ code: z.string().trim().min(1, '请扫描或粘贴会员码').max(512) })
export const CardVerification = z.object({
  result: z.enum(['valid', 'expired', 'invalid', 'not_member', 'left']),
  /** Chinese, e.g. 有效会员 / 会员码已过期，请让会员刷新 */
  message: z.string(),
  nameMasked: z.string().nullable(),
  orgName: z.string().nullable(),
  memberNo: z.string().nullable(),
  checkedAt: isoInstant,
})
export type CardVerification = z.infer<typeof CardVerification>

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const unions = { query: UnionQuery, response: UnionList }
export const mine = { response: MyMembership }
export const saveDraft = { body: JoinDraft, response: DraftSaved }
export const submit = { body: JoinSubmit, response: JoinApplication }
export const exchangePhone = { body: PhoneCodeBody, response: PhoneNumber }
export const reviewQueue = { query: ReviewQueueQuery, response: ReviewQueue }
export const reviewDetail = { params: ApplicationIdParams, response: ReviewDetail }
export const approve = { params: ApplicationIdParams, response: JoinApplication }
export const reject = { params: ApplicationIdParams, body: RejectBody, response: JoinApplication }
export const bulkApprove = { body: BulkApproveBody, response: BulkApproveResult }
export const card = { response: MemberCard }
export const verifyCard = { body: VerifyCardBody, response: CardVerification }
