/**
 * Content security of images users publish to others (issue 15, item 2), against the fake WeChat server: an image
 * goes to mediaCheckAsync with a signed link WeChat can fetch, is shown until WeChat's verdict arrives, and a verdict
 * pushed later (wxa_media_check) hides a risky one from everyone but its owner (told 图片未通过审核) and staff, holds
 * a review one for staff. The push endpoint answers 4xx — never 500 — to unknown trace ids and bad payloads, and
 * checks WeChat's signature when WECHAT_PUSH_TOKEN is set.
 */
import { authApi } from '@contract/auth/api'
import { moderationApi } from '@contract/moderation/api'
import { notificationsApi } from '@contract/notifications/api'
import { stationsApi } from '@contract/stations/api'
import { MODERATION_NOTICES, MODERATION_REJECTED_KIND } from '@contract/moderation/labels'
import { fetchRaw, type TestApp } from './harness'
import { PNG } from './relief-fixtures'
import { pushSignature } from '../src/modules/moderation/service'
import { databases, heldItems, logged, PUBLIC_URL, uploadPhoto, useModerationWorld, type People } from './builders/moderation'

const PUSH = '/api/moderation/wechat-push'

describe.each(databases())('content security of images on %s', (target) => {
  const w = useModerationWorld(target)
  let app: TestApp
  let p: People
  let stationA: number
  beforeAll(async () => {
    app = await w.start()
    p = await w.people(app)
    stationA = await w.stationA()
  })

  const reportWithPhoto = async (description: string) => {
    const photoId = await uploadPhoto(app, p.member)
    const report = await app.ok(stationsApi.report, { token: p.member, params: { id: stationA }, body: { description, photoId } })
    const check = w.fake.mediaChecks[w.fake.mediaChecks.length - 1]
    return { report, photoId, check }
  }
  const reportAs = async (token: string | null, id: number) =>
    (await app.ok(stationsApi.detail, { token, params: { id: stationA } })).reports.find((r) => r.id === id)
  const push = (traceId: string, suggest: 'pass' | 'review' | 'risky', on = app) => w.fake.pushMediaVerdict(on.baseUrl + PUSH, traceId, suggest)

  it('a report photo flagged later by mediaCheckAsync is hidden from another member, still seen by its owner (图片未通过审核) and staff', async () => {
    const { report, photoId, check } = await reportWithPhoto('饮水机漏水，见照片')
    // WeChat got a signed link to the very image, under PUBLIC_URL, for the reporter
    expect(check).toMatchObject({ media_type: 2, version: 2, scene: 3, openid: 'dev:member' })
    expect(check.media_url.startsWith(`${PUBLIC_URL}/api/files/${photoId}?`)).toBe(true)
    const fetched = await fetchRaw(app, check.media_url.slice(PUBLIC_URL.length))
    expect(fetched.status).toBe(200)
    expect(new Uint8Array(await fetched.arrayBuffer())).toEqual(new Uint8Array(PNG))

    // until the verdict: shown (WeChat's model), to others too
    expect((await reportAs(p.other, report.id))?.photo?.id).toBe(photoId)

    const answer = await push(check.trace_id, 'risky')
    expect(answer).toEqual({ status: 200, text: 'success' })

    const seenByOther = await reportAs(p.other, report.id)
    expect(seenByOther).toMatchObject({ description: '饮水机漏水，见照片', photo: null, notice: null })
    expect((await reportAs(null, report.id))?.photo).toBeNull()
    expect(await reportAs(p.member, report.id)).toMatchObject({ photo: { id: photoId }, notice: MODERATION_NOTICES.imageRejected })
    // staff: the station's keeper list and the moderation list (refused images)
    const kept = (await app.ok(stationsApi.reports, { token: p.adminA, params: { id: stationA } })).items.find((r) => r.id === report.id)
    expect(kept?.photo?.id).toBe(photoId)
    const refused = (await app.ok(moderationApi.list, { token: p.adminA, query: { status: 'rejected' } })).items.find((i) => i.photo?.id === photoId)
    expect(refused).toMatchObject({ kind: 'stations.report_photo', source: 'wechat', suggest: 'risky', label: '20002' })
    const inbox = await app.ok(notificationsApi.list, { token: p.member })
    expect(inbox.items.find((m) => m.kind === MODERATION_REJECTED_KIND)).toMatchObject({ title: '你上传的问题反馈照片未通过审核' })

    // WeChat retries a push: the same answer, nothing changes
    expect(await push(check.trace_id, 'pass')).toEqual({ status: 200, text: 'success' })
    expect((await reportAs(p.other, report.id))?.photo).toBeNull()
    expect(logged(w.lines, /image verdict from WeChat/).some((l) => l.traceId === check.trace_id && l.suggest === 'risky')).toBe(true)
  })

  it('review → held for staff (hidden from others meanwhile); approved → shown again; pass → stays shown', async () => {
    const held = await reportWithPhoto('门口积水')
    await push(held.check.trace_id, 'review')
    expect((await reportAs(p.other, held.report.id))?.photo).toBeNull()
    expect((await reportAs(p.member, held.report.id))?.notice).toBe(MODERATION_NOTICES.imageHeld)
    const item = (await heldItems(app, p.district)).find((i) => i.photo?.id === held.photoId)!
    expect(item).toMatchObject({ kind: 'stations.report_photo', kindLabel: '问题反馈照片', status: 'held', text: null })
    expect((await fetchRaw(app, item.photo!.url)).status).toBe(200)
    await app.ok(moderationApi.approve, { token: p.adminA, params: { id: item.id } })
    expect((await reportAs(p.other, held.report.id))?.photo?.id).toBe(held.photoId)

    const fine = await reportWithPhoto('充电桩可以用了吗')
    await push(fine.check.trace_id, 'pass')
    expect((await reportAs(p.other, fine.report.id))?.photo?.id).toBe(fine.photoId)
  })

  it('an avatar goes to WeChat too; refused → its owner reads 图片未通过审核', async () => {
    const fd = new FormData()
    fd.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'me.png')
    const me = await app.ok(authApi.uploadAvatar, { token: p.other, form: fd })
    expect(me.avatarNotice).toBeNull()
    const check = w.fake.mediaChecks[w.fake.mediaChecks.length - 1]
    expect(check).toMatchObject({ scene: 1 })
    expect(check.media_url).toContain(`/api/files/`)
    await push(check.trace_id, 'risky')
    expect(await app.ok(authApi.me, { token: p.other })).toMatchObject({ avatarNotice: MODERATION_NOTICES.imageRejected })
  })

  it('the push endpoint: unknown trace id, bad or foreign payloads → 4xx, never 500', async () => {
    const unknown = await push('trace_never_issued', 'risky')
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.text)).toMatchObject({ reason: 'MODERATION_TRACE_UNKNOWN', message: '检测任务不存在' })

    const post = (body: string, type = 'application/json') => app.request('POST', PUSH, { raw: body, headers: { 'content-type': type } })
    const bad = [
      await post('{not json'),
      await post('[]'),
      await post(JSON.stringify({ Event: 'subscribe_msg_popup_event', trace_id: 'x' })),
      await post(JSON.stringify({ Event: 'wxa_media_check', trace_id: 'x', result: { suggest: 'maybe' } })),
      await post(JSON.stringify({ Event: 'wxa_media_check', result: { suggest: 'risky' } })),
      await post(JSON.stringify({ Event: 'wxa_media_check', trace_id: 42, result: { suggest: 'risky' } })),
    ]
    for (const r of bad) expect(r.status).toBe(400)
    expect(bad.slice(1).every((r) => r.body.reason === 'MODERATION_PUSH_INVALID')).toBe(true)
    expect((await post('Event=wxa_media_check', 'text/plain')).status).toBe(415)
    expect((await app.request('POST', PUSH)).status).toBe(400)
    // without a Token there is no URL check to answer
    expect((await app.request('GET', `${PUSH}?signature=a&timestamp=1&nonce=2&echostr=hello`)).status).toBe(403)
  })

  it('with WECHAT_PUSH_TOKEN: only pushes signed with it count; the URL check echoes echostr', async () => {
    const signed = await w.start({ WECHAT_PUSH_TOKEN: 'unionPushToken2026' })
    const token = await signed.login('member')
    const photoId = await uploadPhoto(signed, token)
    const report = await signed.ok(stationsApi.report, { token, params: { id: stationA }, body: { description: '屋顶漏雨', photoId } })
    const check = w.fake.mediaChecks[w.fake.mediaChecks.length - 1]

    expect((await push(check.trace_id, 'risky', signed)).status).toBe(403) // unsigned
    const sig = pushSignature('unionPushToken2026', '1764000000', 'n0nce')
    const forged = await w.fake.pushMediaVerdict(`${signed.baseUrl}${PUSH}?signature=${'0'.repeat(40)}&timestamp=1764000000&nonce=n0nce`, check.trace_id, 'risky')
    expect(forged.status).toBe(403)
    expect(JSON.parse(forged.text).reason).toBe('MODERATION_PUSH_SIGNATURE')
    expect((await signed.ok(stationsApi.detail, { params: { id: stationA } })).reports.find((r) => r.id === report.id)?.photo?.id).toBe(photoId)

    const ok = await w.fake.pushMediaVerdict(`${signed.baseUrl}${PUSH}?signature=${sig}&timestamp=1764000000&nonce=n0nce`, check.trace_id, 'risky')
    expect(ok).toEqual({ status: 200, text: 'success' })
    expect((await signed.ok(stationsApi.detail, { params: { id: stationA } })).reports.find((r) => r.id === report.id)?.photo).toBeNull()

    const verify = await signed.request('GET', `${PUSH}?signature=${sig}&timestamp=1764000000&nonce=n0nce&echostr=echo123`)
    expect(verify).toMatchObject({ status: 200, text: 'echo123' })
    expect((await signed.request('GET', `${PUSH}?signature=${sig}&timestamp=1764000001&nonce=n0nce&echostr=echo123`)).status).toBe(403)
  })

  it('WeChat off or PUBLIC_URL unset: the image is shown unchecked and the log says why', async () => {
    const before = w.fake.mediaChecks.length
    const noUrl = await w.start({ PUBLIC_URL: '' })
    const token = await noUrl.login('member')
    const photoId = await uploadPhoto(noUrl, token)
    await noUrl.ok(stationsApi.report, { token, params: { id: stationA }, body: { description: '路灯不亮', photoId } })
    expect(w.fake.mediaChecks.length).toBe(before)
    expect(logged(w.lines, /PUBLIC_URL is not set/).length).toBeGreaterThan(0)
  })
})
