/**
 * Sessions have an absolute lifetime (SESSION_MAX_AGE_DAYS, default 30) from the login: renewals past half-life keep
 * an active user logged in up to it, never beyond; after it the token is refused (401 SESSION_EXPIRED) and the app
 * logs in again. Driven by the injectable clock.
 */
import { eq } from 'drizzle-orm'
import { databases, useDatabase, TEST_SECRET } from './harness'
import { sessions, users } from '../src/db/schema'
import { signToken } from '../src/auth/tokens'
import { personaOpenid } from '../src/personas'
import { authApi } from '@contract/auth/api'

const HOUR = 3600 * 1000
const DAY = 24 * HOUR
const payloadOf = (token: string) => JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString())

describe.each(databases())('session max age on %s', (target) => {
  const h = useDatabase(target)

  it('an active user is renewed up to 30 days after login, then must log in again', async () => {
    let clock = Date.now()
    const loginAt = clock
    const app = await h.app({}, { now: () => clock }) // SESSION_TTL_HOURS 168, SESSION_MAX_AGE_DAYS 30 (defaults)
    let token = await app.login('member')
    let renewals = 0
    // every 4 days (past half of the 7-day token life) the app calls and picks up the renewed token
    while (clock + 4 * DAY < loginAt + 30 * DAY) {
      clock += 4 * DAY
      const res = await app.call(authApi.me, { token })
      expect(res.status).toBe(200)
      const renewed = res.headers.get('x-session-token')
      if (renewed) {
        renewals++
        token = renewed
        expect(payloadOf(token).exp * 1000).toBeLessThanOrEqual(loginAt + 30 * DAY)
      }
    }
    expect(renewals).toBeGreaterThanOrEqual(6)
    // the last renewal was capped at the max age: the token ends with the session
    expect(payloadOf(token).exp).toBe(Math.floor((loginAt + 30 * DAY) / 1000))
    const [row] = await h.database.db.select().from(sessions).where(eq(sessions.id, payloadOf(token).sid))
    expect(row.expiresAt.getTime()).toBeLessThanOrEqual(loginAt + 30 * DAY)

    clock = loginAt + 30 * DAY - 60_000
    expect((await app.call(authApi.me, { token })).status).toBe(200)
    clock = loginAt + 30 * DAY + 1000
    const expired = await app.call(authApi.me, { token })
    expect(expired.status).toBe(401)
    expect(expired.body).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' })
    // logging in again starts a new 30 days
    const fresh = await app.login('member')
    expect((await app.call(authApi.me, { token: fresh })).status).toBe(200)
  })

  it('SESSION_MAX_AGE_DAYS shorter than the token life caps the first token too', async () => {
    let clock = Date.now()
    const app = await h.app({ SESSION_MAX_AGE_DAYS: '2' }, { now: () => clock })
    const login = await app.call(authApi.devLogin, { body: { persona: 'gig' } })
    expect(new Date(login.body.expiresAt).getTime()).toBeLessThanOrEqual(clock + 2 * DAY)
    clock += 2 * DAY + 1000
    expect((await app.call(authApi.me, { token: login.body.token })).body.code).toBe('SESSION_EXPIRED')
  })

  it('a session issued before the max age existed is refused once it is older than the max age', async () => {
    const clock = Date.now()
    const app = await h.app({}, { now: () => clock })
    await app.login('venue')
    const [user] = await h.database.db.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid('venue')))
    // renewed again and again under the old rules: created 40 days ago, expiring in 5 days
    const sid = `old-session-${target}`
    await h.database.db.insert(sessions).values({
      id: sid,
      userId: user.id,
      createdAt: new Date(clock - 40 * DAY),
      expiresAt: new Date(clock + 5 * DAY),
      lastSeenAt: new Date(clock - DAY),
    })
    const token = signToken({ sid, uid: user.id, iat: Math.floor((clock - DAY) / 1000), exp: Math.floor((clock + 5 * DAY) / 1000) }, TEST_SECRET)
    const res = await app.call(authApi.me, { token })
    expect(res.status).toBe(401)
    expect(res.body.code).toBe('SESSION_EXPIRED')
  })
})
