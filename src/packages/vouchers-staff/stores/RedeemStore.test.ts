import { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { FakeTransport, json } from '../../../test/fakes'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { classOfStatus } from '@contract/reasons'
import { RedeemStore, REDEEM_STORAGE_PREFIX, REDEEM_TITLES } from './RedeemStore'

const venue = { venueId: 1, name: '云溪影城', orgName: '云溪区总工会' }
const redemption = (code: string) => ({
  voucherId: 7,
  code,
  title: '周末观影福利券',
  kind: 'movie',
  venue: { id: 1, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 },
  usedAt: '2026-11-23T08:00:00.000Z',
})
/** A refusal as the server sends it: its class, its reason's name and a message (the server's words, or any). */
const refusal = (def: { reason: string; status: number }, message: string) =>
  json(def.status, { code: classOfStatus(def.status), reason: def.reason, message })
/** One answer of POST /redeem-batch for a queued scan. */
const batchItem = (clientId: string, code: string, outcome: string, message: string) =>
  ({ clientId, code, outcome, message, replayed: false, redemption: null, usedAt: null, usedVenue: null, usedByMe: null })
const offline = () => {
  throw new Error('connect ECONNREFUSED')
}

function setup(storage = new MemoryStorage()) {
  const transport = new FakeTransport()
  const api = new ApiClient({ transport })
  let t = Date.parse('2026-11-23T08:00:00Z')
  const store = new RedeemStore({ api, storage, userId: () => 3, now: () => (t += 1000) })
  return { transport, store, storage }
}

describe('RedeemStore (券核销 with an offline queue)', () => {
  it('redeems online and shows 核销成功; refuses without a venue', async () => {
    const { transport, store } = setup()
    await store.redeem('abcd efgh')
    expect(store.codeError).toBe('请先选择核销场馆')
    expect(transport.requests).toHaveLength(0)
    store.chooseVenue(venue)
    transport.reply(() => json(200, redemption('ABCDEFGH')))
    await store.redeem(' abcd efgh ')
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/vouchers/redeem', data: { code: 'ABCDEFGH', venueId: 1 } })
    expect(store.current).toMatchObject({ kind: 'redeemed', queued: false })
    expect(store.pendingCount).toBe(0)
  })

  it('classifies refusals: already used (with when/where), wrong venue, expired, invalid', async () => {
    const { transport, store } = setup()
    store.chooseVenue(venue)
    transport.reply(
      () => refusal(VoucherReasons.ALREADY_REDEEMED, '该券已于 2026-11-23 16:00 在云溪影城使用，不能重复核销'),
      () => refusal(VoucherReasons.WRONG_VENUE, '该券（周末观影福利券）不能在本场馆使用，可用场馆：星光影院'),
      () => refusal(VoucherReasons.VOUCHER_EXPIRED, '该券已过期（有效期至 2026-10-01 10:00）'),
      () => refusal(VoucherReasons.CODE_NOT_FOUND, '券码无效，请核对后重试'),
    )
    for (const code of ['AAAA1', 'AAAA2', 'AAAA3', 'AAAA4']) await store.redeem(code)
    expect(store.outcomes.map((o) => o.kind)).toEqual(['not_found', 'expired', 'wrong_venue', 'already_used'])
    expect(store.outcomes[3].message).toContain('云溪影城')
    expect(store.pendingCount).toBe(0)
  })

  it('keeps scans made offline in a persisted queue, then sends them as one batch and reports a code used twice in the gap', async () => {
    const storage = new MemoryStorage()
    const first = setup(storage)
    first.store.chooseVenue(venue)
    first.transport.fallback = offline
    await first.store.redeem('CODE0001')
    await first.store.redeem('CODE0002')
    await first.store.redeem('code0001') // the same voucher shown twice while offline
    expect(first.store.pendingCount).toBe(3)
    expect(first.store.current).toMatchObject({ kind: 'queued', code: 'CODE0001' })
    expect(storage.getItem(`${REDEEM_STORAGE_PREFIX}3`)).toContain('CODE0002')

    // The app is closed and opened again: the queue is still there.
    const again = setup(storage)
    expect(again.store.pendingCount).toBe(3)
    expect(again.store.venue).toEqual(venue)
    const ids = again.store.queue.map((q) => q.localId)
    ids.forEach((id) => expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/))
    const used = { usedAt: '2026-11-23T08:00:00.000Z', usedVenue: redemption('X').venue }
    again.transport.reply(() =>
      json(200, {
        results: [
          { clientId: ids[0], code: 'CODE0001', outcome: 'redeemed', message: '核销成功', replayed: false, redemption: redemption('CODE0001'), usedAt: null, usedVenue: null, usedByMe: null },
          { clientId: ids[1], code: 'CODE0002', outcome: 'redeemed', message: '核销成功', replayed: false, redemption: redemption('CODE0002'), usedAt: null, usedVenue: null, usedByMe: null },
          { clientId: ids[2], code: 'CODE0001', outcome: 'already_used', message: '该券已于 2026-11-23 16:00 在云溪影城使用（本账号此前已核销过），本次未核销', replayed: false, redemption: null, ...used, usedByMe: true },
        ],
      }),
    )
    await again.store.flush()
    expect(again.transport.requests).toHaveLength(1)
    expect(again.transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/vouchers/redeem-batch' })
    const body = (again.transport.requests[0] as { data: { lastSyncAt: string; items: { code: string; clientId: string; venueId: number; scannedAt: string }[] } }).data
    const sent = body.items
    expect(sent.map((i) => i.code)).toEqual(['CODE0001', 'CODE0002', 'CODE0001'])
    // never synced before these scans: the earliest scan is the mark
    expect(body.lastSyncAt).toBe(sent[0].scannedAt)
    expect(again.store.pendingCount).toBe(0)
    const [dup, second, firstOk] = again.store.outcomes
    expect(firstOk).toMatchObject({ kind: 'redeemed', queued: true, code: 'CODE0001' })
    expect(second).toMatchObject({ kind: 'redeemed', queued: true, code: 'CODE0002' })
    expect(dup).toMatchObject({ kind: 'already_used', queued: true, code: 'CODE0001', usedByMe: true })
    expect(dup.message).toBe('该券已于 2026-11-23 16:00 在云溪影城使用（本账号此前已核销过），本次未核销')
    expect(JSON.parse(storage.getItem(`${REDEEM_STORAGE_PREFIX}3`)!).queue).toEqual([])
  })

  it('keeps the whole queue when the batch cannot be sent, and falls back to one by one without a batch endpoint', async () => {
    const { transport, store } = setup()
    store.chooseVenue(venue)
    transport.fallback = offline
    await store.redeem('CODE0001')
    await store.redeem('CODE0002')
    await store.flush()
    expect(store.pendingCount).toBe(2)
    transport.fallback = null
    transport.reply(
      () => json(404, { code: 'NOT_FOUND', message: '请求的内容不存在' }), // no batch endpoint on this server
      () => json(200, redemption('CODE0001')),
      () => json(503, { code: 'INTERNAL', message: '服务暂时不可用' }),
    )
    await store.flush()
    expect(store.pendingCount).toBe(1)
    expect(store.queue[0].code).toBe('CODE0002')
    expect(store.outcomes).toHaveLength(1)
    transport.reply(
      () => json(404, { code: 'NOT_FOUND', message: '请求的内容不存在' }),
      () => refusal(VoucherReasons.CODE_NOT_FOUND, '券码无效，请核对后重试'),
    )
    await store.flush()
    expect(store.pendingCount).toBe(0)
    expect(store.outcomes[0]).toMatchObject({ kind: 'not_found', code: 'CODE0002', queued: true })
  })

  it('sends the sync mark its queued scans were made after; a venue the role is not bound to is said so', async () => {
    const { transport, store, storage } = setup()
    store.chooseVenue(venue)
    transport.reply(() => json(200, redemption('CODE0001')))
    await store.redeem('CODE0001')
    const mark = store.lastSyncAt
    expect(mark).not.toBeNull()
    expect(storage.getItem('union.redeemSync.v1.3')).toBe(mark)
    transport.fallback = offline
    await store.redeem('CODE0002')
    expect(store.queue[0].syncedAt).toBe(mark)
    transport.fallback = null
    transport.reply((req) => {
      const item = (req as { data: { items: { clientId: string }[] } }).data.items[0]
      return json(200, { results: [{ clientId: item.clientId, code: 'CODE0002', outcome: 'stale', message: '扫码时间 2026-11-23 09:00 早于本机上次同步时间 2026-11-23 10:00，记录不可信，本次未核销', replayed: false, redemption: null, usedAt: null, usedVenue: null, usedByMe: null }] })
    })
    await store.flush()
    expect((transport.requests.at(-1) as { data: { lastSyncAt: string } }).data.lastSyncAt).toBe(mark)
    expect(store.outcomes[0]).toMatchObject({ kind: 'stale', code: 'CODE0002', queued: true })
    expect(store.lastSyncAt! > mark!).toBe(true)

    transport.reply(() => refusal(VoucherReasons.VENUE_NOT_BOUND, '您不是该场馆的核销员，不能在此核销'))
    await store.redeem('CODE0003')
    expect(store.current).toMatchObject({ kind: 'not_bound', message: '您不是该场馆的核销员，不能在此核销' })
  })

  it('reads a refusal by its reason: reworded messages keep their state, words that look like another state change nothing', async () => {
    const { transport, store } = setup()
    store.chooseVenue(venue)
    const cases = [
      { def: VoucherReasons.ALREADY_REDEEMED, message: '这张券用过了', kind: 'already_used' },
      { def: VoucherReasons.WRONG_VENUE, message: '请到别家影院使用', kind: 'wrong_venue' },
      { def: VoucherReasons.VOUCHER_EXPIRED, message: '时间过了', kind: 'expired' },
      { def: VoucherReasons.VOUCHER_RETURNED, message: '会员不要了', kind: 'returned' },
      { def: VoucherReasons.CODE_NOT_FOUND, message: '查无此券', kind: 'not_found' },
      { def: VoucherReasons.VENUE_NOT_BOUND, message: '这里不归您管', kind: 'not_bound' },
      { def: VoucherReasons.VENUE_INACTIVE, message: '该券已于昨日在本场馆使用，已过期', kind: 'error' },
    ]
    for (const [i, c] of cases.entries()) {
      transport.reply(() => refusal(c.def, c.message))
      await store.redeem(`CODE000${i}`)
      expect({ reason: c.def.reason, ...store.current }).toMatchObject({ reason: c.def.reason, kind: c.kind, message: c.message })
    }
  })

  it('an offline item is read by its outcome; an outcome this app does not know yet is 核销失败 with the server’s words', async () => {
    const { transport, store } = setup()
    store.chooseVenue(venue)
    transport.fallback = offline
    await store.redeem('CODE0001')
    await store.redeem('CODE0002')
    transport.fallback = null
    const [a, b] = store.queue.map((q) => q.localId)
    transport.reply(() => json(200, { results: [batchItem(a, 'CODE0001', 'expired', '过期啦'), batchItem(b, 'CODE0002', 'venue_paused', '场馆暂停营业')] }))
    await store.flush()
    expect(store.pendingCount).toBe(0)
    expect(store.outcomes.map((o) => [o.code, o.kind, o.message])).toEqual([
      ['CODE0002', 'error', '场馆暂停营业'],
      ['CODE0001', 'expired', '过期啦'],
    ])
    expect(REDEEM_TITLES[store.outcomes[0].kind]).toBe('核销失败')
  })

  it('offers only the venues from the server, and forgets a chosen venue that is no longer among them', async () => {
    const { transport, store } = setup()
    store.chooseVenue({ venueId: 9, name: '旧场馆' })
    transport.reply(() => json(200, { items: [{ id: 1, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15, orgId: 1, orgName: '云溪区总工会' }] }))
    await store.loadVenues()
    expect(transport.requests[0]).toMatchObject({ method: 'GET', url: '/api/vouchers/redeem/venues' })
    expect(store.venues?.map((v) => v.name)).toEqual(['云溪影城'])
    expect(store.venue).toBeNull()
  })
})
