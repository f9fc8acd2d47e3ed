/**
 * FILE_STORE=s3: uploads go to an S3-compatible object store as signed requests (checked by the fake store, which
 * recomputes AWS Signature V4 itself), are served back through the app's own signed links by any instance, removed
 * from the bucket when replaced or swept; a store that refuses the signature fails the upload without a row.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { count, eq } from 'drizzle-orm'
import { databases, startTestApp, useDatabase } from './harness'
import { startFakeS3, type FakeS3 } from './fake-s3'
import { fileBlobs, files } from '../src/db/schema'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const HOUR = 3600 * 1000

function form(bytes: Buffer, filename = 'photo.png', type = 'image/png'): FormData {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(bytes)], { type }), filename)
  return fd
}

describe.each(databases())('uploads in an S3-compatible store on %s', (target) => {
  const h = useDatabase(target)
  let s3: FakeS3
  const dirs: string[] = []
  beforeAll(async () => {
    s3 = await startFakeS3()
  })
  afterAll(async () => {
    await s3.close()
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  })

  it('stores the avatar as a signed PUT, serves it from another instance, deletes the old object when replaced', async () => {
    const a = await h.app(s3.env())
    const token = await a.login('member')
    const up = await a.request('POST', '/api/me/avatar', { token, raw: form(PNG) })
    expect(up.status).toBe(200)
    const id = decodeURIComponent(up.body.avatarUrl.split('/api/files/')[1].split('?')[0])

    const put = s3.calls.find((c) => c.method === 'PUT')!
    expect(put).toMatchObject({ status: 200, key: `union/uploads/${id}` })
    expect(put.signedHeaders).toEqual(expect.arrayContaining(['host', 'x-amz-content-sha256', 'x-amz-date']))
    expect(put.payloadHash).toMatch(/^[0-9a-f]{64}$/) // the payload itself is signed, not UNSIGNED-PAYLOAD
    expect(s3.objects.get(`union/uploads/${id}`)).toMatchObject({ bytes: PNG, contentType: 'image/png' })
    const [row] = await h.database.db.select().from(files).where(eq(files.id, id))
    expect(row).toMatchObject({ storage: 's3', storedName: id, attachedAt: expect.any(Date) })
    expect(await h.database.db.select().from(fileBlobs).where(eq(fileBlobs.fileId, id))).toEqual([])

    // another instance (its own container folder) on the same database serves it through the signed link
    const otherDir = await mkdtemp(path.join(os.tmpdir(), 'ums-s3-b-'))
    dirs.push(otherDir)
    const b = await startTestApp(h.database, otherDir, s3.env())
    try {
      const res = await fetch(b.baseUrl + up.body.avatarUrl)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('image/png')
      expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)
    } finally {
      await b.close()
    }

    const again = await a.request('POST', '/api/me/avatar', { token, raw: form(PNG, 'new.png') })
    expect(again.status).toBe(200)
    expect(s3.objects.has(`union/uploads/${id}`)).toBe(false)
    expect(s3.calls.filter((c) => c.method === 'DELETE' && c.key === `union/uploads/${id}`)).toEqual([
      expect.objectContaining({ status: 204 }),
    ])
    expect((await a.request('GET', up.body.avatarUrl)).status).toBe(404)
  })

  it('a store that refuses our signature fails the upload (500, no row, nothing stored)', async () => {
    const app = await h.app(s3.env({ S3_SECRET_ACCESS_KEY: 'not-the-secret' }))
    const token = await app.login('gig')
    const before = s3.objects.size
    const fileCount = async () => (await h.database.db.select({ n: count() }).from(files))[0].n
    const n = await fileCount()
    const res = await app.request('POST', '/api/relief/files', { token, raw: form(PNG) })
    expect(res.status).toBe(500)
    expect(res.body).toMatchObject({ code: 'INTERNAL', message: '服务器开小差了，请稍后再试' })
    expect(s3.calls.at(-1)).toMatchObject({ method: 'PUT', status: 403 })
    expect(s3.objects.size).toBe(before)
    expect(await fileCount()).toBe(n)
  })

  it('the sweep removes unattached uploads from the bucket after 24 hours', async () => {
    let clock = Date.now()
    const app = await h.app(s3.env(), { now: () => clock })
    const token = await app.login('member')
    const res = await app.request('POST', '/api/events/uploads', { token, raw: form(PNG) })
    expect(res.status).toBe(200)
    const key = `union/uploads/${res.body.id}`
    expect(s3.objects.has(key)).toBe(true)
    clock += 23 * HOUR
    await app.app.deps.files.sweep(app.app.deps.db)
    expect(s3.objects.has(key)).toBe(true)
    clock += 2 * HOUR
    const { removed } = await app.app.deps.files.sweep(app.app.deps.db)
    expect(removed).toBeGreaterThanOrEqual(1)
    expect(s3.objects.has(key)).toBe(false)
    expect(await h.database.db.select().from(files).where(eq(files.id, res.body.id))).toEqual([])
  })
})
