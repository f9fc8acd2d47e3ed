/**
 * Signed file links are bearer credentials while they live: the request log and the error log must never carry
 * their `sig=`, nor the Authorization header. The app's log stream is captured line by line.
 */
import { databases, useDatabase } from './harness'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

describe.each(databases())('log redaction on %s', (target) => {
  const h = useDatabase(target)

  it('no log line carries the sig of a file link or the bearer token', async () => {
    const lines: string[] = []
    const app = await h.app(
      { LOG_LEVEL: 'info' },
      {
        logStream: { write: (line: string) => void lines.push(line) },
        extend: (a) => {
          // an unexpected failure on a URL with a signature: the error log must not carry it either
          a.get('/api/test-only/fail', async (request) => {
            throw new Error(`could not read ${request.url}`)
          })
        },
      },
    )
    const token = await app.login('member')
    const fd = new FormData()
    fd.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'me.png')
    const url: string = (await app.request('POST', '/api/me/avatar', { token, raw: fd })).body.avatarUrl
    const sig = new URL(url, app.baseUrl).searchParams.get('sig')!
    expect(sig.length).toBeGreaterThan(20)

    expect((await app.request('GET', url)).status).toBe(200)
    const tampered = url.replace(`sig=${sig}`, `sig=${sig.slice(0, -3)}AAA`)
    expect((await app.request('GET', tampered)).status).toBe(403)
    expect((await app.request('GET', `/api/test-only/fail?exp=1&sig=${sig}`, { token })).status).toBe(500)
    await app.close()

    const log = lines.join('')
    expect(log).toContain('/api/files/') // the requests are logged…
    expect(log).toContain('sig=<redacted>') // …without their signature
    expect(log).toContain('could not read /api/test-only/fail?exp=1&sig=<redacted>')
    expect(log).not.toContain(sig)
    expect(log).not.toContain(sig.slice(0, -3))
    expect(log).not.toContain(token)
    expect(log).not.toContain(token.split('.')[1])
  })
})
