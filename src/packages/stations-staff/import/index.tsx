/**
 * 导入驿站名单 (admins): many stations from an .xlsx/.csv — first a check of every row (nothing written) with its
 * problems by row and column; 确认导入 only once no row has one, which writes the whole file in one go. A row's
 * 运营工会 is a union of my subtree by name; a station already there (same name under the same union) is updated,
 * and the same file again changes nothing.
 */
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { stationsApi } from '@contract/stations/api'
import {
  FACILITIES,
  FACILITY_LABELS,
  STATION_IMPORT_COLUMNS,
  STATION_IMPORT_MAX_BYTES,
  STATION_IMPORT_MAX_ROWS,
  STATION_IMPORT_OPTIONAL_COLUMNS,
  type StationImportColumn,
} from '@contract/stations/labels'
import { useStores } from '../../../stores/context'
import { useSheetImport } from '../../../hooks/useSheetImport'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ImportReportView } from '../../../components/ImportReportView'
import { LoginRequired } from '../../../components/LoginRequired'
import { back } from '../../../platform/ui'
import '../staff.css'

const COLUMN_HINT = (Object.keys(STATION_IMPORT_COLUMNS) as StationImportColumn[])
  .map((k) => (STATION_IMPORT_OPTIONAL_COLUMNS.includes(k) ? `${STATION_IMPORT_COLUMNS[k]}（可选）` : STATION_IMPORT_COLUMNS[k]))
  .join('、')
const FACILITY_HINT = FACILITIES.map((f) => FACILITY_LABELS[f]).join('、')
const MAX_MB = STATION_IMPORT_MAX_BYTES / 1024 / 1024

function StationImportPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const { file, report, busy, error, pick, run } = useSheetImport({
    dryRun: stationsApi.importDryRun,
    commit: stationsApi.importCommit,
    maxBytes: STATION_IMPORT_MAX_BYTES,
    defaultName: '驿站名单',
    tooLarge: `文件不能超过 ${MAX_MB} MB，请分批导入`,
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='工会管理员登录后可导入驿站名单' />
  const checked = report !== null && !report.committed
  const clean = checked && report.counts.rejected === 0 && report.counts.total > 0
  const toWrite = report ? report.counts.new + report.counts.updated : 0
  return (
    <View className='page station-import-page'>
      <View className='notice station-import-notice'>
        <Text className='notice-title'>文件格式</Text>
        <Text className='station-import-line'>
          .xlsx 或 .csv（UTF-8 或 GBK），不超过 {MAX_MB} MB、{STATION_IMPORT_MAX_ROWS} 行。第一行为表头：{COLUMN_HINT}。
        </Text>
        <Text className='station-import-line'>
          “运营工会”填您管理范围内工会的名称；“纬度”“经度”为 GCJ-02 坐标；“开放时间”填“24小时”或“08:00-20:00”；“开放日”填“每天”“工作日”“周一至周五”或“周一、周三”（不填为每天）；“闭站日期”写作 YYYY-MM-DD；“设施”从{FACILITY_HINT}中选，用顿号分隔。
        </Text>
        <Text className='station-import-line'>先检查每一行，全部无误后才能导入；有任何一行有问题时不会导入任何数据。已有的驿站（同一运营工会下同名）会按文件更新，其状态与照片保留，同一文件重复导入不会重复登记。</Text>
      </View>
      <Button className='btn btn-primary btn-block station-import-pick' loading={busy === 'check' || undefined} disabled={busy !== null || undefined} onClick={() => void pick()}>
        {file ? '重新选择文件' : '选择驿站名单文件'}
      </Button>
      {busy === 'check' ? <Text className='muted'>正在检查 {file?.name}…</Text> : null}
      <ErrorMessage error={error} onRetry={file ? () => void run(report ? 'commit' : 'check', file) : undefined} />
      {report ? <ImportReportView report={report} /> : null}
      {checked && file ? (
        <Button
          className='btn btn-primary btn-block station-import-commit'
          loading={busy === 'commit' || undefined}
          disabled={!clean || busy !== null || undefined}
          onClick={() => clean && void run('commit', file)}
        >
          {!clean ? '确认导入' : toWrite > 0 ? `确认导入 ${toWrite} 个驿站` : '确认导入（与系统中一致，无变化）'}
        </Button>
      ) : null}
      {checked && !clean ? (
        <Text className='muted station-import-fix'>
          {report.counts.total === 0 ? '文件中没有可导入的行。' : '请在文件中修正以上问题后，点击“重新选择文件”再次检查；全部无误后才能导入。'}
        </Text>
      ) : null}
      {report?.committed ? (
        <Button className='btn btn-ghost btn-block station-import-done' onClick={back}>返回驿站管理</Button>
      ) : null}
    </View>
  )
}

export default observer(StationImportPage)
