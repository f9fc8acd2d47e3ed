/**
 * 个人信息保护 contract: 注销账号 (with its cooling-off period), 退会 (the member's request, the union's
 * confirmation), 下载我的数据 (a copy prepared in the background, downloadable for 7 days). Instants are ISO strings.
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

export const PrivacyOverview = z.object({
  isMember: z.boolean(),
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

const IdParams = z.object({ id })

export const overview = { response: PrivacyOverview }
export const requestErasure = { body: ErasureBody, response: ErasureView }
export const requestDeparture = { body: DepartureBody, response: DepartureView }
export const withdrawDeparture = { response: DepartureView }
export const departures = { response: z.object({ items: z.array(StaffDeparture) }) }
export const confirmDeparture = { params: IdParams, response: StaffDeparture }
export const requestExport = { response: ExportView }
export const exportDetail = { params: IdParams, response: ExportView }
