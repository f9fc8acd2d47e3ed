/**
 * The steps of a spreadsheet import page below its notice (工会名单, 驿站名单): choose a file (checked at once), the
 * report, 确认导入 — only once no row has a problem — and back when it is written. Class names carry the page's
 * `prefix` (`<prefix>-pick`, `-commit`, `-fix`, `-done`).
 */
import { Button, Text } from '@tarojs/components'
import type { SheetImport } from '../hooks/useSheetImport'
import { back } from '../platform/ui'
import { ErrorMessage } from './ErrorMessage'
import { ImportReportView } from './ImportReportView'

export function SheetImportSteps({ sheet, prefix, fileLabel, unit, backLabel }: {
  sheet: SheetImport
  prefix: string
  /** What the file is (工会名单): 选择工会名单文件. */
  fileLabel: string
  /** What a row counts as (个工会): 确认导入 3 个工会. */
  unit: string
  /** Shown on the button back once written (返回工会组织). */
  backLabel: string
}) {
  const { file, report, busy, error, pick, run } = sheet
  const checked = report !== null && !report.committed
  const clean = checked && report.counts.rejected === 0 && report.counts.total > 0
  const toWrite = report ? report.counts.new + report.counts.updated : 0
  return (
    <>
      <Button className={`btn btn-primary btn-block ${prefix}-pick`} loading={busy === 'check' || undefined} disabled={busy !== null || undefined} onClick={() => void pick()}>
        {file ? '重新选择文件' : `选择${fileLabel}文件`}
      </Button>
      {busy === 'check' ? <Text className='muted'>正在检查 {file?.name}…</Text> : null}
      <ErrorMessage error={error} onRetry={file ? () => void run(report ? 'commit' : 'check', file) : undefined} />
      {report ? <ImportReportView report={report} /> : null}
      {checked && file ? (
        <Button
          className={`btn btn-primary btn-block ${prefix}-commit`}
          loading={busy === 'commit' || undefined}
          disabled={!clean || busy !== null || undefined}
          onClick={() => clean && void run('commit', file)}
        >
          {!clean ? '确认导入' : toWrite > 0 ? `确认导入 ${toWrite} ${unit}` : '确认导入（与系统中一致，无变化）'}
        </Button>
      ) : null}
      {checked && !clean ? (
        <Text className={`muted ${prefix}-fix`}>
          {report.counts.total === 0 ? '文件中没有可导入的行。' : '请在文件中修正以上问题后，点击“重新选择文件”再次检查；全部无误后才能导入。'}
        </Text>
      ) : null}
      {report?.committed ? (
        <Button className={`btn btn-ghost btn-block ${prefix}-done`} onClick={back}>{backLabel}</Button>
      ) : null}
    </>
  )
}
