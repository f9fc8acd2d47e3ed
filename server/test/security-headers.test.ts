/**
 * Security headers: the H5 app gets a Content-Security-Policy that allows exactly its own scripts (plus the hash of
 * its inline snippet), API answers and uploaded files a policy under which nothing runs; nobody may frame us;
 * nosniff and Referrer-Policy everywhere; HSTS only over HTTPS.
 */
import { createHash } from 'node:crypto'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { databases, useDatabase } from './harness'

const INLINE = '!function(n){n.document.documentElement.style.fontSize="20px"}(window);'
const INLINE_HASH = `'sha256-${createHash('sha256').update(INLINE).digest('base64')}'`
const TABBAR_HREF_HASH = `'sha256-${createHash('sha256').update('javascript:;').digest('base64')}'`

function directives(csp: string | null): Map<string, string> {
  return new Map((csp ?? '').split(';').map((d) => d.trim()).filter(Boolean).map((d) => [d.split(/\s+/)[0], d.split(/\s+/).slice(1).join(' ')]))
}

describe.each(databases())('security headers on %s', (target) => {
  const h = useDatabase(target)
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ums-csp-'))
    await writeFile(
      path.join(dir, 'index.html'),
      `<!doctype html><html><head><script>${INLINE}</script><script defer src="/js/app.js"></script></head><body><div id="app"></div></body></html>`,
    )
    await writeFile(path.join(dir, 'app.js'), 'console.log(1)')
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  const common = (headers: Headers) => {
    expect(headers.get('x-content-type-options')).toBe('nosniff')
    expect(headers.get('referrer-policy')).toBe('no-referrer')
    expect(headers.get('x-frame-options')).toBe('DENY')
    expect(directives(headers.get('content-security-policy')).get('frame-ancestors')).toBe("'none'")
  }

  it('the H5 app: scripts from its origin and its inline snippet by hash, no framing', async () => {
    const app = await h.app({ STATIC_DIR: dir })
    for (const url of ['/', '/pages/mine/index']) {
      const res = await app.request('GET', url)
      expect(res.status).toBe(200)
      common(res.headers)
      const csp = directives(res.headers.get('content-security-policy'))
      expect(csp.get('default-src')).toBe("'self'")
      // Taro's tab bar links are `javascript:;`: allowed by their hash alone ('unsafe-hashes' allows nothing else)
      expect(csp.get('script-src')).toBe(`'self' ${INLINE_HASH} 'unsafe-hashes' ${TABBAR_HREF_HASH}`)
      expect(csp.get('script-src')).not.toMatch(/unsafe-(inline|eval)/)
      expect(csp.get('connect-src')).toBe("'self' blob:")
      expect(csp.get('object-src')).toBe("'none'")
      expect(csp.get('base-uri')).toBe("'self'")
      expect(res.headers.get('permissions-policy')).toMatch(/microphone=\(\)/)
      expect(res.headers.get('strict-transport-security')).toBeNull() // plain HTTP
    }
    // a revalidation (304, no content type) carries the same policy: the browser keeps the 304's headers
    for (const url of ['/', '/pages/mine/index']) {
      const first = await app.request('GET', url)
      const again = await fetch(app.baseUrl + url, {
        // (fetch itself would add `cache-control: no-cache` to a conditional request, which forces a 200)
        headers: { 'if-none-match': first.headers.get('etag')!, 'cache-control': 'max-age=0' },
      })
      expect(again.status).toBe(304)
      expect(again.headers.get('content-security-policy')).toBe(first.headers.get('content-security-policy'))
    }
  })

  it('API answers and uploaded files: nothing may run or load', async () => {
    const app = await h.app()
    for (const res of [await app.request('GET', '/api/health'), await app.request('GET', '/api/me'), await app.request('GET', '/api/nope')]) {
      common(res.headers)
      expect(directives(res.headers.get('content-security-policy')).get('default-src')).toBe("'none'")
    }
    const token = await app.login('member')
    const fd = new FormData()
    fd.append('file', new Blob([new Uint8Array(Buffer.from('%PDF-1.4\n%%EOF\n'))], { type: 'application/pdf' }), 'a.pdf')
    const up = await app.request('POST', '/api/relief/files', { token, raw: fd })
    const file = await fetch(app.baseUrl + up.body.url)
    expect(file.status).toBe(200)
    common(file.headers)
    const csp = directives(file.headers.get('content-security-policy'))
    expect(csp.get('default-src')).toBe("'none'")
    expect(csp.has('script-src')).toBe(false)
  })

  it('HSTS only when the request came over HTTPS through a trusted proxy', async () => {
    const direct = await h.app()
    expect((await direct.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')).toBeNull()
    const proxied = await h.app({ TRUST_PROXY: '1' })
    expect((await proxied.request('GET', '/api/health')).headers.get('strict-transport-security')).toBeNull()
    const hsts = (await proxied.request('GET', '/api/health', { headers: { 'x-forwarded-proto': 'https' } })).headers.get('strict-transport-security')
    expect(hsts).toMatch(/^max-age=\d{7,}/)
  })
})
