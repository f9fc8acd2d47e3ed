/**
 * 导入驿站名单 (admins): many stations from an .xlsx/.csv — first a check of every row (nothing written) with its
 * problems by row and column; 确认导入 only once no row has one, which writes the whole file in one go. A row's
 * 运营工会 is a union of my subtree by name; a station already there (same name under the same union) is updated,
 * and the same file again changes nothing.
 */
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { stationsApi } from '@contract/stations/api'
import {
  FACILITIES,
  FACILITY_LABELS,
  STATION_IMPORT_COLUMNS,
  STATION_IMPORT_HOURS_EXAMPLE,
  STATION_IMPORT_MAX_BYTES,
  STATION_IMPORT_MAX_ROWS,
  STATION_IMPORT_OPTIONAL_COLUMNS,
  type StationImportColumn,
} from '@contract/stations/labels'
import { useStores } from '../../../stores/context'
import { useSheetImport } from '../../../hooks/useSheetImport'
import { Loading } from '../../../components/Loading'
import { SheetImportSteps } from '../../../components/SheetImportSteps'
import { LoginRequired } from '../../../components/LoginRequired'
import { PageRoot } from '../../../components/PageRoot'
import '../staff.css'

const COLUMN_HINT = (Object.keys(STATION_IMPORT_COLUMNS) as StationImportColumn[])
  .map((k) => (STATION_IMPORT_OPTIONAL_COLUMNS.includes(k) ? `${STATION_IMPORT_COLUMNS[k]}（可选）` : STATION_IMPORT_COLUMNS[k]))
  .join('、')
const FACILITY_HINT = FACILITIES.map((f) => FACILITY_LABELS[f]).join('、')
const MAX_MB = STATION_IMPORT_MAX_BYTES / 1024 / 1024

function StationImportPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const sheet = useSheetImport({
    dryRun: stationsApi.importDryRun,
    commit: stationsApi.importCommit,
    maxBytes: STATION_IMPORT_MAX_BYTES,
    defaultName: '驿站名单',
    tooLarge: `文件不能超过 ${MAX_MB} MB，请分批导入`,
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='工会管理员登录后可导入驿站名单' />
  return (
    <PageRoot className='page station-import-page'>
      <View className='notice station-import-notice'>
        <Text className='notice-title'>文件格式</Text>
        <Text className='station-import-line'>
          .xlsx 或 .csv（UTF-8 或 GBK），不超过 {MAX_MB} MB、{STATION_IMPORT_MAX_ROWS} 行。第一行为表头：{COLUMN_HINT}。
        </Text>
        <Text className='station-import-line'>
          “运营工会”填您管理范围内工会的名称；“纬度”“经度”为 GCJ-02 坐标；“闭站日期”写作 YYYY-MM-DD；“设施”从{FACILITY_HINT}中选，用顿号分隔。
        </Text>
        <Text className='station-import-line station-import-hours'>
          “开放时间”每天相同时填“24小时”或“08:00-20:00”（结束早于开始为跨夜，如“22:00-06:00”），此时“开放日”可填“工作日”“周一至周五”或“周一、周三”（不填为每天）；各天不同时按星期分段，用分号隔开，如“{STATION_IMPORT_HOURS_EXAMPLE}”，每段可写时段、“24小时”或“休息”，未写到的日子为休息，“开放日”留空。
        </Text>
        <Text className='station-import-line'>先检查每一行，全部无误后才能导入；有任何一行有问题时不会导入任何数据。已有的驿站（同一运营工会下同名）会按文件更新，其状态与照片保留，同一文件重复导入不会重复登记。</Text>
      </View>
      <SheetImportSteps sheet={sheet} prefix='station-import' fileLabel='驿站名单' unit='个驿站' backLabel='返回驿站管理' />
    </PageRoot>
  )
}

export default observer(StationImportPage)
