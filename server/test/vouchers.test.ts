/** 福利券: sharded stock under 500 concurrent claims, idempotency, limits, window, redemption, returns. */
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { authApi } from '@contract/auth/api'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, useDatabase, type TestApp } from './harness'
import { voucherStock, vouchers } from '../src/db/schema'
import { DAY, MIN, T0, campaign, createCampaign, createMembers, iso, voucherOrgIds, type CampaignBody } from './builders/vouchers'

describe.each(databases())('vouchers on %s', (target) => {
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

  const create = (over: Partial<CampaignBody> = {}) => createCampaign(app, admin, campaign({ orgId: orgIds.district, ...over }))
  const claim = (token: string, id: number, key?: string) =>
    app.call(vouchersApi.claim, { params: { id }, token, headers: key ? { 'idempotency-key': key } : {} })
  const redeem = (token: string, code: string, venueId: number) => app.call(vouchersApi.redeem, { token, body: { code, venueId } })
  const stats = async (id: number) => app.ok(vouchersApi.campaignStats, { params: { id }, token: admin })
  const mine = async (token: string) => (await app.ok(vouchersApi.myVouchers, { token })).items

  const members = (count: number) =>
    createMembers(h.database.db, app.app.deps.sessions, { count, orgId: orgIds.grassroots })

  it('the claim checks its session in the same database call: no token, a bad one, a logged-out or expired session → 401, nothing taken', async () => {
    const c = await create({ totalStock: 3, title: '会话校验券' })
    const [m1, m2, m3] = await members(3)
    expect((await claim('', c.id)).status).toBe(401)
    expect((await claim(`${m1.token}x`, c.id)).status).toBe(401)
    // logged out: the token is still signed and unexpired, only the session row says no
    expect((await app.call(authApi.logout, { token: m1.token })).status).toBe(200)
    const afterLogout = await claim(m1.token, c.id, randomUUID())
    expect(afterLogout.status).toBe(401)
    expect(afterLogout.body.reason).toBe('UNAUTHENTICATED')
    // the session row expired (e.g. shortened by an admin) while the token has not
    await h.database.db.execute(sql`update sessions set expires_at = ${new Date(clock - MIN)} where id = ${m2.sessionId}`)
    expect((await claim(m2.token, c.id, randomUUID())).status).toBe(401)
    // another user's session id cannot be borrowed: the row must belong to the token's user (covered in SQL);
    // a valid session claims as usual
    expect((await claim(m3.token, c.id, randomUUID())).status).toBe(200)
    const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
    expect(issued.map((v) => v.userId)).toEqual([m3.userId])
    const [{ left }] = await h.database.db
      .select({ left: sql<number>`sum(${voucherStock.remaining})::int` })
      .from(voucherStock)
      .where(eq(voucherStock.campaignId, c.id))
    expect(left).toBe(2)
  })

  it('500 concurrent claims by distinct members on 50 vouchers: exactly 50 issued, stock at 0', async () => {
    const c = await create({ totalStock: 50, title: '抢券压力测试' })
    const crowd = await members(500)
    const results = await Promise.all(crowd.map((m) => claim(m.token, c.id, randomUUID())))
    const ok = results.filter((r) => r.status === 200)
    expect(ok).toHaveLength(50)
    const refused = results.filter((r) => r.status !== 200)
    expect(refused.every((r) => r.status === 409 && r.body.message!.startsWith('已领完'))).toBe(true)
    expect(refused.every((r) => r.body.reason === 'SOLD_OUT' && r.body.code === 'CONFLICT')).toBe(true)

    const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
    expect(issued).toHaveLength(50)
    expect(new Set(issued.map((v) => v.userId)).size).toBe(50)
    expect(new Set(issued.map((v) => v.code)).size).toBe(50)
    const [{ left }] = await h.database.db
      .select({ left: sql<number>`sum(${voucherStock.remaining})::int` })
      .from(voucherStock)
      .where(eq(voucherStock.campaignId, c.id))
    expect(left).toBe(0)

    expect(await stats(c.id)).toMatchObject({ totalStock: 50, remaining: 0, claims: 50, unused: 50, redemptions: 0 })
    const detail = await app.ok(vouchersApi.campaign, { params: { id: c.id }, token: crowd[0].token })
    expect(detail.campaign.phase).toBe('sold_out')
  })

  it('the same Idempotency-Key sent twice concurrently gives one voucher with the same code', async () => {
    const c = await create({ kind: 'gym', title: '健身体验券', totalStock: 10 })
    const [m] = await members(1)
    const key = randomUUID()
    const [a, b] = await Promise.all([claim(m.token, c.id, key), claim(m.token, c.id, key)])
    expect([a.status, b.status]).toEqual([200, 200])
    expect(a.body.voucher.code).toBe(b.body.voucher.code)
    expect([a.body.replayed, b.body.replayed].sort()).toEqual([false, true])
    const again = await claim(m.token, c.id, key)
    expect(again.body.voucher.code).toBe(a.body.voucher.code)
    const rows = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
    expect(rows).toHaveLength(1)
    // a new key is a new attempt: refused by the monthly limit
    const other = await claim(m.token, c.id, randomUUID())
    expect(other.status).toBe(409)
    expect(other.body).toMatchObject({ reason: 'LIMIT_REACHED', message: '本月已领取过健身券' })
    // two different keys at once for a fresh member: only one succeeds
    const [m2] = await members(1)
    const race = await Promise.all([claim(m2.token, c.id, randomUUID()), claim(m2.token, c.id, randomUUID())])
    expect(race.map((r) => r.status).sort()).toEqual([200, 409])
    // a malformed key is refused beside its field
    const badKey = await claim(m2.token, c.id, 'bad key!')
    expect(badKey.status).toBe(400)
    expect(badKey.body).toMatchObject({ reason: 'BAD_IDEMPOTENCY_KEY', fields: { idempotencyKey: 'Idempotency-Key 格式不正确' } })
  })

  it('the monthly limit holds across two movie campaigns; a new month allows another', async () => {
    const first = await create({ title: '十一月电影券 A', totalStock: 5 })
    const second = await create({ title: '十一月电影券 B', totalStock: 5, closesAt: iso(T0 + 30 * DAY) })
    const [m] = await members(1)
    expect((await claim(m.token, first.id)).status).toBe(200)
    const refused = await claim(m.token, second.id)
    expect(refused.status).toBe(409)
    expect(refused.body.message).toBe('本月已领取过电影券')
    // a gym campaign is a different kind
    const gym = await create({ kind: 'gym', title: '健身券', totalStock: 5 })
    expect((await claim(m.token, gym.id)).status).toBe(200)
    clock = new Date('2026-12-01T09:00:00+08:00').getTime()
    try {
      const { token } = await app.app.deps.sessions.create(h.database.db, m.userId) // sessions last a week
      expect((await claim(token, second.id)).status).toBe(200)
    } finally {
      clock = T0
    }
  })

  it('not yet open → refused with the opening time; non-members are refused', async () => {
    const c = await create({ title: '游泳券', kind: 'swim', opensAt: iso(T0 + 30 * MIN) })
    const [m] = await members(1)
    const early = await claim(m.token, c.id)
    expect(early.status).toBe(409)
    expect(early.body).toMatchObject({ reason: 'NOT_OPEN', message: '活动尚未开始，将于 2026-11-23 10:30 开抢' })
    const list = await app.ok(vouchersApi.campaigns, { token: m.token })
    expect(list.items.find((x) => x.id === c.id)!.phase).toBe('upcoming')
    const gig = await app.login('gig')
    const outsider = await claim(gig, c.id)
    expect(outsider.status).toBe(403)
    expect(outsider.body.reason).toBe('NOT_MEMBER')
    clock = T0 + 31 * MIN
    try {
      expect((await claim(m.token, c.id)).status).toBe(200)
    } finally {
      clock = T0
    }
  })

  it('redemption: right venue once; twice shows when and where; wrong venue and expired are refused', async () => {
    const c = await create({ kind: 'other', title: '书店券', totalStock: 5, voucherValidDays: 3 })
    const [m1, m2, m3] = await members(3)
    const v1 = (await claim(m1.token, c.id)).body.voucher
    const v2 = (await claim(m2.token, c.id)).body.voucher
    const v3 = (await claim(m3.token, c.id)).body.voucher

    // 云溪影城 is the seeded registry venue (the venue persona is bound to it and to 云溪游泳馆); 星光影院 is new.
    const cinema = c.venues[0].id
    const pool = (await app.ok(vouchersApi.myRedeemVenues, { token: venue })).items.find((v) => v.name === '云溪游泳馆')!.id
    // A venue of the persona's, but not one of this campaign's.
    const wrong = await redeem(venue, v1.code, pool)
    expect(wrong.status).toBe(409)
    expect(wrong.body).toMatchObject({ reason: 'WRONG_VENUE', message: '该券（书店券）不能在本场馆使用，可用场馆：云溪影城、星光影院' })
    // 星光影院: not a venue the persona is bound to.
    const unbound = await redeem(venue, v1.code, c.venues[1].id)
    expect(unbound.status).toBe(403)
    const noVenue = await app.call(vouchersApi.redeem, { token: venue, body: { code: v1.code } as never }) // deliberately without venueId
    expect(noVenue.status).toBe(400)
    expect(noVenue.body.fields!.venueId).toBe('请先选择核销场馆')

    const ok = await redeem(venue, v1.code, cinema)
    expect(ok.status).toBe(200)
    expect(ok.body.venue.name).toBe('云溪影城')
    const twice = await redeem(venue, v1.code, cinema)
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ reason: 'ALREADY_REDEEMED', message: '该券已于 2026-11-23 10:00 在云溪影城使用，不能重复核销' })

    const memberCannot = await redeem(m2.token, v2.code, cinema)
    expect(memberCannot.status).toBe(403)
    const bogus = await redeem(venue, 'ZZZZZZZZZZZZ', cinema)
    expect(bogus.status).toBe(404)
    expect(bogus.body.reason).toBe('CODE_NOT_FOUND')

    clock = T0 + 4 * DAY
    try {
      const expired = await redeem(venue, v2.code, cinema)
      expect(expired.status).toBe(409)
      expect(expired.body.message).toContain('已过期')
      expect(expired.body.reason).toBe('VOUCHER_EXPIRED')
      expect((await mine(m2.token))[0].state).toBe('expired')
    } finally {
      clock = T0
    }
    expect(await stats(c.id)).toMatchObject({ claims: 3, redemptions: 1, unused: 2, remaining: 2 })
    expect(v3.state).toBe('unused')
  })

  it('returning a voucher puts its unit back: another member can then claim it', async () => {
    const c = await create({ kind: 'swim', title: '游泳单次券', totalStock: 1, perMemberLimit: { count: 1, period: 'campaign' } })
    const [m1, m2] = await members(2)
    const giveBack = (token: string, id: number) => app.call(vouchersApi.cancelVoucher, { params: { id }, token })
    const v = (await claim(m1.token, c.id)).body.voucher
    const soldOut = await claim(m2.token, c.id)
    expect(soldOut.status).toBe(409)
    expect(soldOut.body.message).toContain('已领完')

    const back = await giveBack(m1.token, v.id)
    expect(back.status).toBe(200)
    expect(back.body.state).toBe('returned')
    const again = await giveBack(m1.token, v.id)
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ reason: 'VOUCHER_NOT_RETURNABLE', message: '该券已退回，不能退回' })
    expect((await giveBack(m2.token, v.id)).status).toBe(404)

    const now2 = await claim(m2.token, c.id)
    expect(now2.status).toBe(200)
    const redeemReturned = await redeem(venue, v.code, c.venues[0].id)
    expect(redeemReturned.status).toBe(409)
    expect(redeemReturned.body).toMatchObject({ reason: 'VOUCHER_RETURNED', message: '该券已被会员退回，不能核销' })
    // the member's own list shows both states
    expect((await mine(m1.token)).map((x) => x.state)).toEqual(['returned'])
  })

  it('admin creation is validated and scoped; a lottery must open after its commitment is published', async () => {
    const post = (token: string, body: CampaignBody) => app.call(vouchersApi.createCampaign, { token, body })
    const bad = await post(admin, campaign({ orgId: orgIds.district, closesAt: iso(T0 - 2 * MIN) }))
    expect(bad.status).toBe(400)
    expect(bad.body.fields!.closesAt).toBe('截止时间须晚于开抢时间')
    const lottery = await post(admin, campaign({ orgId: orgIds.district, mode: 'lottery' }))
    expect(lottery.status).toBe(400)
    expect(lottery.body.fields!.opensAt).toContain('抽签承诺值')
    expect(lottery.body.reason).toBe('LOTTERY_OPENS_TOO_SOON')
    const member = await app.login('member')
    expect((await post(member, campaign({ orgId: orgIds.district }))).status).toBe(403)
    const managed = await app.call(vouchersApi.manageCampaigns, { token: admin })
    expect(managed.status).toBe(200)
    expect(managed.body.items.length).toBeGreaterThan(0)
  })
})
