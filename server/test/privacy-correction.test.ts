/**
 * 更正 (issue 19), over HTTP on each database: a member asks the union to correct their verified name and phone; the
 * refusals are codes with Chinese messages beside the field; the new values are stored sealed; a reviewer of the
 * member's union approves — the membership's name and the phone on file change in that transaction, audited, the
 * member told — or rejects with a reason; reviewers of a sibling union or of a union below, plain members and venue
 * staff are refused.
 */
import { eq, sql } from 'drizzle-orm'
import { membershipApi } from '@contract/membership/api'
import { notificationsApi } from '@contract/notifications/api'
import { privacyApi } from '@contract/privacy/api'
import { databases, useDatabase, type TestApp } from './harness'
import { newUser, rawRows } from './builders/membership'
import { gigJoins } from './relief-fixtures'
import { orgs } from '../src/db/schema'

describe.each(databases())('更正 on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  let gig: string
  let reviewer: string

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' })
    await gigJoins(app, h.database.db)
    gig = await app.login('gig')
    reviewer = await app.login('reviewer')
  })

  /** A reviewer of a new union directly under the gig workers' union (a level below the member's union). */
  async function reviewerBelow(): Promise<string> {
    const db = h.database.db
    const [parent] = await db.select().from(orgs).where(eq(orgs.name, '云溪区新就业形态劳动者联合工会'))
    const [child] = await db.insert(orgs).values({ parentId: parent.id, name: `骑手分会${Date.now()}`, kind: 'grassroots', path: '' }).returning()
    await db.update(orgs).set({ path: `${parent.path}${child.id}/` }).where(eq(orgs.id, child.id))
    const u = await newUser(h, app, '分会审核员', { role: 'reviewer', orgName: child.name })
    return u.token
  }

  it('refusals are codes with Chinese messages beside the field; one open request at a time', async () => {
    const badPhone = await app.call(privacyApi.requestCorrection, { token: gig, body: { phone: '12345' } })
    expect(badPhone.status).toBe(400)
    expect(badPhone.body.reason).toBe('CORRECTION_PHONE_INVALID')
    expect(badPhone.body.fields?.phone).toBe('请输入正确的 11 位手机号码')

    const badName = await app.call(privacyApi.requestCorrection, { token: gig, body: { name: 'Wang' } })
    expect(badName.status).toBe(400)
    expect(badName.body.reason).toBe('CORRECTION_NAME_INVALID')
    expect(badName.body.fields?.name).toContain('中文')

    const same = await app.call(privacyApi.requestCorrection, { token: gig, body: { name: '王小骑', phone: '13912345678' } })
    expect(same.status).toBe(400)
    expect(same.body.reason).toBe('CORRECTION_UNCHANGED')
    expect(same.body.message).toBe('新的姓名和手机号与现有信息相同，无需更正')

    const empty = await app.call(privacyApi.requestCorrection, { token: gig, body: {} })
    expect(empty.body.reason).toBe('CORRECTION_UNCHANGED')

    const long = await app.call(privacyApi.requestCorrection, { token: gig, body: { name: '王晓骑', reason: '长'.repeat(201) } })
    expect(long.status).toBe(400)
    expect(long.body.fields?.reason).toBe('更正说明不超过 200 字')

    // not a member: the access rule refuses
    const stranger = await newUser(h, app, '路人')
    expect((await app.call(privacyApi.requestCorrection, { token: stranger.token, body: { name: '王晓骑' } })).status).toBe(403)

    const asked = await app.ok(privacyApi.requestCorrection, { token: gig, body: { name: '王晓骑', reason: '身份证上是“晓”' } })
    expect(asked).toMatchObject({ status: 'pending', fields: ['name'], name: '王晓骑', phoneMasked: null, reason: '身份证上是“晓”' })
    const again = await app.call(privacyApi.requestCorrection, { token: gig, body: { phone: '13800138000' } })
    expect(again.status).toBe(409)
    expect(again.body.reason).toBe('CORRECTION_PENDING')

    const withdrawn = await app.ok(privacyApi.withdrawCorrection, { token: gig })
    expect(withdrawn.status).toBe('withdrawn')
    expect((await app.call(privacyApi.withdrawCorrection, { token: gig })).body.reason).toBe('CORRECTION_DECIDED')
    expect((await app.ok(privacyApi.overview, { token: gig })).correction).toMatchObject({ status: 'withdrawn', name: null })
  })

  it('the reviewer approves: name and phone on file change at once, audited, the member told; attackers are refused', async () => {
    const asked = await app.ok(privacyApi.requestCorrection, { token: gig, body: { name: '王晓骑', phone: '13800138000', reason: '改名了' } })
    expect(asked).toMatchObject({ status: 'pending', fields: ['name', 'phone'], phoneMasked: '138****8000' })
    expect((await app.ok(privacyApi.overview, { token: gig })).onFile).toEqual({ name: '王小骑', phoneMasked: '139****5678' })

    // stored sealed: the new phone and name are nowhere in the row in clear
    const [row] = await rawRows<{ r: string }>(h, sql`select x::text as r from privacy_requests x where id = ${asked.id}`)
    expect(row.r).not.toContain('13800138000')
    expect(row.r).not.toContain('王晓骑')

    // attackers: a reviewer of a sibling union, of a union below, venue staff, a plain member, the member themself
    const sibling = await newUser(h, app, '快递工会审核员', { role: 'reviewer', orgName: '云溪区快递行业联合工会' })
    const below = await reviewerBelow()
    const venue = await app.login('venue')
    const member = await app.login('member')
    for (const token of [sibling.token, below]) {
      expect((await app.ok(privacyApi.corrections, { token })).items).toEqual([])
      const a = await app.call(privacyApi.approveCorrection, { token, params: { id: asked.id } })
      expect([a.status, a.body.reason]).toEqual([403, 'CORRECTION_OUTSIDE_SCOPE'])
      const r = await app.call(privacyApi.rejectCorrection, { token, params: { id: asked.id }, body: { note: '不行' } })
      expect([r.status, r.body.reason]).toEqual([403, 'CORRECTION_OUTSIDE_SCOPE'])
    }
    for (const token of [venue, member, gig]) {
      expect((await app.call(privacyApi.corrections, { token })).status).toBe(403)
      expect((await app.call(privacyApi.approveCorrection, { token, params: { id: asked.id } })).status).toBe(403)
      expect((await app.call(privacyApi.rejectCorrection, { token, params: { id: asked.id }, body: { note: '不行' } })).status).toBe(403)
    }
    expect((await app.call(privacyApi.approveCorrection, { token: reviewer, params: { id: 999999 } })).status).toBe(404)
    expect((await app.ok(privacyApi.overview, { token: gig })).onFile?.name).toBe('王小骑') // nothing changed by them

    const queue = await app.ok(privacyApi.corrections, { token: reviewer })
    const mine = queue.items.find((i) => i.id === asked.id)
    expect(mine).toMatchObject({ currentName: '王小骑', currentPhoneMasked: '139****5678', newName: '王晓骑', newPhone: '13800138000', reason: '改名了', orgName: '云溪区新就业形态劳动者联合工会' })

    const done = await app.ok(privacyApi.approveCorrection, { token: reviewer, params: { id: asked.id } })
    expect(done).toMatchObject({ status: 'approved', currentName: '王晓骑', currentPhoneMasked: '138****8000' })
    expect((await app.call(privacyApi.approveCorrection, { token: reviewer, params: { id: asked.id } })).body.reason).toBe('CORRECTION_DECIDED')

    // what the member and the venue see now
    const overview = await app.ok(privacyApi.overview, { token: gig })
    expect(overview.onFile).toEqual({ name: '王晓骑', phoneMasked: '138****8000' })
    expect(overview.correction).toMatchObject({ status: 'approved', fields: ['name', 'phone'], name: null })
    expect((await app.ok(membershipApi.mine, { token: gig })).membership?.name).toBe('王晓骑')
    const code = (await app.ok(membershipApi.card, { token: gig })).code
    expect((await app.ok(membershipApi.verifyCard, { token: venue, body: { code } })).result).toBe('valid')
    // the sealed values are gone from the request
    const [after] = await rawRows<{ payload_enc: string | null; status: string }>(h, sql`select payload_enc, status from privacy_requests where id = ${asked.id}`)
    expect(after).toEqual({ payload_enc: null, status: 'done' })

    const audits = await rawRows<{ action: string; detail: { fields?: string[] } }>(
      h,
      sql`select action, detail from audit_log where subject_type = 'privacy_request' and subject_id = ${String(asked.id)} order by id`,
    )
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(['privacy.correction.request', 'privacy.correction.list', 'privacy.correction.approve']))
    expect(audits.find((a) => a.action === 'privacy.correction.approve')?.detail.fields).toEqual(['name', 'phone'])
    expect(JSON.stringify(audits)).not.toContain('13800138000')

    const inbox = await app.ok(notificationsApi.list, { token: gig, query: { limit: 20 } })
    const told = inbox.items.find((n) => n.kind === 'membership.correction_approved')
    expect(told?.body).toContain('姓名和手机号已更新')
  })

  it('the reviewer rejects with a reason (required): nothing changes, the member is told why', async () => {
    const asked = await app.ok(privacyApi.requestCorrection, { token: gig, body: { name: '王大骑' } })
    const noNote = await app.call(privacyApi.rejectCorrection, { token: reviewer, params: { id: asked.id }, body: { note: '  ' } })
    expect([noNote.status, noNote.body.reason, noNote.body.fields?.note]).toEqual([400, 'CORRECTION_REJECT_NOTE_REQUIRED', '请填写不予更正的原因'])

    const admin = await app.login('admin') // the district's admin reviews the unions below it
    const rejected = await app.ok(privacyApi.rejectCorrection, { token: admin, params: { id: asked.id }, body: { note: '与身份证不符' } })
    expect(rejected).toMatchObject({ status: 'rejected', rejectNote: '与身份证不符', currentName: '王晓骑' })
    const overview = await app.ok(privacyApi.overview, { token: gig })
    expect(overview.onFile?.name).toBe('王晓骑')
    expect(overview.correction).toMatchObject({ status: 'rejected', rejectNote: '与身份证不符' })
    const inbox = await app.ok(notificationsApi.list, { token: gig, query: { limit: 20 } })
    expect(inbox.items.find((n) => n.kind === 'membership.correction_rejected')?.body).toContain('与身份证不符')
  })

  it('a member with no phone on file cannot correct a phone, but can correct the name', async () => {
    const member = await app.login('member') // the demo member: no joining application, no roster entry
    const phone = await app.call(privacyApi.requestCorrection, { token: member, body: { phone: '13700137000' } })
    expect([phone.status, phone.body.reason]).toEqual([400, 'CORRECTION_NO_PHONE_ON_FILE'])
    expect(phone.body.fields?.phone).toBeTruthy()
    const name = await app.ok(privacyApi.requestCorrection, { token: member, body: { name: '李会员' } })
    expect(name.status).toBe('pending')
    await app.ok(privacyApi.withdrawCorrection, { token: member })
  })
})
