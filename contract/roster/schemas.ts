/** 会员实名制台账 import (dry run / commit) and 会员认证 (claiming an imported membership): zod schemas. */
import { z } from 'zod'
import { parseIdNumber, PHONE_PATTERN } from '../membership/idcard'
import { Membership } from '../membership/schemas'
import { ImportReport, type ImportCounts, type ImportProblem } from '../imports'

// ---------- import ----------

/** The report of every spreadsheet import (contract/imports.ts); the roster's counts: new = not in the roster yet,
 * updated = in the roster (or claimed) with other data, unchanged = exactly this data. */
export const RosterReport = ImportReport
export type RosterReport = ImportReport
export type RosterProblem = ImportProblem
export type RosterCounts = ImportCounts

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
