/**
 * Two app instances on one PostgreSQL behind a round-robin load balancer (issue 17): what several containers of the
 * same image must get right. Each instance is its own Fastify app with its own connection pool, DATA_DIR, claim
 * batcher, rate-limit store and job timers; they share the database and one clock. (`npm run dev:cluster` runs the
 * same set-up as separate processes.)
 *   - a claim storm split over both: zero oversell, no member with two;
 *   - each timer job run by both at the same moment, repeatedly: each due item handled once (counted);
 *   - a session created on one instance works on the other (and a logout on one ends it on both);
 *   - an upload made through one is served by the other.
 * PGlite is one in-process session and cannot be shared by two instances: the suite runs on PostgreSQL only.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { and, count, countDistinct, eq, sql } from 'drizzle-orm'
import { authApi } from '@contract/auth/api'
import { eventsApi } from '@contract/events/api'
import { openDatabase, type Database } from '../src/db'
import { notifications, voucherStock, vouchers } from '../src/db/schema'
import { databases, startTestApp, useDatabase, type TestApp } from './harness'
import { startRoundRobin, type RoundRobin } from './round-robin'
import { DAY, HOUR, MIN, T0, campaign, createCampaign, createMembers, iso, lottery, voucherOrgIds } from './builders/vouchers'
import { PNG, event, fileForm } from './builders/events'

const postgres = databases().filter((d) => d.name === 'postgres')

if (postgres.length === 0) {
  describe('two instances behind a load balancer', () => {
    it.skip('needs PostgreSQL (set DATABASE_URL): PGlite is one in-process session, two instances cannot share it', () => undefined)
  })
}

// describe.each refuses an empty table: without PostgreSQL the suite is declared skipped (the message above says why).
(postgres.length > 0 ? describe.each(postgres) : describe.skip.each(databases()))('two instances behind a load balancer on %s', (target) => {
  jest.setTimeout(120_000)
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let second: Database
  let a: TestApp
  let b: TestApp
  let lb: RoundRobin
  let admin: string
  let orgIds: { district: number; grassroots: number }
  const dirs: string[] = []

  beforeAll(async () => {
    second = await openDatabase({ databaseUrl: h.databaseUrl!, dataDir: h.dataDir, poolSize: 5 })
    for (let i = 0; i < 2; i++) dirs.push(await mkdtemp(path.join(os.tmpdir(), `ums-cluster-${i}-`)))
    const env = { RATE_LIMIT_PER_MIN: '100000' }
    a = await startTestApp(h.database, dirs[0], env, { now })
    b = await startTestApp(second, dirs[1], env, { now })
    lb = await startRoundRobin([a.baseUrl, b.baseUrl])
    admin = await a.login('admin')
    orgIds = await voucherOrgIds(h.database.db)
  })

  afterAll(async () => {
    await lb?.close()
    await Promise.all([a?.close(), b?.close()])
    await second?.close()
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  })

  const viaLb = (method: string, url: string, token: string, body?: unknown) =>
    fetch(lb.url + url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
  const members = (n: number) => createMembers(h.database.db, a.app.deps.sessions, { count: n, orgId: orgIds.grassroots })
  const db = () => h.database.db

  it('a claim storm split over both instances: every unit issued once, none oversold, no member with two', async () => {
    clock = T0
    const stock = 60
    const c = await createCampaign(a, admin, campaign({ orgId: orgIds.district, title: '双实例抢券', totalStock: stock, perMemberLimit: { count: 1, period: 'campaign' } }))
    const crowd = await members(150)
    const before = [...lb.served]
    // Every member taps twice at once: 300 claims in flight, alternating between the instances.
    const answers = await Promise.all(
      crowd.flatMap((m) => [0, 1].map(() => viaLb('POST', `/api/vouchers/campaigns/${c.id}/claim`, m.token).then((r) => r.status))),
    )
    expect(lb.served[0] - before[0]).toBeGreaterThanOrEqual(150)
    expect(lb.served[1] - before[1]).toBeGreaterThanOrEqual(150)
    expect(answers.filter((s) => s >= 500)).toEqual([])
    const [issued] = await db()
      .select({ n: count(), holders: countDistinct(vouchers.userId) })
      .from(vouchers)
      .where(eq(vouchers.campaignId, c.id))
    expect(issued).toEqual({ n: stock, holders: stock })
    const [left] = await db().select({ n: sql<number>`sum(${voucherStock.remaining})::int` }).from(voucherStock).where(eq(voucherStock.campaignId, c.id))
    expect(left.n).toBe(0)
  })

  it('the timer jobs, run by both instances at once and again: each due item handled exactly once', async () => {
    const kinds = async (kind: string, userIds: number[]) =>
      (
        await db()
          .select({ n: count() })
          .from(notifications)
          .where(and(eq(notifications.kind, kind), sql`${notifications.userId} in (${sql.join(userIds.map((id) => sql`${id}`), sql`, `)})`))
      )[0].n
    const both = async <T>(job: (app: TestApp) => Promise<T>) => Promise.all([job(a), job(b), job(a), job(b)])

    // A lottery of 3 entered by 8 members, an event reminder due for 6 registrations, 10 vouchers ending tomorrow.
    clock = T0 + DAY
    const base = clock
    const draw = await createCampaign(
      a,
      admin,
      lottery({ orgId: orgIds.district, title: '双实例抽签', opensAt: iso(base + 10 * MIN), closesAt: iso(base + 60 * MIN), confirmHours: 24 }),
    )
    const entrants = await members(8)
    clock = base + 20 * MIN
    for (const m of entrants) expect((await viaLb('POST', `/api/vouchers/campaigns/${draw.id}/enter`, m.token)).status).toBe(200)
    const ev = await a.ok(eventsApi.createEvent, {
      token: admin,
      body: event(orgIds.grassroots, { title: '双实例提醒', startsAt: iso(base + 2 * DAY), endsAt: iso(base + 2 * DAY + 3 * HOUR), registrationClosesAt: iso(base + DAY) }, base),
    })
    const goers = await members(6)
    for (const m of goers) expect((await viaLb('POST', `/api/events/${ev.id}/registrations`, m.token, {})).status).toBe(200)
    const short = await createCampaign(a, admin, campaign({ orgId: orgIds.district, title: '双实例到期券', voucherValidDays: 2, perMemberLimit: { count: 1, period: 'campaign' } }, base))
    const holders = await members(10)
    for (const m of holders) expect((await viaLb('POST', `/api/vouchers/campaigns/${short.id}/claim`, m.token)).status).toBe(200)

    // The lottery closes: four runs at once draw it once — 3 winners, 5 told they lost.
    clock = base + 61 * MIN
    const draws = await both((app) => app.app.services.vouchers.settleDue())
    expect(draws.reduce((n, r) => n + r.drawn, 0)).toBe(1)
    const ids = entrants.map((m) => m.userId)
    expect(await kinds('vouchers.lottery_won', ids)).toBe(3)
    expect(await kinds('vouchers.lottery_lost', ids)).toBe(5)

    // Nobody confirms: at the deadline the three lapsed wins go to the first three waiters, once.
    clock = base + 61 * MIN + 24 * HOUR
    const lapses = await both((app) => app.app.services.vouchers.settleDue())
    expect(lapses.reduce((n, r) => n + r.lapsed, 0)).toBe(3)
    expect(lapses.reduce((n, r) => n + r.handedOn, 0)).toBe(3)
    expect(await kinds('vouchers.win_lapsed', ids)).toBe(3)
    expect(await kinds('vouchers.waitlist_granted', ids)).toBe(3)

    // Reminders: the day before the event, and within a day of the vouchers' end (base + 2 days).
    clock = base + DAY + 2 * HOUR
    const eventRuns = await both((app) => app.app.services.events.remindDue())
    expect(eventRuns.reduce((n, r) => n + r, 0)).toBe(6)
    expect(await kinds('events.reminder', goers.map((m) => m.userId))).toBe(6)
    const voucherRuns = await both((app) => app.app.services.vouchers.remindExpiring())
    expect(voucherRuns.reduce((n, r) => n + r, 0)).toBe(10)
    expect(await kinds('vouchers.expiring', holders.map((m) => m.userId))).toBe(10)

    // And later runs find nothing left to do.
    const again = await both(async (app) => (await app.app.services.vouchers.remindExpiring()) + (await app.app.services.events.remindDue()))
    expect(again).toEqual([0, 0, 0, 0])
  })

  it('a session created on one instance works on the other, and a logout through one ends it on both', async () => {
    const token = await a.login('member')
    expect((await b.call(authApi.me, { token })).status).toBe(200)
    expect((await b.call(authApi.logout, { token })).status).toBe(200)
    expect((await a.call(authApi.me, { token })).status).toBe(401)
  })

  it('an upload made through one instance is served by the other', async () => {
    const token = await a.login('member')
    const up = await a.call(eventsApi.upload, { token, form: fileForm(PNG) })
    expect(up.status).toBe(200)
    const res = await fetch(b.baseUrl + up.body.url)
    expect(res.status).toBe(200)
    expect(Buffer.from(await res.arrayBuffer())).toEqual(Buffer.from(PNG))
  })
})
