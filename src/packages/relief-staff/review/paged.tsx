/** A staff worklist read a page at a time (the relief review endpoints: `cursor` → `nextCursor`), with 加载更多. */
import { useCallback, useState } from 'react'
import { Button, View } from '@tarojs/components'
import { ErrorMessage } from '../../../components/ErrorMessage'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export interface Paged<T> {
  /** null until loaded, or when the server refused the list (then `error` says why). */
  page: Page<T> | null
  error: unknown
  loadingMore: boolean
  moreError: unknown
  /** Reads the first page again (after an action, on return to the page); resolves to it, or null when refused. */
  reload: () => Promise<Page<T> | null>
  loadMore: () => Promise<void>
}

export function usePaged<T extends { id: number }>(fetchPage: (cursor?: string) => Promise<Page<T>>): Paged<T> {
  const [page, setPage] = useState<Page<T> | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [loadingMore, setLoadingMore] = useState(false)
  const [moreError, setMoreError] = useState<unknown>(null)

  const reload = useCallback(async () => {
    setMoreError(null)
    try {
      const first = await fetchPage()
      setPage(first)
      setError(null)
      return first
    } catch (err) {
      setPage(null)
      setError(err)
      return null
    }
  }, [fetchPage])

  const loadMore = async () => {
    if (!page?.nextCursor || loadingMore) return
    setLoadingMore(true)
    setMoreError(null)
    try {
      const next = await fetchPage(page.nextCursor)
      setPage((prev) => {
        const seen = new Set((prev?.items ?? []).map((i) => i.id))
        return { items: [...(prev?.items ?? []), ...next.items.filter((i) => !seen.has(i.id))], nextCursor: next.nextCursor }
      })
    } catch (err) {
      setMoreError(err)
    } finally {
      setLoadingMore(false)
    }
  }

  return { page, error, loadingMore, moreError, reload, loadMore }
}

/** The count for a tab: "12" or "20+" while more pages wait. */
export function countOf(list: Paged<unknown>, n = list.page?.items.length ?? 0): string {
  return `${n}${list.page?.nextCursor ? '+' : ''}`
}

/** 加载更多 under a list while the server has more; its error beside it. */
export function LoadMore({ list }: { list: Paged<{ id: number }> }) {
  if (!list.page?.nextCursor && !list.moreError) return null
  return (
    <View className='load-more'>
      <ErrorMessage error={list.moreError} />
      {list.page?.nextCursor ? (
        <Button className='btn btn-ghost btn-block load-more-btn' loading={list.loadingMore || undefined} disabled={list.loadingMore || undefined} onClick={() => void list.loadMore()}>
          {list.loadingMore ? '加载中…' : '加载更多'}
        </Button>
      ) : null}
    </View>
  )
}
