/**
 * How the H5 build is served (STATIC_DIR): its text assets compressed (the build's pre-compressed .br/.gz siblings,
 * negotiated by Accept-Encoding), hashed assets cached for a year, index.html and the SPA fallback revalidated every
 * time, and loading the app never spends the API rate limit. A tiny fake build stands in for dist-h5.
 */
import http from 'node:http'
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { precompressDir } from '../../scripts/lib/precompress'
import { databases, useDatabase, type TestApp } from './harness'

const BUNDLE = `/* app bundle */\n${Array.from({ length: 400 }, (_, i) => `export const label${i} = '工会会员服务 ${i}';`).join('\n')}\n`
const INDEX = `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>工会</title><script defer src="/js/app.1a2b3c4d.js"></script></head><body><div id="app"></div>${'<!-- padding -->'.repeat(80)}</body></html>`

interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

/** A GET whose body is not decoded (fetch would undo the Content-Encoding we are checking). */
function rawGet(app: TestApp, url: string, headers: Record<string, string> = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.get(app.baseUrl + url, { headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (c: Buffer) => chunks.push(c))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }))
      res.on('error', reject)
    })
    req.on('error', reject)
  })
}

describe.each(databases())('serving the H5 app on %s', (target) => {
  const h = useDatabase(target)
  let dir = ''
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'ums-static-'))
    await mkdir(path.join(dir, 'js'))
    await writeFile(path.join(dir, 'index.html'), INDEX)
    await writeFile(path.join(dir, 'js', 'app.1a2b3c4d.js'), BUNDLE)
    await writeFile(path.join(dir, 'js', 'app.1a2b3c4d.js.LICENSE.txt'), 'MIT')
    precompressDir(dir)
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('sends brotli or gzip as the browser accepts, with Content-Encoding and Vary, decoding to the file', async () => {
    const app = await h.app({ STATIC_DIR: dir })
    const br = await rawGet(app, '/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip, deflate, br' })
    expect(br.status).toBe(200)
    expect(br.headers['content-encoding']).toBe('br')
    expect(br.headers['content-type']).toMatch(/javascript/)
    expect(br.headers.vary).toMatch(/accept-encoding/i)
    expect(br.body.length).toBeLessThan(Buffer.byteLength(BUNDLE) / 4)
    expect(brotliDecompressSync(br.body).toString()).toBe(BUNDLE)

    const gz = await rawGet(app, '/js/app.1a2b3c4d.js', { 'accept-encoding': 'gzip' })
    expect(gz.headers['content-encoding']).toBe('gzip')
    expect(gz.headers.vary).toMatch(/accept-encoding/i)
    expect(gunzipSync(gz.body).toString()).toBe(BUNDLE)

    const plain = await rawGet(app, '/js/app.1a2b3c4d.js')
    expect(plain.headers['content-encoding']).toBeUndefined()
    expect(plain.headers.vary).toMatch(/accept-encoding/i) // a shared cache must not hand this to a br client either
    expect(plain.body.toString()).toBe(BUNDLE)

    // the page itself, at / and as the SPA fallback of a deep link
    for (const url of ['/', '/index.html', '/pages/mine/index?x=1']) {
      const page = await rawGet(app, url, { 'accept-encoding': 'br' })
      expect(page.status).toBe(200)
      expect(page.headers['content-encoding']).toBe('br')
      expect(page.headers['content-type']).toMatch(/text\/html/)
      expect(brotliDecompressSync(page.body).toString()).toBe(INDEX)
    }
  })

  it('hashed assets are cached for a year; index.html and the SPA fallback are revalidated every time', async () => {
    const app = await h.app({ STATIC_DIR: dir })
    for (const enc of ['br', 'gzip', 'identity']) {
      const asset = await rawGet(app, '/js/app.1a2b3c4d.js', { 'accept-encoding': enc })
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
      for (const url of ['/', '/index.html', '/pages/mine/index']) {
        const page = await rawGet(app, url, { 'accept-encoding': enc })
        expect(page.headers['cache-control']).toBe('no-cache')
      }
    }
    // a file without a content hash in its name may change under it
    expect((await rawGet(app, '/js/app.1a2b3c4d.js.LICENSE.txt')).headers['cache-control']).toBe('no-cache')
  })

  it('400 requests for the app from one address are all served; only /api counts against the limit', async () => {
    const withStatic = await h.app({ STATIC_DIR: dir, RATE_LIMIT_PER_MIN: '5' })
    const urls = ['/', '/js/app.1a2b3c4d.js', '/pages/mine/index', '/index.html']
    const statuses: number[] = []
    for (let i = 0; i < 400; i++) statuses.push((await withStatic.request('GET', urls[i % urls.length])).status)
    expect(statuses.filter((s) => s !== 200)).toEqual([])
    // the API still has its whole budget, and its limit still holds
    const api: number[] = []
    for (let i = 0; i < 6; i++) api.push((await withStatic.request('GET', '/api/health')).status)
    expect(api).toEqual([200, 200, 200, 200, 200, 429])
    expect((await withStatic.request('GET', '/api/unknown')).status).toBe(429)
    // …and once it is spent, the app itself still loads
    expect((await withStatic.request('GET', '/js/app.1a2b3c4d.js')).status).toBe(200)
    expect((await withStatic.request('GET', '/pages/me/index')).status).toBe(200)
  })
})
