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
 * Campaigns here list the seeded 云溪影城 and 星光电影院 by name and address (the registry reuses them).
 */
import { createHash, randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, useDatabase, type TestApp } from './harness'
import { memberships, orgs, voucherEntries, vouchers } from '../src/db/schema'
import { DAY, HOUR, MIN, T0, campaign, createCampaign, createMembers, iso, voucherOrgIds, type CampaignBody, type LoadMember } from './builders/vouchers'

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

  /** 20 movie vouchers (安全测试观影券) for 云溪影城 and 星光电影院, one per member. */
  const input = (over: Partial<CampaignBody> = {}) =>
    campaign({
      orgId: orgIds.district,
      title: '安全测试观影券',
      venues: [CINEMA, STARLIGHT],
      totalStock: 20,
      perMemberLimit: { count: 1, period: 'campaign' },
      ...over,
    })
  const create = (over: Partial<CampaignBody> = {}) => createCampaign(app, admin, input(over))
  const members = (n: number) => createMembers(h.database.db, app.app.deps.sessions, { count: n, orgId: orgIds.grassroots })
  const claim = async (m: LoadMember, id: number) =>
    (await app.ok(vouchersApi.claim, { params: { id }, token: m.token, headers: { 'idempotency-key': randomUUID() } })).voucher
  const venueId = (c: { venues: { id: number; name: string }[] }, name: string) => c.venues.find((v) => v.name === name)!.id
  const redeem = (token: string, code: string, at: number) => app.call(vouchersApi.redeem, { token, body: { code, venueId: at } })
  const redeemVenues = (token: string) => app.call(vouchersApi.myRedeemVenues, { token })

  it('venue staff: the export and the figures are refused (403)', async () => {
    const c = await create({ title: '导出保护券' })
    const [m1, m2] = await members(2)
    const v1 = await claim(m1, c.id)
    await claim(m2, c.id)
    const exportCsv = (token: string) => app.call(vouchersApi.exportCsv, { params: { id: c.id }, token })
    const stats = (token: string) => app.call(vouchersApi.campaignStats, { params: { id: c.id }, token })

    const exported = await exportCsv(venue)
    expect(exported.status).toBe(403)
    expect(exported.body).toMatchObject({ reason: 'CAMPAIGN_MANAGERS_ONLY', message: '活动数据与导出仅限活动管理员查看' })
    expect(exported.text).not.toContain(v1.code)
    const refused = await stats(venue)
    expect(refused.status).toBe(403)
    expect(refused.body.reason).toBe('CAMPAIGN_MANAGERS_ONLY')
    expect((await stats(admin)).status).toBe(200)
  })

  it('the managers’ export masks every code (first 4 and last 2 characters)', async () => {
    const c = await create({ title: '导出掩码券' })
    const [m1, m2] = await members(2)
    const [v1, v2] = [await claim(m1, c.id), await claim(m2, c.id)]
    const own = await app.call(vouchersApi.exportCsv, { params: { id: c.id }, token: admin })
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

    const mine = await redeemVenues(venue)
    expect(mine.status).toBe(200)
    expect(mine.body.items.map((v) => v.name)).toEqual(['云溪影城', '云溪游泳馆'])
    expect(mine.body.items.some((v) => v.id === starlight)).toBe(false)

    for (const code of [v1.code, 'ZZZZZZZZZZZZ']) {
      const elsewhere = await redeem(venue, code, starlight)
      expect(elsewhere.status).toBe(403)
      expect(elsewhere.body).toMatchObject({ reason: 'VENUE_NOT_BOUND', message: '您不是该场馆的核销员，不能在此核销' })
    }
    const batch = await app.call(vouchersApi.redeemBatch, {
      token: venue,
      body: { lastSyncAt: iso(clock - HOUR), items: [{ code: v2.code, venueId: starlight, scannedAt: iso(clock), clientId: randomUUID() }] },
    })
    expect(batch.status).toBe(403)
    expect(batch.body.reason).toBe('VENUE_NOT_BOUND')
    // nothing was spent by the refused attempts
    const [still] = await h.database.db.select().from(vouchers).where(eq(vouchers.code, v2.code))
    expect(still.state).toBe('unused')

    const here = await redeem(venue, v1.code, cinema)
    expect(here.status).toBe(200)
    expect(here.body.venue).toMatchObject({ id: cinema, name: '云溪影城' })
    // an admin is not venue-bound
    const byAdmin = await redeem(admin, v2.code, starlight)
    expect(byAdmin.status).toBe(200)
    const adminVenues = (await redeemVenues(admin)).body.items
    expect(adminVenues.map((v) => v.name)).toEqual(expect.arrayContaining(['云溪影城', '星光电影院']))
    expect((await redeemVenues(m1.token)).status).toBe(403)
    // a venue that does not exist (an admin may redeem anywhere, so the binding check lets it through)
    const nowhere = await redeem(admin, v2.code, 999_999)
    expect(nowhere.status).toBe(404)
    expect(nowhere.body).toMatchObject({ reason: 'VENUE_NOT_FOUND', message: '核销场馆不存在' })
  })

  it('offline scans: back-dated past expiry or before the last sync → refused in Chinese; a credible one is redeemed with its lag', async () => {
    const c = await create({ title: '离线核销券', voucherValidDays: 1 })
    const [m1, m2, m3] = await members(3)
    const [v1, v2, v3] = [await claim(m1, c.id), await claim(m2, c.id), await claim(m3, c.id)]
    const cinema = venueId(c, '云溪影城')
    const scan = (code: string, scannedAt: number) => ({ code, venueId: cinema, scannedAt: iso(scannedAt), clientId: randomUUID() })
    const send = (token: string, lastSyncAt: number, items: ReturnType<typeof scan>[]) =>
      app.call(vouchersApi.redeemBatch, { token, body: { lastSyncAt: iso(lastSyncAt), items } })

    // The vouchers expired yesterday (valid until T0 + 1 day; now T0 + 2 days).
    clock = T0 + 2 * DAY
    // The attack: scans back-dated into the validity (72 h − 1 min and 36 h ago), claiming a sync 72 h ago.
    for (const token of [admin, venue]) {
      const attack = await send(token, clock - 72 * HOUR, [scan(v1.code, clock - 72 * HOUR + MIN), scan(v1.code, clock - 36 * HOUR)])
      expect(attack.status).toBe(200)
      expect(attack.body.results.map((r) => r.outcome)).toEqual(['stale', 'stale'])
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
    const noSync = await app.call(vouchersApi.redeemBatch, { token: venue, body: { items: [scan(v2.code, clock)] } as never }) // deliberately without lastSyncAt
    expect(noSync.status).toBe(400)
    expect(noSync.body.fields!.lastSyncAt).toBe('请提供本机上次同步时间')
  })

  it('the draw record: entry numbers and masked names only, re-runs from the seed, computed once', async () => {
    const c = await create({ kind: 'swim', title: '抽签隐私券', mode: 'lottery', totalStock: 2, opensAt: iso(T0 + MIN), closesAt: iso(T0 + HOUR) })
    const crowd = await members(5)
    clock = T0 + 2 * MIN
    for (const m of crowd) expect((await app.call(vouchersApi.enter, { params: { id: c.id }, token: m.token })).status).toBe(200)
    clock = T0 + 2 * HOUR
    {
      const recordAs = (token: string) => app.call(vouchersApi.drawRecord, { params: { id: c.id }, token })
      const first = await recordAs(crowd[0].token)
      expect(first.status).toBe(200)
      const record = first.body
      for (const e of record.entries) expect(Object.keys(e).sort()).toEqual(['entryId', 'name', 'state'])
      expect(first.text).not.toMatch(/userId/)
      expect(record.entries.every((e) => /^会\*\d$/.test(e.name))).toBe(true)
      // anyone re-runs it: SHA-256(seed) is the commitment, SHA-256(seed:entryId) orders the entries
      const sha = (t: string) => createHash('sha256').update(t, 'utf8').digest('hex')
      const seed = record.seed!
      expect(sha(seed)).toBe(record.commitment)
      const rerun = [...record.entries]
        .map((e) => ({ id: e.entryId, score: sha(`${seed}:${e.entryId}`) }))
        .sort((a, b) => (a.score < b.score ? -1 : a.score > b.score ? 1 : a.id - b.id))
        .slice(0, 2)
        .map((x) => x.id)
      expect(record.winners).toEqual(rerun)
      expect(record.algorithm).toContain('SHA-256(seed + ":" + entryId)')
      // …and the winners' entries are the members who got the vouchers
      const entries = await h.database.db.select().from(voucherEntries).where(eq(voucherEntries.campaignId, c.id))
      const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
      expect(new Set(issued.map((v) => v.userId))).toEqual(new Set(rerun.map((id) => entries.find((e) => e.id === id)!.userId)))

      // Served as computed at the draw: what changes in the tables afterwards (here an entrant's name) is not re-read.
      await h.database.db.update(memberships).set({ name: '欧阳改名' }).where(eq(memberships.userId, crowd[0].userId))
      const again = await recordAs(crowd[1].token)
      const byStaff = await recordAs(venue)
      expect([again.body, byStaff.body]).toEqual([record, record])
      expect(again.text).not.toContain('欧**名')
    }
  })

  it('new campaigns pick registry venues of related unions, or add one; a sibling union’s venue is refused beside its field', async () => {
    const venuesOf = (orgId: number, token: string) => app.call(vouchersApi.manageVenues, { query: { orgId }, token })
    const list = await venuesOf(orgIds.grassroots, admin)
    expect(list.status).toBe(200)
    const cinema = list.body.items.find((v) => v.name === '云溪影城')!
    expect(cinema).toMatchObject({ orgName: '云溪区总工会', lat: 30.2749, lng: 120.1562 })
    expect((await venuesOf(orgIds.district, venue)).status).toBe(403)

    const [park] = await h.database.db.select().from(orgs).where(eq(orgs.name, '云溪科技园区工会'))
    const parkGym = { name: '园区健身房', address: '示例市云溪区园区路 1 号', lat: 30.26, lng: 120.14 }
    const parkCampaign = await create({ title: '园区健身券', orgId: park.id, venues: [parkGym] })
    const gym = parkCampaign.venues[0]
    expect(gym.name).toBe('园区健身房')
    // the same venue again (by name and address) is the same registry venue
    expect((await create({ title: '园区健身券二', orgId: park.id, venues: [parkGym] })).venues[0].id).toBe(gym.id)

    const picked = await create({ title: '挑选场馆券', orgId: orgIds.grassroots, venues: [{ venueId: cinema.id }] })
    expect(picked.venues).toEqual([{ id: cinema.id, name: '云溪影城', address: CINEMA.address, lat: CINEMA.lat, lng: CINEMA.lng }])
    const sibling = await app.call(vouchersApi.createCampaign, {
      token: admin,
      body: {
        kind: 'gym',
        title: '跨工会场馆券',
        orgId: orgIds.grassroots,
        venues: [{ venueId: cinema.id }, { venueId: gym.id }],
        totalStock: 5,
        opensAt: iso(T0),
        closesAt: iso(T0 + DAY),
        voucherValidDays: 7,
      },
    })
    expect(sibling.status).toBe(400)
    expect(sibling.body.fields!['venues.1.venueId']).toBe('该场馆不存在、已停用，或不属于本工会及其上下级工会')
    expect(sibling.body).toMatchObject({ reason: 'VENUE_NOT_USABLE', message: '该场馆不存在、已停用，或不属于本工会及其上下级工会' })
  })
})
