/** 会员实名制台账 import (dry run / commit) and 会员认证 (claiming an imported membership): zod schemas. */
import { z } from 'zod'
import { parseIdNumber, PHONE_PATTERN } from '../membership/idcard'
import { Membership } from '../membership/schemas'

// ---------- import ----------

export const RosterProblem = z.object({
  /** The row number as Excel shows it (the header is row 1). */
  row: z.number().int(),
  /** The column's header (姓名, 身份证号 …), or null for the whole row. */
  column: z.string().nullable(),
  message: z.string(),
})
export type RosterProblem = z.infer<typeof RosterProblem>

export const RosterCounts = z.object({
  /** Data rows in the file. */
  total: z.number().int(),
  /** Not in the roster yet. */
  new: z.number().int(),
  /** In the roster (or claimed) with other data: phone, union, employment, name, number or date. */
  updated: z.number().int(),
  /** In the roster with exactly this data. */
  unchanged: z.number().int(),
  /** Rows with at least one problem. */
  rejected: z.number().int(),
})
export type RosterCounts = z.infer<typeof RosterCounts>

export const RosterReport = z.object({
  fileName: z.string(),
  /** Dry run: always false. Commit: true when the rows were written (no problem anywhere), else nothing was. */
  committed: z.boolean(),
  /** A file with any problem is not written at all (see ROSTER_COMMIT_POLICY). */
  policy: z.literal('all_or_nothing'),
  /** One Chinese sentence: what happened, or what to do. */
  summary: z.string(),
  counts: RosterCounts,
  /** In row order, at most ROSTER_MAX_PROBLEMS of them (`problemsTruncated` then). */
  problems: z.array(RosterProblem),
  problemsTruncated: z.boolean(),
})
export type RosterReport = z.infer<typeof RosterReport>

// ---------- 会员认证 ----------

export const RosterClaimBody = z.object({
  name: z.string().trim().min(1, '请输入姓名').max(50, '姓名过长'),
  idNumber: z
    .string()
    .trim()
    .superRefine((v, ctx) => {
      const r = parseIdNumber(v)
      if (!r.ok) ctx.addIssue({ code: 'custom', message: r.message })
    }),
  phoneTail: z.string().regex(/^\d{4}$/, '请输入手机号后 4 位'),
})
export type RosterClaimBody = z.infer<typeof RosterClaimBody>

export { PHONE_PATTERN }

// ---------- endpoint schema groups ----------

/** Multipart: one `file` part (.xlsx or .csv). */
export const dryRun = { response: RosterReport }
export const commit = { response: RosterReport }
export const claim = { body: RosterClaimBody, response: Membership }
