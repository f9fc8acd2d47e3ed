/**
 * 会员认证: a match makes a verified member at once (card works, roster number kept); every mismatch gets one and the
 * same refusal; failed attempts are limited per user and day; GET /me says only that 会员认证 is available.
 */
import { membershipApi } from '@contract/membership/api'
import { rosterApi } from '@contract/roster/api'
import { RosterReasons } from '@contract/roster/reasons'
import { ROSTER_CLAIMS_PER_DAY } from '@contract/roster/labels'
import { databases, useDatabase, type TestApp } from './harness'
import { joinForm, newUser, orgIdOf, rawRows, sql } from './builders/membership'
import { rosterCsv, rosterForm, rosterId, rosterLine, UNION_A } from './builders/roster'

describe.each(databases())('会员认证 on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  const person = rosterLine(501, { name: '张台账', phone: '13812344321', memberNo: 'XH-0501' })
  const noNumber = rosterLine(502, { name: '李台账', phone: '13812345502' })
  const third = rosterLine(503, { name: '王台账', phone: '13812345503' })
  const raced = rosterLine(504, { name: '赵台账', phone: '13812345504' })
  const applied = rosterLine(505, { name: '钱台账', phone: '13812345505', memberNo: 'XH-0505' })

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' })
    const admin = await app.login('admin')
    const res = await app.call(rosterApi.commit, { token: admin, form: rosterForm(rosterCsv([person, noNumber, third, raced, applied]), 'roster.csv') })
    expect(res.body.committed).toBe(true)
  })

  const claim = (token: string, body: { name: string; idNumber: string; phoneTail: string }) => app.call(rosterApi.claim, { token, body })
  const refusal = (res: { status: number; body: Record<string, unknown> }) => ({ status: res.status, reason: res.body.reason, message: res.body.message, fields: res.body.fields })

  it('a wrong phone tail, a wrong name and an unknown ID number get the same refusal', async () => {
    const u = await newUser(h, app, '认证用户甲')
    const wrongTail = await claim(u.token, { name: person.name, idNumber: person.idNumber, phoneTail: '0000' })
    const wrongName = await claim(u.token, { name: '张三', idNumber: person.idNumber, phoneTail: '4321' })
    const unknown = await claim(u.token, { name: person.name, idNumber: rosterId(9999), phoneTail: '4321' })
    expect(refusal(wrongTail)).toEqual({ status: 400, reason: 'ROSTER_NO_MATCH', message: RosterReasons.ROSTER_NO_MATCH.message(), fields: undefined })
    expect(refusal(wrongName)).toEqual(refusal(wrongTail))
    expect(refusal(unknown)).toEqual(refusal(wrongTail))
    expect(wrongTail.body.message).toContain('入会申请')
    const audits = await rawRows(h, sql`select 1 from audit_log where action = 'membership.roster_claim_failed' and actor_user_id = ${u.id}`)
    expect(audits).toHaveLength(3)
  })

  it('a match makes a verified member at once: the card works, the roster’s number is kept, /me no longer offers it', async () => {
    const u = await newUser(h, app, '认证用户乙')
    const before = await app.ok(membershipApi.mine, { token: u.token })
    expect(before).toMatchObject({ membership: null, application: null, claimAvailable: true })
    expect(Object.keys(before).sort()).toEqual(['application', 'claimAvailable', 'draft', 'draftSavedAt', 'membership'])

    const res = await claim(u.token, { name: person.name, idNumber: person.idNumber.toLowerCase(), phoneTail: '4321' })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ memberNo: 'XH-0501', name: '张台账', org: { name: '星河物流有限公司工会' }, employmentType: 'employee' })
    expect(res.body.joinedAt).toBe('2020-04-30T16:00:00.000Z')
    const card = await app.call(membershipApi.card, { token: u.token })
    expect(card.status).toBe(200)
    expect(card.body.memberNo).toBe('XH-0501')
    expect(await app.ok(membershipApi.mine, { token: u.token })).toMatchObject({ claimAvailable: false, membership: { memberNo: 'XH-0501' } })

    // claimed once: anyone else gets the one refusal; the same file again changes nothing
    const other = await newUser(h, app, '认证用户丙')
    expect(refusal(await claim(other.token, { name: person.name, idNumber: person.idNumber, phoneTail: '4321' }))).toMatchObject({ status: 400, reason: 'ROSTER_NO_MATCH' })
    const admin = await app.login('admin')
    const again = await app.call(rosterApi.commit, { token: admin, form: rosterForm(rosterCsv([person, noNumber, third, raced]), 'roster.csv') })
    expect(again.body.counts).toMatchObject({ unchanged: 4, new: 0, updated: 0, rejected: 0 })
  })

  it('without a roster number the generator’s is given', async () => {
    const u = await newUser(h, app, '认证用户丁')
    const res = await claim(u.token, { name: noNumber.name, idNumber: noNumber.idNumber, phoneTail: '5502' })
    expect(res.status).toBe(200)
    expect(res.body.memberNo).toMatch(/^YX\d{4}\d{6}$/)
  })

  it(`after ${ROSTER_CLAIMS_PER_DAY} failed attempts a day: 429, even with the right answer`, async () => {
    const u = await newUser(h, app, '认证用户戊')
    for (let i = 0; i < ROSTER_CLAIMS_PER_DAY; i++) {
      expect((await claim(u.token, { name: '某人', idNumber: rosterId(8000 + i), phoneTail: '1111' })).status).toBe(400)
    }
    const limited = await claim(u.token, { name: third.name, idNumber: third.idNumber, phoneTail: '5503' })
    expect(refusal(limited)).toMatchObject({ status: 429, reason: 'ROSTER_CLAIMS_EXCEEDED' })
    const [row] = await rawRows<{ attempts: number }>(h, sql`select attempts from roster_claim_attempts where user_id = ${u.id}`)
    expect(row.attempts).toBe(ROSTER_CLAIMS_PER_DAY)
  })

  it('two people claiming one entry at the same moment: one membership, the other the one refusal', async () => {
    const a = await newUser(h, app, '抢认证甲')
    const b = await newUser(h, app, '抢认证乙')
    const body = { name: raced.name, idNumber: raced.idNumber, phoneTail: '5504' }
    const results = await Promise.all([claim(a.token, body), claim(b.token, body)])
    expect(results.map((r) => r.status).sort()).toEqual([200, 400])
    const rows = await rawRows(h, sql`select m.user_id from memberships m join roster_entries r on r.membership_id = m.id where r.member_no is null and r.name = ${raced.name}`)
    expect(rows).toHaveLength(1)
  })

  it('a member cannot claim; a malformed ID number is a field error (it reveals nothing)', async () => {
    const member = await app.login('member')
    expect((await claim(member, { name: person.name, idNumber: person.idNumber, phoneTail: '4321' })).body.reason).toBe('ALREADY_MEMBER')
    const u = await newUser(h, app, '认证用户己')
    const bad = await claim(u.token, { name: 'x', idNumber: '123', phoneTail: '1234' })
    expect(bad.status).toBe(400)
    expect(bad.body.fields?.idNumber).toBeTruthy()
  })

  it('someone on the roster who applies to join instead: on approval the roster entry becomes that membership, its number kept', async () => {
    const u = await newUser(h, app, '申请入会的台账会员')
    const submitted = await app.ok(membershipApi.submit, {
      token: u.token,
      body: joinForm({ name: applied.name, idNumber: applied.idNumber, phone: applied.phone, orgId: await orgIdOf(h, UNION_A) }),
    })
    const admin = await app.login('admin')
    await app.ok(membershipApi.approve, { token: admin, params: { id: submitted.id } })
    expect((await app.ok(membershipApi.card, { token: u.token })).memberNo).toBe('XH-0505')
    const [entry] = await rawRows<{ claimed_by: number | null; membership_id: number | null }>(
      h,
      sql`select claimed_by, membership_id from roster_entries where member_no = 'XH-0505'`,
    )
    expect(entry.claimed_by).toBe(u.id)
    expect(entry.membership_id).not.toBeNull()
    // nobody can claim it afterwards; the same roster file again changes nothing
    const other = await newUser(h, app, '再来认证的人')
    expect((await claim(other.token, { name: applied.name, idNumber: applied.idNumber, phoneTail: '5505' })).body.reason).toBe('ROSTER_NO_MATCH')
    const again = await app.call(rosterApi.commit, { token: admin, form: rosterForm(rosterCsv([applied]), 'roster.csv') })
    expect(again.body.counts).toMatchObject({ unchanged: 1, rejected: 0 })
  })
})
