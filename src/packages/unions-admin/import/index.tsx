/**
 * 导入工会名单 (admins): many unions from an .xlsx/.csv — first a check of every row (nothing written) with its
 * problems by row and column; 确认导入 only once no row has one, which writes the whole file in one go. A row's
 * 上级工会 may be a union of the file or one already in my subtree, by name or credit code; a union already there
 * (same credit code, or same name under the same parent) is updated, and the same file again changes nothing.
 */
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { unionsApi } from '@contract/unions/api'
import { UNION_IMPORT_COLUMNS, UNION_IMPORT_MAX_BYTES, UNION_IMPORT_MAX_ROWS, UNION_IMPORT_OPTIONAL_COLUMNS, UNION_KIND_LABELS, UNION_KINDS, type UnionImportColumn } from '@contract/unions/labels'
import { useStores } from '../../../stores/context'
import { useSheetImport } from '../../../hooks/useSheetImport'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ImportReportView } from '../../../components/ImportReportView'
import { LoginRequired } from '../../../components/LoginRequired'
import { back } from '../../../platform/ui'
import '../unions-admin.css'

const COLUMN_HINT = (Object.keys(UNION_IMPORT_COLUMNS) as UnionImportColumn[])
  .map((k) => (UNION_IMPORT_OPTIONAL_COLUMNS.includes(k) ? `${UNION_IMPORT_COLUMNS[k]}（可选）` : UNION_IMPORT_COLUMNS[k]))
  .join('、')
const KIND_HINT = UNION_KINDS.filter((k) => k !== 'district').map((k) => UNION_KIND_LABELS[k]).join('、')
const MAX_MB = UNION_IMPORT_MAX_BYTES / 1024 / 1024

function UnionImportPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const { file, report, busy, error, pick, run } = useSheetImport({
    dryRun: unionsApi.importDryRun,
    commit: unionsApi.importCommit,
    maxBytes: UNION_IMPORT_MAX_BYTES,
    defaultName: '工会名单',
    tooLarge: `文件不能超过 ${MAX_MB} MB，请分批导入`,
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后导入工会名单' />
  const checked = report !== null && !report.committed
  const clean = checked && report.counts.rejected === 0 && report.counts.total > 0
  const toWrite = report ? report.counts.new + report.counts.updated : 0
  return (
    <View className='page union-import-page'>
      <View className='notice union-import-notice'>
        <Text className='notice-title'>文件格式</Text>
        <Text className='union-import-line'>
          .xlsx 或 .csv（UTF-8 或 GBK），不超过 {MAX_MB} MB、{UNION_IMPORT_MAX_ROWS} 行。第一行为表头：{COLUMN_HINT}。
        </Text>
        <Text className='union-import-line'>
          “上级工会”可以写本文件中的另一个工会，也可以写系统中已有的、您管理范围内的工会，填名称或统一社会信用代码均可。“类型”填{KIND_HINT}。
        </Text>
        <Text className='union-import-line'>先检查每一行，全部无误后才能导入；有任何一行有问题时不会导入任何数据。已有的工会（信用代码相同，或同一上级下同名）会按文件更新，同一文件重复导入不会重复登记。</Text>
      </View>
      <Button className='btn btn-primary btn-block union-import-pick' loading={busy === 'check' || undefined} disabled={busy !== null || undefined} onClick={() => void pick()}>
        {file ? '重新选择文件' : '选择工会名单文件'}
      </Button>
      {busy === 'check' ? <Text className='muted'>正在检查 {file?.name}…</Text> : null}
      <ErrorMessage error={error} onRetry={file ? () => void run(report ? 'commit' : 'check', file) : undefined} />
      {report ? <ImportReportView report={report} /> : null}
      {checked && file ? (
        <Button
          className='btn btn-primary btn-block union-import-commit'
          loading={busy === 'commit' || undefined}
          disabled={!clean || busy !== null || undefined}
          onClick={() => clean && void run('commit', file)}
        >
          {!clean ? '确认导入' : toWrite > 0 ? `确认导入 ${toWrite} 个工会` : '确认导入（与系统中一致，无变化）'}
        </Button>
      ) : null}
      {checked && !clean ? (
        <Text className='muted union-import-fix'>
          {report.counts.total === 0 ? '文件中没有可导入的行。' : '请在文件中修正以上问题后，点击“重新选择文件”再次检查；全部无误后才能导入。'}
        </Text>
      ) : null}
      {report?.committed ? (
        <Button className='btn btn-ghost btn-block union-import-done' onClick={back}>返回工会组织</Button>
      ) : null}
    </View>
  )
}

export default observer(UnionImportPage)
