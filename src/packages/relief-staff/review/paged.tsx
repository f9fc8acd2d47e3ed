/** How a paged worklist shows: the count for its tab, and 加载更多 under it (the list itself: src/stores/PagedList). */
import { observer } from 'mobx-react-lite'
import { Button, View } from '@tarojs/components'
import { ErrorMessage } from '../../../components/ErrorMessage'
import type { PagedList } from '../../../stores/PagedList'

/** What a list's count and 加载更多 read of it (any item type). */
type Paged = Pick<PagedList<unknown>, 'items' | 'hasMore' | 'moreError' | 'loadingMore' | 'loadMore'>

/** The count for a tab: "12" or "20+" while more pages wait. */
export function countOf(list: Paged, n = list.items.length): string {
  return `${n}${list.hasMore ? '+' : ''}`
}

/** 加载更多 under a list while the server has more; its error beside it. */
export const LoadMore = observer(function LoadMore({ list }: { list: Paged }) {
  if (!list.hasMore && !list.moreError) return null
  return (
    <View className='load-more'>
      <ErrorMessage error={list.moreError} />
      {list.hasMore ? (
        <Button className='btn btn-ghost btn-block load-more-btn' loading={list.loadingMore || undefined} disabled={list.loadingMore || undefined} onClick={() => void list.loadMore()}>
          {list.loadingMore ? '加载中…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
})
