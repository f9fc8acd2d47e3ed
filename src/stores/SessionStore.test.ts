import { RootStore } from './RootStore'
import { SESSION_STORAGE_KEY, SESSION_EXPIRED_MESSAGE, type AuthAdapter } from './SessionStore'
import { MemoryStorage } from './storage'
import { FakeTransport, json, sampleMe, sampleSession } from '../test/fakes'

const NOW = Date.parse('2025-06-01T00:00:00Z')

function setup(method: AuthAdapter['method'] = 'none', storage = new MemoryStorage()) {
  const transport = new FakeTransport()
  let codes = 0
  const auth: AuthAdapter = {
    method,
    getCode: async () => `code-${++codes}`,
  }
  const root = new RootStore({ transport, storage, auth, now: () => NOW })
  return { root, session: root.session, transport, storage }
}

function saved(storage: MemoryStorage) {
  const raw = storage.getItem(SESSION_STORAGE_KEY)
  return raw ? JSON.parse(raw) : null
}

describe('SessionStore', () => {
  it('starts unknown and restores to anonymous with empty storage', () => {
    const { root, session, transport } = setup()
    expect(session.status).toBe('unknown')
    root.start()
    expect(session.status).toBe('anonymous')
    expect(transport.requests).toHaveLength(0)
  })

  it('devLogin stores the session, persists it and exposes roles', async () => {
    const { session, transport, storage } = setup()
    transport.reply(() => json(200, sampleSession('tok-a')))
    await session.devLogin('member')
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/auth/dev-login', data: { persona: 'member' } })
    expect(session.status).toBe('authenticated')
    expect(session.token).toBe('tok-a')
    expect(session.me?.nickname).toBe('李晓梅')
    expect(session.hasRole('member')).toBe(true)
    expect(session.hasRole('admin')).toBe(false)
    expect(session.isMember).toBe(true)
    expect(session.roleTags.map((t) => t.text)).toEqual(['会员 · 星河物流有限公司工会'])
    expect(saved(storage)).toMatchObject({ token: 'tok-a', me: { nickname: '李晓梅' }, via: { kind: 'persona', persona: 'member' } })
  })

  it('wechat login sends the wx.login code; cloud login sends no body', async () => {
    const wx = setup('wechat')
    wx.transport.reply(() => json(200, sampleSession('tok-w')))
    await wx.session.login()
    expect(wx.transport.requests[0]).toMatchObject({ url: '/api/auth/wechat-login', data: { code: 'code-1' } })
    expect(wx.session.token).toBe('tok-w')

    const cloud = setup('cloud')
    cloud.transport.reply(() => json(200, sampleSession('tok-c')))
    await cloud.session.login()
    expect(cloud.transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/auth/cloud-login', data: undefined })
    expect(cloud.session.status).toBe('authenticated')
  })

  it('a failed login keeps the user anonymous and surfaces the server message', async () => {
    const { root, session, transport } = setup('wechat')
    root.start()
    transport.reply(() => json(400, { reason: 'WECHAT_CODE_INVALID', message: '微信登录凭证已失效，请重试' }))
    await expect(session.login()).rejects.toMatchObject({ message: '微信登录凭证已失效，请重试' })
    expect(session.status).toBe('anonymous')
  })

  it('restores a saved session from storage and refreshes the profile in the background', async () => {
    const storage = new MemoryStorage()
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 'tok-s', expiresAt: '2025-07-01T00:00:00Z', me: sampleMe, via: { kind: 'persona', persona: 'member' } }))
    const { root, session, transport } = setup('none', storage)
    transport.reply(() => json(200, { ...sampleMe, nickname: '李晓梅（新）' }))
    root.start()
    expect(session.status).toBe('authenticated')
    expect(session.me?.nickname).toBe('李晓梅')
    await new Promise((r) => setTimeout(r, 0))
    expect(transport.requests[0]).toMatchObject({ url: '/api/me', headers: { authorization: 'Bearer tok-s' } })
    expect(session.me?.nickname).toBe('李晓梅（新）')
    expect(saved(storage).me.nickname).toBe('李晓梅（新）')
  })

  it('drops an expired or corrupt saved session', () => {
    const storage = new MemoryStorage()
    storage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ token: 'old', expiresAt: '2025-05-01T00:00:00Z', me: sampleMe, via: { kind: 'wechat' } }))
    const a = setup('none', storage)
    a.root.start()
    expect(a.session.status).toBe('anonymous')
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull()

    storage.setItem(SESSION_STORAGE_KEY, '{not json')
    const b = setup('none', storage)
    b.root.start()
    expect(b.session.status).toBe('anonymous')
  })

  it('logout tells the server, clears memory and storage', async () => {
    const { session, transport, storage } = setup()
    transport.reply(() => json(200, sampleSession('tok-a')), () => json(200, { ok: true }))
    await session.devLogin('member')
    await session.logout()
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/auth/logout', headers: { authorization: 'Bearer tok-a' } })
    expect(session.status).toBe('anonymous')
    expect(session.token).toBeNull()
    expect(session.me).toBeNull()
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull()
  })

  it('logout works offline too', async () => {
    const { session, transport } = setup()
    transport.reply(() => json(200, sampleSession('tok-a')), () => {
      throw new Error('offline')
    })
    await session.devLogin('member')
    await session.logout()
    expect(session.status).toBe('anonymous')
  })

  it('keeps a renewed token and persists it', async () => {
    const { session, transport, storage } = setup()
    transport.reply(() => json(200, sampleSession('tok-a')), () => json(200, sampleMe, { 'x-session-token': 'tok-b' }))
    await session.devLogin('member')
    await session.refreshMe()
    expect(session.token).toBe('tok-b')
    expect(saved(storage).token).toBe('tok-b')
  })

  it('relogs in the same way on 401 (wechat: fresh code) and retries', async () => {
    const { session, transport } = setup('wechat')
    transport.reply(
      () => json(200, sampleSession('tok-1')),
      () => json(401, { code: 'SESSION_EXPIRED', message: '登录已过期' }),
      () => json(200, sampleSession('tok-2')),
      () => json(200, sampleMe),
    )
    await session.login()
    await session.refreshMe()
    expect(transport.requests.map((r) => r.url)).toEqual(['/api/auth/wechat-login', '/api/me', '/api/auth/wechat-login', '/api/me'])
    expect((transport.requests[2] as { data: unknown }).data).toEqual({ code: 'code-2' })
    expect(session.token).toBe('tok-2')
    expect(session.status).toBe('authenticated')
  })

  it('ends the session with a notice when the server refuses it after relogin', async () => {
    const { session, transport, storage } = setup()
    transport.reply(
      () => json(200, sampleSession('tok-1')),
      () => json(401, { code: 'SESSION_EXPIRED', message: '登录已过期' }),
      () => json(403, { reason: 'LOGIN_MODE_DISABLED', message: '演示登录已关闭' }),
    )
    await session.devLogin('member')
    await expect(session.refreshMe()).rejects.toMatchObject({ status: 401 })
    expect(session.status).toBe('anonymous')
    expect(session.notice).toBe(SESSION_EXPIRED_MESSAGE)
    expect(storage.getItem(SESSION_STORAGE_KEY)).toBeNull()
  })

  it('updateNickname sends PATCH /api/me and keeps the server copy', async () => {
    const { session, transport } = setup()
    transport.reply(() => json(200, sampleSession('tok-1')), () => json(200, { ...sampleMe, nickname: '小梅' }))
    await session.devLogin('member')
    await session.updateNickname('  小梅 ')
    expect(transport.requests[1]).toMatchObject({ method: 'PATCH', url: '/api/me', data: { nickname: '小梅' } })
    expect(session.me?.nickname).toBe('小梅')
  })
})
