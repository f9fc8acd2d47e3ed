/**
 * 福利券 抽签 on a timer: with nobody opening the app, a closed lottery is drawn and a win not confirmed in time goes
 * to the first member on the waitlist, who gets an in-app message — by `settleDue` and by the real timer.
 *
 * Nothing here reads the campaign list or detail (which would settle lazily): the state is checked in the database
 * and through /api/notifications until the settle has happened.
 */
import { and, asc, eq } from 'drizzle-orm'
import { notificationsApi } from '@contract/notifications/api'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, useDatabase, type TestApp } from './harness'
import { notifications, voucherCampaigns, voucherWaitlist, vouchers } from '../src/db/schema'
import { VoucherService } from '../src/modules/vouchers/service'
import { HOUR, MIN, T0, createCampaign, createMembers, iso, lottery, voucherOrgIds, type LoadMember } from './builders/vouchers'

// The demo seed's own lottery closes 3 days after seeding (real time, later than T0): every clock below stays
// before that. Each test moves the clock past the previous test's, and leaves no work due behind.

const NOTHING = { campaigns: 0, drawn: 0, lapsed: 0, handedOn: 0 }

async function waitFor(what: string, check: () => Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for: ${what}`)
    await new Promise((r) => setTimeout(r, 100))
  }
}

describe.each(databases())('voucher lottery timer on %s', (target) => {
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

  const db = () => h.database.db
  const members = (count: number) => createMembers(db(), app.app.deps.sessions, { count, orgId: orgIds.grassroots })
  const notes = async (m: LoadMember) => (await app.ok(notificationsApi.list, { token: m.token })).items
  const campaignRow = async (id: number) => (await db().select().from(voucherCampaigns).where(eq(voucherCampaigns.id, id)))[0]
  const issued = (id: number) => db().select().from(vouchers).where(eq(vouchers.campaignId, id)).orderBy(asc(vouchers.id))
  const waitlist = (id: number) =>
    db().select().from(voucherWaitlist).where(eq(voucherWaitlist.campaignId, id)).orderBy(asc(voucherWaitlist.id))
  const byId = (crowd: LoadMember[], userId: number) => crowd.find((m) => m.userId === userId)!

  /** A lottery of 2 vouchers open from base+10 min to base+60 min, confirm within 24 h, entered by 5 members. */
  async function lotteryWithCrowd(base: number, title: string) {
    clock = base
    const { id } = await createCampaign(
      app,
      admin,
      lottery({
        orgId: orgIds.district,
        kind: 'gym',
        title,
        venues: [{ name: '云溪健身中心', address: '示例市云溪区滨江路 8 号', lat: 30.27, lng: 120.15 }],
        totalStock: 2,
        opensAt: iso(base + 10 * MIN),
        closesAt: iso(base + 60 * MIN),
        perMemberLimit: { count: 1, period: 'campaign' },
      }),
    )
    const crowd = await members(5)
    clock = base + 20 * MIN
    for (const m of crowd) expect((await app.call(vouchersApi.enter, { params: { id }, token: m.token })).status).toBe(200)
    return { id, crowd }
  }

  it('settleDue draws a closed lottery nobody reads, hands a win not confirmed in time to the first waiter with a message, and a second run finds nothing', async () => {
    const service = new VoucherService(app.app.deps)
    const { id, crowd } = await lotteryWithCrowd(T0, '健身抽签（定时开奖）')

    clock = T0 + 59 * MIN
    expect(await service.settleDue()).toEqual(NOTHING)

    // Closed; nobody opens the app. The run draws it: 2 winners with a voucher to confirm, 3 losers waiting.
    clock = T0 + 61 * MIN
    expect((await campaignRow(id)).drawnAt).toBeNull()
    expect(await service.settleDue()).toEqual({ campaigns: 1, drawn: 1, lapsed: 0, handedOn: 0 })
    expect((await campaignRow(id)).drawnAt).toEqual(new Date(T0 + 61 * MIN))
    const wins = await issued(id)
    expect(wins.map((v) => ({ source: v.source, state: v.state }))).toEqual(Array(2).fill({ source: 'lottery', state: 'unused' }))
    expect(wins.every((v) => v.confirmBy?.getTime() === T0 + 61 * MIN + 24 * HOUR)).toBe(true)
    const line = await waitlist(id)
    expect(line.map((w) => w.state)).toEqual(['waiting', 'waiting', 'waiting'])
    const [a, b] = wins.map((v) => byId(crowd, v.userId))
    const [firstWaiter, secondWaiter] = line.map((w) => byId(crowd, w.userId))
    expect((await notes(a)).map((n) => n.title)).toContain('中签')
    expect((await notes(firstWaiter)).find((n) => n.kind === 'vouchers.lottery_lost')!.body).toContain('候补第 1 位')
    expect(await service.settleDue()).toEqual(NOTHING)

    // a confirms; b does not. Before the deadline nothing moves.
    const confirmed = await app.call(vouchersApi.confirmVoucher, { params: { id: wins[0].id }, token: a.token })
    expect(confirmed.status).toBe(200)
    clock = T0 + 61 * MIN + 24 * HOUR - 1
    expect(await service.settleDue()).toEqual(NOTHING)

    // At the deadline the run returns b's win and hands it to the first waiter, who is told in-app.
    clock = T0 + 61 * MIN + 24 * HOUR
    expect(await service.settleDue()).toEqual({ campaigns: 1, drawn: 0, lapsed: 1, handedOn: 1 })
    const after = await issued(id)
    expect(after.find((v) => v.id === wins[0].id)).toMatchObject({ state: 'unused', userId: a.userId })
    expect(after.find((v) => v.id === wins[1].id)).toMatchObject({ state: 'returned', returnReason: 'unconfirmed', userId: b.userId })
    const handed = after.filter((v) => v.source === 'waitlist')
    expect(handed).toHaveLength(1)
    expect(handed[0]).toMatchObject({ userId: firstWaiter.userId, state: 'unused', confirmBy: null })
    const granted = (await notes(firstWaiter)).find((n) => n.kind === 'vouchers.waitlist_granted')!
    expect(granted.title).toBe('候补成功')
    expect(granted.body).toContain('健身抽签（定时开奖）')
    expect((await notes(b)).map((n) => n.kind)).toContain('vouchers.win_lapsed')
    expect((await notes(secondWaiter)).map((n) => n.kind)).not.toContain('vouchers.waitlist_granted')
    expect((await waitlist(id)).map((w) => w.state)).toEqual(['granted', 'waiting', 'waiting'])

    // Idempotent: nothing is selected again, later either.
    expect(await service.settleDue()).toEqual(NOTHING)
    clock = T0 + 61 * MIN + 30 * HOUR
    expect(await service.settleDue()).toEqual(NOTHING)

    // What the first waiter then sees in the app.
    const mine = (await app.ok(vouchersApi.myVouchers, { token: firstWaiter.token })).items
    expect(mine).toHaveLength(1)
    expect(mine[0]).toMatchObject({ source: 'waitlist', state: 'unused', confirmBy: null })
  })

  it('a lapsed win with nobody left in line goes back to stock', async () => {
    const service = new VoucherService(app.app.deps)
    const base = T0 + 31 * HOUR
    const { id, crowd } = await lotteryWithCrowd(base, '健身抽签（无人候补）')
    clock = base + 61 * MIN
    expect(await service.settleDue()).toMatchObject({ campaigns: 1, drawn: 1 })
    // Everybody in line leaves.
    for (const w of await waitlist(id)) {
      expect((await app.call(vouchersApi.leaveWaitlistPost, { params: { id }, token: byId(crowd, w.userId).token })).status).toBe(200)
    }
    clock = base + 61 * MIN + 24 * HOUR
    expect(await service.settleDue()).toEqual({ campaigns: 1, drawn: 0, lapsed: 2, handedOn: 0 })
    expect((await issued(id)).map((v) => v.state)).toEqual(['returned', 'returned'])
    expect(await service.settleDue()).toEqual(NOTHING)
  })

  it('the timer (JOBS_INTERVAL_SECONDS=1) draws and hands on with nobody reading, and stops when the app closes', async () => {
    const timed = await h.app({ RATE_LIMIT_PER_MIN: '100000', JOBS_INTERVAL_SECONDS: '1' }, { now })
    const base = T0 + 57 * HOUR
    const { id, crowd } = await lotteryWithCrowd(base, '健身抽签（定时器）')
    clock = base + 61 * MIN
    await waitFor('the draw', async () => (await campaignRow(id)).drawnAt !== null)
    const wins = await issued(id)
    expect(wins).toHaveLength(2)
    const [firstWaiter] = (await waitlist(id)).map((w) => byId(crowd, w.userId))
    expect((await notes(byId(crowd, wins[0].userId))).map((n) => n.title)).toContain('中签')

    // Neither winner confirms: after the deadline both wins go to the first two in line.
    clock = base + 61 * MIN + 24 * HOUR
    await waitFor('the hand-over', async () => (await issued(id)).filter((v) => v.source === 'waitlist').length === 2)
    expect((await notes(firstWaiter)).map((n) => n.title)).toContain('候补成功')
    const returned = await db()
      .select()
      .from(vouchers)
      .where(and(eq(vouchers.campaignId, id), eq(vouchers.returnReason, 'unconfirmed')))
    expect(returned).toHaveLength(2)

    // Closed: a lottery that closes afterwards is left for the next reader (or the next server).
    await timed.close()
    const later = await lotteryWithCrowd(base + 26 * HOUR, '健身抽签（关闭后）')
    clock = base + 26 * HOUR + 61 * MIN
    await new Promise((r) => setTimeout(r, 2_500))
    expect((await campaignRow(later.id)).drawnAt).toBeNull()
    const noteCount = await db().select().from(notifications).where(eq(notifications.userId, later.crowd[0].userId))
    expect(noteCount).toHaveLength(0)
  })
})
