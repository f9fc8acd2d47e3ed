import { PagedList } from './PagedList'

describe('PagedList', () => {
  it('pages on, never shows a row twice, and drops a late answer for an old filter', async () => {
    const calls: { f: { kind?: string }; cursor?: string; resolve: (v: unknown) => void }[] = []
    const list = new PagedList<{ id: number }, { kind?: string }>(
      (f, cursor) => new Promise((resolve) => calls.push({ f, cursor, resolve: resolve as (v: unknown) => void })),
      {},
      (i) => i.id,
    )
    const first = list.refresh()
    calls[0].resolve({ items: [{ id: 1 }, { id: 2 }], nextCursor: 'c2', serverTime: 'now' })
    await first
    const more = list.loadMore()
    expect(calls[1].cursor).toBe('c2')
    calls[1].resolve({ items: [{ id: 2 }, { id: 3 }], nextCursor: null, serverTime: 'now' })
    await more
    expect(list.items.map((i) => i.id)).toEqual([1, 2, 3])
    expect(list.hasMore).toBe(false)

    const slow = list.setFilter({ kind: 'training' })
    const fast = list.setFilter({ kind: 'volunteer' })
    calls[3].resolve({ items: [{ id: 9 }], nextCursor: null, serverTime: 'now' })
    await fast
    calls[2].resolve({ items: [{ id: 7 }], nextCursor: null, serverTime: 'now' })
    await slow
    expect(list.items.map((i) => i.id)).toEqual([9])
    expect(list.loading).toBe(false)
  })
})

describe('PagedList without a server time (review queue, merchant offers)', () => {
  it('keeps the rows, says when there is more, and keeps the list when a next page fails', async () => {
    let fail = false
    const list = new PagedList<{ id: number }>(async (_f, cursor) => {
      if (fail) throw new Error('网络不给力')
      return cursor ? { items: [{ id: 3 }], nextCursor: null } : { items: [{ id: 1 }, { id: 2 }], nextCursor: 'c2' }
    }, {}, (i) => i.id)
    expect(list.loaded).toBe(false)
    await list.refresh()
    expect(list.serverTime).toBeNull()
    expect(list.hasMore).toBe(true)
    fail = true
    await list.loadMore()
    expect(list.moreError).toBeInstanceOf(Error)
    expect(list.items.map((i) => i.id)).toEqual([1, 2])
    fail = false
    await list.loadMore()
    expect(list.items.map((i) => i.id)).toEqual([1, 2, 3])
    expect(list.moreError).toBeNull()
    expect(list.hasMore).toBe(false)
  })
})

describe('PagedList as a staff worklist (relief review: the list endpoint may refuse)', () => {
  it('a refresh after more pages starts again from the first page', async () => {
    const cursors: (string | undefined)[] = []
    const list = new PagedList<{ id: number }>(async (_f, cursor) => {
      cursors.push(cursor)
      return cursor ? { items: [{ id: 3 }, { id: 4 }], nextCursor: null } : { items: [{ id: 1 }, { id: 2 }, { id: 3 }], nextCursor: 'p2' }
    }, {}, (i) => i.id)
    await list.refresh()
    await list.loadMore()
    expect(list.items.map((i) => i.id)).toEqual([1, 2, 3, 4])
    await list.loadMore() // nothing more to read
    expect(cursors).toEqual([undefined, 'p2'])
    await list.refresh()
    expect(list.items.map((i) => i.id)).toEqual([1, 2, 3])
    expect(list.hasMore).toBe(true)
  })

  it('a refused first page leaves the list unloaded, with its error', async () => {
    const refused = new PagedList<{ id: number }>(async () => {
      throw new Error('您没有复核权限')
    }, {}, (i) => i.id)
    await refused.refresh()
    expect(refused.loaded).toBe(false)
    expect(refused.error).toBeInstanceOf(Error)
    expect(refused.items).toEqual([])
    expect(refused.hasMore).toBe(false)
  })
})
