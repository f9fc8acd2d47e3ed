/** Avatar upload (multipart, sniffed bytes) and short-lived signed file URLs. */
import { eq } from 'drizzle-orm'
import { authApi } from '@contract/auth/api'
import { databases, useDatabase } from './harness'
import { uploadCutAtLimit } from './builders/uploads'
import { fileBlobs, files } from '../src/db/schema'

// A real 1×1 PNG.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)

function form(bytes: Buffer, filename: string, type: string, field = 'file'): FormData {
  const fd = new FormData()
  fd.append(field, new Blob([new Uint8Array(bytes)], { type }), filename)
  return fd
}

describe.each(databases())('avatar upload on %s', (target) => {
  const h = useDatabase(target)

  it('a real PNG is accepted, stored in the database (never a public path) and served via its signed URL', async () => {
    let clock = Date.now()
    const app = await h.app({ FILE_URL_TTL_SECONDS: '600' }, { now: () => clock })
    const token = await app.login('member')
    const res = await app.call(authApi.uploadAvatar, { token, form: form(PNG, 'me.png', 'image/png') })
    expect(res.status).toBe(200)
    const url = res.body.avatarUrl!
    expect(url).toMatch(/^\/api\/files\/[A-Za-z0-9_-]+\?exp=\d+&sig=[A-Za-z0-9_-]+$/)
    expect((await app.call(authApi.me, { token })).body.avatarUrl).toBe(url)

    const id = decodeURIComponent(url.split('/api/files/')[1].split('?')[0])
    const [row] = await h.database.db.select().from(files).where(eq(files.id, id))
    expect(row).toMatchObject({ kind: 'avatar', mime: 'image/png', size: PNG.length, storage: 'db', attachedAt: expect.any(Date) })
    expect(row.storedName).not.toContain('me.png')

    const file = await fetch(app.baseUrl + url)
    expect(file.status).toBe(200)
    expect(file.headers.get('content-type')).toBe('image/png')
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true)

    // tampered signature, other file id, changed expiry → 403
    const u = new URL(url, app.baseUrl)
    const sig = u.searchParams.get('sig')!
    const tampered = url.replace(`sig=${sig}`, `sig=${sig.startsWith('A') ? 'B' : 'A'}${sig.slice(1)}`)
    const otherExp = url.replace(/exp=(\d+)/, (_, e) => `exp=${Number(e) + 60}`)
    for (const bad of [tampered, otherExp, url.replace(/files\/[^?]+/, 'files/AAAAAAAAAAAAAAAAAAAAAA')]) {
      const r = await app.request('GET', bad)
      expect(r.status).toBe(403)
      expect(r.body).toMatchObject({ code: 'FORBIDDEN', reason: 'FILE_LINK_EXPIRED', message: '文件链接已失效，请刷新后重试' })
    }
    // expired → 403; a fresh /api/me gives a fresh URL that works
    clock += 11 * 60 * 1000
    expect((await app.request('GET', url)).status).toBe(403)
    const fresh = (await app.call(authApi.me, { token })).body.avatarUrl
    expect(fresh).not.toBe(url)
    expect((await fetch(app.baseUrl + fresh)).status).toBe(200)

    // replacing the avatar removes the old file, row and bytes
    const second = await app.call(authApi.uploadAvatar, { token, form: form(PNG, 'again.png', 'image/png') })
    expect(second.status).toBe(200)
    expect(await h.database.db.select({ id: files.id }).from(files).where(eq(files.id, id))).toEqual([])
    expect(await h.database.db.select({ id: fileBlobs.fileId }).from(fileBlobs).where(eq(fileBlobs.fileId, id))).toEqual([])
    const gone = await app.request('GET', fresh!)
    expect(gone.status).toBe(404)
    expect(gone.body).toMatchObject({ reason: 'FILE_NOT_FOUND', message: '文件不存在' })
  })

  it('a non-image named .jpg is refused (415)', async () => {
    const app = await h.app()
    const token = await app.login('gig')
    const res = await app.call(authApi.uploadAvatar, {
      token,
      form: form(Buffer.from('#!/bin/sh\necho not an image\n'), 'photo.jpg', 'image/jpeg'),
    })
    expect(res.status).toBe(415)
    expect(res.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'AVATAR_TYPE_UNSUPPORTED', message: '只支持 JPG、PNG 或 WebP 格式的图片' })
    expect((await app.call(authApi.me, { token })).body.avatarUrl).toBeNull()
  })

  it('an image over 2 MiB is refused (413)', async () => {
    const app = await h.app()
    const token = await app.login('gig')
    const big = Buffer.concat([PNG, Buffer.alloc(2 * 1024 * 1024)])
    const res = await app.call(authApi.uploadAvatar, { token, form: form(big, 'big.png', 'image/png') })
    expect(res.status).toBe(413)
    expect(res.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '图片不能超过 2 MB' })
    // just under the limit is fine (the JSON body limit of 1 MiB does not apply here)
    const ok = Buffer.concat([PNG, Buffer.alloc(1.5 * 1024 * 1024)])
    expect((await app.call(authApi.uploadAvatar, { token, form: form(ok, 'ok.png', 'image/png') })).status).toBe(200)
  })

  it('an image over 2 MiB is refused even when its bytes past the limit arrive on their own', async () => {
    // The parser stops a file at the limit; when exactly 2 MiB have been read and the rest comes in a later
    // packet, nothing more of the file reaches the reader — the upload must still be refused, not stored cut short.
    const app = await h.app()
    const token = await app.login('reviewer') // no avatar yet
    const { status, body } = await uploadCutAtLimit(app, '/api/me/avatar', token, { limit: 2 * 1024 * 1024, head: PNG })
    expect(status).toBe(413)
    expect(body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', message: '图片不能超过 2 MB' })
    expect((await app.call(authApi.me, { token })).body.avatarUrl).toBeNull()
  })

  it('needs a login, multipart and a `file` field', async () => {
    const app = await h.app()
    expect((await app.call(authApi.uploadAvatar, { form: form(PNG, 'a.png', 'image/png') })).status).toBe(401)
    const token = await app.login('gig')
    const json = await app.call(authApi.uploadAvatar, { token, body: { file: 'x' } as never })
    expect(json.status).toBe(415)
    expect(json.body.code).toBe('UNSUPPORTED_MEDIA_TYPE')
    const wrongField = await app.call(authApi.uploadAvatar, { token, form: form(PNG, 'a.png', 'image/png', 'photo') })
    expect(wrongField.status).toBe(400)
    expect(wrongField.body).toMatchObject({ code: 'VALIDATION', reason: 'AVATAR_FILE_MISSING', fields: { file: '请选择要上传的图片' } })
  })
})
