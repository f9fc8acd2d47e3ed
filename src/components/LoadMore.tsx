/**
 * 加载更多 under a cursor-paged list (useCursorList): a full-width tap target while the server has more (the next
 * page also comes on scrolling to the end), and the error of the last "load more" above it, with 重试.
 * Styles: `.load-more` in src/styles/forms.css.
 */
import { View } from '@tarojs/components'
import type { CursorList } from '../hooks/useCursorList'
import { ErrorMessage } from './ErrorMessage'

type Paged = Pick<CursorList<unknown>, 'hasMore' | 'loadingMore' | 'moreError' | 'loadMore'>

export function LoadMore({ list, className }: { list: Paged; className?: string }) {
  const more = () => void list.loadMore()
  return (
    <>
      <ErrorMessage error={list.moreError} onRetry={more} />
      {list.hasMore ? (
        <View className={className ? `${className} load-more` : 'load-more'} onClick={more}>
          {list.loadingMore ? '加载中…' : '加载更多'}
        </View>
      ) : null}
    </>
  )
}
