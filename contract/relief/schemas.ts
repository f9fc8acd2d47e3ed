/**
 * 帮扶救助 (relief) contract: aid type configuration, applications (draft per step → submit → two-level review →
 * 公示 → payout), documents, and the app-wide 我的申请 list. Endpoint schema groups at the bottom.
 *
 * Money is in whole yuan (integers) throughout the relief API, except form fields of kind `money`,
 * which hold yuan with up to two decimals.
 */
import { z } from 'zod'
import {
  FIELD_KIND_KEYS,
  PAYOUT_METHOD_KEYS,
  RELIEF_PAGE_DEFAULT,
  RELIEF_PAGE_MAX,
  RELIEF_EVENT_KEYS,
  RELIEF_FILES_PER_DOCUMENT,
  RELIEF_STAGE_KEYS,
  REVIEW_LEVEL_KEYS,
} from './labels'
import { EMPLOYMENT_TYPE_KEYS } from '../membership/labels'

const id = z.coerce.number().int().positive()
const isoInstant = z.string()
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const monthDay = z.string().regex(/^\d{2}-\d{2}$/, '格式应为 MM-DD')
const key = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, '只能使用小写字母、数字和下划线')
const yuan = z.number().int().min(0).max(1_000_000)

export const ReliefStage = z.enum(RELIEF_STAGE_KEYS)
export const ReliefEventKind = z.enum(RELIEF_EVENT_KEYS)
export const ReviewLevel = z.enum(REVIEW_LEVEL_KEYS)
export const PayoutMethod = z.enum(PAYOUT_METHOD_KEYS, { error: '请选择发放方式' })
export const FieldKind = z.enum(FIELD_KIND_KEYS)

// ---------- aid types (救助类型, admin-configured) ----------

/** One form field of an aid type. The form is split into `steps`; each field belongs to one. */
export const AidField = z.object({
  key,
  label: z.string().min(1).max(30),
  kind: FieldKind,
  /** Which step of the type's form shows it (a key of `AidType.steps`). */
  step: key,
  required: z.boolean(),
  /**
   * Stored encrypted (AES-256-GCM); reviewer views of it are audited. E.g. a family's income, an account of events.
   * Always on for the kinds id_number, phone and medical (SENSITIVE_FIELD_KINDS), whatever is sent.
   */
  sensitive: z.boolean().default(false),
  hint: z.string().max(80).optional(),
  /** kind 'choice': the options. */
  options: z.array(z.object({ value: key, label: z.string().min(1).max(30) })).optional(),
  /** kind 'integer' | 'money': bounds; 'text' | 'textarea': max length. */
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().max(2000).optional(),
  /** kind 'money' | 'integer' | 'date': must not be greater than this other field (e.g. reimbursed ≤ totalCost). */
  notAbove: key.optional(),
  /** kind 'date': must not be before this other field (e.g. dischargeDate ≥ admissionDate). */
  notBefore: key.optional(),
  /** kind 'date': may not lie in the future. */
  notFuture: z.boolean().optional(),
})
export type AidField = z.infer<typeof AidField>

/** One item of the document checklist. */
export const AidDocument = z.object({
  key,
  /** The checklist name, quoted in the "please upload" message, e.g. 出院小结. */
  name: z.string().min(1).max(30),
  required: z.boolean(),
  hint: z.string().max(80).optional(),
})
export type AidDocument = z.infer<typeof AidDocument>

export const AmountRule = z.discriminatedUnion('kind', [
  /** Fixed amount chosen by a choice field (金秋助学: by school stage). */
  z.object({
    kind: z.literal('fixed_tiers'),
    field: key,
    tiers: z.array(z.object({ value: key, label: z.string(), amount: yuan })).min(1),
  }),
  /** Fixed amount by distance band (返岗/返乡交通补贴): the first band whose `upToKm` ≥ the distance; null = no upper bound. */
  z.object({
    kind: z.literal('distance_bands'),
    field: key,
    bands: z.array(z.object({ upToKm: z.number().int().positive().nullable(), amount: yuan })).min(1),
  }),
  /** The 区总工会复核 sets the amount within [min, max]. */
  z.object({ kind: z.literal('reviewer_set'), min: yuan, max: yuan }),
])
export type AmountRule = z.infer<typeof AmountRule>

export const Eligibility = z.object({
  /** Plain-language rules shown before the applicant starts. */
  summary: z.array(z.string().max(120)).min(1),
  /** Only members of these employment types (e.g. 新就业形态劳动者); omitted = every member. */
  employmentTypes: z.array(z.enum(EMPLOYMENT_TYPE_KEYS)).optional(),
  /** Membership at least this many months old at submission. */
  minMembershipMonths: z.number().int().min(0).max(120).optional(),
  /** Numeric field caps checked at submit, e.g. monthly income per head ≤ 2500 (with the refusal message). */
  fieldMax: z.array(z.object({ field: key, max: z.number(), message: z.string().max(80) })).optional(),
})
export type Eligibility = z.infer<typeof Eligibility>

/** When applications are accepted: all year, or every year between two month-days (China time, inclusive). */
export const AidWindow = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all_year') }),
  z.object({ kind: z.literal('yearly'), from: monthDay, to: monthDay }),
])
export type AidWindow = z.infer<typeof AidWindow>

export const AidLimits = z.object({
  /** Applications per person per calendar year (China time) for this type; withdrawn and rejected ones do not count. */
  perYear: z.number().int().min(1).max(12),
  /**
   * "No two aids for the same cause": types sharing a cause group (e.g. 'medical') may not both be claimed for
   * the same cause, identified by these fields (e.g. hospital + admission date).
   */
  causeGroup: key.nullable(),
  causeFields: z.array(key),
})
export type AidLimits = z.infer<typeof AidLimits>

export const AidStep = z.object({ key, title: z.string().min(1).max(20) })

/** What an admin configures for one aid type. */
export const AidTypeConfig = z.object({
  name: z.string().min(2).max(30),
  /** One paragraph for the type's landing card. */
  description: z.string().max(300),
  /** Form steps in order. The document checklist and the consent are always the last two steps (not listed here). */
  steps: z.array(AidStep).min(1).max(6),
  fields: z.array(AidField).min(1).max(30),
  documents: z.array(AidDocument).min(1).max(12),
  eligibility: Eligibility,
  amount: AmountRule,
  window: AidWindow,
  limits: AidLimits,
  /** 困难职工帮扶: the base reviewer must record a home visit before approving. */
  requiresHomeVisit: z.boolean(),
  /** Review deadline per level, in working days (Mon–Fri); past it, the queue marks the case overdue. */
  reviewWorkingDays: z.object({ base: z.number().int().min(1).max(30), district: z.number().int().min(1).max(30) }),
  active: z.boolean(),
  /**
   * The level of the union tree (1 = the root, the 区总工会) whose admins do the 复核, the 公示, the payout and the
   * answers to objections: an admin (or a district-level relief delegation) held at that level or above, over the
   * applicant's union. Omitted = the level of the union that owns the type. It may not be deeper than the owner.
   */
  reviewLevel: z.number().int().min(1, '复核层级最小为 1（区总工会）').max(9).optional(),
})
export type AidTypeConfig = z.infer<typeof AidTypeConfig>

/** PUT /api/relief/types/:key: the configuration, and for a new type the union that owns it. */
export const AidTypeInput = AidTypeConfig.extend({
  /**
   * The owning union: its members and those of its subtree see the type; only its admins (relief.manage over it) edit
   * it. Required when creating a type; fixed afterwards (sending another one is refused).
   */
  orgId: z.number().int().positive().optional(),
})
export type AidTypeInput = z.infer<typeof AidTypeInput>

/**
 * The limits a union sets for the aid types its sub-unions create themselves: the most one case may receive, and the
 * field kinds such a type may collect. Limits set at several levels combine (the lowest amount, the kinds all allow).
 */
export const AidTypeLimits = z.object({
  maxAmount: yuan,
  fieldKinds: z.array(FieldKind).min(1, '请至少允许一种字段').max(FIELD_KIND_KEYS.length),
})
export type AidTypeLimits = z.infer<typeof AidTypeLimits>

export const TypeLimitsView = z.object({
  org: z.object({ id: z.number().int(), name: z.string() }),
  /** What this union has set for the types of the unions below it (null = nothing set). */
  own: AidTypeLimits.nullable(),
  /** What applies to this union's own types: the limits set above it (the defaults when none); null for the root. */
  effective: AidTypeLimits.nullable(),
})
export type TypeLimitsView = z.infer<typeof TypeLimitsView>

export const AidType = AidTypeConfig.extend({
  key,
  /** The union that owns (offers and pays) the type. */
  org: z.object({ id: z.number().int(), name: z.string() }),
  /** The 复核 level in force (the configured one, or the owner's level). */
  reviewLevel: z.number().int(),
  /** Computed from `window` for today: may an application be submitted now? */
  openNow: z.boolean(),
  /** Chinese, e.g. 每年 07-01 至 09-30 受理 / 全年受理. */
  windowLabel: z.string(),
  /** Chinese summary of the amount rule, e.g. 按距离 ¥80–¥450 / 由区总工会核定 ¥500–¥5000. */
  amountLabel: z.string(),
})
export type AidType = z.infer<typeof AidType>

// ---------- applications (applicant side) ----------

/** Form values by field key: text/date/choice/id_number → string, integer/money → number. */
export const FieldValues = z.record(z.string(), z.union([z.string().max(2000), z.number(), z.null()]))
export type FieldValues = z.infer<typeof FieldValues>

/** Attached documents: checklist key → uploaded file ids (the caller's own uploads). */
export const DocumentIds = z.record(key, z.array(z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '文件编号无效')).max(RELIEF_FILES_PER_DOCUMENT, `每项材料最多 ${RELIEF_FILES_PER_DOCUMENT} 个文件`))
export type DocumentIds = z.infer<typeof DocumentIds>

export const StartApplicationBody = z.object({ typeKey: key })

/**
 * One step's save. `fields` is merged into the saved values (keys present overwrite; null clears a field);
 * `documents` replaces the listed checklist items only. Nothing is validated beyond types and sizes: that happens at submit.
 */
export const SaveDraftBody = z.object({
  /** The step the applicant is on (resume point), a step key or 'documents' | 'confirm'. */
  step: z.string().max(40),
  fields: FieldValues.optional(),
  documents: DocumentIds.optional(),
  /** The separate consent to processing sensitive personal information (敏感个人信息处理同意). */
  consentSensitive: z.boolean().optional(),
})
export type SaveDraftBody = z.infer<typeof SaveDraftBody>

export const DraftSaved = z.object({ savedAt: isoInstant, step: z.string() })

export const WithdrawBody = z.object({ reason: z.string().trim().max(200).optional() })

export const UploadedDocument = z.object({
  id: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** Short-lived signed link (RELIEF_DOCUMENT_LINK_TTL_SECONDS). */
  url: z.string(),
})
export type UploadedDocument = z.infer<typeof UploadedDocument>

/** A checklist item with what is attached to it. */
export const DocumentSlot = AidDocument.extend({ files: z.array(UploadedDocument) })
export type DocumentSlot = z.infer<typeof DocumentSlot>

export const ReliefTimelineEntry = z.object({
  at: isoInstant,
  kind: ReliefEventKind,
  /** Chinese title, e.g. 退回补充材料. */
  title: z.string(),
  /** Reason, what is missing, the amount, the payout reference … (null when nothing to add). */
  note: z.string().nullable(),
  /** Who acted, as the applicant may see it: 本人 / 星河物流有限公司工会 / 云溪区总工会. */
  by: z.string().nullable(),
})
export type ReliefTimelineEntry = z.infer<typeof ReliefTimelineEntry>

/** What a return for more information asks for. */
export const ReturnRequest = z.object({
  /** Checklist keys the reviewer names as missing or unreadable. */
  documents: z.array(z.object({ key, name: z.string() })),
  note: z.string().nullable(),
  at: isoInstant,
})
export type ReturnRequest = z.infer<typeof ReturnRequest>

export const PayoutRecord = z.object({ paidOn: isoDate, method: PayoutMethod, reference: z.string(), recordedAt: isoInstant })

export const ApplicationSummary = z.object({
  id: z.number().int(),
  typeKey: z.string(),
  typeName: z.string(),
  stage: ReliefStage,
  /** Chinese, from RELIEF_STAGES (or PUBLICITY_ENDED_LABEL). */
  stageLabel: z.string(),
  /** When the current stage is expected to end (review deadline, end of the notice); null when it waits on the applicant or is final. */
  expectedBy: isoInstant.nullable(),
  /** Approved / paid amount in yuan; for fixed-amount types, the amount the rule gives once the form says enough. */
  amount: z.number().int().nullable(),
  createdAt: isoInstant,
  submittedAt: isoInstant.nullable(),
  updatedAt: isoInstant,
})
export type ApplicationSummary = z.infer<typeof ApplicationSummary>

/** The applicant's full view (their own sensitive values included; each such view is audited). */
export const ApplicationDetail = ApplicationSummary.extend({
  org: z.object({ id: z.number().int(), name: z.string() }),
  /** The saved form (draft or what was submitted last). */
  fields: FieldValues,
  documents: z.array(DocumentSlot),
  consentSensitive: z.boolean(),
  /** Resume point of the step-by-step form. */
  step: z.string().nullable(),
  draftSavedAt: isoInstant.nullable(),
  /** Set while stage = returned: what to add before resubmitting. */
  returnRequest: ReturnRequest.nullable(),
  /** Reason of the last rejection. */
  rejectReason: z.string().nullable(),
  /** Number of submissions so far (1 = first, 2 = resubmitted once …). */
  submissionCount: z.number().int(),
  publicity: z.object({ roundId: z.number().int(), startsAt: isoInstant, endsAt: isoInstant }).nullable(),
  payout: PayoutRecord.nullable(),
  canEdit: z.boolean(),
  canWithdraw: z.boolean(),
  timeline: z.array(ReliefTimelineEntry),
})
export type ApplicationDetail = z.infer<typeof ApplicationDetail>

// ---------- review (初审 / 复核) ----------

/** Cursor paging of the staff worklists: pass `nextCursor` back as `cursor`; null means no more. */
const PageQuery = {
  /** Opaque; from the previous page's nextCursor. 400 when malformed. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(RELIEF_PAGE_MAX).default(RELIEF_PAGE_DEFAULT),
}
const page = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item), nextCursor: z.string().nullable() })

export const ReviewQueueQuery = z.object({ level: ReviewLevel, ...PageQuery })

export const ReliefQueueItem = z.object({
  id: z.number().int(),
  typeKey: z.string(),
  typeName: z.string(),
  applicantName: z.string(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  stage: ReliefStage,
  /** When it entered this level's queue (the last submission, or the 初审 approval). */
  waitingSince: isoInstant,
  waitingHours: z.number(),
  dueBy: isoInstant,
  /** Past the type's `reviewWorkingDays` for this level. */
  overdue: z.boolean(),
  resubmission: z.boolean(),
  /** 困难职工帮扶: is the home visit recorded yet? null when the type does not require one. */
  homeVisitDone: z.boolean().nullable(),
})
export type ReliefQueueItem = z.infer<typeof ReliefQueueItem>

/** The district's worklist by stage (e.g. 待公示 = approved, 公示中/待发放 = publicity, 已发放 = paid). */
export const CasesQuery = z.object({ stage: ReliefStage.exclude(['draft']), ...PageQuery })
export const ObjectionsQuery = z.object(PageQuery)

export const ReliefCaseItem = z.object({
  id: z.number().int(),
  typeKey: z.string(),
  typeName: z.string(),
  applicantName: z.string(),
  org: z.object({ id: z.number().int(), name: z.string() }),
  stage: ReliefStage,
  stageLabel: z.string(),
  /** When it entered this stage. */
  since: isoInstant,
  amount: z.number().int().nullable(),
  expectedBy: isoInstant.nullable(),
  /** publicity only: the notice is over and every objection answered. */
  payable: z.boolean(),
  /** Objections not yet answered. */
  openObjections: z.number().int(),
})
export type ReliefCaseItem = z.infer<typeof ReliefCaseItem>

export const HomeVisit = z.object({
  visitedOn: isoDate,
  visitors: z.string(),
  findings: z.string(),
  recordedAt: isoInstant,
  recordedBy: z.string(),
})
export type HomeVisit = z.infer<typeof HomeVisit>

/** One submitted version (a snapshot per submission; a return + resubmit gives two). */
export const SubmissionVersion = z.object({
  no: z.number().int(),
  submittedAt: isoInstant,
  fields: FieldValues,
  documents: z.array(DocumentSlot),
})
export type SubmissionVersion = z.infer<typeof SubmissionVersion>

export const Objection = z.object({
  id: z.number().int(),
  content: z.string(),
  createdAt: isoInstant,
  answer: z.string().nullable(),
  /** true: the objection was upheld and the approval withdrawn (the application is rejected). */
  upheld: z.boolean().nullable(),
  answeredAt: isoInstant.nullable(),
})
export type Objection = z.infer<typeof Objection>

/** The reviewer's view: everything, decrypted (audited), with every submitted version. */
export const ReviewDetail = ApplicationDetail.extend({
  applicant: z.object({ name: z.string(), memberNo: z.string(), employmentType: z.enum(EMPLOYMENT_TYPE_KEYS) }),
  type: AidType,
  versions: z.array(SubmissionVersion),
  homeVisit: HomeVisit.nullable(),
  objections: z.array(Objection),
  /** Which action the caller may take now: the level they act at, or null (nothing to do / no authority). */
  actingLevel: ReviewLevel.nullable(),
  /** For fixed-amount types: the amount the rule gives for this form (the 复核 must approve exactly that). */
  ruleAmount: z.number().int().nullable(),
  /** Set when the caller may record the payout now. */
  payable: z.boolean(),
  /** May the caller answer this case's open objections (only the level that approved the amount)? */
  canAnswerObjections: z.boolean(),
  /** Why the payout is not yet possible (Chinese), when the case is in 公示. */
  payoutBlockedReason: z.string().nullable(),
})
export type ReviewDetail = z.infer<typeof ReviewDetail>

export const ApproveBody = z.object({
  /** Required at 区总工会复核 for reviewer-set types (within the rule's range); for fixed types it must equal the rule's amount or be left out. Ignored at 初审. */
  amount: z.number({ error: '请填写核定金额' }).int('金额请填写整数（元）').positive('金额须大于 0').optional(),
  note: z.string().trim().max(200).optional(),
})
export const RejectBody = z.object({ reason: z.string().trim().min(2, '请填写不通过的原因').max(200, '原因最多 200 字') })
export const ReturnBody = z
  .object({
    /** Checklist keys of the missing documents. */
    missingDocuments: z.array(key).max(12).default([]),
    note: z.string().trim().max(200, '说明最多 200 字').optional(),
  })
  .refine((v) => v.missingDocuments.length > 0 || (v.note?.length ?? 0) >= 2, {
    path: ['note'],
    message: '请写明需要补充的材料或信息',
  })
export const HomeVisitBody = z.object({
  visitedOn: isoDate,
  visitors: z.string().trim().min(2, '请填写走访人员').max(60),
  findings: z.string().trim().min(5, '请填写走访情况（至少 5 个字）').max(1000),
})

// ---------- 公示 ----------

export const CreateRoundBody = z.object({
  title: z.string().trim().min(2, '请填写公示标题').max(60),
  days: z.number().int().min(1, '公示期至少 1 天').max(30, '公示期最多 30 天'),
  /** Approved applications to publish; omitted = every approved one in the caller's district scope. */
  applicationIds: z.array(z.number().int().positive()).max(500).optional(),
})

export const PublicityEntry = z.object({
  /** Entry id (= the application id), used to lodge an objection. */
  id: z.number().int(),
  /** 张*明 */
  nameMasked: z.string(),
  orgName: z.string(),
  typeName: z.string(),
  amount: z.number().int(),
})
export type PublicityEntry = z.infer<typeof PublicityEntry>

export const PublicityRound = z.object({
  id: z.number().int(),
  title: z.string(),
  orgName: z.string(),
  startsAt: isoInstant,
  endsAt: isoInstant,
  /** Objections are accepted while open. */
  open: z.boolean(),
  entries: z.array(PublicityEntry),
})
export type PublicityRound = z.infer<typeof PublicityRound>

export const ObjectionBody = z.object({
  content: z.string().trim().min(5, '请写明异议内容（至少 5 个字）').max(500, '异议内容最多 500 字'),
})
export const AnswerObjectionBody = z.object({
  answer: z.string().trim().min(2, '请填写答复内容').max(500),
  /** true withdraws the approval (the application becomes 未通过 with the answer as the reason). */
  upheld: z.boolean(),
})

export const ReviewObjection = Objection.extend({
  applicationId: z.number().int(),
  applicantName: z.string(),
  typeName: z.string(),
  roundId: z.number().int(),
  /** May the caller answer it (the level that approved the amount); a 初审 reviewer only reads it. */
  canAnswer: z.boolean(),
})
export type ReviewObjection = z.infer<typeof ReviewObjection>

export const PayoutBody = z.object({
  paidOn: isoDate,
  method: PayoutMethod,
  reference: z.string().trim().min(2, '请填写转账流水号或凭证号').max(60),
})

// ---------- params ----------

export const AppIdParams = z.object({ id })
export const TypeKeyParams = z.object({ key })
export const OrgIdParams = z.object({ orgId: id })
const Ok = z.object({ ok: z.literal(true) })

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const types = { response: z.object({ items: z.array(AidType) }) }
export const updateType = { params: TypeKeyParams, body: AidTypeInput, response: AidType }
export const typeLimits = { params: OrgIdParams, response: TypeLimitsView }
export const setTypeLimits = { params: OrgIdParams, body: AidTypeLimits, response: TypeLimitsView }
export const start = { body: StartApplicationBody, response: ApplicationDetail }
export const mine = { response: z.object({ items: z.array(ApplicationSummary) }) }
export const detail = { params: AppIdParams, response: ApplicationDetail }
export const saveDraft = { params: AppIdParams, body: SaveDraftBody, response: DraftSaved }
export const submit = { params: AppIdParams, response: ApplicationDetail }
export const withdraw = { params: AppIdParams, body: WithdrawBody.nullish(), response: ApplicationDetail }
export const upload = { response: UploadedDocument }
export const reviewQueue = { query: ReviewQueueQuery, response: page(ReliefQueueItem) }
export const reviewCases = { query: CasesQuery, response: page(ReliefCaseItem) }
export const reviewDetail = { params: AppIdParams, response: ReviewDetail }
export const homeVisit = { params: AppIdParams, body: HomeVisitBody, response: ReviewDetail }
export const approve = { params: AppIdParams, body: ApproveBody.nullish(), response: ReviewDetail }
export const reject = { params: AppIdParams, body: RejectBody, response: ReviewDetail }
export const returnForInfo = { params: AppIdParams, body: ReturnBody, response: ReviewDetail }
export const createRound = { body: CreateRoundBody, response: PublicityRound }
export const publicity = { response: z.object({ items: z.array(PublicityRound) }) }
export const object = { params: AppIdParams, body: ObjectionBody, response: Ok }
export const reviewObjections = { query: ObjectionsQuery, response: page(ReviewObjection) }
export const answerObjection = { params: AppIdParams, body: AnswerObjectionBody, response: ReviewObjection }
export const payout = { params: AppIdParams, body: PayoutBody, response: ReviewDetail }
