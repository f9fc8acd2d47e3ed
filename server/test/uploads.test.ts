/* eslint-disable @typescript-eslint/no-explicit-any -- test responses are inspected loosely */
/**
 * Uploads in the database (FILE_STORE=db, the default): shared by every server instance, attached where they become
 * referenced (avatar, event answers, relief documents), swept 24 hours after upload when nobody referenced them,
 * and limited per user per 24 hours.
 */
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { eq, like } from 'drizzle-orm'
import { databases, startTestApp, useDatabase, type TestApp } from './harness'
import { events, fileBlobs, files } from '../src/db/schema'
import { PDF, PNG, VALID, form, start, upload } from './relief-fixtures'
import { uploadCutAtLimit } from './builders/uploads'
import { ANSWER_FILE_MAX_BYTES } from '@contract/events/labels'
import { RELIEF_DOCUMENT_MAX_BYTES } from '@contract/relief/labels'

const HOUR = 3600 * 1000

async function eventUpload(app: TestApp, token: string, bytes: Buffer = PNG) {
  return app.request('POST', '/api/events/uploads', { token, raw: form(bytes, 'cert.png', 'image/png') })
}

describe.each(databases())('uploads on %s', (target) => {
  const h = useDatabase(target)
  const dirs: string[] = []
  afterAll(async () => {
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })))
  })
  const fileRow = async (id: string) => (await h.database.db.select().from(files).where(eq(files.id, id)))[0]

  it('two server instances on one database share uploads: stored through one, served by the other', async () => {
    // Two containers: each its own DATA_DIR (nothing on a local disk is shared), one database.
    const dirA = await mkdtemp(path.join(os.tmpdir(), 'ums-inst-a-'))
    const dirB = await mkdtemp(path.join(os.tmpdir(), 'ums-inst-b-'))
    dirs.push(dirA, dirB)
    const a = await startTestApp(h.database, dirA)
    const b = await startTestApp(h.database, dirB)
    try {
      const token = await a.login('member')
      const up = await a.request('POST', '/api/relief/files', { token, raw: form(PDF, 'bill.pdf', 'application/pdf') })
      expect(up.status).toBe(200)
      const res = await fetch(b.baseUrl + up.body.url)
      expect(res.status).toBe(200)
      expect(res.headers.get('content-type')).toBe('application/pdf')
      expect(Buffer.from(await res.arrayBuffer()).equals(PDF)).toBe(true)
      // and the other way round, with an avatar
      const avatar = await b.request('POST', '/api/me/avatar', { token, raw: form(PNG, 'me.png', 'image/png') })
      expect(avatar.status).toBe(200)
      const back = await fetch(a.baseUrl + avatar.body.avatarUrl)
      expect(back.status).toBe(200)
      expect(Buffer.from(await back.arrayBuffer()).equals(PNG)).toBe(true)
    } finally {
      await a.close()
      await b.close()
    }
  })

  it('uploads nobody attached are swept 24 hours after upload; attached ones stay', async () => {
    let clock = Date.now()
    const app = await h.app({}, { now: () => clock })
    const member = await app.login('member')

    const lonely = (await eventUpload(app, member)).body.id as string
    // an event answer: attached by the registration that names it
    const cert = (await eventUpload(app, member)).body.id as string
    const [forklift] = await h.database.db.select({ id: events.id }).from(events).where(like(events.title, '%叉车%'))
    const reg = await app.request('POST', `/api/events/${forklift.id}/registrations`, {
      token: member,
      body: { answers: { q1: 5, q2: '电动叉车组', q3: [cert] } },
    })
    expect(reg.status).toBe(200)
    // a relief document: attached by the draft that lists it
    const doc = await upload(app, member, PDF, 'bill.pdf', 'application/pdf')
    const draft = await start(app, member, 'hardship')
    const saved = await app.request('PUT', `/api/relief/applications/${draft.id}/draft`, {
      token: member,
      body: { step: 'documents', fields: VALID.hardship, documents: { hardship_proof: [doc] } },
    })
    expect(saved.status).toBe(200)
    // an avatar: attached when set
    const avatarUrl: string = (await app.request('POST', '/api/me/avatar', { token: member, raw: form(PNG, 'a.png', 'image/png') })).body.avatarUrl
    const avatar = decodeURIComponent(avatarUrl.split('/api/files/')[1].split('?')[0])

    expect((await fileRow(lonely)).attachedAt).toBeNull()
    for (const id of [cert, doc, avatar]) expect((await fileRow(id)).attachedAt).toBeInstanceOf(Date)

    const sweep = () => app.app.deps.files.sweep(app.app.deps.db)
    clock += 23 * HOUR
    await sweep()
    expect(await fileRow(lonely)).toBeDefined()
    clock += 2 * HOUR
    expect((await sweep()).removed).toBeGreaterThanOrEqual(1)
    expect(await fileRow(lonely)).toBeUndefined()
    expect(await h.database.db.select().from(fileBlobs).where(eq(fileBlobs.fileId, lonely))).toEqual([])
    for (const id of [cert, doc, avatar]) expect(await fileRow(id)).toBeDefined()
    // the registration still shows its file, and it is still served
    const mine = await app.request('GET', `/api/events/registrations/${reg.body.id}`, { token: member })
    const url = mine.body.registration.answers.find((a: any) => a.files?.length)?.files[0].url
    expect((await fetch(app.baseUrl + url)).status).toBe(200)

    // a draft cannot pick up a swept file
    const late = await app.request('PUT', `/api/relief/applications/${draft.id}/draft`, {
      token: member,
      body: { step: 'documents', documents: { hardship_proof: [lonely] } },
    })
    expect(late.status).toBe(400)
  })

  it('the background job sweeps on its own (JOBS_INTERVAL_SECONDS)', async () => {
    let clock = Date.now()
    const app = await h.app({ JOBS_INTERVAL_SECONDS: '1' }, { now: () => clock })
    const token = await app.login('gig')
    const id = (await eventUpload(app, token)).body.id as string
    clock += 25 * HOUR
    const deadline = Date.now() + 10_000
    while ((await fileRow(id)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200))
    expect(await fileRow(id)).toBeUndefined()
    // Stopped here: left running, its sweep (a day ahead) would remove the next tests' fresh uploads under them.
    await app.close()
  })

  it('each user may upload so many files and bytes per 24 hours (429 with a Chinese message), then again', async () => {
    let clock = Date.now()
    const app = await h.app({ UPLOAD_QUOTA_FILES_PER_DAY: '3', UPLOAD_QUOTA_MB_PER_DAY: '1' }, { now: () => clock })
    const token = await app.login('venue')
    for (let i = 0; i < 3; i++) expect((await eventUpload(app, token)).status).toBe(200)
    const refused = await eventUpload(app, token)
    expect(refused.status).toBe(429)
    expect(refused.body).toMatchObject({
      reason: 'UPLOAD_QUOTA_EXCEEDED',
      message: '上传太多了：24 小时内最多上传 3 个文件、共 1 MB，请稍后再试',
    })
    for (const url of ['/api/relief/files', '/api/me/avatar']) {
      expect((await app.request('POST', url, { token, raw: form(PNG, 'p.png', 'image/png') })).status).toBe(429)
    }
    // another user is not affected
    expect((await eventUpload(app, await app.login('reviewer'))).status).toBe(200)
    // a day later the quota is back; bytes count too
    clock += 24 * HOUR + 1000
    const big = Buffer.concat([PNG, Buffer.alloc(700 * 1024)])
    expect((await app.request('POST', '/api/relief/files', { token, raw: form(big, 'b.png', 'image/png') })).status).toBe(200)
    const tooMuch = await app.request('POST', '/api/relief/files', { token, raw: form(big, 'c.png', 'image/png') })
    expect(tooMuch.status).toBe(429)
    expect(tooMuch.body.reason).toBe('UPLOAD_QUOTA_EXCEEDED')
  })

  it('a file over the limit is refused (413, in Chinese) and not stored, even when its bytes past the limit arrive on their own', async () => {
    // The parser stops a file at the limit; when exactly the limit has been read and the rest comes in a later
    // packet, no size error is raised and the reader gets the file cut short: it must be refused all the same.
    const app = await h.app()
    const token = await app.login('gig')
    const stored = async () => (await h.database.db.select({ id: files.id }).from(files)).length
    const before = await stored()
    const answerFile = await uploadCutAtLimit(app, '/api/events/uploads', token, { limit: ANSWER_FILE_MAX_BYTES, head: PNG })
    expect(answerFile.status).toBe(413)
    expect(answerFile.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '图片不能超过 2 MB' })
    const document = await uploadCutAtLimit(app, '/api/relief/files', token, { limit: RELIEF_DOCUMENT_MAX_BYTES, head: PDF, name: 'bill.pdf', type: 'application/pdf' })
    expect(document.status).toBe(413)
    expect(document.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'RELIEF_DOCUMENT_TOO_LARGE', message: '单个文件不能超过 5 MB' })
    expect(await stored()).toBe(before)
  })

  it('concurrent uploads cannot slip past the quota', async () => {
    const app = await h.app({ UPLOAD_QUOTA_FILES_PER_DAY: '3', RATE_LIMIT_PER_MIN: '1000' })
    const token = await app.login('admin')
    const results = await Promise.all(Array.from({ length: 8 }, () => eventUpload(app, token)))
    expect(results.filter((r) => r.status === 200)).toHaveLength(3)
    expect(results.filter((r) => r.status === 429)).toHaveLength(5)
  })
})
