/**
 * 会员台账导入 (admins): the union's existing member roster from an .xlsx/.csv — first a check of every row (nothing
 * written), the problems listed by row and column in Chinese; then 确认导入, which writes the whole file or, if any
 * row has a problem, nothing. Running the same file again changes nothing. Imported members then do 会员认证.
 */
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { rosterApi } from '@contract/roster/api'
import { ROSTER_COLUMNS, ROSTER_MAX_BYTES, ROSTER_OPTIONAL_COLUMNS, type RosterColumn } from '@contract/roster/labels'
import { useStores } from '../../../stores/context'
import { useSheetImport } from '../../../hooks/useSheetImport'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ImportReportView } from '../../../components/ImportReportView'
import { LoginRequired } from '../../../components/LoginRequired'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'

const COLUMN_HINT = (Object.keys(ROSTER_COLUMNS) as RosterColumn[])
  .map((k) => (ROSTER_OPTIONAL_COLUMNS.includes(k) ? `${ROSTER_COLUMNS[k]}（可选）` : ROSTER_COLUMNS[k]))
  .join('、')

function RosterImportPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const { file, report, busy, error, pick, run } = useSheetImport({
    dryRun: rosterApi.dryRun,
    commit: rosterApi.commit,
    maxBytes: ROSTER_MAX_BYTES,
    defaultName: '会员台账',
    tooLarge: `文件不能超过 ${ROSTER_MAX_BYTES / 1024 / 1024} MB`,
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后导入会员台账' />
  const checkedClean = report && !report.committed && report.counts.rejected === 0 && report.counts.total > 0
  return (
    <PageRoot className='page roster-import-page'>
      <View className='notice'>
        <Text>上传 .xlsx 或 .csv 文件，第一行为表头：{COLUMN_HINT}。先检查每一行，确认无误后再导入；有任何一行有问题时不会导入任何数据。同一文件可重复导入，不会重复登记。</Text>
      </View>
      <Button className='btn btn-primary btn-block roster-pick' loading={busy === 'check' || undefined} disabled={busy !== null || undefined} onClick={() => void pick()}>
        {file ? '重新选择文件' : '选择台账文件'}
      </Button>
      {busy === 'check' ? <Text className='muted'>正在检查 {file?.name}…</Text> : null}
      <ErrorMessage error={error} onRetry={file ? () => void run(report ? 'commit' : 'check', file) : undefined} />
      {report ? <ImportReportView report={report} /> : null}
      {checkedClean && file ? (
        <Button className='btn btn-primary btn-block roster-commit' loading={busy === 'commit' || undefined} disabled={busy !== null || undefined} onClick={() => void run('commit', file)}>
          确认导入 {report.counts.new + report.counts.updated} 名会员
        </Button>
      ) : null}
      {report && !report.committed && report.counts.rejected > 0 ? (
        <Text className='muted roster-fix-hint'>请在文件中修正以上问题后，重新选择文件检查。</Text>
      ) : null}
    </PageRoot>
  )
}

export default observer(RosterImportPage)
