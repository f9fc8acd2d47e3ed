/** Sessions, dev login, login modes and the gateway headers. */
import { authApi } from '@contract/auth/api'
import { eq } from 'drizzle-orm'
import { databases, useDatabase } from './harness'
import { sessions, users } from '../src/db/schema'
import { PERSONAS } from '../src/personas'

const HOUR = 3600 * 1000

describe.each(databases())('sessions and login modes on %s', (target) => {
  const h = useDatabase(target)

  it('offers the personas in dev mode and logs in as one', async () => {
    const app = await h.app({ AUTH_MODE: 'dev' })
    const options = await app.call(authApi.options)
    expect(options.body).toEqual({
      mode: 'dev',
      devLogin: true,
      personas: PERSONAS.map(({ key, nickname, description }) => ({ key, nickname, description })),
    })
    expect(options.body.personas.map((p: { key: string }) => p.key)).toEqual(['member', 'gig', 'venue', 'reviewer', 'legal', 'admin', 'keeper'])

    const login = await app.call(authApi.devLogin, { body: { persona: 'member' } })
    expect(login.status).toBe(200)
    expect(login.body.user).toMatchObject({ nickname: '李晓梅', avatarUrl: null, roles: [{ role: 'member', orgName: '星河物流有限公司工会' }] })
    expect(new Date(login.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 167 * HOUR)
    const me = await app.call(authApi.me, { token: login.body.token })
    expect(me.status).toBe(200)
    expect(me.body).toEqual(login.body.user)

    const gig = await app.call(authApi.devLogin, { body: { persona: 'gig' } })
    expect(gig.body.user).toMatchObject({ nickname: '王小骑', roles: [] })
    const admin = await app.call(authApi.devLogin, { body: { persona: 'admin' } })
    expect(admin.body.user.roles).toEqual([{ role: 'admin', orgId: expect.any(Number), orgName: '云溪区总工会' }])

    const unknown = await app.call(authApi.devLogin, { body: { persona: 'boss' } })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ code: 'VALIDATION', reason: 'PERSONA_UNKNOWN', fields: { persona: '未知的演示身份' } })
  })

  it('PATCH /api/me changes the nickname', async () => {
    const app = await h.app()
    const token = await app.login('gig')
    const res = await app.call(authApi.updateProfile, { token, body: { nickname: '  骑手小王 ' } })
    expect(res.status).toBe(200)
    expect(res.body.nickname).toBe('骑手小王')
    expect((await app.call(authApi.me, { token })).body.nickname).toBe('骑手小王')
    await app.call(authApi.updateProfile, { token, body: { nickname: '王小骑' } })
  })

  it('no token, a malformed header or a tampered token → 401', async () => {
    const app = await h.app()
    const none = await app.call(authApi.me)
    expect(none.status).toBe(401)
    expect(none.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' })

    const token = await app.login('member')
    const [body, sig] = token.split('.')
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...payload, uid: payload.uid + 1 })).toString('base64url')
    for (const bad of [`${forged}.${sig}`, `${body}.${sig.slice(0, -2)}xx`, 'garbage', `${body}.`]) {
      const res = await app.call(authApi.me, { token: bad })
      expect(res.status).toBe(401)
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', message: '登录已过期，请重新登录' })
    }
    const basic = await app.call(authApi.me, { headers: { authorization: `Basic ${token}` } })
    expect(basic.status).toBe(401)
  })

  it('an expired token → 401 SESSION_EXPIRED', async () => {
    let clock = Date.now()
    const app = await h.app({ SESSION_TTL_HOURS: '2' }, { now: () => clock })
    const token = await app.login('member')
    expect((await app.call(authApi.me, { token })).status).toBe(200)
    clock += 2 * HOUR + 1000
    const res = await app.call(authApi.me, { token })
    expect(res.status).toBe(401)
    expect(res.body).toMatchObject({ code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' })
  })

  it('past half its lifetime a token is renewed through x-session-token', async () => {
    let clock = Date.now()
    const app = await h.app({ SESSION_TTL_HOURS: '10' }, { now: () => clock })
    const login = await app.call(authApi.devLogin, { body: { persona: 'venue' } })
    const token = login.body.token as string

    clock += 4 * HOUR
    const early = await app.call(authApi.me, { token })
    expect(early.status).toBe(200)
    expect(early.headers.get('x-session-token')).toBeNull()

    clock += 2 * HOUR // 6 h of 10 h
    const late = await app.call(authApi.me, { token })
    expect(late.status).toBe(200)
    const renewed = late.headers.get('x-session-token')
    expect(renewed).toBeTruthy()
    expect(renewed).not.toBe(token)
    const sid = JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString()).sid
    const [row] = await h.database.db.select().from(sessions).where(eq(sessions.id, sid))
    expect(row.expiresAt.getTime()).toBeGreaterThanOrEqual(clock + 10 * HOUR - 1000)

    // 10.5 h after login: the old token has expired, the renewed one (issued at 6 h) still works
    clock += 4.5 * HOUR
    expect((await app.call(authApi.me, { token })).body.code).toBe('SESSION_EXPIRED')
    const withRenewed = await app.call(authApi.me, { token: renewed! })
    expect(withRenewed.status).toBe(200)
    expect(withRenewed.headers.get('x-session-token')).toBeNull()
  })

  it('logout revokes the session: the token then gets 401', async () => {
    const app = await h.app()
    const token = await app.login('reviewer')
    const other = await app.login('reviewer')
    const out = await app.call(authApi.logout, { token })
    expect(out.status).toBe(200)
    expect(out.body).toEqual({ ok: true })
    const after = await app.call(authApi.me, { token })
    expect(after.status).toBe(401)
    expect(after.body.message).toBe('登录已过期，请重新登录')
    expect((await app.call(authApi.logout, { token })).status).toBe(401)
    // another session of the same user is untouched
    expect((await app.call(authApi.me, { token: other })).status).toBe(200)
    // an empty JSON body is accepted as "no body"
    const empty = await app.request('POST', '/api/auth/logout', { token: other, raw: '', headers: { 'content-type': 'application/json' } })
    expect(empty.status).toBe(200)
  })

  it('dev login is refused outside dev mode, and options say so', async () => {
    const envs: Record<string, string>[] = [
      { AUTH_MODE: 'wechat', WECHAT_APPID: 'wx_fake', WECHAT_SECRET: 'secret' },
      { AUTH_MODE: 'cloudhosting' },
    ]
    for (const env of envs) {
      const app = await h.app(env)
      const options = await app.call(authApi.options)
      expect(options.body).toEqual({ mode: env.AUTH_MODE, devLogin: false, personas: [] })
      const res = await app.call(authApi.devLogin, { body: { persona: 'admin' } })
      expect(res.status).toBe(403)
      expect(res.body).toMatchObject({ reason: 'LOGIN_MODE_DISABLED', message: '当前环境未开放此登录方式' })
    }
  })

  it('X-WX-OPENID is ignored outside cloudhosting mode', async () => {
    const before = await h.sessionCount()
    const envs: Record<string, string>[] = [
      { AUTH_MODE: 'dev' },
      { AUTH_MODE: 'wechat', WECHAT_APPID: 'wx_fake', WECHAT_SECRET: 'secret' },
    ]
    for (const env of envs) {
      const app = await h.app(env)
      const headers = { 'x-wx-openid': 'dev:admin', 'x-wx-unionid': 'u1' }
      const me = await app.call(authApi.me, { headers })
      expect(me.status).toBe(401)
      expect(me.body.code).toBe('UNAUTHENTICATED')
      const cloud = await app.call(authApi.cloudLogin, { headers })
      expect(cloud.status).toBe(403)
      expect(cloud.body.reason).toBe('LOGIN_MODE_DISABLED')
    }
    expect(await h.sessionCount()).toBe(before)
  })

  it('X-WX-OPENID is honoured by cloud-login in cloudhosting mode', async () => {
    const app = await h.app({ AUTH_MODE: 'cloudhosting' })
    const missing = await app.call(authApi.cloudLogin)
    expect(missing.status).toBe(401)
    expect(missing.body).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'WECHAT_IDENTITY_MISSING', message: '未获取到微信身份，请在小程序内打开' })

    const res = await app.call(authApi.cloudLogin, {
      headers: { 'x-wx-openid': 'oCloudUser1', 'x-wx-unionid': 'uCloud1' },
    })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ nickname: '微信用户', roles: [] })
    const [row] = await h.database.db.select().from(users).where(eq(users.openid, 'oCloudUser1'))
    expect(row).toMatchObject({ unionid: 'uCloud1', wechatSessionKey: null })
    // the session token, not the header, authenticates later requests
    expect((await app.call(authApi.me, { token: res.body.token })).body.id).toBe(row.id)
    expect((await app.call(authApi.me, { headers: { 'x-wx-openid': 'oCloudUser1' } })).status).toBe(401)
    // same openid again → same user
    const again = await app.call(authApi.cloudLogin, { headers: { 'x-wx-openid': 'oCloudUser1' } })
    expect(again.body.user.id).toBe(row.id)
  })
})
