/**
 * Rate limits behind a gateway: every request of these tests comes from 127.0.0.1, as every request behind the
 * WeChat Cloud Hosting gateway comes from the gateway. Logged-in users are counted each on their own; without a
 * valid token the client address counts, and a forwarded-address header only when TRUST_PROXY says the peer is
 * a proxy we trust. Logins stay per address.
 */
import { databases, useDatabase, type TestApp } from './harness'

const ok = (status: number) => status !== 429

async function statuses(app: TestApp, n: number, headers: Record<string, string> = {}, token?: string, url = '/api/health') {
  const out: number[] = []
  for (let i = 0; i < n; i++) out.push((await app.request('GET', url, { headers, token })).status)
  return out
}

describe.each(databases())('rate limits on %s', (target) => {
  const h = useDatabase(target)

  it('two users behind the same address get separate buckets; a forged token counts for the address', async () => {
    const app = await h.app({ RATE_LIMIT_PER_MIN: '3' })
    const a = await app.login('member')
    const b = await app.login('gig')
    expect(await statuses(app, 3, {}, a, '/api/me')).toEqual([200, 200, 200])
    const limited = await app.request('GET', '/api/me', { token: a })
    expect(limited.status).toBe(429)
    expect(limited.body).toMatchObject({ code: 'RATE_LIMITED', message: expect.stringMatching(/^操作太频繁，请 \d+ 秒后再试$/) })
    // b is not a's bucket, nor the address's
    expect(await statuses(app, 3, {}, b, '/api/me')).toEqual([200, 200, 200])
    expect((await app.request('GET', '/api/me', { token: b })).status).toBe(429)
    // anonymous requests from the same address have their own (address) bucket…
    expect((await statuses(app, 3)).every(ok)).toBe(true)
    expect((await app.request('GET', '/api/health')).status).toBe(429)
    // …which a forged or garbage token does not escape
    const [body, sig] = a.split('.')
    const forged = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(body, 'base64url').toString()), uid: 999999 })).toString('base64url')
    expect((await app.request('GET', '/api/health', { token: `${forged}.${sig}` })).status).toBe(429)
    expect((await app.request('GET', '/api/health', { token: 'garbage' })).status).toBe(429)
  })

  it('without TRUST_PROXY a client cannot pick its bucket with X-Forwarded-For or the gateway header', async () => {
    const app = await h.app({ RATE_LIMIT_PER_MIN: '3' })
    const spoofed = ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']
    const got: number[] = []
    for (const ip of spoofed) {
      got.push((await app.request('GET', '/api/health', { headers: { 'x-forwarded-for': ip, 'x-original-forwarded-for': ip } })).status)
    }
    expect(got).toEqual([200, 200, 200, 429])
  })

  it('TRUST_PROXY naming other addresses: our peer is not trusted, its headers are ignored', async () => {
    const app = await h.app({ RATE_LIMIT_PER_MIN: '3', TRUST_PROXY: '10.9.9.9,192.168.0.0/16', CLIENT_IP_HEADER: 'x-original-forwarded-for' })
    const got: number[] = []
    for (const ip of ['203.0.113.1', '203.0.113.2', '203.0.113.3', '203.0.113.4']) {
      got.push((await app.request('GET', '/api/health', { headers: { 'x-forwarded-for': ip, 'x-original-forwarded-for': ip } })).status)
    }
    expect(got).toEqual([200, 200, 200, 429])
  })

  it('with TRUST_PROXY=1 and the Cloud Hosting header, the gateway header decides the bucket', async () => {
    const app = await h.app({ RATE_LIMIT_PER_MIN: '2', TRUST_PROXY: '1', CLIENT_IP_HEADER: 'x-original-forwarded-for' })
    // X-Forwarded-For names the gateway's own hops: the same for everyone
    const via = (client: string) => ({ 'x-original-forwarded-for': client, 'x-forwarded-for': '100.64.0.7' })
    expect(await statuses(app, 2, via('198.51.100.1'))).toEqual([200, 200])
    expect((await app.request('GET', '/api/health', { headers: via('198.51.100.1') })).status).toBe(429)
    expect(await statuses(app, 2, via('198.51.100.2'))).toEqual([200, 200])
    // a client-made entry in front of the gateway's does not help: the last address is the one the gateway saw
    expect((await app.request('GET', '/api/health', { headers: via('10.0.0.1, 198.51.100.1') })).status).toBe(429)
    // IPv6 clients are counted by their /64
    expect(await statuses(app, 2, via('2001:db8:1:2::a'))).toEqual([200, 200])
    expect((await app.request('GET', '/api/health', { headers: via('2001:db8:1:2:ffff::b') })).status).toBe(429)
  })

  it('with TRUST_PROXY=1 alone, X-Forwarded-For (the last hop) is used', async () => {
    const app = await h.app({ RATE_LIMIT_PER_MIN: '2', TRUST_PROXY: '1' })
    expect(await statuses(app, 2, { 'x-forwarded-for': '198.51.100.9' })).toEqual([200, 200])
    expect((await app.request('GET', '/api/health', { headers: { 'x-forwarded-for': '198.51.100.9' } })).status).toBe(429)
    expect((await app.request('GET', '/api/health', { headers: { 'x-forwarded-for': '198.51.100.10' } })).status).toBe(200)
  })

  it('logins keep their stricter per-address limit, whatever token comes along', async () => {
    const app = await h.app({ AUTH_RATE_LIMIT_PER_MIN: '2' })
    const token = await app.login('member')
    expect((await app.request('POST', '/api/auth/dev-login', { token, body: { persona: 'gig' } })).status).toBe(200)
    const res = await app.request('POST', '/api/auth/dev-login', { token, body: { persona: 'gig' } })
    expect(res.status).toBe(429)
    expect(res.body.code).toBe('RATE_LIMITED')
  })
})
