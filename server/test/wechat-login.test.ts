/** wx.login code → jscode2session against a fake WeChat server over real HTTP. */
import { authApi } from '@contract/auth/api'
import { eq } from 'drizzle-orm'
import { databases, useDatabase, type TestApp } from './harness'
import { FAKE_APPID, FAKE_CODES, FAKE_SECRET, startFakeWechat, type FakeWechat } from './fake-wechat'
import { users } from '../src/db/schema'

describe.each(databases())('WeChat login on %s', (target) => {
  const h = useDatabase(target)
  let wx: FakeWechat
  let app: TestApp

  beforeAll(async () => {
    wx = await startFakeWechat()
    app = await h.app({
      AUTH_MODE: 'wechat',
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: wx.url,
      WECHAT_TIMEOUT_MS: '300',
    })
  })
  afterAll(async () => {
    await app?.close()
    await wx?.close()
  })

  it('a valid code → a session; session_key is neither returned nor stored', async () => {
    const res = await app.call(authApi.wechatLogin, { body: { code: 'good1' } })
    expect(res.status).toBe(200)
    expect(res.body.user).toMatchObject({ nickname: '微信用户', avatarUrl: null, roles: [] })
    expect(res.text).not.toContain('sk_good1')
    expect(res.text).not.toMatch(/session_?key/i)
    expect(res.text).not.toContain('o_good1')
    const call = wx.calls.at(-1)!
    expect(call).toEqual({
      path: '/sns/jscode2session',
      query: { appid: FAKE_APPID, secret: FAKE_SECRET, js_code: 'good1', grant_type: 'authorization_code' },
    })
    const [row] = await h.database.db.select().from(users).where(eq(users.openid, 'o_good1'))
    expect(row).toMatchObject({ unionid: 'u_good1', wechatSessionKey: null })
    const me = await app.call(authApi.me, { token: res.body.token })
    expect(me.status).toBe(200)
    expect(me.text).not.toContain('sk_good1')
    // a second login of the same WeChat user keeps the user, still without a session_key
    const again = await app.call(authApi.wechatLogin, { body: { code: 'good1' } })
    expect(again.body.user.id).toBe(res.body.user.id)
    const [after] = await h.database.db.select().from(users).where(eq(users.openid, 'o_good1'))
    expect(after.wechatSessionKey).toBeNull()
  })

  it.each([
    [FAKE_CODES.invalid, 400, 'WECHAT_CODE_INVALID', '登录凭证无效或已过期，请重新登录'],
    [FAKE_CODES.frequent, 429, 'WECHAT_TOO_FREQUENT', '登录太频繁，请稍后再试'],
    [FAKE_CODES.risky, 403, 'WECHAT_RISKY_USER', '该微信账号存在风险，暂时无法登录'],
    [FAKE_CODES.hang, 408, 'WECHAT_UNAVAILABLE', '微信服务响应超时，请稍后重试'],
    [FAKE_CODES.busy, 503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后重试'],
    [FAKE_CODES.garbage, 503, 'WECHAT_UNAVAILABLE', '微信服务暂时不可用，请稍后重试'],
  ])('code %s → %i %s, no session', async (code, status, errorCode, message) => {
    const before = await h.sessionCount()
    const started = Date.now()
    const res = await app.call(authApi.wechatLogin, { body: { code } })
    expect(res.status).toBe(status)
    expect(res.body).toEqual({ code: expect.any(String), reason: errorCode, message, requestId: expect.any(String) })
    expect(res.body.token).toBeUndefined()
    expect(await h.sessionCount()).toBe(before)
    if (code === FAKE_CODES.hang) expect(Date.now() - started).toBeLessThan(5000)
  })

  it('an unreachable WeChat API → 503, no session', async () => {
    const closed = await startFakeWechat()
    const url = closed.url
    await closed.close()
    const down = await h.app({
      AUTH_MODE: 'wechat', WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: url, WECHAT_TIMEOUT_MS: '300',
    })
    const before = await h.sessionCount()
    const res = await down.call(authApi.wechatLogin, { body: { code: 'good2' } })
    expect(res.status).toBe(503)
    expect(res.body.reason).toBe('WECHAT_UNAVAILABLE')
    expect(await h.sessionCount()).toBe(before)
  })

  it('an empty code → 400 VALIDATION before calling WeChat', async () => {
    const calls = wx.calls.length
    const res = await app.call(authApi.wechatLogin, { body: { code: '' } })
    expect(res.status).toBe(400)
    expect(res.body).toMatchObject({ code: 'VALIDATION', fields: { code: '缺少登录凭证' } })
    expect(wx.calls.length).toBe(calls)
  })

  it('wechat-login is refused in cloudhosting mode', async () => {
    const cloud = await h.app({ AUTH_MODE: 'cloudhosting' })
    const res = await cloud.call(authApi.wechatLogin, { body: { code: 'good3' } })
    expect(res.status).toBe(403)
    expect(res.body.reason).toBe('LOGIN_MODE_DISABLED')
  })
})
