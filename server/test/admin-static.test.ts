/**
 * The office console's build (ADMIN_DIR) at /admin, beside the H5 app: its hashed assets (Vite's `assets/`) cached
 * for a year, index.html and the console's own routes (SPA fallback) revalidated, a missing asset a 404 (never the
 * page), brotli by Accept-Encoding, and none of it counted against the API rate limit. Tiny fake builds stand in.
 */
import http from 'node:http'
import { brotliDecompressSync } from 'node:zlib'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { precompressDir } from '../../scripts/lib/precompress'
import { databases, useDatabase, type TestApp } from './harness'

const H5_INDEX = '<!doctype html><html><head><title>H5</title></head><body>h5 app</body></html>'
const ADMIN_INDEX = `<!doctype html><html lang="zh-CN"><head><title>工会工作台</title><script type="module" src="/admin/assets/index-B44uWveW.js"></script></head><body><div id="root"></div>${'<!-- pad -->'.repeat(100)}</body></html>`
const ADMIN_JS = `/* console */\n${Array.from({ length: 300 }, (_, i) => `export const x${i} = '工作台 ${i}';`).join('\n')}\n`

function rawGet(app: TestApp, url: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(app.baseUrl + url, { headers }, (res) => {
        const chunks: Buffer[] = []
        res.on('data', (c: Buffer) => chunks.push(c))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
        res.on('error', reject)
      })
      .on('error', reject)
  })
}

describe.each(databases())('serving the office console on %s', (target) => {
  const h = useDatabase(target)
  let h5 = ''
  let admin = ''
  beforeAll(async () => {
    h5 = await mkdtemp(path.join(os.tmpdir(), 'ums-h5-'))
    admin = await mkdtemp(path.join(os.tmpdir(), 'ums-admin-'))
    await writeFile(path.join(h5, 'index.html'), H5_INDEX)
    await mkdir(path.join(admin, 'assets'))
    await writeFile(path.join(admin, 'index.html'), ADMIN_INDEX)
    await writeFile(path.join(admin, 'assets', 'index-B44uWveW.js'), ADMIN_JS)
    precompressDir(admin)
  })
  afterAll(async () => {
    await rm(h5, { recursive: true, force: true })
    await rm(admin, { recursive: true, force: true })
  })

  it('serves the console at /admin: assets immutable and compressed, pages and deep links no-cache, the H5 app untouched', async () => {
    const app = await h.app({ STATIC_DIR: h5, ADMIN_DIR: admin })
    const js = await rawGet(app, '/admin/assets/index-B44uWveW.js', { 'accept-encoding': 'br, gzip' })
    expect(js.status).toBe(200)
    expect(js.headers['content-encoding']).toBe('br')
    expect(js.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(brotliDecompressSync(js.body).toString()).toBe(ADMIN_JS)

    for (const url of ['/admin', '/admin/', '/admin/index.html', '/admin/audit', '/admin/relief/12?tab=docs']) {
      const page = await rawGet(app, url, { 'accept-encoding': 'identity' })
      expect({ url, status: page.status }).toEqual({ url, status: 200 })
      expect(page.headers['content-type']).toMatch(/text\/html/)
      expect(page.headers['cache-control']).toBe('no-cache')
      expect(page.body.toString()).toBe(ADMIN_INDEX)
    }
    // a missing asset is a 404, not the page (a stale tab must not run HTML as a script)
    expect((await rawGet(app, '/admin/assets/gone-12345678.js')).status).toBe(404)
    // the H5 app keeps / and its own fallback
    expect((await rawGet(app, '/')).body.toString()).toBe(H5_INDEX)
    expect((await rawGet(app, '/pages/mine/index')).body.toString()).toBe(H5_INDEX)
    expect((await rawGet(app, '/administration')).body.toString()).toBe(H5_INDEX)
  })

  it('works without the H5 build too, and loading the console never spends the API rate limit', async () => {
    const app = await h.app({ ADMIN_DIR: admin, RATE_LIMIT_PER_MIN: '3' })
    const statuses: number[] = []
    for (let i = 0; i < 60; i++) statuses.push((await app.request('GET', i % 2 ? '/admin/assets/index-B44uWveW.js' : '/admin/queue')).status)
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    const api: number[] = []
    for (let i = 0; i < 4; i++) api.push((await app.request('GET', '/api/health')).status)
    expect(api).toEqual([200, 200, 200, 429])
    expect((await app.request('GET', '/admin/dashboard')).status).toBe(200)
  })
})
