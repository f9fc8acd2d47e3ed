/**
 * Security review (issue 11), joining: the draft's ID number and phone at rest, the ID-number oracle and its daily
 * limit, and two first submissions at the same moment — over HTTP on each database, checked in the rows themselves.
 */
import { membershipApi } from '@contract/membership/api'
import { DEMO_MEMBER_ID_NUMBER } from '../src/seed'
import { databases, useDatabase } from './harness'
import { idNumber, joinDraft, joinForm, masked, newUser, orgIdOf, rawRows, sql } from './builders/membership'

const PHONE = '13912345678'
const HOUR = 3600_000
const REGISTERED = '该身份证号已登记，如有疑问请联系工会'

describe.each(databases())('membership security on %s', (target) => {
  const h = useDatabase(target)
  // Monday 2026-11-23 10:00 China time
  let clock = new Date('2026-11-23T10:00:00+08:00').getTime()
  const now = () => clock

  const draftRows = (userId: number) => rawRows(h, sql`select * from join_drafts where user_id = ${userId}`)

  it('the draft keeps the ID number and phone encrypted, gives them back masked, and a submission can use them', async () => {
    const app = await h.app({}, { now })
    const me = await newUser(h, app)
    const id = idNumber(11)
    await app.ok(membershipApi.saveDraft, { token: me.token, body: joinDraft({ idNumber: id, phone: PHONE }) })

    // In the table: nothing of either number in clear, anywhere in the row.
    const [row] = await draftRows(me.id)
    const stored = JSON.stringify(row)
    expect(stored).not.toContain(id)
    expect(stored).not.toContain(id.slice(0, 14))
    expect(stored).not.toContain(PHONE)
    expect(row).toMatchObject({ id_number_enc: expect.stringMatching(/^v1\./), phone_enc: expect.stringMatching(/^v1\./) })

    // Back to its owner: the form restores, the numbers masked.
    const mine = await app.call(membershipApi.mine, { token: me.token })
    expect(mine.status).toBe(200)
    expect(mine.body.draft).toEqual({
      name: '王小骑',
      employmentType: 'delivery',
      noFixedEmployer: true,
      idNumberMasked: masked(id),
      phoneMasked: '139****5678',
    })
    expect(mine.text).not.toContain(id)
    expect(mine.text).not.toContain(PHONE)

    // Saving without the numbers (another device, which has them masked only) keeps them; an incomplete one
    // replaces the kept one and is not stored at all.
    await app.call(membershipApi.saveDraft, { token: me.token, body: { name: '王小骑', employer: '云溪配送' } })
    expect((await app.call(membershipApi.mine, { token: me.token })).body.draft?.idNumberMasked).toBe(masked(id))
    await app.call(membershipApi.saveDraft, { token: me.token, body: { name: '王小骑', idNumber: '1101051990' } })
    const partial = await app.call(membershipApi.mine, { token: me.token })
    expect(partial.body.draft).toMatchObject({ idNumberMasked: null, phoneMasked: '139****5678' })
    expect(JSON.stringify(await draftRows(me.id))).not.toContain('1101051990')

    // Submitted without retyping them: the kept numbers are the ones on the application.
    await app.call(membershipApi.saveDraft, { token: me.token, body: { idNumber: id } })
    const gigUnion = await orgIdOf(h, '云溪区新就业形态劳动者联合工会')
    const submitted = await app.call(membershipApi.submit, {
      token: me.token,
      body: joinForm({ idNumber: undefined, phone: undefined, orgId: gigUnion }),
    })
    expect(submitted.status).toBe(200)
    expect(submitted.body).toMatchObject({ idNumberMasked: masked(id), phoneMasked: '139****5678', birthDate: '1990-01-01' })
    const reviewer = await app.login('reviewer')
    const detail = await app.call(membershipApi.reviewDetail, { token: reviewer, params: { id: submitted.body.id } })
    expect(detail.body).toMatchObject({ idNumber: id, phone: PHONE })
    expect(await draftRows(me.id)).toEqual([])
  })

  it('drafts saved in clear before are sealed at server start, and on read', async () => {
    const first = await h.app({}, { now })
    const early = await newUser(h, first)
    const late = await newUser(h, first)
    const [a, b] = [idNumber(21), idNumber(22)]
    // As the old code stored them: the whole form in `data`.
    const legacy = (id: string, phone: string) => JSON.stringify({ name: '王小骑', idNumber: id, phone, employmentType: 'courier' })
    await h.database.db.execute(
      sql`insert into join_drafts (user_id, data, updated_at) values (${early.id}, ${legacy(a, '13800000021')}::jsonb, now())`,
    )

    const restarted = await h.app({}, { now })
    const [row] = await draftRows(early.id)
    expect(JSON.stringify(row)).not.toContain(a)
    expect(JSON.stringify(row)).not.toContain('13800000021')
    expect(row.data).toEqual({ name: '王小骑', employmentType: 'courier' })
    const mine = await restarted.call(membershipApi.mine, { token: early.token })
    expect(mine.body.draft).toEqual({ name: '王小骑', employmentType: 'courier', idNumberMasked: masked(a), phoneMasked: '138****0021' })

    // Written in clear after the start (an older instance during a rolling deploy): sealed when read.
    await h.database.db.execute(
      sql`insert into join_drafts (user_id, data, updated_at) values (${late.id}, ${legacy(b, '13800000022')}::jsonb, now())`,
    )
    const read = await restarted.call(membershipApi.mine, { token: late.token })
    expect(read.body.draft?.idNumberMasked).toBe(masked(b))
    expect(read.text).not.toContain(b)
    const all = JSON.stringify(await rawRows(h, sql`select * from join_drafts`))
    for (const plain of [a, b, '13800000021', '13800000022']) expect(all).not.toContain(plain)
  })

  it('a taken ID number is refused without naming anyone, audited, and limited to 5 a day across instances', async () => {
    const app = await h.app({}, { now })
    const other = await h.app({}, { now })
    const prober = await newUser(h, app, '试探者')
    const owner = await newUser(h, app)
    const gigUnion = await orgIdOf(h, '云溪区新就业形态劳动者联合工会')

    // A member's number (the seeded member of 星河物流有限公司工会) …
    const member = await app.call(membershipApi.submit, {
      token: prober.token,
      body: joinForm({ idNumber: DEMO_MEMBER_ID_NUMBER, orgId: gigUnion }),
    })
    expect(member.status).toBe(409)
    expect(member.body).toMatchObject({ reason: 'MEMBERSHIP_ID_REGISTERED', message: REGISTERED, fields: { idNumber: REGISTERED } })
    expect(member.text).not.toContain('星河物流')
    // … and a number in someone else's application under review get the very same answer.
    const pendingId = idNumber(31)
    expect((await app.call(membershipApi.submit, { token: owner.token, body: joinForm({ idNumber: pendingId }) })).status).toBe(200)
    const pending = await other.call(membershipApi.submit, {
      token: prober.token,
      body: joinForm({ idNumber: pendingId, orgId: gigUnion }),
    })
    expect(pending.status).toBe(409)
    const { requestId: _a, ...one } = member.body
    const { requestId: _b, ...two } = pending.body
    expect(two).toEqual(one)

    // Each refusal is audited, with what it hit (for the staff, not for the prober).
    const audited = await rawRows<{ subject_type: string; detail: { reason: string } }>(
      h,
      sql`select subject_type, detail from audit_log where action = 'membership.id_conflict' and actor_user_id = ${prober.id} order by id`,
    )
    expect(audited.map((r) => [r.subject_type, r.detail.reason])).toEqual([
      ['membership', 'member'],
      ['membership_application', 'pending'],
    ])

    // Three more on either instance (5 in all), then 429 — even for a number nobody holds, so the limit is no oracle.
    for (const a of [app, other, app]) {
      expect((await a.call(membershipApi.submit, { token: prober.token, body: joinForm({ idNumber: pendingId }) })).status).toBe(409)
    }
    for (const [a, id] of [[other, pendingId], [app, idNumber(32)]] as const) {
      const limited = await a.call(membershipApi.submit, { token: prober.token, body: joinForm({ idNumber: id }) })
      expect(limited.status).toBe(429)
      expect(limited.body).toMatchObject({
        reason: 'MEMBERSHIP_ID_CHECKS_EXCEEDED',
        message: '今日身份证号核验次数已达上限，请明天再试或联系工会',
        fields: { idNumber: expect.any(String) },
      })
    }
    expect(await rawRows(h, sql`select * from membership_applications where user_id = ${prober.id}`)).toEqual([])

    // The next day (China time) the same user may apply with their own number.
    clock += 24 * HOUR
    const ok = await app.call(membershipApi.submit, { token: prober.token, body: joinForm({ idNumber: idNumber(32) }) })
    expect(ok.status).toBe(200)
  })

  it('the daily limit holds under concurrent probes: at most 5 answers, the rest 429', async () => {
    const app = await h.app({}, { now })
    const prober = await newUser(h, app, '并发试探者')
    const results = await Promise.all(
      Array.from({ length: 9 }, () =>
        app.call(membershipApi.submit, { token: prober.token, body: joinForm({ idNumber: DEMO_MEMBER_ID_NUMBER }) }),
      ),
    )
    const statuses = results.map((r) => r.status)
    expect(statuses.filter((s) => s === 409).length).toBeLessThanOrEqual(5)
    expect(statuses.every((s) => s === 409 || s === 429)).toBe(true)
    const [counted] = await rawRows<{ attempts: number }>(h, sql`select attempts from membership_id_conflicts where user_id = ${prober.id}`)
    expect(counted.attempts).toBe(5)
  })

  it('two first submissions at the same moment: one application in review, the others a clean 409', async () => {
    const app = await h.app({}, { now })
    for (let round = 0; round < 4; round++) {
      const me = await newUser(h, app)
      const body = joinForm({ idNumber: idNumber(40 + round) })
      const results = await Promise.all(Array.from({ length: 4 }, () => app.call(membershipApi.submit, { token: me.token, body })))
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409, 409])
      for (const r of results.filter((x) => x.status === 409)) {
        expect(r.body).toMatchObject({ code: 'CONFLICT', message: '您已有一份入会申请正在审核中，请耐心等待审核结果' })
      }
      const rows = await rawRows(h, sql`select id from membership_applications where user_id = ${me.id} and status = 'submitted'`)
      expect(rows).toHaveLength(1)
    }
  })

  it('the database itself keeps one application in review per user', async () => {
    const app = await h.app({}, { now })
    const me = await newUser(h, app)
    expect((await app.call(membershipApi.submit, { token: me.token, body: joinForm({ idNumber: idNumber(50) }) })).status).toBe(200)
    const copy = h.database.db.execute(sql`
      insert into membership_applications (user_id, name, id_number_enc, id_hash, phone_enc, birth_date, gender, employment_type, org_id, status, submitted_at)
      select user_id, name, id_number_enc, id_hash, phone_enc, birth_date, gender, employment_type, org_id, status, submitted_at
      from membership_applications where user_id = ${me.id}`)
    const err = await copy.then(() => null, (e: { code?: string; cause?: { code?: string; constraint?: string } }) => e.cause ?? e)
    expect(err).toMatchObject({ code: '23505' })
    // Decided applications do not count: after a rejection the user may be in review again.
    await h.database.db.execute(sql`update membership_applications set status = 'rejected' where user_id = ${me.id}`)
    expect((await app.call(membershipApi.submit, { token: me.token, body: joinForm({ idNumber: idNumber(50) }) })).status).toBe(200)
  })
})
