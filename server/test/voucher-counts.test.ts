/**
 * Maintained counters for the campaign figures (voucher_counts, issue 17): after a mix of writes through every path
 * — first-come claims (the claim function), sold out, the waitlist, redemptions, returns handed to waiters or back to
 * stock, and plain SQL (a delete as the shredder does, a multi-row update) — every counter equals an independent
 * count of the vouchers, and the figures the managers read equal the figures counted from the vouchers, before and
 * after the vouchers expire.
 */
import { randomUUID } from 'node:crypto'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { vouchersApi } from '@contract/vouchers/api'
import { rowsOf } from '../src/db'
import { vouchers } from '../src/db/schema'
import { databases, useDatabase, type TestApp } from './harness'
import { DAY, T0, VENUES, campaign, createMembers, voucherOrgIds, type LoadMember } from './builders/vouchers'

describe.each(databases())('voucher counters on %s', (target) => {
  jest.setTimeout(120_000)
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let app: TestApp

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
  })

  /** The counters summed over shards, and the same keys counted from the vouchers themselves. */
  async function countersAndTruth(): Promise<{ counters: string[]; truth: string[] }> {
    const db = h.database.db
    const counters = rowsOf<{ k: string }>(
      await db.execute(sql`select campaign_id || '/' || state || '/' || used_venue_id || '=' || sum(n) as k
                             from voucher_counts group by campaign_id, state, used_venue_id having sum(n) <> 0 order by 1`),
    ).map((r) => r.k)
    const truth = rowsOf<{ k: string }>(
      await db.execute(sql`select campaign_id || '/' || state || '/' || coalesce(used_venue_id, 0) || '=' || count(*) as k
                             from vouchers group by campaign_id, state, coalesce(used_venue_id, 0) order by 1`),
    ).map((r) => r.k)
    return { counters, truth }
  }

  /** The campaign's figures counted from its vouchers at `clock`, as the figures endpoint names them. */
  async function countedFigures(campaignId: number) {
    const rows = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, campaignId))
    const live = (v: (typeof rows)[number]) => v.validUntil.getTime() > clock
    const perVenue = new Map<number, number>()
    for (const v of rows) if (v.state === 'used' && v.usedVenueId) perVenue.set(v.usedVenueId, (perVenue.get(v.usedVenueId) ?? 0) + 1)
    return {
      claims: rows.length,
      unused: rows.filter((v) => v.state === 'unused' && live(v)).length,
      redemptions: rows.filter((v) => v.state === 'used').length,
      returned: rows.filter((v) => v.state === 'returned').length,
      expired: rows.filter((v) => v.state === 'unused' && !live(v)).length,
      perVenue,
    }
  }

  async function expectFiguresMatch(admin: string, campaignId: number) {
    const stats = await app.ok(vouchersApi.campaignStats, { token: admin, params: { id: campaignId } })
    const counted = await countedFigures(campaignId)
    expect({ claims: stats.claims, unused: stats.unused, redemptions: stats.redemptions, returned: stats.returned, expired: stats.expired }).toEqual({
      claims: counted.claims,
      unused: counted.unused,
      redemptions: counted.redemptions,
      returned: counted.returned,
      expired: counted.expired,
    })
    for (const v of stats.perVenue) expect([v.venueName, v.redemptions]).toEqual([v.venueName, counted.perVenue.get(v.venueId) ?? 0])
    return stats
  }

  it('every counter equals an independent count after a mix of writes, and the figures match the vouchers', async () => {
    const db = h.database.db
    const admin = await app.login('admin')
    const venueStaff = await app.login('venue')
    const orgIds = await voucherOrgIds(db)
    const claim = (m: LoadMember, id: number) => app.call(vouchersApi.claim, { token: m.token, params: { id }, headers: { 'idempotency-key': randomUUID() } })

    const body = (title: string, totalStock: number) =>
      campaign({ orgId: orgIds.district, title, totalStock, venues: [VENUES.cinema, VENUES.starlight], voucherValidDays: 7, perMemberLimit: { count: 1, period: 'campaign' } })
    const a = await app.ok(vouchersApi.createCampaign, { token: admin, body: body('计数电影券', 12) })
    const b = await app.ok(vouchersApi.createCampaign, { token: admin, body: body('计数书店券', 5) })
    const members = await createMembers(db, app.app.deps.sessions, { count: 16, orgId: orgIds.grassroots })

    // Claims at once (the claim function, in batches): 12 of 14 get campaign A, the rest are told sold out.
    const results = await Promise.all(members.slice(0, 14).map((m) => claim(m, a.id)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(12)
    for (const m of members.slice(0, 5)) expect((await claim(m, b.id)).status).toBe(200)
    // Two in line for A.
    for (const m of members.slice(14, 16)) expect((await app.call(vouchersApi.joinWaitlist, { token: m.token, params: { id: a.id } })).status).toBe(200)

    // Redemptions at the venue staff's venue.
    const [venue] = (await app.ok(vouchersApi.myRedeemVenues, { token: venueStaff })).items
    const holders = results.map((r, i) => ({ r, m: members[i] })).filter(({ r }) => r.status === 200)
    for (const { r } of holders.slice(0, 4)) {
      expect((await app.call(vouchersApi.redeem, { token: venueStaff, body: { code: r.body.voucher.code, venueId: venue.id } })).status).toBe(200)
    }
    // Returns: the first two go to the waiters (new vouchers), the third back to stock.
    for (const { r, m } of holders.slice(4, 7)) {
      expect((await app.call(vouchersApi.cancelVoucher, { token: m.token, params: { id: r.body.voucher.id } })).status).toBe(200)
    }
    // Plain SQL: a voucher erased (as the shredder does) and two redeemed in one multi-row update.
    await db.delete(vouchers).where(eq(vouchers.id, holders[7].r.body.voucher.id))
    await db
      .update(vouchers)
      .set({ state: 'used', usedAt: new Date(clock), usedVenueId: venue.id })
      .where(and(eq(vouchers.campaignId, b.id), inArray(vouchers.id, (await db.select({ id: vouchers.id }).from(vouchers).where(eq(vouchers.campaignId, b.id))).slice(0, 2).map((v) => v.id))))
    // An update that changes neither state nor venue leaves the counters alone.
    await db.update(vouchers).set({ expiryRemindedAt: new Date(clock) }).where(eq(vouchers.campaignId, a.id))

    const { counters, truth } = await countersAndTruth()
    expect(counters).toEqual(truth)
    expect(truth.some((k) => k.startsWith(`${a.id}/returned/0=3`))).toBe(true)

    const statsA = await expectFiguresMatch(admin, a.id)
    // 12 claimed + 2 handed to the waiters − 1 erased
    expect(statsA).toMatchObject({ claims: 13, redemptions: 4, returned: 3, expired: 0 })
    await expectFiguresMatch(admin, b.id)

    // Eight days on, past the 7 days of validity: the unused ones count as expired, the counters are unchanged.
    clock += 8 * DAY
    const expired = await expectFiguresMatch(await app.login('admin'), a.id)
    expect(expired.unused).toBe(0)
    expect(expired.expired).toBeGreaterThan(0)
    expect((await countersAndTruth()).counters).toEqual(truth)
    clock = T0
  })

  it('stays right through 追加库存, a cut, claims on the added stock and 结束发放 (the figures read stock and counters)', async () => {
    const db = h.database.db
    const admin = await app.login('admin')
    const orgIds = await voucherOrgIds(db)
    const body = campaign({ orgId: orgIds.district, title: '计数加库存券', totalStock: 4, perMemberLimit: { count: 1, period: 'campaign' } })
    const c = await app.ok(vouchersApi.createCampaign, { token: admin, body })
    const resend = (totalStock: number) => ({ ...body, venues: c.venues.map((v) => ({ venueId: v.id })), totalStock })
    const members = await createMembers(db, app.app.deps.sessions, { count: 10, orgId: orgIds.grassroots })
    const claim = (m: LoadMember) => app.call(vouchersApi.claim, { token: m.token, params: { id: c.id }, headers: { 'idempotency-key': randomUUID() } })
    const first = await Promise.all(members.slice(0, 6).map(claim))
    expect(first.filter((r) => r.status === 200)).toHaveLength(4)
    // 追加库存 by 4 while the rest of the crowd claims: all of it is taken, the counters follow
    const [more] = await Promise.all([app.call(vouchersApi.editCampaign, { token: admin, params: { id: c.id }, body: resend(8) }), ...members.slice(6).map(claim)])
    expect(more.status).toBe(200)
    // those told 已领完 before the addition came try again: 8 members of 10 hold one
    for (const m of members) await claim(m)
    const stats = await expectFiguresMatch(admin, c.id)
    expect(stats).toMatchObject({ totalStock: 8, claims: 8, remaining: 0 })
    // a return puts one back; a cut of that one leaves the figures consistent; then 结束发放
    const holder = first.findIndex((r) => r.status === 200)
    expect((await app.call(vouchersApi.cancelVoucher, { token: members[holder].token, params: { id: first[holder].body.voucher.id } })).status).toBe(200)
    expect((await app.call(vouchersApi.editCampaign, { token: admin, params: { id: c.id }, body: resend(7) })).status).toBe(200)
    expect((await app.call(vouchersApi.endCampaign, { token: admin, params: { id: c.id } })).status).toBe(200)
    const after = await expectFiguresMatch(admin, c.id)
    expect(after).toMatchObject({ totalStock: 7, claims: 8, returned: 1, remaining: 0 })
    const { counters, truth } = await countersAndTruth()
    expect(counters).toEqual(truth)
  })
})
