/**
 * A cursor-paged list for one page (review queue, merchant offers …), on the app's one paging engine
 * (`stores/PagedList`): the first page on `refresh`, the next one on `loadMore` (on scroll to the bottom or a tap).
 * A refresh started later wins over an earlier one still on its way, and a row that moved between pages is never
 * shown twice. The page re-renders on every change, observer or not.
 */
import { useEffect, useMemo, useRef, useState } from 'react'
import { Reaction } from 'mobx'
import { PagedList, type Page } from '../stores/PagedList'

export type CursorPage<T> = Page<T>

export interface CursorList<T> {
  /** Null until the first page has arrived. */
  items: T[] | null
  hasMore: boolean
  loading: boolean
  loadingMore: boolean
  error: unknown
  /** The error of the last "load more" (the list itself stays). */
  moreError: unknown
  refresh: () => Promise<void>
  loadMore: () => Promise<void>
}

export function useCursorList<T extends { id: number }>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>): CursorList<T> {
  // The newest fetcher (its deps may change); page hooks (useReachBottom) may call a callback from an earlier render.
  const latest = useRef(fetchPage)
  latest.current = fetchPage
  const [list] = useState(() => new PagedList<T>((_f, cursor) => latest.current(cursor), {}, (i) => i.id))
  const [, rerender] = useState(0)
  // Re-render on every change of the list (a Reaction, as observer() uses: nothing more of mobx in the bundle).
  useEffect(() => {
    const watch = new Reaction('useCursorList', () => {
      rerender((n) => n + 1)
      track()
    })
    const track = () => watch.track(() => void [list.items, list.loaded, list.nextCursor, list.loading, list.loadingMore, list.error, list.moreError])
    track()
    return () => watch.dispose()
  }, [list])
  // New callbacks with a new fetcher (a filter changed): pages that refresh in an effect on `refresh` reload then.
  // eslint-disable-next-line react-hooks/exhaustive-deps -- fetchPage is read through `latest`; it is here for identity
  const actions = useMemo(() => ({ refresh: () => list.refresh(), loadMore: () => list.loadMore() }), [list, fetchPage])
  return {
    items: list.loaded ? list.items : null,
    hasMore: list.hasMore,
    loading: list.loading,
    loadingMore: list.loadingMore,
    error: list.error,
    moreError: list.moreError,
    ...actions,
  }
}
