/**
 * 福利券 security review (issue 11), over real HTTP as the demo personas:
 *  - a venue's staff get neither a campaign's figures nor its export (403); the managers' export masks every code;
 *  - venue staff redeem only at the venues their role is bound to (403 elsewhere, whatever the code), and the redeem
 *    page's venue list is theirs;
 *  - an offline scan counts only when credible: not back-dated past the phone's last sync nor more than 24 h, the
 *    voucher valid at the scan time; the accepted lag is recorded;
 *  - the public draw record carries entry numbers and masked names, no user ids, re-runs from the seed, and is not
 *    recomputed per request once drawn;
 *  - campaigns pick registry venues of related unions (not a sibling union's).
 *
 * Campaigns here list the seeded 云溪影城 and 星光电影院 by name and address (the registry reuses them), and requests
 * carry the voucher's campaignId too, so the same requests mean the same thing to the code before the venue registry.
 */
import { createHash, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { databases, useDatabase, type TestApp } from './harness'
import { memberships, orgs, voucherEntries, vouchers } from '../src/db/schema'
import { createMembers, voucherOrgIds, type LoadMember } from './vouchers-fixtures'

const T0 = new Date('2026-11-23T10:00:00+08:00').getTime()
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const CINEMA = { name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.2749, lng: 120.1562 }
const STARLIGHT = { name: '星光电影院', address: '示例市云溪区星光路 8 号', lat: 30.2812, lng: 120.1633 }

describe.each(databases())('vouchers security on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let app: TestApp
  let admin: string
  let venue: string
  let orgIds: Record<string, number>

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
    admin = await app.login('admin')
    venue = await app.login('venue')
    orgIds = await voucherOrgIds(h.database.db)
  })
  afterEach(() => {
    clock = T0
  })

  const create = async (over: Record<string, unknown> = {}) => {
    const res = await app.request('POST', '/api/vouchers/manage/campaigns', {
      token: admin,
      body: {
        kind: 'movie',
        title: '安全测试观影券',
        orgId: orgIds.district,
        venues: [CINEMA, STARLIGHT],
        totalStock: 20,
        opensAt: new Date(T0 - MIN).toISOString(),
        closesAt: new Date(T0 + 7 * DAY).toISOString(),
        voucherValidDays: 30,
        perMemberLimit: { count: 1, period: 'campaign' },
        ...over,
      },
    })
    expect(res.status).toBe(200)
    return res.body as { id: number; venues: { id: number; name: string }[] }
  }
  const members = (n: number) => createMembers(h.database.db, app.app.deps.sessions, { count: n, orgId: orgIds.grassroots })
  const claim = async (m: LoadMember, id: number) =>
    (await app.request('POST', `/api/vouchers/campaigns/${id}/claim`, { token: m.token, headers: { 'idempotency-key': randomUUID() } })).body
      .voucher as { id: number; code: string }
  const venueId = (c: { venues: { id: number; name: string }[] }, name: string) => c.venues.find((v) => v.name === name)!.id

  it('venue staff: the export and the figures are refused (403)', async () => {
    const c = await create({ title: '导出保护券' })
    const [m1, m2] = await members(2)
    const v1 = await claim(m1, c.id)
    await claim(m2, c.id)
    const csvUrl = `/api/vouchers/manage/campaigns/${c.id}/export.csv`

    const exported = await app.request('GET', csvUrl, { token: venue })
    expect(exported.status).toBe(403)
    expect(exported.body).toMatchObject({ reason: 'CAMPAIGN_MANAGERS_ONLY', message: '活动数据与导出仅限活动管理员查看' })
    expect(exported.text).not.toContain(v1.code)
    const stats = await app.request('GET', `/api/vouchers/manage/campaigns/${c.id}/stats`, { token: venue })
    expect(stats.status).toBe(403)
    expect(stats.body.reason).toBe('CAMPAIGN_MANAGERS_ONLY')
    expect((await app.request('GET', `/api/vouchers/manage/campaigns/${c.id}/stats`, { token: admin })).status).toBe(200)
  })

  it('the managers’ export masks every code (first 4 and last 2 characters)', async () => {
    const c = await create({ title: '导出掩码券' })
    const [m1, m2] = await members(2)
    const [v1, v2] = [await claim(m1, c.id), await claim(m2, c.id)]
    const own = await app.request('GET', `/api/vouchers/manage/campaigns/${c.id}/export.csv`, { token: admin })
    expect(own.status).toBe(200)
    expect(own.text).not.toContain(v1.code)
    expect(own.text).not.toContain(v2.code)
    const codes = own.text.replace(/^\uFEFF/, '').trim().split('\r\n').slice(1).map((l) => l.split(',')[0])
    expect(codes.sort()).toEqual(
      [v1.code, v2.code].map((code) => `${code.slice(0, 4)}${'*'.repeat(code.length - 6)}${code.slice(-2)}`).sort(),
    )
  })

  it('venue staff redeem only at their bound venues: 403 elsewhere whatever the code; the page lists only theirs', async () => {
    const c = await create({ title: '场馆绑定券' })
    const [m1, m2] = await members(2)
    const [v1, v2] = [await claim(m1, c.id), await claim(m2, c.id)]
    const cinema = venueId(c, '云溪影城')
    const starlight = venueId(c, '星光电影院')

    const mine = await app.request('GET', '/api/vouchers/redeem/venues', { token: venue })
    expect(mine.status).toBe(200)
    expect(mine.body.items.map((v: { name: string }) => v.name)).toEqual(['云溪影城', '云溪游泳馆'])
    expect(mine.body.items.some((v: { id: number }) => v.id === starlight)).toBe(false)

    for (const code of [v1.code, 'ZZZZZZZZZZZZ']) {
      const elsewhere = await app.request('POST', '/api/vouchers/redeem', { token: venue, body: { code, campaignId: c.id, venueId: starlight } })
      expect(elsewhere.status).toBe(403)
      expect(elsewhere.body).toMatchObject({ reason: 'VENUE_NOT_BOUND', message: '您不是该场馆的核销员，不能在此核销' })
    }
    const batch = await app.request('POST', '/api/vouchers/redeem-batch', {
      token: venue,
      body: {
        lastSyncAt: new Date(clock - HOUR).toISOString(),
        items: [{ code: v2.code, campaignId: c.id, venueId: starlight, scannedAt: new Date(clock).toISOString(), clientId: randomUUID() }],
      },
    })
    expect(batch.status).toBe(403)
    expect(batch.body.reason).toBe('VENUE_NOT_BOUND')
    // nothing was spent by the refused attempts
    const [still] = await h.database.db.select().from(vouchers).where(eq(vouchers.code, v2.code))
    expect(still.state).toBe('unused')

    const here = await app.request('POST', '/api/vouchers/redeem', { token: venue, body: { code: v1.code, campaignId: c.id, venueId: cinema } })
    expect(here.status).toBe(200)
    expect(here.body.venue).toMatchObject({ id: cinema, name: '云溪影城' })
    // an admin is not venue-bound
    const byAdmin = await app.request('POST', '/api/vouchers/redeem', { token: admin, body: { code: v2.code, campaignId: c.id, venueId: starlight } })
    expect(byAdmin.status).toBe(200)
    const adminVenues = (await app.request('GET', '/api/vouchers/redeem/venues', { token: admin })).body.items
    expect(adminVenues.map((v: { name: string }) => v.name)).toEqual(expect.arrayContaining(['云溪影城', '星光电影院']))
    expect((await app.request('GET', '/api/vouchers/redeem/venues', { token: m1.token })).status).toBe(403)
  })

  it('offline scans: back-dated past expiry or before the last sync → refused in Chinese; a credible one is redeemed with its lag', async () => {
    const c = await create({ title: '离线核销券', voucherValidDays: 1 })
    const [m1, m2, m3] = await members(3)
    const [v1, v2, v3] = [await claim(m1, c.id), await claim(m2, c.id), await claim(m3, c.id)]
    const cinema = venueId(c, '云溪影城')
    const scan = (code: string, scannedAt: number) => ({
      code,
      campaignId: c.id,
      venueId: cinema,
      scannedAt: new Date(scannedAt).toISOString(),
      clientId: randomUUID(),
    })
    const send = (token: string, lastSyncAt: number, items: unknown[]) =>
      app.request('POST', '/api/vouchers/redeem-batch', { token, body: { lastSyncAt: new Date(lastSyncAt).toISOString(), items } })

    // The vouchers expired yesterday (valid until T0 + 1 day; now T0 + 2 days).
    clock = T0 + 2 * DAY
    // The attack: scans back-dated into the validity (72 h − 1 min and 36 h ago), claiming a sync 72 h ago.
    for (const token of [admin, venue]) {
      const attack = await send(token, clock - 72 * HOUR, [scan(v1.code, clock - 72 * HOUR + MIN), scan(v1.code, clock - 36 * HOUR)])
      expect(attack.status).toBe(200)
      expect(attack.body.results.map((r: { outcome: string }) => r.outcome)).toEqual(['stale', 'stale'])
      expect(attack.body.results[1].message).toBe('扫码时间 2026-11-23 22:00 距今已超过 24 小时，离线核销不予受理，请会员重新出示券码')
    }
    // Expired 2 hours ago. Scanned 3 h ago while still valid, but before the phone's last sync (1 h ago): not credible.
    clock = T0 + DAY + 2 * HOUR
    const beforeSync = await send(venue, clock - HOUR, [scan(v2.code, clock - 3 * HOUR)])
    expect(beforeSync.body.results[0]).toMatchObject({ outcome: 'stale', redemption: null })
    expect(beforeSync.body.results[0].message).toBe('扫码时间 2026-11-24 09:00 早于本机上次同步时间 2026-11-24 11:00，记录不可信，本次未核销')
    const stillUnused = await h.database.db.select({ state: vouchers.state }).from(vouchers).where(eq(vouchers.campaignId, c.id))
    expect(stillUnused.map((v) => v.state)).toEqual(['unused', 'unused', 'unused'])

    // Credible: synced 4 h ago, scanned 3 h ago while still valid → redeemed at the scan time, the lag recorded.
    const ok = await send(venue, clock - 4 * HOUR, [scan(v3.code, clock - 3 * HOUR)])
    expect(ok.body.results[0]).toMatchObject({ outcome: 'redeemed', redemption: { lagSeconds: 3 * 3600 } })
    const [used] = await h.database.db.select().from(vouchers).where(eq(vouchers.code, v3.code))
    expect(used).toMatchObject({ state: 'used', usedVenueId: cinema, redeemLagSeconds: 3 * 3600 })
    expect(used.usedAt!.getTime()).toBe(clock - 3 * HOUR)

    // A scan time after the voucher expired is judged as expired.
    const late = await send(venue, clock - 2 * HOUR, [scan(v2.code, clock - HOUR)])
    expect(late.body.results[0].outcome).toBe('expired')
    const noSync = await app.request('POST', '/api/vouchers/redeem-batch', { token: venue, body: { items: [scan(v2.code, clock)] } })
    expect(noSync.status).toBe(400)
    expect(noSync.body.fields.lastSyncAt).toBe('请提供本机上次同步时间')
  })

  it('the draw record: entry numbers and masked names only, re-runs from the seed, computed once', async () => {
    const c = await create({ kind: 'swim', title: '抽签隐私券', mode: 'lottery', totalStock: 2, opensAt: new Date(T0 + MIN).toISOString(), closesAt: new Date(T0 + HOUR).toISOString() })
    const crowd = await members(5)
    clock = T0 + 2 * MIN
    for (const m of crowd) expect((await app.request('POST', `/api/vouchers/campaigns/${c.id}/enter`, { token: m.token })).status).toBe(200)
    clock = T0 + 2 * HOUR
    {
      const first = await app.request('GET', `/api/vouchers/campaigns/${c.id}/draw`, { token: crowd[0].token })
      expect(first.status).toBe(200)
      const record = first.body
      for (const e of record.entries) expect(Object.keys(e).sort()).toEqual(['entryId', 'name', 'state'])
      expect(first.text).not.toMatch(/userId/)
      expect(record.entries.every((e: { name: string }) => /^会\*\d$/.test(e.name))).toBe(true)
      // anyone re-runs it: SHA-256(seed) is the commitment, SHA-256(seed:entryId) orders the entries
      const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex')
      expect(sha(record.seed)).toBe(record.commitment)
      const rerun = [...record.entries]
        .map((e: { entryId: number }) => ({ id: e.entryId, score: sha(`${record.seed}:${e.entryId}`) }))
        .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.id - b.id))
        .slice(0, 2)
        .map((x) => x.id)
      expect(record.winners).toEqual(rerun)
      expect(record.algorithm).toContain('SHA-256(seed + ":" + entryId)')
      // …and the winners' entries are the members who got the vouchers
      const entries = await h.database.db.select().from(voucherEntries).where(eq(voucherEntries.campaignId, c.id))
      const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
      expect(new Set(issued.map((v) => v.userId))).toEqual(new Set(rerun.map((id: number) => entries.find((e) => e.id === id)!.userId)))

      // Served as computed at the draw: what changes in the tables afterwards (here an entrant's name) is not re-read.
      await h.database.db.update(memberships).set({ name: '欧阳改名' }).where(eq(memberships.userId, crowd[0].userId))
      const again = await app.request('GET', `/api/vouchers/campaigns/${c.id}/draw`, { token: crowd[1].token })
      const byStaff = await app.request('GET', `/api/vouchers/campaigns/${c.id}/draw`, { token: venue })
      expect([again.body, byStaff.body]).toEqual([record, record])
      expect(again.text).not.toContain('欧**名')
    }
  })

  it('new campaigns pick registry venues of related unions, or add one; a sibling union’s venue is refused beside its field', async () => {
    const list = await app.request('GET', `/api/vouchers/manage/venues?orgId=${orgIds.grassroots}`, { token: admin })
    expect(list.status).toBe(200)
    const cinema = list.body.items.find((v: { name: string }) => v.name === '云溪影城')
    expect(cinema).toMatchObject({ orgName: '云溪区总工会', lat: 30.2749, lng: 120.1562 })
    expect((await app.request('GET', `/api/vouchers/manage/venues?orgId=${orgIds.district}`, { token: venue })).status).toBe(403)

    const [park] = await h.database.db.select().from(orgs).where(eq(orgs.name, '云溪科技园区工会'))
    const parkCampaign = await create({ title: '园区健身券', orgId: park.id, venues: [{ name: '园区健身房', address: '示例市云溪区园区路 1 号', lat: 30.26, lng: 120.14 }] })
    const gym = parkCampaign.venues[0]
    expect(gym.name).toBe('园区健身房')
    // the same venue again (by name and address) is the same registry venue
    expect((await create({ title: '园区健身券二', orgId: park.id, venues: [{ name: '园区健身房', address: '示例市云溪区园区路 1 号', lat: 30.26, lng: 120.14 }] })).venues[0].id).toBe(gym.id)

    const picked = await create({ title: '挑选场馆券', orgId: orgIds.grassroots, venues: [{ venueId: cinema.id }] })
    expect(picked.venues).toEqual([{ id: cinema.id, name: '云溪影城', address: CINEMA.address, lat: CINEMA.lat, lng: CINEMA.lng }])
    const sibling = await app.request('POST', '/api/vouchers/manage/campaigns', {
      token: admin,
      body: {
        kind: 'gym',
        title: '跨工会场馆券',
        orgId: orgIds.grassroots,
        venues: [{ venueId: cinema.id }, { venueId: gym.id }],
        totalStock: 5,
        opensAt: new Date(T0).toISOString(),
        closesAt: new Date(T0 + DAY).toISOString(),
        voucherValidDays: 7,
      },
    })
    expect(sibling.status).toBe(400)
    expect(sibling.body.fields['venues.1.venueId']).toBe('该场馆不存在、已停用，或不属于本工会及其上下级工会')
  })
})
