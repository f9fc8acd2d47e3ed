/** 法律援助受理: the cases of the caller's subtree, oldest first; 超时未答复 for the union's admins to chase. */
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { pages } from '@contract/pages'
import { legalApi } from '@contract/legal/api'
import { LEGAL_DISPUTE_KINDS, LEGAL_OUTCOMES } from '@contract/legal/labels'
import type { ManageQuery } from '@contract/legal/schemas'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { useCursorList } from '../../../hooks/useCursorList'
import { Chips } from '../../../components/Chips'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { Loading } from '../../../components/Loading'
import { LoadMore } from '../../../components/LoadMore'
import { StageChip } from '../../../components/StageChip'
import { formatDateTime } from '../../../utils/date'
import { STAFF_STATUS_LABELS, STATUS_TONE } from '../../legal/shared'
import { PageRoot } from '../../../components/PageRoot'
import '../legal-staff.css'

type Filter = ManageQuery['filter']
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'open', label: '处理中' },
  { value: 'overdue', label: '超时未答复' },
  { value: 'closed', label: '已结案' },
  { value: 'all', label: '全部' },
]

function CasesPage() {
  const root = useStores()
  const initial = useRouter().params.filter as Filter | undefined
  const [filter, setFilter] = useState<Filter>(initial && FILTERS.some((f) => f.value === initial) ? initial : 'open')
  const [overdue, setOverdue] = useState(0)
  const list = useCursorList(async (cursor) => {
    const page = await root.api.send(legalApi.manageList, { query: { cursor, filter } })
    setOverdue(page.overdueCount)
    return page
  })
  useEffect(() => void list.refresh(), [filter]) // eslint-disable-line react-hooks/exhaustive-deps
  useDidShow(() => void list.refresh())
  useReachBottom(() => void list.loadMore())
  return (
    <PageRoot className='page legal-cases'>
      {overdue > 0 ? (
        <View className='overdue-banner' role='alert'>
          {overdue} 件咨询超过 1 个工作日未答复
        </View>
      ) : null}
      <Chips<Filter> label='筛选' options={FILTERS} value={filter} onChange={setFilter} />
      <View className='card'>
        {list.items === null ? (
          list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
        ) : list.items.length === 0 ? (
          <EmptyState title='暂无咨询' hint={filter === 'overdue' ? '没有超时未答复的咨询' : '会员提交咨询后会出现在这里'} />
        ) : (
          list.items.map((c) => (
            <View key={c.id} className='legal-item' role='button' onClick={() => go(pages.legalStaff.case.url({ id: c.id }))}>
              <View className='legal-item-head'>
                <Text className='legal-item-title'>
                  {LEGAL_DISPUTE_KINDS[c.kind]} · {c.employer}
                  {c.overdue ? <Text className='overdue-flag'>超时</Text> : null}
                </Text>
                <StageChip tone={STATUS_TONE[c.status]} label={c.outcome ? LEGAL_OUTCOMES[c.outcome] : STAFF_STATUS_LABELS[c.status]} />
              </View>
              <Text className='legal-item-meta'>
                {c.memberName} · {c.orgName} · {formatDateTime(c.createdAt)}
                {c.handlerName ? ` · ${c.handlerName}` : ' · 待受理'}
              </Text>
            </View>
          ))
        )}
        <LoadMore list={list} />
      </View>
    </PageRoot>
  )
}

export default observer(CasesPage)
