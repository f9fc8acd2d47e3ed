import { ApiClient } from '../../../api/client'
import { FakeTransport, json } from '../../../test/fakes'
import { MessagesStore } from './MessagesStore'

const msg = (id: number, read = false) => ({
  id,
  kind: 'vouchers.waitlist_granted',
  title: `消息${id}`,
  body: '候补成功',
  link: null,
  createdAt: '2026-11-23T06:00:00.000Z',
  readAt: read ? '2026-11-23T06:10:00.000Z' : null,
})

function setup() {
  const transport = new FakeTransport()
  const api = new ApiClient({ transport, timeoutMs: 1000 })
  return { transport, store: new MessagesStore(api) }
}

describe('MessagesStore', () => {
  it('loads the first page and marks only the unread ones read', async () => {
    const { transport, store } = setup()
    transport.reply(
      () => json(200, { items: [msg(3), msg(2, true), msg(1)], unread: 2, hasMore: true }),
      () => json(200, { unread: 0 }),
    )
    await store.load()
    expect(transport.requests[0].url).toBe('/api/notifications?limit=20')
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/notifications/read', data: { ids: [3, 1] } })
    expect(store.items.map((n) => n.title)).toEqual(['消息3', '消息2', '消息1'])
    expect(store.unread).toBe(0)
    expect(store.hasMore).toBe(true)
  })

  it('pages older messages by id without duplicates, and keeps what it has on an error', async () => {
    const { transport, store } = setup()
    transport.reply(() => json(200, { items: [msg(5, true), msg(4, true)], unread: 0, hasMore: true }))
    await store.load()
    transport.reply(() => json(200, { items: [msg(4, true), msg(3, true)], unread: 0, hasMore: false }))
    await store.loadMore()
    expect(transport.requests[1].url).toBe('/api/notifications?limit=20&before=4')
    expect(store.items.map((n) => n.id)).toEqual([5, 4, 3])
    expect(store.hasMore).toBe(false)
    await store.loadMore() // nothing more: no request
    expect(transport.requests).toHaveLength(2)

    transport.reply(() => json(503, { code: 'UNAVAILABLE', message: '服务暂不可用' }))
    await store.load()
    expect(store.error).toBeTruthy()
    expect(store.items.map((n) => n.id)).toEqual([5, 4, 3])
  })

  it('a failed mark-read leaves the messages shown and unread, to be marked on a later load', async () => {
    const { transport, store } = setup()
    transport.reply(
      () => json(200, { items: [msg(2), msg(1)], unread: 2, hasMore: false }),
      () => json(503, { code: 'UNAVAILABLE', message: '服务暂不可用' }),
    )
    await store.load()
    expect(store.items.map((n) => n.id)).toEqual([2, 1])
    expect(store.unread).toBe(2)
    expect(store.error).toBeNull()
  })
})
