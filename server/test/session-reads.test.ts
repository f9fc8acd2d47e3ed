/**
 * Member reads that take the session in their own statement (SessionRead, issue 17): GET /api/me, the card, 我的券,
 * the campaign list, the message page and 我的申请 each send ONE statement per request — the session lookup and the data together — and still refuse exactly as the
 * access table's rule says: no token / a revoked or expired session → 401, the card of a non-member → 404.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { authApi } from '@contract/auth/api'
import { membershipApi } from '@contract/membership/api'
import { vouchersApi } from '@contract/vouchers/api'
import { notificationsApi } from '@contract/notifications/api'
import { applicationsApi } from '@contract/applications/api'
import { eq, sql } from 'drizzle-orm'
import { notifications, users } from '../src/db/schema'
import { openDatabase, type Database } from '../src/db'
import { seedDemo } from '../src/seed'
import { createPostgresDatabase, databases, pgliteTemplate, startTestApp, TEST_DATA_KEY, type TestApp } from './harness'

const HOUR = 3600 * 1000

describe.each(databases())('reads with the session on %s', (target) => {
  let database: Database
  let dataDir = ''
  let drop: (() => Promise<void>) | undefined
  const apps: TestApp[] = []
  const statements: string[] = []
  let counting = false

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ums-session-reads-'))
    const onQuery = (query: string) => {
      if (counting) statements.push(query)
    }
    if (target.name === 'postgres') {
      const created = await createPostgresDatabase(process.env.DATABASE_URL!)
      drop = created.drop
      database = await openDatabase({ databaseUrl: created.url, dataDir, poolSize: 5, onQuery })
    } else {
      database = await openDatabase({ dataDir, pglitePath: 'memory://', onQuery, pgliteDataDir: await pgliteTemplate() })
    }
    await seedDemo(database.db, { dataKey: Buffer.from(TEST_DATA_KEY, 'base64') })
  })

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close().catch(() => undefined)))
    await database?.close()
    await drop?.()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  async function appAt(env: Record<string, string> = {}, now?: () => number): Promise<TestApp> {
    const app = await startTestApp(database, dataDir, env, { now })
    apps.push(app)
    return app
  }

  /** The statements one call sends to the database. */
  async function counted<T>(fn: () => Promise<T>): Promise<{ result: T; sent: string[] }> {
    statements.length = 0
    counting = true
    try {
      const result = await fn()
      return { result, sent: [...statements] }
    } finally {
      counting = false
    }
  }

  it('each read is one statement, with the session inside it', async () => {
    const app = await appAt()
    const member = await app.login('member')
    const gig = await app.login('gig')
    // A voucher for the member, so 我的券 has rows to join (the first open campaign of the seed that gives one).
    const { items: campaigns } = await app.ok(vouchersApi.campaigns, { token: member })
    let claimed: number | null = null
    for (const c of campaigns) {
      const res = await app.call(vouchersApi.claim, { token: member, params: { id: c.id }, body: {}, headers: { 'idempotency-key': `session-reads-${c.id}-0001` } })
      if (res.status === 200) {
        claimed = res.body.voucher.id
        break
      }
    }
    expect(claimed).not.toBeNull()

    const calls: [string, () => Promise<{ status: number }>][] = [
      ['me', () => app.call(authApi.me, { token: member })],
      ['card', () => app.call(membershipApi.card, { token: member })],
      ['my vouchers', () => app.call(vouchersApi.myVouchers, { token: member })],
      ['campaign list', () => app.call(vouchersApi.campaigns, { token: member })],
      ['messages', () => app.call(notificationsApi.list, { token: member })],
      ['my applications', () => app.call(applicationsApi.mine, { token: member })],
    ]
    for (const [name, call] of calls) {
      const { result, sent } = await counted(call)
      expect([name, result.status]).toEqual([name, 200])
      expect([name, sent.length]).toEqual([name, 1])
      expect(sent[0]).toMatch(/^with "auth_session" as/)
    }

    const me = await app.ok(authApi.me, { token: member })
    expect(me).toMatchObject({ nickname: '李晓梅', roles: [{ role: 'member', orgName: '星河物流有限公司工会' }], pendingNickname: null, avatarNotice: null })
    const card = await app.ok(membershipApi.card, { token: member })
    expect(card).toMatchObject({ name: '李晓梅', org: { name: '星河物流有限公司工会' } })
    const mine = (await app.ok(vouchersApi.myVouchers, { token: member })).items
    expect(mine.map((v) => v.id)).toContain(claimed)
    // The list shows the claimed voucher on its campaign, and the campaigns of the member's union (open first).
    const listed = (await app.ok(vouchersApi.campaigns, { token: member })).items
    expect(listed.length).toBe(campaigns.length)
    expect(listed.flatMap((c) => c.myVouchers.map((v) => v.id))).toContain(claimed)
    const closed = listed.map((c) => c.phase === 'closed')
    expect(closed).toEqual([...closed].sort((a, b) => Number(a) - Number(b)))

    // Each user's own messages only, newest first, paged by `before`, with their own unread count.
    const [memberId, gigId] = await Promise.all(['李晓梅', '王小骑'].map(async (nickname) => (await database.db.select({ id: users.id }).from(users).where(eq(users.nickname, nickname)))[0].id))
    await database.db.insert(notifications).values([
      ...Array.from({ length: 3 }, (_, i) => ({ userId: gigId, kind: 'test', title: `骑手消息${i}`, body: '' })),
      ...Array.from({ length: 4 }, (_, i) => ({ userId: memberId, kind: 'test', title: `会员消息${i}`, body: '', readAt: i === 0 ? new Date() : null })),
    ])
    const counts = async (userId: number) => {
      const [row] = await database.db
        .select({ all: sql<number>`count(*)::int`, unread: sql<number>`(count(*) filter (where ${notifications.readAt} is null))::int` })
        .from(notifications)
        .where(eq(notifications.userId, userId))
      return row
    }
    for (const [token, userId, mark] of [[member, memberId, '会员'], [gig, gigId, '骑手']] as const) {
      const { all, unread } = await counts(userId)
      const first = await app.ok(notificationsApi.list, { token, query: { limit: 2 } })
      expect(first.unread).toBe(unread)
      expect(first.items).toHaveLength(2)
      expect(first.hasMore).toBe(all > 2)
      const rest = await app.ok(notificationsApi.list, { token, query: { limit: 50, before: first.items[1].id } })
      const seen = [...first.items, ...rest.items]
      expect(seen).toHaveLength(all)
      expect(seen.map((n) => n.id)).toEqual([...seen.map((n) => n.id)].sort((a, b) => b - a))
      expect(seen.filter((n) => n.kind === 'test').every((n) => n.title.startsWith(mark))).toBe(true)
    }

    // A user with no membership and no vouchers: the card is refused by the rule, 我的券 and the list are empty.
    expect(await app.ok(vouchersApi.campaigns, { token: gig })).toMatchObject({ items: [] })
    const noCard = await app.call(membershipApi.card, { token: gig })
    expect(noCard.status).toBe(404)
    expect(noCard.body.reason).toBe('NOT_MEMBER')
    expect(await app.ok(vouchersApi.myVouchers, { token: gig })).toMatchObject({ items: [] })
    expect(await app.ok(authApi.me, { token: gig })).toMatchObject({ nickname: '王小骑', roles: [] })
  })

  it('no token, a revoked or an expired session → 401 on every such read, without its data', async () => {
    let clock = Date.now()
    const app = await appAt({ SESSION_TTL_HOURS: '2' }, () => clock)
    const reads = [authApi.me, membershipApi.card, vouchersApi.myVouchers, vouchersApi.campaigns, notificationsApi.list, applicationsApi.mine] as const

    for (const endpoint of reads) {
      const res = await app.call(endpoint)
      expect([endpoint.path, res.status, res.body.code]).toEqual([endpoint.path, 401, 'UNAUTHENTICATED'])
    }

    const revoked = await app.login('member')
    const other = await app.login('member')
    expect((await app.call(authApi.logout, { token: revoked })).status).toBe(200)
    for (const endpoint of reads) {
      const res = await app.call(endpoint, { token: revoked })
      expect([endpoint.path, res.status, res.body.message]).toEqual([endpoint.path, 401, '登录已过期，请重新登录'])
      expect(res.text).not.toContain('李晓梅')
      // The user's other session is untouched.
      expect((await app.call(endpoint, { token: other })).status).toBe(200)
    }

    clock += 2 * HOUR + 1000
    for (const endpoint of reads) {
      const res = await app.call(endpoint, { token: other })
      expect([endpoint.path, res.status, res.body.code]).toEqual([endpoint.path, 401, 'SESSION_EXPIRED'])
    }
  })
})
