/**
 * 分场馆库存: a first-come campaign whose stock is split per venue. Creation is validated (every venue or none, the
 * venues add up to the total, not for lotteries); a member claims for one venue; one venue selling out leaves the
 * others open (and says so); the voucher is used only at its venue; a returned one goes back to its venue's stock
 * or to the first waiter, for the same venue. Concurrency: 200 taps over two venues never oversell either.
 */
import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { notificationsApi } from '@contract/notifications/api'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, useDatabase, type TestApp } from './harness'
import { voucherStock, vouchers } from '../src/db/schema'
import { DAY, MIN, T0, VENUES, campaign, createMembers, iso, voucherOrgIds, type CampaignBody } from './builders/vouchers'

describe.each(databases())('vouchers split per venue on %s', (target) => {
  const h = useDatabase(target)
  const clock = T0
  const now = () => clock
  let app: TestApp
  let admin: string
  let venueStaff: string
  let orgIds: Record<string, number>

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
    admin = await app.login('admin')
    venueStaff = await app.login('venue')
    orgIds = await voucherOrgIds(h.database.db)
  })

  /** 分场馆观影券 at 云溪影城 and 星光影院 with these allotments (undefined: none), open for a day, one per member. */
  const input = (stocks: (number | undefined)[], over: Partial<CampaignBody> = {}) =>
    campaign({
      orgId: orgIds.district,
      title: '分场馆观影券',
      venues: [
        { ...VENUES.cinema, stock: stocks[0] },
        { ...VENUES.starlight, stock: stocks[1] },
      ],
      totalStock: (stocks[0] ?? 0) + (stocks[1] ?? 0),
      closesAt: iso(T0 + DAY),
      voucherValidDays: 7,
      perMemberLimit: { count: 1, period: 'campaign' },
      ...over,
    })
  const create = (stocks: (number | undefined)[], over: Partial<CampaignBody> = {}) =>
    app.call(vouchersApi.createCampaign, { token: admin, body: input(stocks, over) })
  const claim = (token: string, id: number, venueId?: number) =>
    app.call(vouchersApi.claim, {
      params: { id },
      token,
      headers: { 'idempotency-key': randomUUID() },
      ...(venueId === undefined ? {} : { body: { venueId } }),
    })
  const members = (count: number) => createMembers(h.database.db, app.app.deps.sessions, { count, orgId: orgIds.grassroots })
  const detail = async (token: string, id: number) => (await app.ok(vouchersApi.campaign, { params: { id }, token })).campaign
  const redeem = (token: string, code: string, venueId: number) => app.call(vouchersApi.redeem, { token, body: { code, venueId } })

  it('creation: every venue or none, adding up to the total, first come only — each error beside its field', async () => {
    const partial = await create([2, undefined], { totalStock: 5 })
    expect(partial.status).toBe(400)
    expect(partial.body.fields!['venues.1.stock']).toBe('请填写该场馆的数量')
    const wrongSum = await create([2, 3], { totalStock: 6 })
    expect(wrongSum.status).toBe(400)
    expect(wrongSum.body.fields!.totalStock).toBe('各场馆数量之和为 5，须等于总数量')
    const lottery = await create([2, 3], { mode: 'lottery', opensAt: iso(T0 + 10 * MIN) })
    expect(lottery.status).toBe(400)
    expect(lottery.body.fields!.venues).toBe('抽签活动不分场馆发放，请去掉各场馆数量')

    const ok = await create([2, 3])
    expect(ok.status).toBe(200)
    // registry venues: the seeded 云溪影城 (same name and address) and a new 星光影院
    const [yx, xg] = ok.body.venues.map((v) => v.id)
    expect(ok.body.venues.map((v) => v.name)).toEqual(['云溪影城', '星光影院'])
    expect(ok.body.venueStock).toEqual([
      { venueId: yx, stock: 2, remaining: 2 },
      { venueId: xg, stock: 3, remaining: 3 },
    ])
    // the stock rows carry their venue: 2 + 3 units, no row shared between venues
    const rows = await h.database.db.select().from(voucherStock).where(eq(voucherStock.campaignId, ok.body.id))
    const byVenue = (v: number) => rows.filter((r) => r.venueId === v).reduce((t, r) => t + r.remaining, 0)
    expect([byVenue(yx), byVenue(xg), rows.filter((r) => r.venueId === null).length]).toEqual([2, 3, 0])

    // a shared campaign is as before
    const shared = await create([undefined, undefined], { totalStock: 4 })
    expect(shared.body.venueStock).toBeNull()
  })

  it('a member claims for one venue; one venue sold out leaves the other open and says so; used only at its venue', async () => {
    const c = (await create([1, 2])).body
    const [yx, xg] = c.venues.map((v) => v.id)
    const [a, b, d, e] = await members(4)

    const noVenue = await claim(a.token, c.id)
    expect(noVenue.status).toBe(400)
    expect(noVenue.body.fields!.venueId).toBe('请选择场馆')
    expect(noVenue.body).toMatchObject({ reason: 'VENUE_REQUIRED', message: '本活动按场馆分配，请先选择场馆' })
    const unknown = await claim(a.token, c.id, 999_999)
    expect(unknown.status).toBe(400)
    expect(unknown.body.fields!.venueId).toBe('该场馆不在本活动中')
    expect(unknown.body.reason).toBe('VENUE_UNKNOWN')

    const first = await claim(a.token, c.id, yx)
    expect(first.status).toBe(200)
    expect(first.body.voucher.venueId).toBe(yx)
    expect(first.body.voucher.venues.map((v) => v.name)).toEqual(['云溪影城'])

    const soldOut = await claim(b.token, c.id, yx)
    expect(soldOut.status).toBe(409)
    expect(soldOut.body).toMatchObject({ reason: 'SOLD_OUT', message: '已领完：「云溪影城」的券已被领完，「星光影院」还剩 2 张，可改选其他场馆' })
    // nothing was taken from b's limit: the other venue still works for b
    expect((await claim(b.token, c.id, xg)).status).toBe(200)

    const view = await detail(d.token, c.id)
    expect(view.venueStock).toEqual([
      { venueId: yx, stock: 1, remaining: 0 },
      { venueId: xg, stock: 2, remaining: 1 },
    ])
    expect(view.phase).toBe('open')
    expect((await claim(d.token, c.id, xg)).status).toBe(200)
    const last = await claim(e.token, c.id, xg)
    expect(last.body.message).toBe('已领完：「星光影院」的券已被领完，其他场馆也已领完，下次早点来')

    // 我的券: the voucher lists only its venue
    const mine = (await app.ok(vouchersApi.myVouchers, { token: a.token })).items[0]
    expect(mine).toMatchObject({ venueId: yx, venues: [{ id: yx, name: '云溪影城' }] })

    // redemption: at the other venue of the same campaign → refused, naming its venue (the admin is not venue-bound;
    // the venue persona is not bound to 星光影院 at all); at its own → ok
    const code = first.body.voucher.code
    const wrong = await redeem(admin, code, xg)
    expect(wrong.status).toBe(409)
    expect(wrong.body).toMatchObject({ reason: 'WRONG_VENUE', message: '该券（分场馆观影券）仅限在「云溪影城」使用，不能在本场馆核销' })
    const offline = await app.call(vouchersApi.redeemBatch, {
      token: admin,
      body: { lastSyncAt: iso(clock - 60 * MIN), items: [{ code, venueId: xg, scannedAt: iso(clock), clientId: randomUUID() }] },
    })
    expect(offline.body.results[0]).toMatchObject({ outcome: 'wrong_venue' })
    expect((await redeem(venueStaff, code, xg)).status).toBe(403)
    const right = await redeem(venueStaff, code, yx)
    expect(right.status).toBe(200)

    const stats = await app.ok(vouchersApi.campaignStats, { params: { id: c.id }, token: admin })
    expect(stats.perVenue).toEqual([
      { venueId: yx, venueName: '云溪影城', redemptions: 1, stock: 1, remaining: 0 },
      { venueId: xg, venueName: '星光影院', redemptions: 0, stock: 2, remaining: 0 },
    ])
  })

  it('a returned voucher goes to the first waiter for the same venue, or back to its venue when nobody waits', async () => {
    const c = (await create([1, 1])).body
    const [yx, xg] = c.venues.map((v) => v.id)
    const [a, b, w] = await members(3)
    const giveBack = (token: string, id: number) => app.call(vouchersApi.cancelVoucher, { params: { id }, token })
    const va = (await claim(a.token, c.id, yx)).body.voucher
    expect((await claim(b.token, c.id, xg)).status).toBe(200)
    // sold out everywhere: w waits
    expect((await claim(w.token, c.id, xg)).status).toBe(409)
    expect((await app.call(vouchersApi.joinWaitlist, { params: { id: c.id }, token: w.token })).status).toBe(200)
    // a gives back the 云溪影城 voucher: w gets one for 云溪影城, with a message that says so
    expect((await giveBack(a.token, va.id)).status).toBe(200)
    const got = (await app.ok(vouchersApi.myVouchers, { token: w.token })).items
    expect(got).toMatchObject([{ source: 'waitlist', venueId: yx, venues: [{ name: '云溪影城' }] }])
    const notes = (await app.ok(notificationsApi.list, { token: w.token })).items
    expect(notes[0].body).toContain('限「云溪影城」使用')
    // w gives it back with nobody waiting: the unit returns to 云溪影城's stock
    expect((await giveBack(w.token, got[0].id)).status).toBe(200)
    const view = await detail(a.token, c.id)
    expect(view.venueStock).toEqual([
      { venueId: yx, stock: 1, remaining: 1 },
      { venueId: xg, stock: 1, remaining: 0 },
    ])
  })

  it('200 concurrent taps over two venues (30 + 20 units): exactly 30 and 20 issued, each for its venue, no member with two', async () => {
    const c = (await create([30, 20])).body
    const [yx, xg] = c.venues.map((v) => v.id)
    const crowd = await members(200)
    const results = await Promise.all(crowd.map((m, i) => claim(m.token, c.id, i % 2 === 0 ? yx : xg)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(50)
    expect(results.filter((r) => r.status !== 200).every((r) => r.status === 409 && r.body.message!.startsWith('已领完'))).toBe(true)
    const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
    expect([issued.filter((v) => v.venueId === yx).length, issued.filter((v) => v.venueId === xg).length]).toEqual([30, 20])
    expect(new Set(issued.map((v) => v.userId)).size).toBe(50)
    // every voucher's venue is that of the stock row it came from
    const [{ mismatched }] = (
      (await h.database.db.execute(sql`
        select count(*)::int as mismatched from ${vouchers} v join ${voucherStock} s
          on s.campaign_id = v.campaign_id and s.shard = v.shard
        where v.campaign_id = ${c.id} and s.venue_id is distinct from v.venue_id`)) as unknown as { rows: { mismatched: number }[] }
    ).rows
    expect(mismatched).toBe(0)
    const left = await h.database.db
      .select({ n: sql<number>`sum(${voucherStock.remaining})::int` })
      .from(voucherStock)
      .where(and(eq(voucherStock.campaignId, c.id)))
    expect(left[0].n).toBe(0)
  })
})
