/**
 * 扫码登录 for the office console: the console asks for a QR (anonymous), a staff member's phone reads where it comes
 * from and confirms, the console collects a console session of that person once; the QR lasts 2 minutes and logs in
 * once; nobody without a staff role can confirm; 退出电脑登录 from the phone ends the console; a console session is
 * short-lived (2 h idle, 8 h at most). Driven over HTTP with the injectable clock.
 */
import { and, eq } from 'drizzle-orm'
import { consoleApi } from '@contract/console/api'
import { authApi } from '@contract/auth/api'
import { databases, useDatabase, type TestApp } from './harness'
import { auditLog, sessions } from '../src/db/schema'

const CHROME_LINUX = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36'
const MINUTE = 60_000
const HOUR = 60 * MINUTE

async function newTicket(app: TestApp) {
  return app.ok(consoleApi.createTicket, { headers: { 'user-agent': CHROME_LINUX } })
}

describe.each(databases())('扫码登录 on %s', (target) => {
  const h = useDatabase(target)
  let clock = Date.now()
  let app: TestApp
  beforeAll(async () => {
    app = await h.app({}, { now: () => clock })
  })
  beforeEach(() => {
    clock = Date.now()
  })

  const actions = async (action: string) =>
    h.database.db.select().from(auditLog).where(eq(auditLog.action, action))

  it('the console shows a QR; the district admin scans and confirms; the console is logged in as them, once', async () => {
    const created = await newTicket(app)
    expect(created.qr).toBe(`${app.baseUrl}/packages/console-login/confirm/index?ticket=${created.ticket}`)
    expect(new Date(created.expiresAt).getTime() - clock).toBeGreaterThan(119_000)
    expect(new Date(created.expiresAt).getTime() - clock).toBeLessThanOrEqual(120_000)
    const poll = () => app.call(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: created.secret } })
    expect((await poll()).body).toMatchObject({ state: 'pending', scannedBy: null, session: null })

    const phone = await app.login('admin')
    const view = await app.ok(consoleApi.viewTicket, { params: { ticket: created.ticket }, token: phone })
    expect(view).toMatchObject({ state: 'scanned', place: '来自 Chrome · Linux · IP 127.0.0.1' })
    expect((await poll()).body).toMatchObject({ state: 'scanned', scannedBy: '管理员·周', session: null })

    await app.ok(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token: phone })
    const collected = await poll()
    expect(collected.status).toBe(200)
    expect(collected.body.state).toBe('confirmed')
    const session = collected.body.session!
    expect(session.user.nickname).toBe('管理员·周')
    expect(session.user.roles).toEqual([{ role: 'admin', orgId: expect.any(Number), orgName: '云溪区总工会' }])
    const me = await app.call(authApi.me, { token: session.token })
    expect(me.status).toBe(200)
    expect(me.body.nickname).toBe('管理员·周')
    const sid = JSON.parse(Buffer.from(session.token.split('.')[0], 'base64url').toString()).sid
    const [row] = await h.database.db.select().from(sessions).where(eq(sessions.id, sid))
    expect(row.kind).toBe('console')

    // collected once: the next poll (or someone replaying it) gets no session
    expect((await poll()).body).toMatchObject({ state: 'used', session: null })
    // audited: the confirmation and the login, by the admin, from where
    expect((await actions('console.login_confirm')).some((a) => a.subjectId === created.ticket && a.detail?.place === '来自 Chrome · Linux · IP 127.0.0.1')).toBe(true)
    expect((await actions('console.login')).some((a) => a.subjectId === sid && a.actorUserId === me.body.id)).toBe(true)
  })

  it('a QR used twice is refused: the second confirmation gets TICKET_USED and logs no one in', async () => {
    const created = await newTicket(app)
    const admin = await app.login('admin')
    const reviewer = await app.login('reviewer')
    await app.ok(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token: admin })
    for (const token of [admin, reviewer]) {
      const again = await app.call(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token })
      expect(again.status).toBe(409)
      expect(again.body.reason).toBe('TICKET_USED')
      const view = await app.call(consoleApi.viewTicket, { params: { ticket: created.ticket }, token })
      expect(view.body.reason).toBe('TICKET_USED')
    }
    const collected = await app.ok(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: created.secret } })
    expect(collected.session!.user.nickname).toBe('管理员·周')
  })

  it('an expired QR (past 2 minutes) is refused with TICKET_EXPIRED, and the console sees it expired', async () => {
    const created = await newTicket(app)
    const phone = await app.login('admin')
    clock += 2 * MINUTE + 1000
    const view = await app.call(consoleApi.viewTicket, { params: { ticket: created.ticket }, token: phone })
    expect(view.status).toBe(410)
    expect(view.body.reason).toBe('TICKET_EXPIRED')
    const confirm = await app.call(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token: phone })
    expect(confirm.status).toBe(410)
    expect(confirm.body.reason).toBe('TICKET_EXPIRED')
    expect((await app.ok(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: created.secret } })).state).toBe('expired')
    // a minute and a half in, it still works
    const fresh = await newTicket(app)
    clock += 90_000
    await app.ok(consoleApi.confirmTicket, { params: { ticket: fresh.ticket }, token: phone })
  })

  it('someone without a staff role cannot confirm (NOT_STAFF): a member, and a user with no role at all', async () => {
    const created = await newTicket(app)
    for (const persona of ['member', 'gig']) {
      const token = await app.login(persona)
      const confirm = await app.call(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token })
      expect({ persona, status: confirm.status, reason: confirm.body.reason }).toEqual({ persona, status: 403, reason: 'NOT_STAFF' })
      expect(confirm.body.message).toContain('工作人员')
      expect((await app.call(consoleApi.viewTicket, { params: { ticket: created.ticket }, token })).body.reason).toBe('NOT_STAFF')
    }
    // without a session at all: 401
    expect((await app.call(consoleApi.confirmTicket, { params: { ticket: created.ticket } })).status).toBe(401)
    // the ticket is untouched: the console is still waiting, and a staff member can still use it
    expect((await app.ok(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: created.secret } })).state).toBe('pending')
  })

  it('only the console that asked can collect: a wrong secret is refused; a console session cannot confirm another console', async () => {
    const created = await newTicket(app)
    const wrong = await app.call(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: 'x'.repeat(32) } })
    expect(wrong.status).toBe(403)
    expect(wrong.body.reason).toBe('TICKET_SECRET_MISMATCH')
    const consoleSession = await app.ok(consoleApi.devLogin, { body: { persona: 'admin' } })
    const chained = await app.call(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token: consoleSession.token })
    expect(chained.status).toBe(403)
    expect(chained.body.reason).toBe('CONFIRM_FROM_PHONE')
    const unknown = await app.call(consoleApi.viewTicket, { params: { ticket: 'N0SuchTicketAtAll0000' }, token: await app.login('admin') })
    expect(unknown.status).toBe(404)
    expect(unknown.body.reason).toBe('TICKET_NOT_FOUND')
  })

  it('取消 on the phone: the console sees it declined and the QR cannot be confirmed any more', async () => {
    const created = await newTicket(app)
    const phone = await app.login('reviewer')
    await app.ok(consoleApi.cancelTicket, { params: { ticket: created.ticket }, token: phone })
    expect((await app.ok(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: created.secret } })).state).toBe('cancelled')
    expect((await app.call(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token: phone })).body.reason).toBe('TICKET_USED')
  })

  async function consoleLogin(persona: string): Promise<{ phone: string; consoleToken: string }> {
    const created = await newTicket(app)
    const phone = await app.login(persona)
    await app.ok(consoleApi.confirmTicket, { params: { ticket: created.ticket }, token: phone })
    const polled = await app.ok(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: created.secret } })
    return { phone, consoleToken: polled.session!.token }
  }

  it('退出电脑登录 from the phone ends the console session (audited); the phone stays logged in', async () => {
    const { phone, consoleToken } = await consoleLogin('legal')
    const listed = await app.ok(consoleApi.mySessions, { token: phone })
    expect(listed.sessions).toHaveLength(1)
    expect(listed.sessions[0].place).toBe('来自 Chrome · Linux · IP 127.0.0.1')
    expect((await app.call(authApi.me, { token: consoleToken })).status).toBe(200)

    expect(await app.ok(consoleApi.logoutConsoles, { token: phone })).toEqual({ ended: 1 })
    const after = await app.call(authApi.me, { token: consoleToken })
    expect(after.status).toBe(401)
    expect((await app.call(authApi.me, { token: phone })).status).toBe(200)
    expect((await app.ok(consoleApi.mySessions, { token: phone })).sessions).toEqual([])
    const me = await app.ok(authApi.me, { token: phone })
    const rows = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'console.logout'), eq(auditLog.actorUserId, me.id)))
    expect(rows.at(-1)?.detail).toMatchObject({ from: 'app' })
  })

  it('a console session ends after 2 hours idle, and after 8 hours however busy; the phone session is not shortened', async () => {
    const start = clock
    const { phone, consoleToken } = await consoleLogin('reviewer')
    // idle: 2 h later it is over
    clock = start + 2 * HOUR + 1000
    const idle = await app.call(authApi.me, { token: consoleToken })
    expect(idle.status).toBe(401)
    expect(idle.body.code).toBe('SESSION_EXPIRED')
    expect((await app.call(authApi.me, { token: phone })).status).toBe(200)

    // busy: a request every 50 minutes keeps it alive (renewed tokens), until 8 h after the login
    clock = start + 3 * HOUR
    let { consoleToken: token } = await consoleLogin('reviewer')
    const loginAt = clock
    let lastOk = 0
    for (let t = loginAt + 50 * MINUTE; t < loginAt + 8 * HOUR; t += 50 * MINUTE) {
      clock = t
      const res = await app.call(authApi.me, { token })
      expect(res.status).toBe(200)
      lastOk = t
      token = res.headers.get('x-session-token') ?? token
    }
    expect(lastOk).toBeGreaterThan(loginAt + 7 * HOUR)
    clock = loginAt + 8 * HOUR + 1000
    const capped = await app.call(authApi.me, { token })
    expect(capped.status).toBe(401)
    expect(capped.body.code).toBe('SESSION_EXPIRED')
  })

  it('the console’s 演示登录 works in dev mode only', async () => {
    const dev = await app.ok(consoleApi.devLogin, { body: { persona: 'admin' } })
    expect(dev.user.nickname).toBe('管理员·周')
    const wechatApp = await h.app({ AUTH_MODE: 'cloudhosting' })
    const refused = await wechatApp.call(consoleApi.devLogin, { body: { persona: 'admin' } })
    expect(refused.status).toBe(403)
    expect(refused.body.reason).toBe('LOGIN_MODE_DISABLED')
  })
})
