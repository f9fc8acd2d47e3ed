/** Review (初审 / 复核): the paged worklists, the reviewer's view of a case, and the decisions' bodies. */
import { z } from 'zod'
import { QueueSort } from '../../paging'
import { EMPLOYMENT_TYPE_KEYS } from '../../membership/labels'
import { AidType } from './aid-types'
import { ApplicationDetail, DocumentSlot, FieldValues } from './applications'
import { PayoutMethod, ReliefStage, ReviewLevel } from './enums'
import { PageQuery, isoDate, isoInstant, key, orgRef } from './primitives'

/**
 * One level's queue. The office console's filters: `orgId` a union of the caller's post (its subtree only; outside →
 * 403 RELIEF_UNION_OUTSIDE), `typeKey`, `overdue=1` past the type's promise now / `0` not; `sort=newest` newest in
 * the stage first (default: longest waiting first).
 */
export const ReviewQueueQuery = z.object({
  level: ReviewLevel,
  ...PageQuery,
  orgId: z.coerce.number().int().positive().optional(),
  typeKey: key.optional(),
  overdue: z.enum(['1', '0']).optional(),
  sort: QueueSort,
})
export type ReviewQueueQuery = z.infer<typeof ReviewQueueQuery>

/**
 * 发放名单 (.xlsx for the finance office): the cases the caller may pay now (公示 over, objections answered, 复核 level),
 * optionally of one union's subtree or one type. ID numbers masked unless `reveal=1` (each case then audited as a
 * sensitive view); every export audited.
 */
export const PayoutListQuery = z.object({
  orgId: z.coerce.number().int().positive().optional(),
  typeKey: key.optional(),
  reveal: z.enum(['1', '0']).optional(),
})
export type PayoutListQuery = z.infer<typeof PayoutListQuery>

/** What a row of either staff worklist (the review queue, the cases of a stage) says of its application. */
const WorklistCase = z.object({
  id: z.number().int(),
  typeKey: z.string(),
  typeName: z.string(),
  applicantName: z.string(),
  org: orgRef,
  stage: ReliefStage,
})

export const ReliefQueueItem = WorklistCase.extend({
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

export const ReliefCaseItem = WorklistCase.extend({
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

export const PayoutBody = z.object({
  paidOn: isoDate,
  method: PayoutMethod,
  reference: z.string().trim().min(2, '请填写转账流水号或凭证号').max(60),
})

