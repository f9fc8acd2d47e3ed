import { ApiClient } from '../../../api/client'
import { FakeTransport, json } from '../../../test/fakes'
import { MemoryStorage } from '../../../stores/storage'
import { MyVouchersStore } from './MyVouchersStore'
import { validityLeft } from './time'

const v = (id: number, state: string, validUntil: string) => ({
  id, campaignId: 5, kind: 'movie', title: `券${id}`, code: `CODE${id}XXXXXXX`, state, venues: [], venueId: null, claimedAt: '2026-11-20T00:00:00.000Z',
  validUntil, usedAt: null, usedVenue: null, source: 'claim', confirmBy: null, returnedAt: null, returnReason: null,
})

describe('MyVouchersStore (我的券)', () => {
  it('lists unused vouchers first, soonest to expire first, and counts down on server time', async () => {
    const transport = new FakeTransport()
    const device = Date.parse('2026-11-23T00:00:00Z') - 2 * 86_400_000 // the phone is two days behind
    const store = new MyVouchersStore(new ApiClient({ transport }), () => device)
    transport.reply(() =>
      json(200, {
        items: [v(3, 'used', '2026-12-01T00:00:00Z'), v(2, 'unused', '2026-12-20T00:00:00Z'), v(1, 'unused', '2026-11-23T05:00:00Z')],
        serverTime: '2026-11-23T00:00:00.000Z',
      }),
    )
    await store.load()
    expect(store.sorted.map((x) => x.id)).toEqual([1, 2, 3])
    expect(validityLeft(store.sorted[0].validUntil, store.serverNow)).toBe('还剩5小时')
  })

  it('退回 replaces the voucher with the returned one; a refusal is kept to show', async () => {
    const transport = new FakeTransport()
    const store = new MyVouchersStore(new ApiClient({ transport }))
    transport.reply(() => json(200, { items: [v(1, 'unused', '2099-01-01T00:00:00Z')], serverTime: new Date().toISOString() }))
    await store.load()
    transport.reply(() => json(200, { ...v(1, 'returned', '2099-01-01T00:00:00Z'), returnedAt: new Date().toISOString(), returnReason: 'cancelled' }))
    expect(await store.giveBack(1)).toBe(true)
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/vouchers/mine/1/return' })
    expect(store.items[0].state).toBe('returned')
    transport.reply(() => json(409, { code: 'CONFLICT', message: '该券已退回，不能退回' }))
    expect(await store.giveBack(1)).toBe(false)
    expect((store.returnError as Error).message).toBe('该券已退回，不能退回')
  })

  it('keeps the last list on the device and shows it when the network fails (the code can still be shown)', async () => {
    const storage = new MemoryStorage()
    const cache = { storage, userId: () => 1 }
    const online = new FakeTransport()
    const first = new MyVouchersStore(new ApiClient({ transport: online }), Date.now, cache)
    online.reply(() => json(200, { items: [v(1, 'unused', '2099-01-01T00:00:00Z')], serverTime: new Date().toISOString() }))
    await first.load()
    expect(first.cachedAt).toBeNull()

    const offline = new FakeTransport()
    offline.fallback = () => {
      throw new Error('offline')
    }
    const later = new MyVouchersStore(new ApiClient({ transport: offline }), Date.now, cache)
    await later.load()
    expect(later.loaded).toBe(true)
    expect(later.items.map((x) => x.code)).toEqual(['CODE1XXXXXXX'])
    expect(later.cachedAt).not.toBeNull()
    // Another member on the same phone does not see them.
    const other = new MyVouchersStore(new ApiClient({ transport: offline }), Date.now, { storage, userId: () => 2 })
    await other.load()
    expect(other.loaded).toBe(false)
  })
})
