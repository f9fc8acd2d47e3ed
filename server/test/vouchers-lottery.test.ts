/** 福利券 抽签: commitment before opening, idempotent entries, one draw under concurrent triggers, re-runnable winners. */
import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { databases, useDatabase, type TestApp } from './harness'
import { auditLog, voucherEntries, voucherStock, voucherWaitlist, vouchers } from '../src/db/schema'
import { drawWinners } from '../src/modules/vouchers/draw'
import { createMembers, voucherOrgIds, type LoadMember } from './vouchers-fixtures'

const T0 = new Date('2026-11-23T10:00:00+08:00').getTime()
const MIN = 60_000
const HOUR = 60 * MIN

/** The published algorithm, re-implemented here from its text (not from the server's code): entry numbers in draw order. */
function rerun(seed: string, entries: { entryId: number }[], totalStock: number): number[] {
  const sha = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex')
  return entries
    .map((e) => ({ e, score: sha(`${seed}:${e.entryId}`) }))
    .sort((a, b) => a.score.localeCompare(b.score) || a.e.entryId - b.e.entryId)
    .slice(0, Math.min(totalStock, entries.length))
    .map((x) => x.e.entryId)
}

describe.each(databases())('voucher lottery on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let app: TestApp
  let admin: string
  let orgIds: Record<string, number>

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
    admin = await app.login('admin')
    orgIds = await voucherOrgIds(h.database.db)
  })
  afterEach(() => {
    clock = T0
  })

  const lotteryInput = (over: Record<string, unknown> = {}) => ({
    kind: 'swim',
    mode: 'lottery',
    title: '游泳馆体验券抽签',
    rules: '报名截止后公开抽签',
    orgId: orgIds.district,
    venues: [{ name: '云溪游泳馆', address: '示例市云溪区滨江路 2 号', lat: 30.27, lng: 120.15 }],
    totalStock: 3,
    opensAt: new Date(T0 + 10 * MIN).toISOString(),
    closesAt: new Date(T0 + 60 * MIN).toISOString(),
    voucherValidDays: 30,
    perMemberLimit: { count: 1, period: 'calendar_month' },
    confirmHours: 24,
    ...over,
  })

  async function createLottery(over: Record<string, unknown> = {}) {
    const res = await app.request('POST', '/api/vouchers/manage/campaigns', { token: admin, body: lotteryInput(over) })
    expect(res.status).toBe(200)
    return res.body as { id: number; mode: string; lottery: { commitment: string; seed: string | null } }
  }
  const members = (count: number) => createMembers(h.database.db, app.app.deps.sessions, { count, orgId: orgIds.grassroots })
  /** Entry numbers → the entrants' user ids (the record does not publish who entered; the database knows). */
  const usersOf = async (campaignId: number, entryIds: number[]) => {
    const rows = await h.database.db.select().from(voucherEntries).where(eq(voucherEntries.campaignId, campaignId))
    return entryIds.map((id) => rows.find((r) => r.id === id)!.userId)
  }
  const enter = (token: string, id: number) => app.request('POST', `/api/vouchers/campaigns/${id}/enter`, { token })
  const detail = async (token: string, id: number) => (await app.request('GET', `/api/vouchers/campaigns/${id}`, { token })).body.campaign
  const notes = async (token: string) =>
    (await app.request('GET', '/api/notifications', { token })).body.items as { kind: string; title: string; body: string }[]

  /**
   * A lottery (one per member per campaign) entered by `n` members and drawn by the admin two hours after opening;
   * the members in draw order (re-run from the revealed seed: winners first, then the waitlist).
   */
  async function drawnLottery(over: Record<string, unknown>, n: number) {
    clock = T0 - 5 * MIN
    const c = await createLottery({ perMemberLimit: { count: 1, period: 'campaign' }, ...over })
    const crowd = await members(n)
    clock = T0 + 20 * MIN
    for (const m of crowd) expect((await enter(m.token, c.id)).status).toBe(200)
    clock = T0 + 2 * HOUR
    const record = (await app.request('POST', `/api/vouchers/manage/campaigns/${c.id}/draw`, { token: admin })).body
    const order = (await usersOf(c.id, rerun(record.seed, record.entries, n))).map((id) => crowd.find((m) => m.userId === id) as LoadMember)
    return { c, record, order }
  }

  it('commitment before opening, idempotent entries, one draw under concurrent triggers, winners re-run from the revealed seed', async () => {
    const c = await createLottery()
    expect(c.mode).toBe('lottery')
    expect(c.lottery.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(c.lottery.seed).toBeNull()
    const crowd = await members(8)

    const early = await enter(crowd[0].token, c.id)
    expect(early.status).toBe(409)
    expect(early.body.message).toBe('报名尚未开始，将于 2026-11-23 10:10 开始报名')

    clock = T0 + 15 * MIN
    const results = await Promise.all([...crowd.map((m) => enter(m.token, c.id)), enter(crowd[0].token, c.id)])
    expect(results.map((r) => r.status)).toEqual(Array(9).fill(200))
    const firstTwo = [results[0], results[8]]
    expect(new Set(firstTwo.map((r) => r.body.entry.entryId)).size).toBe(1)
    expect(firstTwo.map((r) => r.body.replayed).sort()).toEqual([false, true])
    const again = await enter(crowd[0].token, c.id)
    expect(again.body).toMatchObject({ replayed: true, entry: { state: 'entered', reason: null } })
    const claim = await app.request('POST', `/api/vouchers/campaigns/${c.id}/claim`, { token: crowd[1].token })
    expect(claim.status).toBe(409)
    expect(claim.body.message).toContain('抽签')

    const before = await detail(crowd[0].token, c.id)
    expect(before.myEntry.state).toBe('entered')
    expect(before.lottery).toMatchObject({ commitment: c.lottery.commitment, seed: null, drawnAt: null, entries: 8 })
    const early2 = await app.request('POST', `/api/vouchers/manage/campaigns/${c.id}/draw`, { token: admin })
    expect(early2.status).toBe(409)
    expect(early2.body.message).toContain('报名尚未截止')

    // Closed: admin draws and members read at the same time; the draw runs exactly once.
    clock = T0 + 61 * MIN
    const lateEntry = await enter((await members(1))[0].token, c.id)
    expect(lateEntry.status).toBe(409)
    expect(lateEntry.body.message).toBe('报名已截止')
    const triggers = await Promise.all([
      app.request('POST', `/api/vouchers/manage/campaigns/${c.id}/draw`, { token: admin }),
      app.request('POST', `/api/vouchers/manage/campaigns/${c.id}/draw`, { token: admin }),
      app.request('GET', `/api/vouchers/campaigns/${c.id}`, { token: crowd[2].token }),
      app.request('GET', `/api/vouchers/campaigns/${c.id}/draw`, { token: crowd[3].token }),
      app.request('GET', '/api/vouchers/campaigns', { token: crowd[4].token }),
    ])
    expect(triggers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200])
    const draws = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'campaigns.draw'), eq(auditLog.subjectId, String(c.id))))
    expect(draws).toHaveLength(1)
    const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
    expect(issued).toHaveLength(3)
    expect(issued.every((v) => v.source === 'lottery')).toBe(true)
    const [stock] = await h.database.db.select().from(voucherStock).where(eq(voucherStock.campaignId, c.id))
    expect(stock.remaining).toBe(0)

    // The public record: the commitment matches the revealed seed, and the draw re-runs to the same winners.
    const record = (await app.request('GET', `/api/vouchers/campaigns/${c.id}/draw`, { token: crowd[5].token })).body
    expect(record.seed).toMatch(/^[0-9a-f]{64}$/)
    expect(createHash('sha256').update(record.seed).digest('hex')).toBe(c.lottery.commitment)
    expect(record.commitment).toBe(c.lottery.commitment)
    expect(record.algorithm).toContain('SHA-256(seed + ":" + entryId)')
    expect(record.entries.every((e: object) => !('userId' in e))).toBe(true)
    expect(record.entries).toHaveLength(8)
    expect(record.entries.map((e: { entryId: number }) => e.entryId)).toEqual(
      [...record.entries.map((e: { entryId: number }) => e.entryId)].sort((a, b) => a - b),
    )
    expect(record.entries[0].name).toMatch(/^会\*\d$/)
    const rerunWinners = rerun(record.seed, record.entries, record.totalStock)
    expect(record.winners).toEqual(rerunWinners)
    expect(drawWinners(record.seed, record.entries.map((e: { entryId: number }) => ({ entryId: e.entryId, userId: 0 })), 3)).toEqual(rerunWinners)
    const winnerUsers = await usersOf(c.id, rerunWinners)
    expect(new Set(issued.map((v) => v.userId))).toEqual(new Set(winnerUsers))
    // A different seed would (almost surely) give another order: the check is not vacuous.
    expect(rerun('0'.repeat(64), record.entries, 8)).not.toEqual(rerun(record.seed, record.entries, 8))

    // Winners: 中签, a voucher to confirm, a message. Losers: why, their place in line, a message; limit given back.
    const winner = crowd.find((m) => m.userId === winnerUsers[0])!
    const w = await detail(winner.token, c.id)
    expect(w.myEntry).toMatchObject({ state: 'won' })
    expect(w.myEntry.reason).toContain('8 人报名 3 张券')
    expect(w.myVouchers).toHaveLength(1)
    expect(w.myVouchers[0].confirmBy).toBe(new Date(T0 + 61 * MIN + 24 * HOUR).toISOString())
    expect(w.lottery.seed).toBe(record.seed)
    expect((await notes(winner.token)).map((n) => n.title)).toContain('中签')

    const drawOrderLosers = await usersOf(c.id, rerun(record.seed, record.entries, 8).slice(3))
    const loser = crowd.find((m) => m.userId === drawOrderLosers[1])!
    const l = await detail(loser.token, c.id)
    expect(l.myEntry.state).toBe('lost')
    expect(l.myEntry.reason).toContain('未中签：8 人报名 3 张券')
    expect(l.myEntry.reason).toContain('候补第 2 位')
    expect(l.myWaitlist).toMatchObject({ state: 'waiting', position: 2, length: 5 })
    const lost = (await notes(loser.token)).find((n) => n.kind === 'vouchers.lottery_lost')!
    expect(lost.body).toContain('未中签：8 人报名 3 张券')
    const waiting = await h.database.db.select().from(voucherWaitlist).where(eq(voucherWaitlist.campaignId, c.id)).orderBy(voucherWaitlist.id)
    expect(waiting.map((x) => x.userId)).toEqual(drawOrderLosers)

    // Quota at entry, given back on losing: the loser may claim another swim voucher this month, the winner not.
    const swim = await app.request('POST', '/api/vouchers/manage/campaigns', {
      token: admin,
      body: { ...lotteryInput({ mode: 'first_come', title: '游泳先到先得', totalStock: 5 }), opensAt: new Date(T0).toISOString(), closesAt: new Date(T0 + 48 * HOUR).toISOString() },
    })
    expect(swim.status).toBe(200)
    expect((await app.request('POST', `/api/vouchers/campaigns/${swim.body.id}/claim`, { token: loser.token })).status).toBe(200)
    const refused = await app.request('POST', `/api/vouchers/campaigns/${swim.body.id}/claim`, { token: winner.token })
    expect(refused.status).toBe(409)
    expect(refused.body.message).toBe('本月已领取过游泳券')
  })

  it('a win not confirmed in time goes to the first waiter; a confirmed win stays; late confirmation is refused', async () => {
    const { c, record, order } = await drawnLottery({ title: '健身抽签', kind: 'gym', totalStock: 2 }, 5)
    expect(await usersOf(c.id, record.winners)).toEqual(order.slice(0, 2).map((m) => m.userId))
    const [a, b, firstWaiter, secondWaiter] = order

    const mineA = (await app.request('GET', '/api/vouchers/mine', { token: a.token })).body.items[0]
    expect(mineA).toMatchObject({ source: 'lottery', state: 'unused' })
    expect(mineA.confirmBy).not.toBeNull()
    const ok = await app.request('POST', `/api/vouchers/mine/${mineA.id}/confirm`, { token: a.token })
    expect(ok.status).toBe(200)
    expect(ok.body.confirmBy).toBeNull()
    expect((await app.request('POST', `/api/vouchers/mine/${mineA.id}/confirm`, { token: a.token })).status).toBe(200)

    const mineB = (await app.request('GET', '/api/vouchers/mine', { token: b.token })).body.items[0]
    clock = T0 + 2 * HOUR + 24 * HOUR + MIN
    const late = await app.request('POST', `/api/vouchers/mine/${mineB.id}/confirm`, { token: b.token })
    expect(late.status).toBe(409)
    expect(late.body.message).toContain('已超过确认时限')

    const bNow = (await app.request('GET', '/api/vouchers/mine', { token: b.token })).body.items[0]
    expect(bNow).toMatchObject({ state: 'returned', returnReason: 'unconfirmed', confirmBy: null })
    const got = (await app.request('GET', '/api/vouchers/mine', { token: firstWaiter.token })).body.items
    expect(got).toHaveLength(1)
    expect(got[0]).toMatchObject({ source: 'waitlist', state: 'unused', confirmBy: null })
    expect((await notes(firstWaiter.token)).map((n) => n.title)).toContain('候补成功')
    expect((await app.request('GET', '/api/vouchers/mine', { token: secondWaiter.token })).body.items).toHaveLength(0)
    const second = await detail(secondWaiter.token, c.id)
    expect(second.myWaitlist).toMatchObject({ state: 'waiting', position: 1, length: 2 })
    const aNow = (await app.request('GET', '/api/vouchers/mine', { token: a.token })).body.items[0]
    expect(aNow.state).toBe('unused')
    const bView = await detail(b.token, c.id)
    expect(bView.myEntry.reason).toContain('未在时限内确认')
    const stats = (await app.request('GET', `/api/vouchers/manage/campaigns/${c.id}/stats`, { token: admin })).body
    expect(stats).toMatchObject({ entries: 5, waitlist: 2, claims: 3, returned: 1, remaining: 0 })
    expect(stats.drawnAt).not.toBeNull()
  })

  it("a win past its deadline is handed on by the waiter's own read of the list (timer off), and only once", async () => {
    const { c, order } = await drawnLottery({ title: '游泳抽签', kind: 'swim', totalStock: 1 }, 3)
    const [winner, firstWaiter] = order
    const list = async (token: string) =>
      ((await app.request('GET', '/api/vouchers/campaigns', { token })).body.items as { id: number }[]).find((x) => x.id === c.id)
    // before the deadline a read changes nothing
    expect(await list(firstWaiter.token)).toBeDefined()
    expect((await app.request('GET', '/api/vouchers/mine', { token: firstWaiter.token })).body.items).toHaveLength(0)
    // past it, nobody else has read anything: the waiter's list read hands the win on
    clock = T0 + 2 * HOUR + 24 * HOUR + MIN
    await list(firstWaiter.token)
    const got = (await app.request('GET', '/api/vouchers/mine', { token: firstWaiter.token })).body.items
    expect(got).toMatchObject([{ source: 'waitlist', state: 'unused' }])
    const w = (await app.request('GET', '/api/vouchers/mine', { token: winner.token })).body.items[0]
    expect(w).toMatchObject({ state: 'returned', returnReason: 'unconfirmed' })
    // later reads find nothing due: no second hand-over, one voucher each
    await list(firstWaiter.token)
    await list(winner.token)
    const issued = (await app.request('GET', `/api/vouchers/manage/campaigns/${c.id}/stats`, { token: admin })).body
    expect(issued).toMatchObject({ claims: 2, returned: 1, remaining: 0 })
  })

  it('撤销报名 before closing gives the limit back and allows entering again; after closing it is refused', async () => {
    clock = T0 - 5 * MIN
    const c = await createLottery({ title: '观影抽签', kind: 'movie' })
    const [m, other] = await members(2)
    const withdraw = (token: string) => app.request('POST', `/api/vouchers/campaigns/${c.id}/enter/withdraw`, { token })
    clock = T0 + 15 * MIN
    expect((await withdraw(m.token)).status).toBe(404)
    expect((await enter(m.token, c.id)).status).toBe(200)
    expect((await enter(other.token, c.id)).status).toBe(200)
    expect((await detail(m.token, c.id)).lottery.entries).toBe(2)
    const gone = await withdraw(m.token)
    expect(gone.status).toBe(200)
    expect(gone.body).toEqual({ campaignId: c.id, entries: 1 })
    const view = await detail(m.token, c.id)
    expect(view.myEntry).toBeNull()
    // she may enter again while the window is open, and withdraw again
    expect((await enter(m.token, c.id)).body).toMatchObject({ replayed: false, entry: { state: 'entered' } })
    expect((await withdraw(m.token)).body.entries).toBe(1)
    // the month's movie limit reserved by the entry is free again: a first-come movie voucher can be claimed
    const movie = await app.request('POST', '/api/vouchers/manage/campaigns', {
      token: admin,
      body: { ...lotteryInput({ kind: 'movie', mode: 'first_come', title: '观影券（先到先得）' }), opensAt: new Date(T0 - MIN).toISOString() },
    })
    expect(movie.status).toBe(200)
    const claimed = await app.request('POST', `/api/vouchers/campaigns/${movie.body.id}/claim`, { token: m.token })
    expect(claimed.status).toBe(200)
    // …and so entering again is now refused by that same limit, with the usual message
    const again = await enter(m.token, c.id)
    expect(again.status).toBe(409)
    expect(again.body.message).toBe('本月已领取过电影券')
    // after closing, the draw decides: withdrawing is refused
    clock = T0 + 61 * MIN
    const late = await withdraw(other.token)
    expect(late.status).toBe(409)
    expect(late.body.message).toBe('报名已截止，不能撤销；开奖结果会通知您')
  })

  it('first-come endpoints refuse lottery actions and vice versa', async () => {
    clock = T0 - 5 * MIN
    const c = await createLottery({ title: '电影抽签', kind: 'movie' })
    const [m] = await members(1)
    clock = T0 + 15 * MIN
    const wl = await app.request('POST', `/api/vouchers/campaigns/${c.id}/waitlist`, { token: m.token })
    expect(wl.status).toBe(409)
    expect(wl.body.message).toContain('抽签')
    const gig = await app.login('gig')
    expect((await enter(gig, c.id)).status).toBe(403)
    const badHours = await app.request('POST', '/api/vouchers/manage/campaigns', { token: admin, body: lotteryInput({ confirmHours: 0 }) })
    expect(badHours.status).toBe(400)
    expect(badHours.body.fields.confirmHours).toBe('确认时限至少 1 小时')
  })

  it('the demo seed has a swim lottery with its commitment published, next to the first-come movie campaign', async () => {
    const member = await app.login('member')
    const items = (await app.request('GET', '/api/vouchers/campaigns', { token: member })).body.items as {
      title: string
      mode: string
      lottery: { commitment: string; seed: string | null } | null
    }[]
    const swim = items.find((x) => x.title === '冬季游泳体验券抽签')
    expect(swim).toMatchObject({ mode: 'lottery', lottery: { seed: null } })
    expect(swim!.lottery!.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(items.find((x) => x.title === '周末观影福利券')).toMatchObject({ mode: 'first_come', lottery: null })
  })
})
