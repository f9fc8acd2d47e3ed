/** The report every spreadsheet import answers with (contract/imports.ts): counts, problems (capped), one sentence. */
import { IMPORT_MAX_PROBLEMS, type ImportCounts, type ImportProblem, type ImportReport } from '@contract/imports'

export interface ReportWording {
  /** What the file is called (台账, 工会名单). */
  noun: string
  /** What a row counts as (人, 个工会). */
  unit: string
}

export function importReport(
  fileName: string,
  plan: { counts: ImportCounts; problems: readonly ImportProblem[] },
  committed: boolean,
  words: ReportWording,
  policy: ImportReport['policy'] = 'all_or_nothing',
): ImportReport {
  const skipped = policy === 'skip_rejected' && committed
  return {
    fileName,
    committed,
    policy,
    summary: skipped ? skipSummary(plan.counts, words) : summary(plan.counts, committed, plan.problems.length > 0, words),
    counts: plan.counts,
    problems: plan.problems.slice(0, IMPORT_MAX_PROBLEMS),
    problemsTruncated: plan.problems.length > IMPORT_MAX_PROBLEMS,
  }
}

function skipSummary(c: ImportCounts, w: ReportWording): string {
  const done = `导入完成：新增 ${c.new} ${w.unit}、更新 ${c.updated} ${w.unit}、无变化 ${c.unchanged} ${w.unit}`
  return c.rejected > 0 ? `${done}；跳过 ${c.rejected} 行（已是会员或有问题），可下载问题行修改后重新导入` : done
}

function summary(c: ImportCounts, committed: boolean, hasProblems: boolean, w: ReportWording): string {
  const tally = `新增 ${c.new} ${w.unit}、更新 ${c.updated} ${w.unit}、无变化 ${c.unchanged} ${w.unit}`
  if (hasProblems) return `共 ${c.total} 行，其中 ${c.rejected} 行有问题。为保证${w.noun}与文件一致，有问题时整份文件都不会导入，请修改后重新上传`
  if (committed) return `导入完成：${tally}`
  return `检查通过，可以导入：${tally}`
}
