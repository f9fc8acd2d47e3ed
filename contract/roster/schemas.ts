/** 会员实名制台账 import (dry run / commit) and 会员认证 (claiming an imported membership): zod schemas. */
import { z } from 'zod'
import { parseIdNumber, PHONE_PATTERN } from '../membership/idcard'
import { Membership } from '../membership/schemas'
import { ImportReport, type ImportCounts, type ImportProblem } from '../imports'
import { ROSTER_OUTCOMES, type RosterOutcome as Outcome } from './labels'

// ---------- import ----------

/** The report of every spreadsheet import (contract/imports.ts); the roster's counts: new = not in the roster yet,
 * updated = in the roster (or claimed) with other data, unchanged = exactly this data. */
export const RosterOutcome = z.enum(Object.keys(ROSTER_OUTCOMES) as [Outcome, ...Outcome[]])
export type RosterOutcome = z.infer<typeof RosterOutcome>

/** One row of the file as the preview table shows it: masked, with what it becomes and its problems by column. */
export const RosterPreviewRow = z.object({
  /** As Excel numbers it (the header is row 1). */
  row: z.number().int(),
  name: z.string(),
  /** Masked (3301**********1234); as written when it is too short to mask meaningfully. */
  idNumber: z.string(),
  /** Masked (139****0001). */
  phone: z.string(),
  /** The union the row goes to (its name), or the 所属工会 cell as written when none matched. */
  unionName: z.string(),
  outcome: RosterOutcome,
  /** Every problem of the row (error), or the one saying it is a member already (member). */
  problems: z.array(z.object({ column: z.string().nullable(), message: z.string() })),
})
export type RosterPreviewRow = z.infer<typeof RosterPreviewRow>

export const RosterReport = ImportReport.extend({
  /** Row by row, in file order, at most ROSTER_PREVIEW_MAX_ROWS (`rowsTruncated` then). */
  rows: z.array(RosterPreviewRow),
  rowsTruncated: z.boolean(),
  /** Already members of a union (a row each; counted in `counts.rejected` too). */
  members: z.number().int(),
  /** Rows a skip_rejected commit left out (every rejected row); 0 otherwise. */
  skipped: z.number().int(),
})
export type RosterReport = z.infer<typeof RosterReport>
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

/** The union the file is for: 所属工会 names are looked up inside its subtree, an empty 所属工会 means this union. */
const RosterTargetQuery = z.object({ orgId: z.coerce.number().int().positive().optional() })
export const RosterCommitQuery = RosterTargetQuery.extend({
  /** '1': write the rows without a problem, leave out the others (ROSTER_SKIP_POLICY); default all or nothing. */
  skipRejected: z
    .enum(['0', '1'])
    .transform((v) => v === '1')
    .optional(),
})
export type RosterCommitQuery = z.infer<typeof RosterCommitQuery>

/** Multipart: one `file` part (.xlsx or .csv). */
export const dryRun = { query: RosterTargetQuery, response: RosterReport }
export const commit = { query: RosterCommitQuery, response: RosterReport }
/** The same file → an .xlsx of the rows that would not be imported, as written, with 问题说明. */
export const problemRows = { query: RosterTargetQuery, response: z.unknown() }
/** The empty roster .xlsx: the header row, ID number / phone / 会员编号 columns as text, a 填写说明 sheet. */
export const template = { response: z.unknown() }
export const claim = { body: RosterClaimBody, response: Membership }
