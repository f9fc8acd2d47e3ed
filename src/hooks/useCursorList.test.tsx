import { act, renderHook, waitFor } from '@testing-library/react'
import { useCursorList, type CursorPage } from './useCursorList'

type Row = { id: number }

describe('useCursorList (a page-local list on the shared PagedList)', () => {
  it('re-renders a plain (non-observer) page as pages arrive, never shows a row twice, and hands out new callbacks with a new fetcher', async () => {
    const pages: Record<string, CursorPage<Row>> = {
      first: { items: [{ id: 1 }, { id: 2 }], nextCursor: 'c2' },
      c2: { items: [{ id: 2 }, { id: 3 }], nextCursor: null },
    }
    const fetchA = async (cursor: string | undefined) => pages[cursor ?? 'first']
    const { result, rerender } = renderHook(({ f }) => useCursorList<Row>(f), { initialProps: { f: fetchA } })
    expect(result.current.items).toBeNull()
    await act(async () => {
      await result.current.refresh()
    })
    expect(result.current.items?.map((r) => r.id)).toEqual([1, 2])
    expect(result.current.hasMore).toBe(true)
    await act(async () => {
      await result.current.loadMore()
    })
    await waitFor(() => expect(result.current.items?.map((r) => r.id)).toEqual([1, 2, 3]))
    expect(result.current.hasMore).toBe(false)

    const before = result.current.refresh
    const fetchB = async () => ({ items: [{ id: 9 }], nextCursor: null })
    rerender({ f: fetchB })
    expect(result.current.refresh).not.toBe(before)
    await act(async () => {
      await result.current.refresh()
    })
    expect(result.current.items?.map((r) => r.id)).toEqual([9])
  })
})
