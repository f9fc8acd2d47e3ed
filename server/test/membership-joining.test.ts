/** 入会: the unions to pick, the form's checks, the draft, 由区总工会兜底 — over HTTP on each database. */
import { eq } from 'drizzle-orm'
import { membershipApi } from '@contract/membership/api'
import { databases, useDatabase } from './harness'
import { memberships } from '../src/db/schema'
import { idNumber, joinDraft, joinForm, orgIdOf, userIdOf } from './builders/membership'

const BAD_CHECK = (() => {
  const id = idNumber(281, '19900307')
  return id.slice(0, 17) + (id[17] === '0' ? '1' : '0')
})()

describe.each(databases())('joining on %s', (target) => {
  const h = useDatabase(target)
  // Monday 2026-11-23 10:00 China time
  const clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock

  it('lists grassroots unions and validates the form per field', async () => {
    const app = await h.app({}, { now })
    const gig = await app.login('gig')
    const unions = await app.ok(membershipApi.unions, { token: gig })
    expect(unions.items.map((u) => u.name)).toEqual(
      expect.arrayContaining(['星河物流有限公司工会', '云溪区快递行业联合工会', '云溪区新就业形态劳动者联合工会']),
    )
    expect(unions.items).toHaveLength(3)
    expect(unions.items.find((u) => u.name === '云溪区新就业形态劳动者联合工会')!.parentName).toBe('云溪科技园区工会')

    const submit = (body: ReturnType<typeof joinForm>) => app.call(membershipApi.submit, { token: gig, body })
    const bad = await submit(joinForm({ idNumber: BAD_CHECK }))
    expect(bad.status).toBe(400)
    expect(bad.body).toMatchObject({ code: 'VALIDATION', fields: { idNumber: '身份证号码校验位不正确，请核对后重新输入' } })

    // A first application needs the ID number and phone; nothing is on file yet.
    const missing = await submit(joinForm({ idNumber: undefined, phone: undefined }))
    expect(missing.status).toBe(400)
    expect(missing.body).toMatchObject({ reason: 'ID_NUMBER_REQUIRED', message: '请输入身份证号码' })
    expect(missing.body.fields).toMatchObject({ idNumber: '请输入身份证号码', phone: '请输入 11 位手机号码' })
    const noPhone = await submit(joinForm({ phone: undefined }))
    expect(noPhone.body).toMatchObject({ reason: 'PHONE_REQUIRED', fields: { phone: '请输入 11 位手机号码' } })

    const noConsent = await submit(joinForm({ consentSensitive: false as never }))
    expect(noConsent.status).toBe(400)
    expect(noConsent.body.fields?.consentSensitive).toBe('请阅读并同意敏感个人信息处理规则')

    const noEmployer = await submit(joinForm({ noFixedEmployer: false, employer: '' }))
    expect(noEmployer.status).toBe(400)
    expect(noEmployer.body.fields?.employer).toBe('请填写工作单位，或选择“无固定单位”')

    const notGrassroots = await submit(joinForm({ orgId: await orgIdOf(h, '青禾街道总工会') }))
    expect(notGrassroots.status).toBe(400)
    expect(notGrassroots.body).toMatchObject({ reason: 'UNION_INVALID', fields: { orgId: '请选择所属工会' } })
  })

  it('an ID number that cannot be real on the server’s day is refused beside the field', async () => {
    // The server's clock ten days behind: a birth date five days ago passes the form's check (today on this
    // machine) but not the server's.
    const DAY = 24 * 3600_000
    const app = await h.app({}, { now: () => Date.now() - 10 * DAY })
    const gig = await app.login('gig')
    const born = new Date(Date.now() - 5 * DAY).toISOString().slice(0, 10).replaceAll('-', '')
    const unborn = await app.call(membershipApi.submit, { token: gig, body: joinForm({ idNumber: idNumber(7, born) }) })
    expect(unborn.status).toBe(400)
    expect(unborn.body).toMatchObject({
      code: 'VALIDATION',
      reason: 'ID_NUMBER_INVALID',
      message: '身份证号码中的出生日期不正确',
      fields: { idNumber: '身份证号码中的出生日期不正确' },
    })
  })

  it('saves a draft that survives an app restart', async () => {
    const first = await h.app({}, { now })
    const gig = await first.login('gig')
    const empty = await first.ok(membershipApi.mine, { token: gig })
    expect(empty).toEqual({ membership: null, application: null, draft: null, draftSavedAt: null, claimAvailable: true })

    const draft = joinDraft({ idNumber: '1101051990' })
    const saved = await first.ok(membershipApi.saveDraft, { token: gig, body: draft })
    expect(saved.savedAt).toBe(new Date(clock).toISOString())
    const tooLong = await first.call(membershipApi.saveDraft, { token: gig, body: { idNumber: '1'.repeat(19) } })
    expect(tooLong.status).toBe(400)
    await first.close()

    const second = await h.app({}, { now })
    const mine = await second.ok(membershipApi.mine, { token: gig })
    // An incomplete ID number stays on the device that typed it (see membership-security.test.ts).
    const { idNumber: _partial, ...kept } = draft
    expect(mine.draft).toEqual({ ...kept, idNumberMasked: null, phoneMasked: null })
    expect(mine.draftSavedAt).toBe(saved.savedAt)
  })

  it('district fallback goes to the district federation; the database refuses a second membership per person', async () => {
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const res = await app.ok(membershipApi.submit, {
      token: admin,
      body: joinForm({ name: '周某某', idNumber: idNumber(4, '19851111', '330102'), orgId: null, employmentType: 'courier' }),
    })
    expect(res).toMatchObject({ districtFallback: true, org: { name: '云溪区总工会' }, gender: 'female' })
    // the grassroots reviewer cannot see it; the district admin can
    const reviewer = await app.login('reviewer')
    expect((await app.call(membershipApi.reviewDetail, { token: reviewer, params: { id: res.id } })).status).toBe(403)
    expect((await app.ok(membershipApi.reviewQueue, { token: admin })).items.map((i) => i.id)).toContain(res.id)

    const [member] = await h.database.db.select().from(memberships).where(eq(memberships.userId, await userIdOf(h, 'member')))
    const { id: _id, ...copy } = member
    const err = await h.database.db
      .insert(memberships)
      .values({ ...copy, userId: await userIdOf(h, 'venue'), memberNo: 'YX2099000001' })
      .then(() => null, (e: { cause?: { code?: string; constraint?: string } }) => e)
    expect(err?.cause).toMatchObject({ code: '23505', constraint: 'memberships_id_hash_unique' })
  })
})
