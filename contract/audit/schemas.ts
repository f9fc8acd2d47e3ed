/**
 * 审计日志 contract (issue 16): the audit rows of the caller's union subtree, newest first, by cursor; filters by
 * person, action, record and China calendar days (both ends included); the same filters as .xlsx.
 */
import { z } from 'zod'
import { PageQuery, nextCursor } from '../paging'
import { AUDIT_MAX_DAYS } from './labels'

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`)
const flag = z.enum(['0', '1']).transform((v) => v === '1')

const FilterFields = z.object({
  /** A union of the caller's posts (default: all of them). */
  orgId: z.coerce.number().int().positive().optional(),
  /** 操作人: a user id (from a row's 只看此人) … */
  actorId: z.coerce.number().int().positive().optional(),
  /** … or part of their name. */
  actor: z.string().trim().max(30, '操作人最多 30 个字').optional(),
  action: z.string().trim().max(64).regex(/^[a-z_.]+$/, '操作类型无效').optional(),
  subjectType: z.string().trim().max(40).regex(/^[a-z_]+$/, '对象类型无效').optional(),
  subjectId: z.string().trim().max(64, '对象编号最多 64 个字符').optional(),
  from: day.optional(),
  to: day.optional(),
  /** Only views and exports of personal data. */
  sensitive: flag.optional(),
})

function checkRange(q: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  for (const k of ['from', 'to'] as const) {
    const v = q[k]
    if (v === undefined) continue
    const t = dayMs(v)
    if (Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== v) ctx.addIssue({ code: 'custom', path: [k], message: '日期无效' })
  }
  if (q.from && q.to) {
    const span = (dayMs(q.to) - dayMs(q.from)) / 86_400_000
    if (span < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: '结束日期不能早于开始日期' })
    else if (span >= AUDIT_MAX_DAYS) ctx.addIssue({ code: 'custom', path: ['to'], message: `时间范围不能超过 ${AUDIT_MAX_DAYS} 天` })
  }
}

export const AuditQuery = FilterFields.extend(PageQuery.shape).superRefine(checkRange)
export type AuditQuery = z.infer<typeof AuditQuery>
export const AuditExportQuery = FilterFields.superRefine(checkRange)
export type AuditExportQuery = z.infer<typeof AuditExportQuery>
export type AuditFilters = z.infer<typeof FilterFields>

export const AuditRow = z.object({
  id: z.number().int(),
  /** ISO instant (UTC). */
  at: z.string(),
  actor: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  action: z.string(),
  subjectType: z.string().nullable(),
  subjectId: z.string().nullable(),
  /** The union the row belongs to (null: the platform's own). */
  org: z.object({ id: z.number().int(), name: z.string() }).nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  /** "Chrome · Windows" from the User-Agent. */
  device: z.string().nullable(),
  channel: z.enum(['app', 'console']).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  /** A view or export of someone's personal data (labels.ts SENSITIVE_AUDIT_ACTIONS). */
  sensitive: z.boolean(),
})
export type AuditRow = z.infer<typeof AuditRow>

export const AuditPage = z.object({ items: z.array(AuditRow), nextCursor })
export type AuditPage = z.infer<typeof AuditPage>

export const list = { query: AuditQuery, response: AuditPage }
export const exportXlsx = { query: AuditExportQuery, response: z.unknown() }
