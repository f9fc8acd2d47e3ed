/** 入会审核: submit → review (scoped, audited) → reject → resubmit → approve, over HTTP on each database. */
import { and, eq } from 'drizzle-orm'
import { authApi } from '@contract/auth/api'
import { membershipApi } from '@contract/membership/api'
import { notificationsApi } from '@contract/notifications/api'
import { databases, useDatabase } from './harness'
import { auditLog, memberships, membershipApplications } from '../src/db/schema'
import { DEMO_MEMBER_ID_NUMBER } from '../src/seed'
import { grantRole, idNumber, joinForm, masked, newUser, orgIdOf, userIdOf } from './builders/membership'

const GIG_ID = idNumber(281, '19900307') // 17th digit odd → male
const HOUR = 3600_000
const REGISTERED = '该身份证号已登记，如有疑问请联系工会'

describe.each(databases())('membership review on %s', (target) => {
  const h = useDatabase(target)
  // Monday 2026-11-23 10:00 China time
  let clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock

  it('submit → review (scoped, audited) → reject → resubmit → approve → member', async () => {
    const app = await h.app({}, { now })
    const gig = await app.login('gig')
    const reviewer = await app.login('reviewer')
    const gigUnion = await orgIdOf(h, '云溪区新就业形态劳动者联合工会')
    // the venue persona also reviews another union (星河物流) — outside the gig union's subtree
    await grantRole(h, 'venue', 'reviewer', '星河物流有限公司工会')
    const otherReviewer = await app.login('venue')
    const form = joinForm({ idNumber: GIG_ID, orgId: gigUnion })

    const submitted = await app.call(membershipApi.submit, { token: gig, body: form })
    expect(submitted.status).toBe(200)
    const appId = submitted.body.id
    const params = { id: appId }
    expect(submitted.body).toMatchObject({
      status: 'submitted',
      name: '王小骑',
      idNumberMasked: masked(GIG_ID),
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
    expect(submitted.body.timeline.map((t) => [t.kind, t.title])).toEqual([
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
    const mine = await app.ok(membershipApi.mine, { token: gig })
    expect(mine.draft).toBeNull()
    expect(mine.application!.id).toBe(appId)
    const again = await app.call(membershipApi.submit, { token: gig, body: form })
    expect(again.status).toBe(409)
    expect(again.body.reason).toBe('APPLICATION_PENDING')

    // review queue: only within scope
    const queue = await app.ok(membershipApi.reviewQueue, { token: reviewer })
    expect(queue.items).toEqual([expect.objectContaining({ id: appId, name: '王小骑', overdue: false, resubmission: false, waitingHours: 0 })])
    expect((await app.ok(membershipApi.reviewQueue, { token: otherReviewer })).items).toEqual([])
    expect((await app.call(membershipApi.reviewQueue, { token: gig })).status).toBe(403)

    // another member (or the applicant) cannot read it: 403 before the application is even looked up, so the
    // answer is the same for an id that does not exist — nothing about its existence
    const someMember = await app.login('member')
    expect((await app.call(membershipApi.reviewDetail, { token: someMember, params })).status).toBe(403)
    expect((await app.call(membershipApi.reviewDetail, { token: someMember, params: { id: 999999 } })).status).toBe(403)
    expect((await app.call(membershipApi.approve, { token: gig, params })).status).toBe(403)

    // another union's reviewer: 403 on detail, approve and reject
    expect((await app.call(membershipApi.reviewDetail, { token: otherReviewer, params })).status).toBe(403)
    expect((await app.call(membershipApi.approve, { token: otherReviewer, params })).status).toBe(403)
    expect((await app.call(membershipApi.reject, { token: otherReviewer, params, body: { reason: '资料不全' } })).status).toBe(403)

    // the right reviewer sees the full numbers; each view is audited
    const detail = await app.ok(membershipApi.reviewDetail, { token: reviewer, params })
    expect(detail).toMatchObject({ idNumber: GIG_ID, phone: '13912345678', id: appId })
    const views = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'membership.application.view_sensitive'), eq(auditLog.subjectId, String(appId))))
    expect(views).toHaveLength(1)
    expect(views[0].actorUserId).toBe(await userIdOf(h, 'reviewer'))

    // four working days later it is overdue
    clock += 4 * 24 * HOUR // Friday 10:00 is past Thursday 10:00
    const late = await app.ok(membershipApi.reviewQueue, { token: reviewer })
    expect(late.items[0]).toMatchObject({ overdue: true, waitingHours: 96 })

    // reject needs a reason
    const noReason = await app.call(membershipApi.reject, { token: reviewer, params, body: { reason: ' ' } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fields?.reason).toBe('请填写不通过的原因')
    const rejected = await app.ok(membershipApi.reject, { token: reviewer, params, body: { reason: '工作单位信息不完整，请补充' } })
    expect(rejected.status).toBe('rejected')
    const seen = await app.ok(membershipApi.mine, { token: gig })
    expect(seen.application).toMatchObject({ status: 'rejected', rejectReason: '工作单位信息不完整，请补充' })
    expect(seen.application!.timeline.at(-1)).toMatchObject({ kind: 'rejected', title: '审核未通过', note: '工作单位信息不完整，请补充' })
    const decided = await app.call(membershipApi.approve, { token: reviewer, params })
    expect(decided.status).toBe(409)
    expect(decided.body).toMatchObject({ reason: 'APPLICATION_DECIDED', message: '该申请已处理，请刷新后查看' })

    // resubmit: the same application, back to submitted; the ID number and phone, which the applicant
    // sees only masked, are kept on file when left out
    clock += HOUR
    const resubmitted = await app.ok(membershipApi.submit, {
      token: gig,
      body: { ...form, noFixedEmployer: false, employer: '极速外卖云溪站点', idNumber: undefined, phone: undefined },
    })
    expect(resubmitted).toMatchObject({
      id: appId,
      status: 'submitted',
      rejectReason: null,
      employer: '极速外卖云溪站点',
      idNumberMasked: masked(GIG_ID),
      birthDate: '1990-03-07',
    })
    expect(resubmitted.timeline.map((t) => t.kind)).toEqual(['submitted', 'in_review', 'rejected', 'resubmitted', 'in_review'])
    const queued = await app.ok(membershipApi.reviewQueue, { token: reviewer })
    expect(queued.items[0]).toMatchObject({ id: appId, resubmission: true, overdue: false })

    // approve: membership + member role, in one go
    const approved = await app.ok(membershipApi.approve, { token: reviewer, params })
    expect(approved.status).toBe('approved')
    expect(approved.timeline.at(-1)).toMatchObject({ kind: 'approved', title: '审核通过' })
    // each decision reached the applicant's 消息, newest first, linking to the application's page
    const told = await app.ok(notificationsApi.list, { token: gig })
    expect(told.items.filter((n) => n.kind.startsWith('membership.')).map((n) => [n.kind, n.title, n.link])).toEqual([
      ['membership.approved', '入会申请已通过', '/packages/membership/status/index'],
      ['membership.rejected', '入会申请未通过', '/packages/membership/status/index'],
    ])
    const member = await app.ok(membershipApi.mine, { token: gig })
    expect(member.membership).toMatchObject({
      memberNo: expect.stringMatching(/^YX2026\d{6}$/),
      name: '王小骑',
      org: { id: gigUnion, name: '云溪区新就业形态劳动者联合工会' },
      employmentType: 'delivery',
      joinedAt: new Date(clock).toISOString(),
    })
    const me = await app.ok(authApi.me, { token: gig })
    expect(me.roles).toEqual([{ role: 'member', orgId: gigUnion, orgName: '云溪区新就业形态劳动者联合工会' }])

    // a member cannot apply again; the same person from another account → 409 that names no union
    const twice = await app.call(membershipApi.submit, { token: gig, body: form })
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ reason: 'ALREADY_MEMBER', message: '您已是工会会员，无需重复申请' })
    const admin = await app.login('admin')
    const dup = await app.call(membershipApi.submit, { token: admin, body: { ...form, name: '周某某' } })
    expect(dup.status).toBe(409)
    expect(dup.body).toMatchObject({ reason: 'MEMBERSHIP_ID_REGISTERED', message: REGISTERED, fields: { idNumber: REGISTERED } })
    // the seeded member's number, too (lower-case x normalised)
    const seeded = await app.call(membershipApi.submit, {
      token: admin,
      body: joinForm({ name: '周某某', idNumber: DEMO_MEMBER_ID_NUMBER.toLowerCase(), orgId: null }),
    })
    expect(seeded.status).toBe(409)
    expect(seeded.body.message).toBe(REGISTERED)
  })

  it('an applicant who became a member another way cannot be approved again', async () => {
    const app = await h.app({}, { now })
    const reviewer = await app.login('reviewer')
    const gigUnion = await orgIdOf(h, '云溪区新就业形态劳动者联合工会')
    // The seeded member (李晓梅) has an application in review, as if filed before she joined elsewhere.
    const applicant = await newUser(h, app)
    const mine = await app.ok(membershipApi.submit, { token: applicant.token, body: joinForm({ idNumber: idNumber(290), orgId: gigUnion }) })
    await h.database.db
      .update(membershipApplications)
      .set({ userId: await userIdOf(h, 'member') })
      .where(eq(membershipApplications.id, mine.id))
    const res = await app.call(membershipApi.approve, { token: reviewer, params: { id: mine.id } })
    expect(res.status).toBe(409)
    expect(res.body).toMatchObject({ code: 'CONFLICT', reason: 'APPLICANT_ALREADY_MEMBER', message: '申请人已是工会会员，无需重复审批' })
  })

  it('a reviewer asking for an application that does not exist: 404', async () => {
    const app = await h.app({}, { now })
    const res = await app.call(membershipApi.reviewDetail, { token: await app.login('reviewer'), params: { id: 999999 } })
    expect(res.status).toBe(404)
    expect(res.body.message).toBe('入会申请不存在')
  })

  it('two concurrent approvals of the same person: one membership, the other a clear 409', async () => {
    const app = await h.app({}, { now })
    const reviewer = await app.login('reviewer')
    const gigUnion = await orgIdOf(h, '云溪区新就业形态劳动者联合工会')
    const id = idNumber(123, '19950620', '440304')
    // two accounts of one person: the first applies over HTTP, the second row is inserted as if both were pending
    const venueToken = await app.login('venue')
    const first = await app.ok(membershipApi.submit, { token: venueToken, body: joinForm({ name: '陈某', idNumber: id, orgId: gigUnion }) })
    const [row] = await h.database.db.select().from(membershipApplications).where(eq(membershipApplications.id, first.id))
    const { id: _id, ...copy } = row
    const [second] = await h.database.db
      .insert(membershipApplications)
      .values({ ...copy, userId: await userIdOf(h, 'reviewer') })
      .returning({ id: membershipApplications.id })

    const results = await Promise.all([first.id, second.id].map((appId) => app.call(membershipApi.approve, { token: reviewer, params: { id: appId } })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409])
    const conflict = results.find((r) => r.status === 409)!
    expect(conflict.body.code).toBe('CONFLICT')
    expect(conflict.body.reason).toBe('ID_ALREADY_MEMBER')
    expect(conflict.body.message).toMatch(/该身份证号已是.*会员/)
    expect(conflict.body.fields?.idNumber).toBeTruthy()
    const rows = await h.database.db.select().from(memberships).where(eq(memberships.idHash, row.idHash))
    expect(rows).toHaveLength(1)
    // the refused approval changed nothing
    const statuses = await h.database.db
      .select({ status: membershipApplications.status })
      .from(membershipApplications)
      .where(eq(membershipApplications.idHash, row.idHash))
    expect(statuses.map((s) => s.status).sort()).toEqual(['approved', 'submitted'])
  })
})
