/** Health, the error shape and the HTTP-level failures every endpoint shares. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { databases, useDatabase } from './harness'

describe.each(databases())('HTTP basics on %s', (target) => {
  const h = useDatabase(target)

  it('GET /api/health reports the database and a request id', async () => {
    const app = await h.app()
    const res = await app.request('GET', '/api/health')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ status: 'ok', database: target.name, version: expect.any(String) })
    expect(new Date(res.body.time).toString()).not.toBe('Invalid Date')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const again = await app.request('GET', '/api/health', { headers: { 'x-request-id': 'trace-123' } })
    expect(again.headers.get('x-request-id')).toBe('trace-123')
  })

  it('malformed JSON → 400 INVALID_JSON', async () => {
    const app = await h.app()
    const res = await app.request('POST', '/api/auth/dev-login', {
      raw: '{"persona": "member",',
      headers: { 'content-type': 'application/json' },
    })
    expect(res.status).toBe(400)
    expect(res.body).toEqual({ code: 'INVALID_JSON', reason: 'INVALID_JSON', message: '请求内容不是有效的 JSON', requestId: expect.any(String) })
    expect(res.body.requestId).toBe(res.headers.get('x-request-id'))
  })

  it('wrong types → 400 VALIDATION with a Chinese message per field', async () => {
    const app = await h.app()
    const res = await app.request('POST', '/api/auth/dev-login', { body: { persona: 42 } })
    expect(res.status).toBe(400)
    expect(res.body.code).toBe('VALIDATION')
    expect(Object.keys(res.body.fields)).toEqual(['persona'])
    expect(res.body.fields.persona).toMatch(/[\u4e00-\u9fa5]/)
    const token = await app.login('member')
    const long = await app.request('PATCH', '/api/me', { token, body: { nickname: '很'.repeat(21) } })
    expect(long.status).toBe(400)
    expect(long.body).toMatchObject({ code: 'VALIDATION', fields: { nickname: '昵称最多 20 个字' }, message: '昵称最多 20 个字' })
    const noBody = await app.request('POST', '/api/auth/dev-login')
    expect(noBody.status).toBe(400)
    expect(noBody.body.code).toBe('VALIDATION')
    expect(noBody.body.message).toMatch(/^请求参数有误/)
    const missing = await app.request('POST', '/api/auth/dev-login', { body: {} })
    expect(missing.status).toBe(400)
    expect(missing.body.fields.persona).toMatch(/[\u4e00-\u9fa5]/)
  })

  it('a body over 1 MiB → 413 PAYLOAD_TOO_LARGE', async () => {
    const app = await h.app()
    const res = await app.request('POST', '/api/auth/dev-login', { body: { persona: 'x'.repeat(1024 * 1024 + 10) } })
    expect(res.status).toBe(413)
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '请求内容过大' })
  })

  it('an unsupported content type → 415', async () => {
    const app = await h.app()
    for (const type of ['text/plain', 'application/xml']) {
      const res = await app.request('POST', '/api/auth/dev-login', { raw: 'persona=member', headers: { 'content-type': type } })
      expect(res.status).toBe(415)
      expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', message: '不支持的请求内容类型' })
    }
  })

  it('an unknown /api route → 404 JSON', async () => {
    const app = await h.app()
    for (const [method, url] of [['GET', '/api/nope'], ['POST', '/api/auth/nope'], ['DELETE', '/api/me']]) {
      const res = await app.request(method, url)
      expect(res.status).toBe(404)
      expect(res.headers.get('content-type')).toMatch(/application\/json/)
      expect(res.body).toMatchObject({ code: 'NOT_FOUND', message: '接口不存在' })
    }
  })

  it('too many logins from one address → 429 RATE_LIMITED', async () => {
    const app = await h.app({ AUTH_RATE_LIMIT_PER_MIN: '3' })
    for (let i = 0; i < 3; i++) {
      expect((await app.request('POST', '/api/auth/dev-login', { body: { persona: 'gig' } })).status).toBe(200)
    }
    const res = await app.request('POST', '/api/auth/dev-login', { body: { persona: 'gig' } })
    expect(res.status).toBe(429)
    expect(res.body.code).toBe('RATE_LIMITED')
    expect(res.body.message).toMatch(/^操作太频繁，请 \d+ 秒后再试$/)
    expect(res.headers.get('retry-after')).toBeTruthy()
    // other routes keep the app-wide limit
    expect((await app.request('GET', '/api/health')).status).toBe(200)
  })

  it('an unexpected error → 500 INTERNAL, logged, without details', async () => {
    const app = await h.app({}, {
      extend: (a) => {
        a.get('/api/test-only/boom', async () => {
          throw new Error('secret stack detail')
        })
      },
    })
    const res = await app.request('GET', '/api/test-only/boom')
    expect(res.status).toBe(500)
    expect(res.body).toEqual({ code: 'INTERNAL', reason: 'INTERNAL', message: '服务器开小差了，请稍后再试', requestId: expect.any(String) })
    expect(res.text).not.toContain('secret')
  })

  it('serves STATIC_DIR with an SPA fallback, but never for /api', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ums-static-'))
    await writeFile(path.join(dir, 'index.html'), '<!doctype html><title>工会</title>')
    await writeFile(path.join(dir, 'app.js'), 'console.log(1)')
    const app = await h.app({ STATIC_DIR: dir })
    const index = await app.request('GET', '/')
    expect(index.status).toBe(200)
    expect(index.text).toContain('<title>工会</title>')
    expect((await app.request('GET', '/app.js')).text).toBe('console.log(1)')
    const deep = await app.request('GET', '/pages/me/index?x=1')
    expect(deep.status).toBe(200)
    expect(deep.text).toContain('<title>工会</title>')
    const api = await app.request('GET', '/api/unknown')
    expect(api.status).toBe(404)
    expect(api.body.code).toBe('NOT_FOUND')
    expect((await app.request('GET', '/api/health')).body.status).toBe('ok')
    await rm(dir, { recursive: true, force: true })
  })
})
