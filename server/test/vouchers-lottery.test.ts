/** 福利券 抽签: commitment before opening, idempotent entries, one draw under concurrent triggers, re-runnable winners. */
import { createHash } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { notificationsApi } from '@contract/notifications/api'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, useDatabase, type TestApp } from './harness'
import { auditLog, voucherEntries, voucherStock, voucherWaitlist, vouchers } from '../src/db/schema'
import { drawWinners } from '../src/modules/vouchers/draw'
import { HOUR, MIN, T0, createCampaign, createMembers, iso, lottery, voucherOrgIds, type CampaignBody, type LoadMember } from './builders/vouchers'

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

  const lotteryInput = (over: Partial<CampaignBody> = {}) => lottery({ orgId: orgIds.district, ...over })
  const createLottery = async (over: Partial<CampaignBody> = {}) => {
    const c = await createCampaign(app, admin, lotteryInput(over))
    return { ...c, lottery: c.lottery! }
  }
  const members = (count: number) => createMembers(h.database.db, app.app.deps.sessions, { count, orgId: orgIds.grassroots })
  /** Entry numbers → the entrants' user ids (the record does not publish who entered; the database knows). */
  const usersOf = async (campaignId: number, entryIds: number[]) => {
    const rows = await h.database.db.select().from(voucherEntries).where(eq(voucherEntries.campaignId, campaignId))
    return entryIds.map((id) => rows.find((r) => r.id === id)!.userId)
  }
  const enter = (token: string, id: number) => app.call(vouchersApi.enter, { params: { id }, token })
  const detail = async (token: string, id: number) => (await app.ok(vouchersApi.campaign, { params: { id }, token })).campaign
  const notes = async (token: string) => (await app.ok(notificationsApi.list, { token })).items
  const claim = (token: string, id: number) => app.call(vouchersApi.claim, { params: { id }, token })
  const draw = (id: number) => app.call(vouchersApi.runDraw, { params: { id }, token: admin })
  const record = (token: string, id: number) => app.ok(vouchersApi.drawRecord, { params: { id }, token })
  const mine = async (token: string) => (await app.ok(vouchersApi.myVouchers, { token })).items
  const confirm = (token: string, id: number) => app.call(vouchersApi.confirmVoucher, { params: { id }, token })
  const stats = (id: number) => app.ok(vouchersApi.campaignStats, { params: { id }, token: admin })

  /**
   * A lottery (one per member per campaign) entered by `n` members and drawn by the admin two hours after opening;
   * the members in draw order (re-run from the revealed seed: winners first, then the waitlist).
   */
  async function drawnLottery(over: Partial<CampaignBody>, n: number) {
    clock = T0 - 5 * MIN
    const c = await createLottery({ perMemberLimit: { count: 1, period: 'campaign' }, ...over })
    const crowd = await members(n)
    clock = T0 + 20 * MIN
    for (const m of crowd) expect((await enter(m.token, c.id)).status).toBe(200)
    clock = T0 + 2 * HOUR
    const drawn = await app.ok(vouchersApi.runDraw, { params: { id: c.id }, token: admin })
    const order = (await usersOf(c.id, rerun(drawn.seed!, drawn.entries, n))).map((id) => crowd.find((m) => m.userId === id) as LoadMember)
    return { c, record: drawn, order }
  }

  it('commitment before opening, idempotent entries, one draw under concurrent triggers, winners re-run from the revealed seed', async () => {
    const c = await createLottery()
    expect(c.mode).toBe('lottery')
    expect(c.lottery.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect(c.lottery.seed).toBeNull()
    const crowd = await members(8)

    const early = await enter(crowd[0].token, c.id)
    expect(early.status).toBe(409)
    expect(early.body).toMatchObject({ reason: 'NOT_OPEN', message: '报名尚未开始，将于 2026-11-23 10:10 开始报名' })

    clock = T0 + 15 * MIN
    const results = await Promise.all([...crowd.map((m) => enter(m.token, c.id)), enter(crowd[0].token, c.id)])
    expect(results.map((r) => r.status)).toEqual(Array(9).fill(200))
    const firstTwo = [results[0], results[8]]
    expect(new Set(firstTwo.map((r) => r.body.entry.entryId)).size).toBe(1)
    expect(firstTwo.map((r) => r.body.replayed).sort()).toEqual([false, true])
    const again = await enter(crowd[0].token, c.id)
    expect(again.body).toMatchObject({ replayed: true, entry: { state: 'entered', reason: null } })
    const claimed = await claim(crowd[1].token, c.id)
    expect(claimed.status).toBe(409)
    expect(claimed.body.message).toContain('抽签')
    expect(claimed.body.reason).toBe('LOTTERY_ONLY')

    const before = await detail(crowd[0].token, c.id)
    expect(before.myEntry!.state).toBe('entered')
    expect(before.lottery).toMatchObject({ commitment: c.lottery.commitment, seed: null, drawnAt: null, entries: 8 })
    const early2 = await draw(c.id)
    expect(early2.status).toBe(409)
    expect(early2.body.message).toContain('报名尚未截止')
    expect(early2.body.reason).toBe('DRAW_TOO_EARLY')

    // Closed: admin draws and members read at the same time; the draw runs exactly once.
    clock = T0 + 61 * MIN
    const lateEntry = await enter((await members(1))[0].token, c.id)
    expect(lateEntry.status).toBe(409)
    expect(lateEntry.body).toMatchObject({ reason: 'CLOSED', message: '报名已截止' })
    const triggers = await Promise.all([
      draw(c.id),
      draw(c.id),
      app.call(vouchersApi.campaign, { params: { id: c.id }, token: crowd[2].token }),
      app.call(vouchersApi.drawRecord, { params: { id: c.id }, token: crowd[3].token }),
      app.call(vouchersApi.campaigns, { token: crowd[4].token }),
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
    const drawn = await record(crowd[5].token, c.id)
    const seed = drawn.seed!
    expect(seed).toMatch(/^[0-9a-f]{64}$/)
    expect(createHash('sha256').update(seed).digest('hex')).toBe(c.lottery.commitment)
    expect(drawn.commitment).toBe(c.lottery.commitment)
    expect(drawn.algorithm).toContain('SHA-256(seed + ":" + entryId)')
    expect(drawn.entries.every((e: object) => !('userId' in e))).toBe(true)
    expect(drawn.entries).toHaveLength(8)
    expect(drawn.entries.map((e) => e.entryId)).toEqual([...drawn.entries.map((e) => e.entryId)].sort((a, b) => a - b))
    expect(drawn.entries[0].name).toMatch(/^会\*\d$/)
    const rerunWinners = rerun(seed, drawn.entries, drawn.totalStock)
    expect(drawn.winners).toEqual(rerunWinners)
    expect(drawWinners(seed, drawn.entries.map((e) => ({ entryId: e.entryId, userId: 0 })), 3)).toEqual(rerunWinners)
    const winnerUsers = await usersOf(c.id, rerunWinners)
    expect(new Set(issued.map((v) => v.userId))).toEqual(new Set(winnerUsers))
    // A different seed would (almost surely) give another order: the check is not vacuous.
    expect(rerun('0'.repeat(64), drawn.entries, 8)).not.toEqual(rerun(seed, drawn.entries, 8))

    // Winners: 中签, a voucher to confirm, a message. Losers: why, their place in line, a message; limit given back.
    const winner = crowd.find((m) => m.userId === winnerUsers[0])!
    const w = await detail(winner.token, c.id)
    expect(w.myEntry).toMatchObject({ state: 'won' })
    expect(w.myEntry!.reason).toContain('8 人报名 3 张券')
    expect(w.myVouchers).toHaveLength(1)
    expect(w.myVouchers[0].confirmBy).toBe(iso(T0 + 61 * MIN + 24 * HOUR))
    expect(w.lottery!.seed).toBe(seed)
    expect((await notes(winner.token)).map((n) => n.title)).toContain('中签')

    const drawOrderLosers = await usersOf(c.id, rerun(seed, drawn.entries, 8).slice(3))
    const loser = crowd.find((m) => m.userId === drawOrderLosers[1])!
    const l = await detail(loser.token, c.id)
    expect(l.myEntry!.state).toBe('lost')
    expect(l.myEntry!.reason).toContain('未中签：8 人报名 3 张券')
    expect(l.myEntry!.reason).toContain('候补第 2 位')
    expect(l.myWaitlist).toMatchObject({ state: 'waiting', position: 2, length: 5 })
    const lost = (await notes(loser.token)).find((n) => n.kind === 'vouchers.lottery_lost')!
    expect(lost.body).toContain('未中签：8 人报名 3 张券')
    const waiting = await h.database.db.select().from(voucherWaitlist).where(eq(voucherWaitlist.campaignId, c.id)).orderBy(voucherWaitlist.id)
    expect(waiting.map((x) => x.userId)).toEqual(drawOrderLosers)

    // Quota at entry, given back on losing: the loser may claim another swim voucher this month, the winner not.
    const swim = await createCampaign(app, admin, {
      ...lotteryInput({ mode: 'first_come', title: '游泳先到先得', totalStock: 5 }),
      opensAt: iso(T0),
      closesAt: iso(T0 + 48 * HOUR),
    })
    expect((await claim(loser.token, swim.id)).status).toBe(200)
    const refused = await claim(winner.token, swim.id)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ reason: 'LIMIT_REACHED', message: '本月已领取过游泳券' })
  })

  it('a win not confirmed in time goes to the first waiter; a confirmed win stays; late confirmation is refused', async () => {
    const { c, record: drawn, order } = await drawnLottery({ title: '健身抽签', kind: 'gym', totalStock: 2 }, 5)
    expect(await usersOf(c.id, drawn.winners)).toEqual(order.slice(0, 2).map((m) => m.userId))
    const [a, b, firstWaiter, secondWaiter] = order

    const mineA = (await mine(a.token))[0]
    expect(mineA).toMatchObject({ source: 'lottery', state: 'unused' })
    expect(mineA.confirmBy).not.toBeNull()
    const ok = await confirm(a.token, mineA.id)
    expect(ok.status).toBe(200)
    expect(ok.body.confirmBy).toBeNull()
    expect((await confirm(a.token, mineA.id)).status).toBe(200)

    const mineB = (await mine(b.token))[0]
    clock = T0 + 2 * HOUR + 24 * HOUR + MIN
    const late = await confirm(b.token, mineB.id)
    expect(late.status).toBe(409)
    expect(late.body.message).toContain('已超过确认时限')
    expect(late.body.reason).toBe('CONFIRM_LAPSED')

    const bNow = (await mine(b.token))[0]
    expect(bNow).toMatchObject({ state: 'returned', returnReason: 'unconfirmed', confirmBy: null })
    const got = await mine(firstWaiter.token)
    expect(got).toHaveLength(1)
    expect(got[0]).toMatchObject({ source: 'waitlist', state: 'unused', confirmBy: null })
    expect((await notes(firstWaiter.token)).map((n) => n.title)).toContain('候补成功')
    expect(await mine(secondWaiter.token)).toHaveLength(0)
    const second = await detail(secondWaiter.token, c.id)
    expect(second.myWaitlist).toMatchObject({ state: 'waiting', position: 1, length: 2 })
    const aNow = (await mine(a.token))[0]
    expect(aNow.state).toBe('unused')
    const bView = await detail(b.token, c.id)
    expect(bView.myEntry!.reason).toContain('未在时限内确认')
    const figures = await stats(c.id)
    expect(figures).toMatchObject({ entries: 5, waitlist: 2, claims: 3, returned: 1, remaining: 0 })
    expect(figures.drawnAt).not.toBeNull()
    // a handed-on voucher needs no confirmation
    const notALotteryWin = await confirm(firstWaiter.token, got[0].id)
    expect(notALotteryWin.status).toBe(409)
    expect(notALotteryWin.body).toMatchObject({ reason: 'CONFIRM_NOT_NEEDED', message: '该券无需确认' })
  })

  it("a win past its deadline is handed on by the waiter's own read of the list (timer off), and only once", async () => {
    const { c, order } = await drawnLottery({ title: '游泳抽签', kind: 'swim', totalStock: 1 }, 3)
    const [winner, firstWaiter] = order
    const list = async (token: string) => (await app.ok(vouchersApi.campaigns, { token })).items.find((x) => x.id === c.id)
    // before the deadline a read changes nothing
    expect(await list(firstWaiter.token)).toBeDefined()
    expect(await mine(firstWaiter.token)).toHaveLength(0)
    // past it, nobody else has read anything: the waiter's list read hands the win on
    clock = T0 + 2 * HOUR + 24 * HOUR + MIN
    await list(firstWaiter.token)
    expect(await mine(firstWaiter.token)).toMatchObject([{ source: 'waitlist', state: 'unused' }])
    expect((await mine(winner.token))[0]).toMatchObject({ state: 'returned', returnReason: 'unconfirmed' })
    // later reads find nothing due: no second hand-over, one voucher each
    await list(firstWaiter.token)
    await list(winner.token)
    expect(await stats(c.id)).toMatchObject({ claims: 2, returned: 1, remaining: 0 })
  })

  it('撤销报名 before closing gives the limit back and allows entering again; after closing it is refused', async () => {
    clock = T0 - 5 * MIN
    const c = await createLottery({ title: '观影抽签', kind: 'movie' })
    const [m, other] = await members(2)
    const withdraw = (token: string) => app.call(vouchersApi.withdrawEntry, { params: { id: c.id }, token })
    clock = T0 + 15 * MIN
    const notEntered = await withdraw(m.token)
    expect(notEntered.status).toBe(404)
    expect(notEntered.body).toMatchObject({ reason: 'NOT_ENTERED', message: '您未报名本次抽签' })
    expect((await enter(m.token, c.id)).status).toBe(200)
    expect((await enter(other.token, c.id)).status).toBe(200)
    expect((await detail(m.token, c.id)).lottery!.entries).toBe(2)
    const gone = await withdraw(m.token)
    expect(gone.status).toBe(200)
    expect(gone.body).toEqual({ campaignId: c.id, entries: 1 })
    const view = await detail(m.token, c.id)
    expect(view.myEntry).toBeNull()
    // she may enter again while the window is open, and withdraw again
    expect((await enter(m.token, c.id)).body).toMatchObject({ replayed: false, entry: { state: 'entered' } })
    expect((await withdraw(m.token)).body.entries).toBe(1)
    // the month's movie limit reserved by the entry is free again: a first-come movie voucher can be claimed
    const movie = await createCampaign(app, admin, {
      ...lotteryInput({ kind: 'movie', mode: 'first_come', title: '观影券（先到先得）' }),
      opensAt: iso(T0 - MIN),
    })
    expect((await claim(m.token, movie.id)).status).toBe(200)
    // …and so entering again is now refused by that same limit, with the usual message
    const again = await enter(m.token, c.id)
    expect(again.status).toBe(409)
    expect(again.body).toMatchObject({ reason: 'LIMIT_REACHED', message: '本月已领取过电影券' })
    // after closing, the draw decides: withdrawing is refused
    clock = T0 + 61 * MIN
    const late = await withdraw(other.token)
    expect(late.status).toBe(409)
    expect(late.body).toMatchObject({ reason: 'CLOSED', message: '报名已截止，不能撤销；开奖结果会通知您' })
  })

  it('first-come endpoints refuse lottery actions and vice versa', async () => {
    clock = T0 - 5 * MIN
    const c = await createLottery({ title: '电影抽签', kind: 'movie' })
    const [m] = await members(1)
    clock = T0 + 15 * MIN
    const wl = await app.call(vouchersApi.joinWaitlist, { params: { id: c.id }, token: m.token })
    expect(wl.status).toBe(409)
    expect(wl.body.message).toContain('抽签')
    expect(wl.body).toMatchObject({ reason: 'LOTTERY_ONLY', message: '抽签活动不能手动候补：未中签者已按抽签顺序自动进入候补' })
    const gig = await app.login('gig')
    expect((await enter(gig, c.id)).status).toBe(403)
    const badHours = await app.call(vouchersApi.createCampaign, { token: admin, body: lotteryInput({ confirmHours: 0 }) })
    expect(badHours.status).toBe(400)
    expect(badHours.body.fields!.confirmHours).toBe('确认时限至少 1 小时')
    // a first-come campaign takes no entries and has no draw
    const firstCome = await createCampaign(app, admin, { ...lotteryInput({ mode: 'first_come', title: '电影先到先得' }), opensAt: iso(T0) })
    const entered = await enter(m.token, firstCome.id)
    expect(entered.status).toBe(409)
    expect(entered.body).toMatchObject({ reason: 'FIRST_COME_ONLY', message: '本活动为先到先得，请直接领取' })
    const noDraw = await app.call(vouchersApi.drawRecord, { params: { id: firstCome.id }, token: m.token })
    expect(noDraw.status).toBe(409)
    expect(noDraw.body).toMatchObject({ reason: 'NOT_A_LOTTERY', message: '本活动不是抽签活动' })
  })

  it('the demo seed has a swim lottery with its commitment published, next to the first-come movie campaign', async () => {
    const member = await app.login('member')
    const items = (await app.ok(vouchersApi.campaigns, { token: member })).items
    const listed = items.find((x) => x.title === '冬季游泳体验券抽签')
    expect(listed).toMatchObject({ mode: 'lottery' })
    // The list carries what it shows; the commitment is on the campaign's page.
    const swim = (await app.ok(vouchersApi.campaign, { params: { id: listed!.id }, token: member })).campaign
    expect(swim).toMatchObject({ mode: 'lottery', lottery: { seed: null } })
    expect(swim.lottery!.commitment).toMatch(/^[0-9a-f]{64}$/)
    const movie = items.find((x) => x.title === '周末观影福利券')!
    expect(movie).toMatchObject({ mode: 'first_come' })
    expect((await app.ok(vouchersApi.campaign, { params: { id: movie.id }, token: member })).campaign.lottery).toBeNull()
  })
})
