/**
 * 个人信息保护 contract: 注销账号 (with its cooling-off period), 退会 (the member's request, the union's
 * confirmation), 更正 of the verified name / phone (decided by the union), 下载我的数据 (a copy prepared in the
 * background, downloadable for 7 days). Instants are ISO strings.
 */
import { z } from 'zod'

const id = z.coerce.number().int().positive()
const isoInstant = z.string()

export const ErasureView = z.object({
  id: z.number().int(),
  status: z.enum(['pending', 'cancelled', 'done']),
  requestedAt: isoInstant,
  /** The end of the cooling-off period: the shredder runs after it. */
  dueAt: isoInstant,
  cancelledAt: isoInstant.nullable(),
  /** 'login': cancelled by logging in again during the cooling-off period. */
  cancelledBy: z.enum(['login', 'member']).nullable(),
})
export type ErasureView = z.infer<typeof ErasureView>

export const DepartureView = z.object({
  id: z.number().int(),
  status: z.enum(['requested', 'left', 'withdrawn']),
  reason: z.string().nullable(),
  requestedAt: isoInstant,
  /** Completes by itself then unless the union confirms earlier. */
  dueAt: isoInstant,
  leftAt: isoInstant.nullable(),
})
export type DepartureView = z.infer<typeof DepartureView>

export const ExportView = z.object({
  id: z.number().int(),
  status: z.enum(['pending', 'done', 'cancelled', 'rejected']),
  requestedAt: isoInstant,
  /** Downloadable until then. */
  expiresAt: isoInstant,
  /** Short-lived signed links, only on `GET /api/privacy/exports/:id` of a prepared copy. */
  xlsxUrl: z.string().nullable(),
  jsonUrl: z.string().nullable(),
})
export type ExportView = z.infer<typeof ExportView>

export const CorrectionField = z.enum(['name', 'phone'])
export type CorrectionField = z.infer<typeof CorrectionField>

/** The member's 更正 request as they see it: the requested values while it is open (the phone masked). */
export const CorrectionView = z.object({
  id: z.number().int(),
  status: z.enum(['pending', 'approved', 'rejected', 'withdrawn']),
  /** Which fields it asks to change. */
  fields: z.array(CorrectionField),
  /** The requested name while open (null once decided: then it is on the membership, or dropped). */
  name: z.string().nullable(),
  phoneMasked: z.string().nullable(),
  reason: z.string().nullable(),
  requestedAt: isoInstant,
  decidedAt: isoInstant.nullable(),
  /** Why the union did not correct it. */
  rejectNote: z.string().nullable(),
})
export type CorrectionView = z.infer<typeof CorrectionView>

export const PrivacyOverview = z.object({
  isMember: z.boolean(),
  /** A member's verified name and phone (masked) on file: what a correction changes. */
  onFile: z.object({ name: z.string(), phoneMasked: z.string().nullable() }).nullable(),
  /** The latest 更正 request (open or decided). */
  correction: CorrectionView.nullable(),
  /** The open erasure request, or the last one when it was cancelled (to say so once after login). */
  erasure: ErasureView.nullable(),
  departure: DepartureView.nullable(),
  exports: z.array(ExportView),
})
export type PrivacyOverview = z.infer<typeof PrivacyOverview>

export const ErasureBody = z.object({
  confirm: z.literal(true, { error: '请确认已阅读注销后果' }),
})
export const DepartureBody = z.object({
  reason: z.string().trim().max(200, { error: '退会原因不超过 200 字' }).optional(),
})

export const StaffDeparture = z.object({
  id: z.number().int(),
  status: z.enum(['requested', 'left', 'withdrawn']),
  name: z.string(),
  memberNo: z.string(),
  orgName: z.string(),
  reason: z.string().nullable(),
  requestedAt: isoInstant,
  dueAt: isoInstant,
  leftAt: isoInstant.nullable(),
})
export type StaffDeparture = z.infer<typeof StaffDeparture>

/** 更正: a new name and/or phone (checked by the service, each refusal beside its field) and an optional reason. */
export const CorrectionBody = z.object({
  name: z.string().trim().max(40, { error: '姓名最多 20 个字' }).optional(),
  phone: z.string().trim().max(20, { error: '请输入正确的 11 位手机号码' }).optional(),
  reason: z.string().trim().max(200, { error: '更正说明不超过 200 字' }).optional(),
})
export type CorrectionBody = z.infer<typeof CorrectionBody>

export const CorrectionRejectBody = z.object({
  note: z.string().trim().max(200, { error: '原因不超过 200 字' }),
})

/** A reviewer's row: who, what is on file, what is asked (the full new phone: the reviewer verifies it). */
export const StaffCorrection = z.object({
  id: z.number().int(),
  status: CorrectionView.shape.status,
  memberNo: z.string(),
  orgName: z.string(),
  currentName: z.string(),
  currentPhoneMasked: z.string().nullable(),
  newName: z.string().nullable(),
  newPhone: z.string().nullable(),
  reason: z.string().nullable(),
  requestedAt: isoInstant,
  decidedAt: isoInstant.nullable(),
  rejectNote: z.string().nullable(),
})
export type StaffCorrection = z.infer<typeof StaffCorrection>

const IdParams = z.object({ id })

export const overview = { response: PrivacyOverview }
export const requestErasure = { body: ErasureBody, response: ErasureView }
export const requestDeparture = { body: DepartureBody, response: DepartureView }
export const withdrawDeparture = { response: DepartureView }
export const departures = { response: z.object({ items: z.array(StaffDeparture) }) }
export const confirmDeparture = { params: IdParams, response: StaffDeparture }
export const requestCorrection = { body: CorrectionBody, response: CorrectionView }
export const withdrawCorrection = { response: CorrectionView }
export const corrections = { response: z.object({ items: z.array(StaffCorrection) }) }
export const approveCorrection = { params: IdParams, response: StaffCorrection }
export const rejectCorrection = { params: IdParams, body: CorrectionRejectBody, response: StaffCorrection }
export const requestExport = { response: ExportView }
export const exportDetail = { params: IdParams, response: ExportView }
