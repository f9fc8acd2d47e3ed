/**
 * Spreadsheet imports (会员台账, 工会组织): the report every dry run and commit answers with, shared by each import so
 * the app shows them all the same way. Each import names its own columns, limits and refusals in its capability.
 */
import { z } from 'zod'

export const ImportProblem = z.object({
  /** The row number as Excel shows it (the header is row 1). */
  row: z.number().int(),
  /** The column's header (姓名, 上级工会 …), or null for the whole row. */
  column: z.string().nullable(),
  message: z.string(),
})
export type ImportProblem = z.infer<typeof ImportProblem>

export const ImportCounts = z.object({
  /** Data rows in the file. */
  total: z.number().int(),
  /** Not in the system yet. */
  new: z.number().int(),
  /** In the system with other data. */
  updated: z.number().int(),
  /** In the system with exactly this data. */
  unchanged: z.number().int(),
  /** Rows with at least one problem. */
  rejected: z.number().int(),
})
export type ImportCounts = z.infer<typeof ImportCounts>

export const ImportReport = z.object({
  fileName: z.string(),
  /** Dry run: always false. Commit: true when the rows were written (no problem anywhere), else nothing was. */
  committed: z.boolean(),
  /**
   * all_or_nothing (every import's default): a file with any problem is not written at all. skip_rejected (the roster
   * commit, when the admin chose it after the dry run): the rows without a problem written, the others left out and
   * listed in `problems`.
   */
  policy: z.enum(['all_or_nothing', 'skip_rejected']),
  /** One Chinese sentence: what happened, or what to do. */
  summary: z.string(),
  counts: ImportCounts,
  /** In row order, at most IMPORT_MAX_PROBLEMS of them (`problemsTruncated` then). */
  problems: z.array(ImportProblem),
  problemsTruncated: z.boolean(),
})
export type ImportReport = z.infer<typeof ImportReport>

/** Most problems listed in one report (the counts still cover every row). */
export const IMPORT_MAX_PROBLEMS = 1_000
