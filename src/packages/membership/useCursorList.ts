/**
 * A cursor-paged list for a page (review queue, merchant offers): the first page on `refresh`, the next one on
 * `loadMore` (on scroll to the bottom or a tap). A refresh started later wins over an earlier one still on its way,
 * and a row that moved between pages is never shown twice.
 */
import { useCallback, useRef, useState } from 'react'

export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

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
  const [items, setItems] = useState<T[] | null>(null)
  const [nextCursor, setNextCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [loadingMore, setLoadingMore] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [moreError, setMoreError] = useState<unknown>(null)
  // Refs: page hooks (useReachBottom) may call a callback from an earlier render.
  const generation = useRef(0)
  const state = useRef({ items: null as T[] | null, nextCursor: null as string | null, busy: false })

  const refresh = useCallback(async () => {
    const gen = ++generation.current
    setLoading(true)
    setError(null)
    setMoreError(null)
    try {
      const page = await fetchPage(undefined)
      if (gen !== generation.current) return
      state.current = { ...state.current, items: page.items, nextCursor: page.nextCursor ?? null }
      setItems(page.items)
      setNextCursor(page.nextCursor ?? null)
    } catch (err) {
      if (gen === generation.current) setError(err)
    } finally {
      if (gen === generation.current) setLoading(false)
    }
  }, [fetchPage])

  const loadMore = useCallback(async () => {
    const { nextCursor: cursor, busy, items: have } = state.current
    if (!cursor || busy || !have) return
    const gen = generation.current
    state.current.busy = true
    setLoadingMore(true)
    setMoreError(null)
    try {
      const page = await fetchPage(cursor)
      if (gen !== generation.current) return
      const seen = new Set((state.current.items ?? []).map((i) => i.id))
      const merged = [...(state.current.items ?? []), ...page.items.filter((i) => !seen.has(i.id))]
      state.current = { ...state.current, items: merged, nextCursor: page.nextCursor ?? null }
      setItems(merged)
      setNextCursor(page.nextCursor ?? null)
    } catch (err) {
      if (gen === generation.current) setMoreError(err)
    } finally {
      state.current.busy = false
      setLoadingMore(false)
    }
  }, [fetchPage])

  return { items, hasMore: nextCursor !== null, loading, loadingMore, error, moreError, refresh, loadMore }
}
