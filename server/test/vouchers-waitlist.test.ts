/** 福利券: waitlist hand-over on returns (also concurrent), offline redemption queue, staff stats and CSV export. */
import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { notificationsApi } from '@contract/notifications/api'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, useDatabase, type TestApp } from './harness'
import { voucherStock, vouchers } from '../src/db/schema'
import { DAY, MIN, T0, VENUES, campaign, createCampaign, createMembers, iso, voucherOrgIds, type CampaignBody, type LoadMember } from './builders/vouchers'

describe.each(databases())('voucher waitlist, offline redemption and staff view on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let app: TestApp
  let admin: string
  let venue: string
  let orgIds: Record<string, number>
  /** Registry ids: the seeded 云溪影城 and 云溪游泳馆 (the venue persona's venues). */
  let cinema: number
  let pool: number

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
    admin = await app.login('admin')
    venue = await app.login('venue')
    orgIds = await voucherOrgIds(h.database.db)
    const mine = (await app.ok(vouchersApi.myRedeemVenues, { token: venue })).items
    cinema = mine.find((v) => v.name === '云溪影城')!.id
    pool = mine.find((v) => v.name === '云溪游泳馆')!.id
  })
  afterEach(() => {
    clock = T0
  })

  /** One 书店券 for 云溪影城 and 星光书店, valid 3 days, one per member. */
  const create = (over: Partial<CampaignBody> = {}) =>
    createCampaign(
      app,
      admin,
      campaign({
        orgId: orgIds.district,
        kind: 'other',
        title: '书店券',
        venues: [VENUES.cinema, VENUES.bookshop],
        totalStock: 1,
        voucherValidDays: 3,
        perMemberLimit: { count: 1, period: 'campaign' },
        ...over,
      }),
    )
  const members = (count: number) => createMembers(h.database.db, app.app.deps.sessions, { count, orgId: orgIds.grassroots })
  const claim = (m: LoadMember, id: number) => app.call(vouchersApi.claim, { params: { id }, token: m.token })
  const join = (m: LoadMember, id: number) => app.call(vouchersApi.joinWaitlist, { params: { id }, token: m.token })
  const mine = async (m: LoadMember) => (await app.ok(vouchersApi.myVouchers, { token: m.token })).items
  const place = async (m: LoadMember, id: number) => (await app.ok(vouchersApi.campaign, { params: { id }, token: m.token })).campaign.myWaitlist
  const giveBack = (m: LoadMember, voucherId: number) => app.call(vouchersApi.cancelVoucher, { params: { id: voucherId }, token: m.token })
  const stats = (id: number) => app.ok(vouchersApi.campaignStats, { params: { id }, token: admin })
  const stockLeft = async (id: number) =>
    (await h.database.db.select().from(voucherStock).where(eq(voucherStock.campaignId, id))).reduce((s, r) => s + r.remaining, 0)

  it('a returned voucher goes to the first waiter, not the second; places in line count only those still waiting', async () => {
    const c = await create({ title: '候补测试券' })
    const [holder, first, second, third] = await members(4)
    const notYet = await join(first, c.id)
    expect(notYet.status).toBe(409)
    expect(notYet.body).toMatchObject({ reason: 'STOCK_LEFT', message: '还有券可领，请直接领取' })

    const v = (await claim(holder, c.id)).body.voucher
    expect((await join(holder, c.id)).body).toMatchObject({ reason: 'LIMIT_REACHED', message: '您已领取过本活动的券' })
    expect((await join(first, c.id)).body).toMatchObject({ state: 'waiting', position: 1, length: 1 })
    expect((await join(second, c.id)).body).toMatchObject({ state: 'waiting', position: 2, length: 2 })
    expect((await join(second, c.id)).body).toMatchObject({ state: 'waiting', position: 2, length: 2 })
    expect((await join(third, c.id)).body).toMatchObject({ position: 3, length: 3 })
    const detail = (await app.ok(vouchersApi.campaign, { params: { id: c.id }, token: third.token })).campaign
    expect(detail).toMatchObject({ phase: 'sold_out', waitlistLength: 3, myWaitlist: { position: 3 } })

    expect((await giveBack(holder, v.id)).status).toBe(200)
    const got = await mine(first)
    expect(got).toHaveLength(1)
    expect(got[0]).toMatchObject({ source: 'waitlist', state: 'unused', title: '候补测试券' })
    const note = (await app.ok(notificationsApi.list, { token: first.token })).items[0]
    expect(note).toMatchObject({ kind: 'vouchers.waitlist_granted', title: '候补成功', link: '/packages/vouchers/mine/index' })
    expect(await mine(second)).toHaveLength(0)
    expect(await place(first, c.id)).toMatchObject({ state: 'granted', position: null })
    expect(await place(second, c.id)).toMatchObject({ state: 'waiting', position: 1, length: 2 })
    expect(await stockLeft(c.id)).toBe(0)
    // the one who got it cannot leave the line: the voucher is theirs to return instead
    const leaveGranted = await app.call(vouchersApi.leaveWaitlist, { params: { id: c.id }, token: first.token })
    expect(leaveGranted.status).toBe(409)
    expect(leaveGranted.body).toMatchObject({ reason: 'WAITLIST_GRANTED', message: '候补已成功，券已发到「我的券」，如不需要可在那里退回' })

    // Leaving: the one behind moves up; leaving twice is 404; DELETE and POST …/leave both work.
    const left = await app.call(vouchersApi.leaveWaitlist, { params: { id: c.id }, token: second.token })
    expect(left.body).toMatchObject({ state: 'left', position: null, length: 1 })
    expect(await place(third, c.id)).toMatchObject({ position: 1, length: 1 })
    const twice = await app.call(vouchersApi.leaveWaitlistPost, { params: { id: c.id }, token: second.token })
    expect(twice.status).toBe(404)
    expect(twice.body).toMatchObject({ reason: 'NOT_ON_WAITLIST', message: '您不在候补队列中' })
    expect((await app.call(vouchersApi.leaveWaitlistPost, { params: { id: c.id }, token: third.token })).status).toBe(200)

    // Nobody waiting: a returned unit goes back to stock.
    expect((await giveBack(first, got[0].id)).status).toBe(200)
    expect(await stockLeft(c.id)).toBe(1)
    expect(await stats(c.id)).toMatchObject({ remaining: 1, waitlist: 0, claims: 2, returned: 2 })
  })

  it('a waiter who has meanwhile reached the monthly limit is skipped', async () => {
    const a = await create({ kind: 'movie', title: '电影 A', perMemberLimit: { count: 1, period: 'calendar_month' } })
    const b = await create({ kind: 'movie', title: '电影 B', totalStock: 5, perMemberLimit: { count: 1, period: 'calendar_month' } })
    const [holder, busy, next] = await members(3)
    const v = (await claim(holder, a.id)).body.voucher
    expect((await join(busy, a.id)).status).toBe(200)
    expect((await join(next, a.id)).status).toBe(200)
    expect((await claim(busy, b.id)).status).toBe(200)
    expect((await giveBack(holder, v.id)).status).toBe(200)
    expect((await mine(next)).map((x) => x.title)).toEqual(['电影 A'])
    expect(await place(busy, a.id)).toMatchObject({ state: 'skipped' })
    expect((await mine(busy)).map((x) => x.title)).toEqual(['电影 B'])
  })

  it('concurrent returns hand their units to distinct waiters in line order, one each', async () => {
    const c = await create({ title: '并发候补券', totalStock: 5 })
    const holders = await members(5)
    const waiters = await members(7)
    const held = await Promise.all(holders.map(async (m) => (await claim(m, c.id)).body.voucher))
    for (const w of waiters) expect((await join(w, c.id)).status).toBe(200)
    const back = await Promise.all(holders.map((m, i) => giveBack(m, held[i].id)))
    expect(back.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])

    const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
    const granted = issued.filter((v) => v.source === 'waitlist')
    expect(granted).toHaveLength(5)
    expect(new Set(granted.map((v) => v.userId))).toEqual(new Set(waiters.slice(0, 5).map((w) => w.userId)))
    expect(await stockLeft(c.id)).toBe(0)
    expect(await place(waiters[5], c.id)).toMatchObject({ state: 'waiting', position: 1, length: 2 })
    expect(await place(waiters[6], c.id)).toMatchObject({ state: 'waiting', position: 2, length: 2 })
  })

  it('offline queue: resends replay the outcome; a double scan is reported as already used; venue, expiry, unknown', async () => {
    const c = await create({ title: '离线核销券', totalStock: 5 })
    const [m1, m2, m3] = await members(3)
    const [v1, v2, v3] = await Promise.all([m1, m2, m3].map(async (m) => (await claim(m, c.id)).body.voucher))
    const bookshop = c.venues[1].id
    const scan = (code: string, venueId: number, at = clock) => ({ code, venueId, scannedAt: iso(at), clientId: randomUUID() })
    const queue = [scan(v1.code, cinema), scan(v1.code.toLowerCase(), cinema), scan(v2.code, pool), scan('NOPE12345678', cinema), scan('', cinema)]
    // The phone last synced 3 hours before the server's clock.
    const batch = (token: string, items: ReturnType<typeof scan>[]) =>
      app.call(vouchersApi.redeemBatch, { token, body: { lastSyncAt: iso(clock - 3 * 60 * MIN), items } })
    const first = await batch(venue, queue)
    expect(first.status).toBe(200)
    expect(first.body.results.map((r) => r.outcome)).toEqual(['redeemed', 'already_used', 'wrong_venue', 'not_found', 'not_found'])
    expect(first.body.results[0].redemption!.venue.name).toBe('云溪影城')
    expect(first.body.results[1]).toMatchObject({ usedByMe: true, usedVenue: { name: '云溪影城' }, replayed: false })
    expect(first.body.results[1].message).toBe('该券已于 2026-11-23 10:00 在云溪影城使用（本账号此前已核销过），本次未核销')
    expect(first.body.results[2].message).toContain('可用场馆：云溪影城、星光书店')
    expect(first.body.results[3].message).toBe('券码无效，请核对后重试')

    const resend = await batch(venue, queue)
    expect(resend.body.results.map((r) => [r.outcome, r.replayed])).toEqual([
      ['redeemed', true],
      ['already_used', true],
      ['wrong_venue', true],
      ['not_found', true],
      ['not_found', true],
    ])
    // The same queue item sent twice at once (a retry racing the first send): one redemption, the same outcome.
    const [m4] = await members(1)
    const v4 = (await claim(m4, c.id)).body.voucher
    const item = scan(v4.code, cinema)
    const race = await Promise.all([batch(venue, [item]), batch(venue, [item])])
    expect(race.map((r) => r.body.results[0].outcome)).toEqual(['redeemed', 'redeemed'])
    expect(race.map((r) => r.body.results[0].replayed).sort()).toEqual([false, true])

    const other = await batch(admin, [scan(v1.code, bookshop)])
    expect(other.body.results[0]).toMatchObject({ outcome: 'already_used', usedByMe: false })
    expect(other.body.results[0].message).toContain('由其他核销员核销')
    const single = await app.call(vouchersApi.redeem, { token: venue, body: { code: v1.code, venueId: cinema } })
    expect(single.status).toBe(409)

    // Expiry is judged at the scan time on the device: scanned before expiry but sent after → redeemed.
    clock = T0 + 3 * DAY + 60 * MIN
    const late = await batch(venue, [scan(v3.code, cinema, T0 + 3 * DAY - 60 * MIN), scan(v2.code, cinema)])
    expect(late.body.results.map((r) => r.outcome)).toEqual(['redeemed', 'expired'])
    expect(late.body.results[0].redemption!.usedAt).toBe(iso(T0 + 3 * DAY - 60 * MIN))

    const memberCannot = await batch(m1.token, [scan(v2.code, cinema)])
    expect(memberCannot.status).toBe(403)
    const malformed = await batch(venue, [{ code: v2.code, venueId: cinema, scannedAt: 'yesterday', clientId: 'x' } as never]) // deliberately malformed
    expect(malformed.status).toBe(400)
    expect((await batch(venue, [])).status).toBe(400)
  })

  it('managers’ view: per-venue redemptions and a CSV export (BOM, masked codes and names, China time), managers only', async () => {
    const c = await create({ title: '导出券', totalStock: 4 })
    const bookshop = c.venues[1].id
    const [m1, m2, m3] = await members(3)
    const [v1, v2] = await Promise.all([m1, m2, m3].map(async (m) => (await claim(m, c.id)).body.voucher))
    const redeem = (code: string) => app.call(vouchersApi.redeem, { token: admin, body: { code, venueId: bookshop } })
    // 星光书店 has no venue staff bound to it: the admin (not venue-bound) redeems there.
    expect((await redeem(v1.code)).status).toBe(200)
    clock = T0 + 90 * MIN
    expect((await redeem(v2.code)).status).toBe(200)
    const figures = await stats(c.id)
    expect(figures).toMatchObject({ claims: 3, redemptions: 2, unused: 1, remaining: 1, waitlist: 0, entries: 0, drawnAt: null })
    expect(figures.perVenue).toEqual([
      { venueId: cinema, venueName: '云溪影城', redemptions: 0, stock: null, remaining: null },
      { venueId: bookshop, venueName: '星光书店', redemptions: 2, stock: null, remaining: null },
    ])

    const exportCsv = (token?: string) => app.call(vouchersApi.exportCsv, { params: { id: c.id }, token })
    const res = await exportCsv(admin)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toContain("filename*=UTF-8''")
    const url = `/api/vouchers/manage/campaigns/${c.id}/export.csv` // the raw bytes, to see the BOM
    const bytes = new Uint8Array(await (await fetch(app.baseUrl + url, { headers: { authorization: `Bearer ${admin}` } })).arrayBuffer())
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const lines = res.text.replace(/^\uFEFF/, '').trim().split('\r\n')
    expect(lines[0]).toBe('券码,领取人,状态,领取时间,使用时间,使用场馆')
    expect(lines).toHaveLength(4)
    const masked = (code: string) => `${code.slice(0, 4)}******${code.slice(-2)}`
    expect(res.text).not.toContain(v1.code)
    const row1 = lines.find((l) => l.startsWith(masked(v1.code)))!.split(',')
    expect(row1[1]).toMatch(/^会\*\d$/)
    expect(row1.slice(2)).toEqual(['已使用', '2026-11-23 10:00', '2026-11-23 10:00', '星光书店'])
    const row2 = lines.find((l) => l.startsWith(masked(v2.code)))!.split(',')
    expect(row2[4]).toBe('2026-11-23 11:30')
    expect(lines.filter((l) => l.includes(',未使用,'))).toHaveLength(1)

    // whoever does not manage campaigns anywhere is refused before the campaign is looked up
    const statsAs = (token: string) => app.call(vouchersApi.campaignStats, { params: { id: c.id }, token })
    expect((await exportCsv(m1.token)).status).toBe(403)
    expect((await exportCsv(venue)).status).toBe(403)
    expect((await statsAs(venue)).status).toBe(403)
    expect((await exportCsv()).status).toBe(401)
    expect((await statsAs(m1.token)).status).toBe(403)
  })
})
