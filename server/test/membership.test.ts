/** Joining (入会), review (审核) and the e-member card (电子会员卡), over HTTP on each database. */
import { and, eq } from 'drizzle-orm'
import { checkDigit } from '@contract/membership/idcard'
import { databases, useDatabase } from './harness'
import { auditLog, memberships, membershipApplications, orgs, userRoles, users } from '../src/db/schema'
import { personaOpenid } from '../src/personas'
import { DEMO_MEMBER_ID_NUMBER } from '../src/seed'

const GIG_ID = '11010519900307281' + checkDigit('11010519900307281') // born 1990-03-07; 17th digit odd → male
const BAD_CHECK = '11010519900307281' + (checkDigit('11010519900307281') === '0' ? '1' : '0')
const HOUR = 3600_000

function form(over: Record<string, unknown> = {}) {
  return {
    name: '王小骑',
    idNumber: GIG_ID,
    phone: '13912345678',
    employer: '',
    noFixedEmployer: true,
    employmentType: 'delivery',
    orgId: null as number | null,
    consentSensitive: true,
    ...over,
  }
}

describe.each(databases())('membership on %s', (target) => {
  const h = useDatabase(target)
  // Monday 2026-11-23 10:00 China time
  let clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock

  async function orgId(name: string): Promise<number> {
    const [row] = await h.database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, name))
    return row.id
  }
  async function userId(persona: string): Promise<number> {
    const [row] = await h.database.db.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid(persona)))
    return row.id
  }

  it('lists grassroots unions and validates the form per field', async () => {
    const app = await h.app({}, { now })
    const gig = await app.login('gig')
    const unions = await app.request('GET', '/api/membership/unions', { token: gig })
    expect(unions.status).toBe(200)
    expect(unions.body.items.map((u: { name: string }) => u.name)).toEqual(
      expect.arrayContaining(['星河物流有限公司工会', '云溪区快递行业联合工会', '云溪区新就业形态劳动者联合工会']),
    )
    expect(unions.body.items).toHaveLength(3)
    expect(unions.body.items.find((u: { name: string }) => u.name === '云溪区新就业形态劳动者联合工会').parentName).toBe('云溪科技园区工会')

    const bad = await app.request('POST', '/api/membership/applications', { token: gig, body: form({ idNumber: BAD_CHECK }) })
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ code: 'VALIDATION', fields: { idNumber: '身份证号码校验位不正确，请核对后重新输入' } })

    // A first application needs the ID number and phone; nothing is on file yet.
    const missing = await app.request('POST', '/api/membership/applications', {
      token: gig,
      body: form({ idNumber: undefined, phone: undefined }),
    })
    expect(missing.status).toBe(400)
    expect(missing.body.fields).toMatchObject({ idNumber: '请输入身份证号码', phone: '请输入 11 位手机号码' })

    const noConsent = await app.request('POST', '/api/membership/applications', {
      token: gig,
      body: form({ consentSensitive: false }),
    })
    expect(noConsent.status).toBe(400)
    expect(noConsent.body.fields.consentSensitive).toBe('请阅读并同意敏感个人信息处理规则')

    const noEmployer = await app.request('POST', '/api/membership/applications', {
      token: gig,
      body: form({ noFixedEmployer: false, employer: '' }),
    })
    expect(noEmployer.status).toBe(400)
    expect(noEmployer.body.fields.employer).toBe('请填写工作单位，或选择“无固定单位”')

    const notGrassroots = await app.request('POST', '/api/membership/applications', {
      token: gig,
      body: form({ orgId: await orgId('青禾街道总工会') }),
    })
    expect(notGrassroots.status).toBe(400)
    expect(notGrassroots.body.fields.orgId).toBe('请选择所属工会')
  })

  it('saves a draft that survives an app restart', async () => {
    const first = await h.app({}, { now })
    const gig = await first.login('gig')
    const empty = await first.request('GET', '/api/membership/me', { token: gig })
    expect(empty.body).toEqual({ membership: null, application: null, draft: null, draftSavedAt: null })

    const draft = { name: '王小骑', idNumber: '1101051990', employmentType: 'delivery', noFixedEmployer: true }
    const saved = await first.request('PUT', '/api/membership/draft', { token: gig, body: draft })
    expect(saved.status).toBe(200)
    expect(saved.body.savedAt).toBe(new Date(clock).toISOString())
    const tooLong = await first.request('PUT', '/api/membership/draft', { token: gig, body: { idNumber: '1'.repeat(19) } })
    expect(tooLong.status).toBe(400)
    await first.close()

    const second = await h.app({}, { now })
    const mine = await second.request('GET', '/api/membership/me', { token: gig })
    expect(mine.status).toBe(200)
    // An incomplete ID number stays on the device that typed it (see membership-security.test.ts).
    const { idNumber: _partial, ...kept } = draft
    expect(mine.body.draft).toEqual({ ...kept, idNumberMasked: null, phoneMasked: null })
    expect(mine.body.draftSavedAt).toBe(saved.body.savedAt)
  })

  it('submit → review (scoped, audited) → reject → resubmit → approve → member', async () => {
    const app = await h.app({}, { now })
    const gig = await app.login('gig')
    const reviewer = await app.login('reviewer')
    const gigUnion = await orgId('云溪区新就业形态劳动者联合工会')

    // the venue persona also reviews another union (星河物流) — outside the gig union's subtree
    await h.database.db
      .insert(userRoles)
      .values({ userId: await userId('venue'), orgId: await orgId('星河物流有限公司工会'), role: 'reviewer' })
    const otherReviewer = await app.login('venue')

    const submitted = await app.request('POST', '/api/membership/applications', { token: gig, body: form({ orgId: gigUnion }) })
    expect(submitted.status).toBe(200)
    const appId = submitted.body.id
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      name: '王小骑',
      idNumberMasked: GIG_ID.slice(0, 4) + '**********' + GIG_ID.slice(-4),
      phoneMasked: '139****5678',
      birthDate: '1990-03-07',
      gender: 'male',
      employer: null,
      employmentType: 'delivery',
      org: { id: gigUnion, name: '云溪区新就业形态劳动者联合工会' },
      districtFallback: false,
      rejectReason: null,
      // Monday 10:00 + 3 working days
      expectedBy: new Date('2026-11-26T10:00:00+08:00').toISOString(),
    })
    expect(submitted.body.timeline.map((t: { kind: string; title: string }) => [t.kind, t.title])).toEqual([
      ['submitted', '提交申请'],
      ['in_review', '审核中'],
    ])
    expect(submitted.text).not.toContain(GIG_ID)
    expect(submitted.text).not.toContain('13912345678')

    // stored encrypted only
    const [stored] = await h.database.db.select().from(membershipApplications).where(eq(membershipApplications.id, appId))
    expect(JSON.stringify(stored)).not.toContain(GIG_ID)
    expect(JSON.stringify(stored)).not.toContain('13912345678')

    // the draft is gone; a second submission while pending → 409
    const mine = await app.request('GET', '/api/membership/me', { token: gig })
    expect(mine.body.draft).toBeNull()
    expect(mine.body.application.id).toBe(appId)
    const again = await app.request('POST', '/api/membership/applications', { token: gig, body: form({ orgId: gigUnion }) })
    expect(again.status).toBe(409)

    // review queue: only within scope
    const queue = await app.request('GET', '/api/membership/review', { token: reviewer })
    expect(queue.status).toBe(200)
    expect(queue.body.items).toEqual([
      expect.objectContaining({ id: appId, name: '王小骑', overdue: false, resubmission: false, waitingHours: 0 }),
    ])
    expect((await app.request('GET', '/api/membership/review', { token: otherReviewer })).body.items).toEqual([])
    expect((await app.request('GET', '/api/membership/review', { token: gig })).status).toBe(403)

    // another member (or the applicant) cannot read it: 403 before the application is even looked up, so the
    // answer is the same for an id that does not exist — nothing about its existence
    const someMember = await app.login('member')
    expect((await app.request('GET', `/api/membership/review/${appId}`, { token: someMember })).status).toBe(403)
    expect((await app.request('GET', `/api/membership/review/999999`, { token: someMember })).status).toBe(403)
    expect((await app.request('POST', `/api/membership/review/${appId}/approve`, { token: gig })).status).toBe(403)

    // another union's reviewer: 403 on detail, approve and reject
    expect((await app.request('GET', `/api/membership/review/${appId}`, { token: otherReviewer })).status).toBe(403)
    expect((await app.request('POST', `/api/membership/review/${appId}/approve`, { token: otherReviewer })).status).toBe(403)
    const forbidden = await app.request('POST', `/api/membership/review/${appId}/reject`, {
      token: otherReviewer,
      body: { reason: '资料不全' },
    })
    expect(forbidden.status).toBe(403)

    // the right reviewer sees the full numbers; each view is audited
    const detail = await app.request('GET', `/api/membership/review/${appId}`, { token: reviewer })
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({ idNumber: GIG_ID, phone: '13912345678', id: appId })
    const views = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'membership.application.view_sensitive'), eq(auditLog.subjectId, String(appId))))
    expect(views).toHaveLength(1)
    expect(views[0].actorUserId).toBe(await userId('reviewer'))

    // four working days later it is overdue
    clock += 4 * 24 * HOUR // Friday 10:00 is past Thursday 10:00
    const late = await app.request('GET', '/api/membership/review', { token: reviewer })
    expect(late.body.items[0]).toMatchObject({ overdue: true, waitingHours: 96 })

    // reject needs a reason
    const noReason = await app.request('POST', `/api/membership/review/${appId}/reject`, { token: reviewer, body: { reason: ' ' } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fields.reason).toBe('请填写不通过的原因')
    const rejected = await app.request('POST', `/api/membership/review/${appId}/reject`, {
      token: reviewer,
      body: { reason: '工作单位信息不完整，请补充' },
    })
    expect(rejected.status).toBe(200)
    expect(rejected.body.status).toBe('rejected')
    const seen = await app.request('GET', '/api/membership/me', { token: gig })
    expect(seen.body.application).toMatchObject({ status: 'rejected', rejectReason: '工作单位信息不完整，请补充' })
    expect(seen.body.application.timeline.at(-1)).toMatchObject({ kind: 'rejected', title: '审核未通过', note: '工作单位信息不完整，请补充' })
    expect((await app.request('POST', `/api/membership/review/${appId}/approve`, { token: reviewer })).status).toBe(409)

    // resubmit: the same application, back to submitted; the ID number and phone, which the applicant
    // sees only masked, are kept on file when left out
    clock += HOUR
    const resubmitted = await app.request('POST', '/api/membership/applications', {
      token: gig,
      body: form({ orgId: gigUnion, noFixedEmployer: false, employer: '极速外卖云溪站点', idNumber: undefined, phone: undefined }),
    })
    expect(resubmitted.status).toBe(200)
    expect(resubmitted.body).toMatchObject({
      id: appId,
      status: 'submitted',
      rejectReason: null,
      employer: '极速外卖云溪站点',
      idNumberMasked: GIG_ID.slice(0, 4) + '**********' + GIG_ID.slice(-4),
      birthDate: '1990-03-07',
    })
    expect(resubmitted.body.timeline.map((t: { kind: string }) => t.kind)).toEqual([
      'submitted',
      'in_review',
      'rejected',
      'resubmitted',
      'in_review',
    ])
    const queued = await app.request('GET', '/api/membership/review', { token: reviewer })
    expect(queued.body.items[0]).toMatchObject({ id: appId, resubmission: true, overdue: false })

    // approve: membership + member role, in one go
    const approved = await app.request('POST', `/api/membership/review/${appId}/approve`, { token: reviewer })
    expect(approved.status).toBe(200)
    expect(approved.body.status).toBe('approved')
    expect(approved.body.timeline.at(-1)).toMatchObject({ kind: 'approved', title: '审核通过' })
    const member = await app.request('GET', '/api/membership/me', { token: gig })
    expect(member.body.membership).toMatchObject({
      memberNo: expect.stringMatching(/^YX2026\d{6}$/),
      name: '王小骑',
      org: { id: gigUnion, name: '云溪区新就业形态劳动者联合工会' },
      employmentType: 'delivery',
      joinedAt: new Date(clock).toISOString(),
    })
    const me = await app.request('GET', '/api/me', { token: gig })
    expect(me.body.roles).toEqual([{ role: 'member', orgId: gigUnion, orgName: '云溪区新就业形态劳动者联合工会' }])

    // a member cannot apply again; the same person from another account → 409 that names no union
    const twice = await app.request('POST', '/api/membership/applications', { token: gig, body: form({ orgId: gigUnion }) })
    expect(twice.status).toBe(409)
    const admin = await app.login('admin')
    const dup = await app.request('POST', '/api/membership/applications', { token: admin, body: form({ name: '周某某', orgId: gigUnion }) })
    expect(dup.status).toBe(409)
    expect(dup.body).toMatchObject({
      reason: 'MEMBERSHIP_ID_REGISTERED',
      message: '该身份证号已登记，如有疑问请联系工会',
      fields: { idNumber: '该身份证号已登记，如有疑问请联系工会' },
    })
    // the seeded member's number, too (lower-case x normalised)
    const seeded = await app.request('POST', '/api/membership/applications', {
      token: admin,
      body: form({ name: '周某某', idNumber: DEMO_MEMBER_ID_NUMBER.toLowerCase(), orgId: null }),
    })
    expect(seeded.status).toBe(409)
    expect(seeded.body.message).toBe('该身份证号已登记，如有疑问请联系工会')
  })

  it('district fallback goes to the district federation; the database refuses a second membership per person', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const id = '33010219851111004' + checkDigit('33010219851111004')
    const res = await app.request('POST', '/api/membership/applications', {
      token: admin,
      body: form({ name: '周某某', idNumber: id, orgId: null, employmentType: 'courier' }),
    })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ districtFallback: true, org: { name: '云溪区总工会' }, gender: 'female' })
    // the grassroots reviewer cannot see it; the district admin can
    const reviewer = await app.login('reviewer')
    expect((await app.request('GET', `/api/membership/review/${res.body.id}`, { token: reviewer })).status).toBe(403)
    expect((await app.request('GET', '/api/membership/review', { token: admin })).body.items.map((i: { id: number }) => i.id)).toContain(res.body.id)

    const [member] = await h.database.db.select().from(memberships).where(eq(memberships.userId, await userId('member')))
    const { id: _id, ...copy } = member
    const err = await h.database.db
      .insert(memberships)
      .values({ ...copy, userId: await userId('venue'), memberNo: 'YX2099000001' })
      .then(() => null, (e: { cause?: { code?: string; constraint?: string } }) => e)
    expect(err?.cause).toMatchObject({ code: '23505', constraint: 'memberships_id_hash_unique' })
  })

  it('two concurrent approvals of the same person: one membership, the other a clear 409', async () => {
    const app = await h.app({}, { now })
    const reviewer = await app.login('reviewer')
    const gigUnion = await orgId('云溪区新就业形态劳动者联合工会')
    const id = '44030419950620123' + checkDigit('44030419950620123')
    // two accounts of one person: the first applies over HTTP, the second row is inserted as if both were pending
    await app.login('venue')
    const venueToken = await app.login('venue')
    const first = await app.request('POST', '/api/membership/applications', {
      token: venueToken,
      body: form({ name: '陈某', idNumber: id, orgId: gigUnion }),
    })
    expect(first.status).toBe(200)
    const [row] = await h.database.db.select().from(membershipApplications).where(eq(membershipApplications.id, first.body.id))
    const { id: _id, ...copy } = row
    const [second] = await h.database.db
      .insert(membershipApplications)
      .values({ ...copy, userId: await userId('reviewer') })
      .returning({ id: membershipApplications.id })

    const results = await Promise.all(
      [first.body.id, second.id].map((appId) => app.request('POST', `/api/membership/review/${appId}/approve`, { token: reviewer })),
    )
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const conflict = results.find((r) => r.status === 409)!
    expect(conflict.body.code).toBe('CONFLICT')
    expect(conflict.body.message).toMatch(/该身份证号已是.*会员/)
    expect(conflict.body.fields.idNumber).toBeTruthy()
    const rows = await h.database.db.select().from(memberships).where(eq(memberships.idHash, row.idHash))
    expect(rows).toHaveLength(1)
    // the refused approval changed nothing
    const statuses = await h.database.db
      .select({ status: membershipApplications.status })
      .from(membershipApplications)
      .where(eq(membershipApplications.idHash, row.idHash))
    expect(statuses.map((s) => s.status).sort()).toEqual(['approved', 'submitted'])
  })

  it('e-member card: signed, expiring code; verification by permission', async () => {
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const card = await app.request('GET', '/api/membership/card', { token: member })
    expect(card.status).toBe(200)
    expect(card.body).toMatchObject({
      name: '李晓梅',
      org: { name: '星河物流有限公司工会' },
      memberNo: expect.stringMatching(/^YX2024\d{6}$/),
      employmentType: 'employee',
      joinedAt: new Date('2024-03-15T09:30:00+08:00').toISOString(),
      serverTime: new Date(clock).toISOString(),
      expiresAt: new Date(clock + 60_000).toISOString(),
    })
    const code: string = card.body.code

    const venue = await app.login('venue')
    const ok = await app.request('POST', '/api/membership/card/verify', { token: venue, body: { code } })
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({
      result: 'valid',
      message: '有效会员',
      nameMasked: '李*梅',
      orgName: '星河物流有限公司工会',
      memberNo: card.body.memberNo,
    })
    const reviewer = await app.login('reviewer')
    expect((await app.request('POST', '/api/membership/card/verify', { token: reviewer, body: { code } })).body.result).toBe('valid')

    // a plain member may not verify
    expect((await app.request('POST', '/api/membership/card/verify', { token: member, body: { code } })).status).toBe(403)

    // tampered → invalid
    const [body, sig] = code.split('.')
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString())
    const forged = Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 3600 })).toString('base64url') + '.' + sig
    for (const bad of [forged, 'hello', code.slice(0, -2) + (code.endsWith('AA') ? 'BB' : 'AA')]) {
      const r = await app.request('POST', '/api/membership/card/verify', { token: venue, body: { code: bad } })
      expect(r.body).toMatchObject({ result: 'invalid', message: '无法识别的会员码', nameMasked: null })
    }

    // 61 s later → expired
    clock += 61_000
    const expired = await app.request('POST', '/api/membership/card/verify', { token: venue, body: { code } })
    expect(expired.body).toMatchObject({ result: 'expired', message: '会员码已过期，请会员刷新后重新出示' })

    // a non-member has no card
    const nonMember = await app.request('GET', '/api/membership/card', { token: reviewer })
    expect(nonMember.status).toBe(404)
    expect(nonMember.body.message).toBe('您还不是工会会员')

    // membership gone → not_member
    const fresh = (await app.request('GET', '/api/membership/card', { token: member })).body.code
    await h.database.db.delete(memberships).where(eq(memberships.userId, await userId('member')))
    const gone = await app.request('POST', '/api/membership/card/verify', { token: venue, body: { code: fresh } })
    expect(gone.body.result).toBe('not_member')
  })
})
