/**
 * A cursor-paged list for a console table: the first page for the current filters, 加载更多 appends the next page
 * (keyset cursors from the server, never offsets), a late answer for old filters is dropped, no row twice.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { isApiError } from '@/api/errors'

export interface CursorPage<T> {
  items: T[]
  nextCursor: string | null
}

export interface CursorList<T> {
  items: T[]
  loading: boolean
  error: string | null
  hasMore: boolean
  more(): void
  reload(): void
}

export function useCursorTable<T extends { id: number | string }>(fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>, deps: readonly unknown[]): CursorList<T> {
  const [items, setItems] = useState<T[]>([])
  const [cursor, setCursor] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const generation = useRef(0)
  const fetchRef = useRef(fetchPage)
  fetchRef.current = fetchPage

  const load = useCallback((after: string | undefined, reset: boolean) => {
    const gen = reset ? ++generation.current : generation.current
    setLoading(true)
    fetchRef
      .current(after)
      .then((page) => {
        if (gen !== generation.current) return
        setItems((prev) => {
          const base = reset ? [] : prev
          const seen = new Set(base.map((x) => x.id))
          return [...base, ...page.items.filter((x) => !seen.has(x.id))]
        })
        setCursor(page.nextCursor)
        setError(null)
      })
      .catch((err: unknown) => gen === generation.current && setError(isApiError(err) ? err.message : '加载失败'))
      .finally(() => gen === generation.current && setLoading(false))
  }, [])

  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => load(undefined, true), deps)

  return {
    items,
    loading,
    error,
    hasMore: cursor !== null,
    more: () => cursor && load(cursor, false),
    reload: () => load(undefined, true),
  }
}
