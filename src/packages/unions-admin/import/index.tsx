/**
 * 导入工会名单 (admins): many unions from an .xlsx/.csv — first a check of every row (nothing written) with its
 * problems by row and column; 确认导入 only once no row has one, which writes the whole file in one go. A row's
 * 上级工会 may be a union of the file or one already in my subtree, by name or credit code; a union already there
 * (same credit code, or same name under the same parent) is updated, and the same file again changes nothing.
 */
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { unionsApi } from '@contract/unions/api'
import { UNION_IMPORT_COLUMNS, UNION_IMPORT_MAX_BYTES, UNION_IMPORT_MAX_ROWS, UNION_IMPORT_OPTIONAL_COLUMNS, UNION_KIND_LABELS, UNION_KINDS, type UnionImportColumn } from '@contract/unions/labels'
import { useStores } from '../../../stores/context'
import { useSheetImport } from '../../../hooks/useSheetImport'
import { Loading } from '../../../components/Loading'
import { SheetImportSteps } from '../../../components/SheetImportSteps'
import { LoginRequired } from '../../../components/LoginRequired'
import { PageRoot } from '../../../components/PageRoot'
import '../unions-admin.css'

const COLUMN_HINT = (Object.keys(UNION_IMPORT_COLUMNS) as UnionImportColumn[])
  .map((k) => (UNION_IMPORT_OPTIONAL_COLUMNS.includes(k) ? `${UNION_IMPORT_COLUMNS[k]}（可选）` : UNION_IMPORT_COLUMNS[k]))
  .join('、')
const KIND_HINT = UNION_KINDS.filter((k) => k !== 'district').map((k) => UNION_KIND_LABELS[k]).join('、')
const MAX_MB = UNION_IMPORT_MAX_BYTES / 1024 / 1024

function UnionImportPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const sheet = useSheetImport({
    dryRun: unionsApi.importDryRun,
    commit: unionsApi.importCommit,
    maxBytes: UNION_IMPORT_MAX_BYTES,
    defaultName: '工会名单',
    tooLarge: `文件不能超过 ${MAX_MB} MB，请分批导入`,
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后导入工会名单' />
  return (
    <PageRoot className='page union-import-page'>
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
      <SheetImportSteps sheet={sheet} prefix='union-import' fileLabel='工会名单' unit='个工会' backLabel='返回工会组织' />
    </PageRoot>
  )
}

export default observer(UnionImportPage)
