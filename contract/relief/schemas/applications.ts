/** Applications, applicant side: the per-step draft, documents, the timeline, and the applicant's views. */
import { z } from 'zod'
import { RELIEF_FILES_PER_DOCUMENT } from '../labels'
import { AidDocument } from './aid-types'
import { PayoutMethod, ReliefEventKind, ReliefStage } from './enums'
import { isoDate, isoInstant, key, orgRef } from './primitives'

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
  org: orgRef,
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
