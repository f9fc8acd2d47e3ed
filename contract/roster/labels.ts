/** 会员实名制台账 (roster import) and 会员认证: limits, columns and labels, shared by server and app. Zod-free. */
import type { EmploymentType } from '../membership/labels'

/** Largest roster file accepted (.xlsx or .csv). */
export const ROSTER_MAX_BYTES = 5 * 1024 * 1024
/** Most data rows in one file. */
export const ROSTER_MAX_ROWS = 20_000
/** Failed 会员认证 attempts per user and China-time day; then 429 until the next day. */
export const ROSTER_CLAIMS_PER_DAY = 5

/** The header row, in this spelling (any order; 会员编号 may be left out). */
export const ROSTER_COLUMNS = {
  name: '姓名',
  idNumber: '身份证号',
  phone: '手机号',
  union: '所属工会',
  memberNo: '会员编号',
  joinedOn: '入会日期',
  employment: '就业形态',
} as const
export type RosterColumn = keyof typeof ROSTER_COLUMNS
export const ROSTER_OPTIONAL_COLUMNS: readonly RosterColumn[] = ['memberNo']

/** 就业形态 as written in a roster → the membership's employment type (besides the labels of EMPLOYMENT_TYPES). */
export const ROSTER_EMPLOYMENT_ALIASES: Record<string, EmploymentType> = {
  职工: 'employee',
  在职职工: 'employee',
  employee: 'employee',
  新就业形态: 'other_gig',
  新就业形态劳动者: 'other_gig',
  gig: 'other_gig',
}

/**
 * How a commit treats a file with problems: all or nothing. A federation office keeps its 台账 as one file and expects
 * the system to hold exactly that file — a half-imported ledger nobody can tell apart from the file is worse than
 * none. The dry run lists every problem; fix them and upload again (re-running is idempotent).
 */
export const ROSTER_COMMIT_POLICY = 'all_or_nothing' as const

/**
 * The commit's alternative, chosen explicitly by the admin after a dry run (the console's 跳过有问题的行并导入): the
 * rows without a problem are written, the others left out; the report lists them and their .xlsx can be downloaded
 * (rosterApi.problemRows) to fix and upload again — re-running the whole file then adds only what was missing.
 */
export const ROSTER_SKIP_POLICY = 'skip_rejected' as const

/** Most rows described one by one in a report (`rows`; the counts still cover every row). */
export const ROSTER_PREVIEW_MAX_ROWS = 5_000

/** What a row of the file becomes (the dry run's preview; a commit's result). */
export const ROSTER_OUTCOMES = {
  new: '新增',
  updated: '更新台账',
  unchanged: '已在台账',
  member: '已是会员',
  error: '有错误',
} as const
export type RosterOutcome = keyof typeof ROSTER_OUTCOMES

/** The extra column of the problem rows' download. */
export const ROSTER_PROBLEM_COLUMN = '问题说明'
