import { waitingText } from '../../../utils/date'
import { pages } from '@contract/pages'
import { useCallback, useEffect } from 'react'
import { Text, View } from '@tarojs/components'
import { useDidShow, useReachBottom } from '@tarojs/taro'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { membershipApi } from '@contract/membership/api'
import type { ReviewQueueItem } from '@contract/membership/schemas'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { useCursorList } from '../../../hooks/useCursorList'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'


/** Oldest first, as the server pages them; the same order for what is shown, however the pages arrived. */
const byAge = (a: ReviewQueueItem, b: ReviewQueueItem) => Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.id - b.id

export default function ReviewQueuePage() {
  const root = useStores()
  const fetchPage = useCallback((cursor: string | undefined) => root.api.send(membershipApi.reviewQueue, { query: { cursor } }), [root])
  const list = useCursorList(fetchPage)
  const { refresh, loadMore } = list

  useEffect(() => {
    void refresh()
  }, [refresh])
  // Back from a decision: the queue again from its first page.
  useDidShow(() => {
    if (list.items) void refresh()
  })
  // The queue may be long (a district's): the next page when the reviewer scrolls to the end.
  useReachBottom(() => void loadMore())

  if (!list.items) return list.error ? <PageRoot className='page'><ErrorMessage error={list.error} onRetry={() => void refresh()} /></PageRoot> : <Loading />
  const items = [...list.items].sort(byAge)

  return (
    <PageRoot className='page review-page'>
      <View className='card review-changes-link' role='link' onClick={() => go(pages.membershipStaff.changes.path)}>
        <View className='kv'>
          <Text>退会与信息更正</Text>
          <Text className='muted'>查看 ›</Text>
        </View>
      </View>
      <ErrorMessage error={list.error} onRetry={() => void refresh()} />
      {list.loading ? <Text className='muted'>刷新中…</Text> : null}
      {items.length === 0 ? (
        <View className='card'>
          <EmptyState title='暂无待审核的入会申请' hint='新的申请提交后会出现在这里' actionText='刷新' onAction={() => void refresh()} />
        </View>
      ) : (
        items.map((it) => (
          <View key={it.id} className='card review-item' data-id={it.id} onClick={() => go(pages.membershipStaff.reviewDetail.url({ id: it.id }))}>
            <View className='kv'>
              <Text className='review-name'>{it.name}</Text>
              <View>
                {it.resubmission ? <Text className='tag'>重新提交</Text> : null}
                {it.overdue ? <Text className='tag tag-overdue'>已超时</Text> : null}
              </View>
            </View>
            <Text className='muted'>
              {EMPLOYMENT_TYPES[it.employmentType]} · {it.org.name}
            </Text>
            <Text className='muted review-waiting'>{waitingText(it.waitingHours)}</Text>
          </View>
        ))
      )}
      <LoadMore list={list} className='list-footer' />
    </PageRoot>
  )
}
