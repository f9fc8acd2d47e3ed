import { AuthReasons } from '@contract/auth/reasons'
import { authApi } from '@contract/auth/api'
import { endpoint } from '@contract/endpoint'
import { ApiClient, type SessionHooks } from './client'
import { ApiError, hasReason, isTransient, NETWORK_MESSAGE, UNAVAILABLE_MESSAGE } from './errors'
import { FakeTransport, json, sampleMe } from '../test/fakes'

function setup(token: string | null = 'tok-1') {
  const transport = new FakeTransport()
  const state = { token, renewed: [] as string[], relogins: 0, loggedOut: 0, reloginToken: 'tok-2' as string | null }
  const hooks: SessionHooks = {
    getToken: () => state.token,
    onTokenRenewed: (t) => {
      state.renewed.push(t)
      state.token = t
    },
    relogin: async () => {
      state.relogins++
      state.token = state.reloginToken
      return state.reloginToken
    },
    onUnauthenticated: () => {
      state.loggedOut++
      state.token = null
    },
  }
  const client = new ApiClient({ transport, session: hooks, timeoutMs: 1000 })
  return { transport, client, state }
}

describe('ApiClient', () => {
  it('adds the Bearer session header and returns the parsed body', async () => {
    const { transport, client } = setup()
    transport.reply(() => json(200, sampleMe))
    await expect(client.send(authApi.me)).resolves.toEqual(sampleMe)
    expect(transport.requests[0]).toMatchObject({ method: 'GET', url: '/api/me', headers: { authorization: 'Bearer tok-1' } })
  })

  it('sends no session header when logged out, and JSON bodies with a content type', async () => {
    const { transport, client } = setup(null)
    transport.reply(() => json(200, { token: 't', expiresAt: 'x', user: sampleMe }))
    await client.send(authApi.devLogin, { body: { persona: 'member' } })
    const req = transport.requests[0] as { headers: Record<string, string>; data: unknown; method: string }
    expect(req.headers.authorization).toBeUndefined()
    expect(req.headers['content-type']).toBe('application/json')
    expect(req.method).toBe('POST')
    expect(req.data).toEqual({ persona: 'member' })
  })

  it('fills path params and query strings', async () => {
    const { transport, client } = setup()
    const ep = endpoint<{ params: never; response: never }>('GET', '/api/events/:id')
    transport.reply(() => json(200, { ok: true }))
    await (client as unknown as { send: (e: unknown, o: unknown) => Promise<unknown> }).send(ep, {
      params: { id: 'a b' },
      query: { page: 2, q: '工会', skip: undefined },
    })
    expect(transport.requests[0].url).toBe('/api/events/a%20b?page=2&q=%E5%B7%A5%E4%BC%9A')
  })

  it('picks up a renewed token from x-session-token (any header case)', async () => {
    const { transport, client, state } = setup()
    transport.reply(() => json(200, sampleMe, { 'X-Session-Token': 'tok-renewed' }))
    await client.send(authApi.me)
    expect(state.renewed).toEqual(['tok-renewed'])
    transport.reply(() => json(200, sampleMe))
    await client.send(authApi.me)
    expect((transport.requests[1] as { headers: Record<string, string> }).headers.authorization).toBe('Bearer tok-renewed')
  })

  it('on 401 calls relogin once and retries once with the new token', async () => {
    const { transport, client, state } = setup()
    transport.reply(
      () => json(401, { code: 'SESSION_EXPIRED', message: '登录已过期' }),
      () => json(200, sampleMe),
    )
    await expect(client.send(authApi.me)).resolves.toEqual(sampleMe)
    expect(state.relogins).toBe(1)
    expect(state.loggedOut).toBe(0)
    expect((transport.requests[1] as { headers: Record<string, string> }).headers.authorization).toBe('Bearer tok-2')
  })

  it('gives up after a second 401 and tells the session it is logged out', async () => {
    const { transport, client, state } = setup()
    transport.reply(
      () => json(401, { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' }),
      () => json(401, { code: 'SESSION_EXPIRED', message: '登录已过期，请重新登录' }),
    )
    const err = await client.send(authApi.me).catch((e: unknown) => e)
    expect(err).toBeInstanceOf(ApiError)
    expect(err).toMatchObject({ code: 'SESSION_EXPIRED', status: 401, message: '登录已过期，请重新登录' })
    expect(state.relogins).toBe(1)
    expect(state.loggedOut).toBe(1)
    expect(transport.requests).toHaveLength(2)
  })

  it('logs out without retrying when relogin is not possible', async () => {
    const { transport, client, state } = setup()
    state.reloginToken = null
    transport.reply(() => json(401, { code: 'UNAUTHENTICATED', message: '请先登录' }))
    await expect(client.send(authApi.me)).rejects.toMatchObject({ code: 'UNAUTHENTICATED', message: '请先登录' })
    expect(state.loggedOut).toBe(1)
    expect(transport.requests).toHaveLength(1)
  })

  it('does not relogin for auth endpoints (noRelogin)', async () => {
    const { transport, client, state } = setup()
    transport.reply(() => json(401, { reason: 'WECHAT_CODE_INVALID', message: '微信登录凭证无效' }))
    await expect(client.send(authApi.wechatLogin, { body: { code: 'x' }, noRelogin: true })).rejects.toMatchObject({
      reason: 'WECHAT_CODE_INVALID',
    })
    expect(state.relogins).toBe(0)
  })

  it('sends extra headers (the claim idempotency key) alongside the session header', async () => {
    const { transport, client } = setup()
    transport.reply(() => json(200, sampleMe))
    await client.send(authApi.me, { headers: { 'Idempotency-Key': 'k-12345678' } })
    const req = transport.requests[0] as { headers: Record<string, string> }
    expect(req.headers['idempotency-key']).toBe('k-12345678')
    expect(req.headers.authorization).toBe('Bearer tok-1')
  })

  it('shares one relogin between concurrent 401s', async () => {
    const { transport, client, state } = setup()
    transport.fallback = (req) =>
      (req as { headers: Record<string, string> }).headers.authorization === 'Bearer tok-2'
        ? json(200, sampleMe)
        : json(401, { code: 'SESSION_EXPIRED', message: '登录已过期' })
    await Promise.all([client.send(authApi.me), client.send(authApi.me), client.send(authApi.me)])
    expect(state.relogins).toBe(1)
  })

  it('maps the server error body to ApiError with fields', async () => {
    const { transport, client } = setup()
    transport.reply(() => json(400, { code: 'VALIDATION', message: '请检查填写的内容', fields: { nickname: '昵称最多 20 个字' }, requestId: 'r1' }))
    const err = (await client.send(authApi.updateProfile, { body: { nickname: 'x'.repeat(30) } }).catch((e: unknown) => e)) as ApiError
    expect(err).toBeInstanceOf(ApiError)
    expect(err.code).toBe('VALIDATION')
    expect(err.status).toBe(400)
    expect(err.field('nickname')).toBe('昵称最多 20 个字')
    expect(err.requestId).toBe('r1')
  })

  it('keeps the refusal reason apart from its class and wording (the shell branches on the reason only)', async () => {
    const { transport, client } = setup()
    transport.reply(
      () => json(400, { code: 'VALIDATION', reason: 'WECHAT_CODE_INVALID', message: '（任意措辞）' }),
      () => json(403, { code: 'LOGIN_MODE_DISABLED', message: '旧服务器：只有 code' }),
      () => {
        throw new Error('offline')
      },
      () => json(502, { code: 'INTERNAL', message: '网关错误' }),
    )
    const wechat = await client.send(authApi.me).catch((e: unknown) => e)
    expect(wechat).toMatchObject({ code: 'VALIDATION', reason: 'WECHAT_CODE_INVALID', status: 400 })
    expect(hasReason(wechat, AuthReasons.WECHAT_CODE_INVALID)).toBe(true)
    expect(hasReason(wechat, 'VALIDATION')).toBe(false)
    expect(hasReason(wechat, { reason: 'WECHAT_CODE_INVALID' })).toBe(true) // a ReasonDef of contract/<cap>/reasons.ts
    // A server from before reasons: its code is the reason.
    expect(hasReason(await client.send(authApi.me).catch((e: unknown) => e), AuthReasons.LOGIN_MODE_DISABLED)).toBe(true)
    // No answer or the server's own fault may be retried by itself; a refusal may not.
    expect(isTransient(await client.send(authApi.me).catch((e: unknown) => e))).toBe(true)
    expect(isTransient(await client.send(authApi.me).catch((e: unknown) => e))).toBe(true)
    expect(isTransient(wechat)).toBe(false)
    expect(hasReason(new Error('WECHAT_CODE_INVALID'), AuthReasons.WECHAT_CODE_INVALID)).toBe(false)
  })

  it('maps a transport failure (offline, timeout) to NETWORK', async () => {
    const { transport, client } = setup()
    transport.reply(() => {
      throw new Error('request:fail timeout')
    })
    await expect(client.send(authApi.me)).rejects.toMatchObject({ code: 'NETWORK', status: 0, message: NETWORK_MESSAGE })
  })

  it('maps 5xx and non-JSON bodies to 服务暂时不可用 unless the body has a message', async () => {
    const { transport, client } = setup()
    transport.reply(
      () => ({ status: 502, headers: { 'content-type': 'text/html' }, data: '<html>Bad Gateway</html>' }),
      () => ({ status: 200, headers: {}, data: '<html>portal</html>' }),
      () => json(503, { code: 'INTERNAL', message: '数据库维护中，请稍后再试' }),
      () => ({ status: 400, headers: {}, data: 'oops' }),
    )
    await expect(client.send(authApi.me)).rejects.toMatchObject({ code: 'INTERNAL', status: 502, message: UNAVAILABLE_MESSAGE })
    await expect(client.send(authApi.me)).rejects.toMatchObject({ message: UNAVAILABLE_MESSAGE })
    await expect(client.send(authApi.me)).rejects.toMatchObject({ status: 503, message: '数据库维护中，请稍后再试' })
    await expect(client.send(authApi.me)).rejects.toMatchObject({ status: 400, message: UNAVAILABLE_MESSAGE })
  })

  it('uploads through the same header, renewal and error path', async () => {
    const { transport, client, state } = setup()
    transport.reply(() => json(200, sampleMe, { 'x-session-token': 'tok-3' }))
    await client.upload(authApi.uploadAvatar, { filePath: 'wxfile://tmp/a.jpg' })
    expect(transport.requests[0]).toMatchObject({ url: '/api/me/avatar', name: 'file', filePath: 'wxfile://tmp/a.jpg', headers: { authorization: 'Bearer tok-1' } })
    expect(state.token).toBe('tok-3')
  })
})
