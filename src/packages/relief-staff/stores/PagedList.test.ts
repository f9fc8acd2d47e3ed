import { PagedList, type Page } from './PagedList'

const page = (ids: number[], nextCursor: string | null): Page<{ id: number }> => ({ items: ids.map((id) => ({ id })), nextCursor })

describe('PagedList', () => {
  it('appends the next page without repeating an item; a reload starts again from the first page', async () => {
    const cursors: (string | undefined)[] = []
    const list = new PagedList(async (cursor?: string) => {
      cursors.push(cursor)
      return cursor ? page([3, 4], null) : page([1, 2, 3], 'p2')
    })
    expect(list.page).toBeNull()
    expect((await list.reload())?.items.map((i) => i.id)).toEqual([1, 2, 3])
    await list.loadMore()
    expect(list.page).toEqual(page([1, 2, 3, 4], null))
    await list.loadMore() // nothing more to read
    expect(cursors).toEqual([undefined, 'p2'])
    await list.reload()
    expect(list.page).toEqual(page([1, 2, 3], 'p2'))
  })

  it('a refused list resolves null with its error; a failed 加载更多 keeps what is shown', async () => {
    const refused = new PagedList(async () => {
      throw new Error('您没有复核权限')
    })
    expect(await refused.reload()).toBeNull()
    expect(refused.error).toBeTruthy()

    let fail = true
    const list = new PagedList(async (cursor?: string) => {
      if (cursor && fail) throw new Error('网络不给力')
      return cursor ? page([9], null) : page([8], 'p2')
    })
    await list.reload()
    await list.loadMore()
    expect(list.moreError).toBeTruthy()
    expect(list.page).toEqual(page([8], 'p2'))
    fail = false
    await list.loadMore()
    expect(list.moreError).toBeNull()
    expect(list.page?.items.map((i) => i.id)).toEqual([8, 9])
  })
})
