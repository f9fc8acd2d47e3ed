/**
 * 法律援助: request → take → ask for more → the member answers → reply → schedule → close with an outcome, each step
 * in the member's message centre; rating; the first-response promise (1 working day, China time) broken → flagged;
 * attackers: legal staff of a sibling branch, another member.
 */
import { legalApi } from '@contract/legal/api'
import { applicationsApi } from '@contract/applications/api'
import { notificationsApi } from '@contract/notifications/api'
import type { CreateCaseBody } from '@contract/legal/schemas'
import { legalAsk } from './builders/legal'
import { databases, useDatabase } from './harness'
import { idNumber, newUser, orgIdOf } from './builders/membership'
import { at, HOUR } from './builders/relief'
import { memberships } from '../src/db/schema'

const ask = (over: Partial<CreateCaseBody> = {}): CreateCaseBody => legalAsk({ contactPref: 'phone', contactTime: 'weekday_evening', phone: '13812345678', ...over })

describe.each(databases())('legal aid on %s', (target) => {
  const h = useDatabase(target)
  // Friday 2026-11-20 10:00 China time: the promise (1 working day) falls on Monday 10:00.
  let clock = at('2026-11-20T10:00:00')

  it('runs a case from request to rating, each step in the member’s messages', async () => {
    const app = await h.app({}, { now: () => clock })
    const member = await app.login('member')
    const legal = await app.login('legal')

    const noAmount = await app.call(legalApi.create, { token: member, body: ask({ amount: null }) })
    expect(noAmount.status).toBe(400)
    expect(noAmount.body.reason).toBe('LEGAL_AMOUNT_REQUIRED')
    expect(noAmount.body.fields).toHaveProperty('amount')
    const short = await app.call(legalApi.create, { token: member, body: ask({ description: '太短' }) })
    expect(short.status).toBe(400)
    expect(short.body.fields).toHaveProperty('description')

    const created = await app.ok(legalApi.create, { token: member, body: ask() })
    expect(created).toMatchObject({ status: 'submitted', amount: 6800, phone: '138****5678', overdue: false, orgName: '星河物流有限公司工会' })
    expect(created.firstResponseDue).toBe(new Date(at('2026-11-23T10:00:00')).toISOString())
    const id = created.id

    const list = await app.ok(legalApi.manageList, { token: legal, query: {} })
    const row = list.items.find((x) => x.id === id)!
    expect(row.memberName).toBe('李*梅')
    const seen = await app.ok(legalApi.manageDetail, { token: legal, params: { id } })
    expect(seen).toMatchObject({ memberName: '李晓梅', phone: '13812345678', description: ask().description })

    // reply before taking: refused
    expect((await app.call(legalApi.reply, { token: legal, params: { id }, body: { kind: 'reply', text: '您好' } })).body.reason).toBe('LEGAL_NOT_TAKEN')
    clock += HOUR
    expect(await app.ok(legalApi.take, { token: legal, params: { id } })).toMatchObject({ status: 'in_progress', handlerName: '法律援助专员·孙', mine: true })
    const asked = await app.ok(legalApi.reply, { token: legal, params: { id }, body: { kind: 'request_info', text: '请补充劳动合同或考勤记录截图。' } })
    expect(asked.status).toBe('awaiting_member')
    expect(asked.firstResponseAt).toBe(new Date(clock).toISOString())

    const mineNow = await app.ok(legalApi.detail, { token: member, params: { id } })
    expect(mineNow.nextStep).toContain('补充')
    const answered = await app.ok(legalApi.message, { token: member, params: { id }, body: { text: '没有书面合同，有微信群的排班记录。', attachments: [] } })
    expect(answered.status).toBe('in_progress')

    await app.ok(legalApi.reply, { token: legal, params: { id }, body: { kind: 'reply', text: '排班记录可以作为证据，建议先申请调解。' } })
    const past = await app.call(legalApi.schedule, { token: legal, params: { id }, body: { mode: 'phone', at: new Date(clock - HOUR).toISOString() } })
    expect(past.body.reason).toBe('LEGAL_SESSION_IN_PAST')
    const scheduled = await app.ok(legalApi.schedule, {
      token: legal,
      params: { id },
      body: { mode: 'phone', at: new Date(at('2026-11-23T19:00:00')).toISOString(), note: '请保持电话畅通' },
    })
    expect(scheduled.status).toBe('scheduled')
    expect(scheduled.session).toMatchObject({ mode: 'phone', place: null })

    expect((await app.call(legalApi.rate, { token: member, params: { id }, body: { stars: 5 } })).body.reason).toBe('LEGAL_NOT_CLOSED')
    const noRecovered = await app.call(legalApi.close, { token: legal, params: { id }, body: { outcome: 'mediated', note: '调解成功' } })
    expect(noRecovered.body.fields).toHaveProperty('amountRecovered')
    const closed = await app.ok(legalApi.close, { token: legal, params: { id }, body: { outcome: 'mediated', amountRecovered: 6800, note: '站点同意一次性支付。' } })
    expect(closed).toMatchObject({ status: 'closed', outcome: 'mediated', amountRecovered: 6800 })
    expect((await app.call(legalApi.reply, { token: legal, params: { id }, body: { kind: 'reply', text: '再补充' } })).body.reason).toBe('LEGAL_CASE_CLOSED')

    const rated = await app.ok(legalApi.rate, { token: member, params: { id }, body: { stars: 5, comment: '很及时' } })
    expect(rated.rating).toMatchObject({ stars: 5, comment: '很及时' })
    expect((await app.call(legalApi.rate, { token: member, params: { id }, body: { stars: 1 } })).body.reason).toBe('LEGAL_ALREADY_RATED')
    expect(rated.entries.map((e) => e.kind)).toEqual(['submitted', 'taken', 'request_info', 'member_message', 'reply', 'scheduled', 'closed', 'rated'])
    expect(rated.entries.find((e) => e.kind === 'member_message')!.by).toBe('您')

    const inbox = await app.ok(notificationsApi.list, { token: member, query: { limit: 50 } })
    const mine = inbox.items.filter((n) => n.link === `/packages/legal/case/index?id=${id}`).map((n) => n.title).reverse()
    expect(mine).toEqual(['法律援助：已受理', '法律援助：请您补充情况', '法律援助：专员答复', '法律援助：已预约咨询', '法律援助：已结案'])
    expect(inbox.items.find((n) => n.title === '法律援助：已预约咨询')!.body).toContain('2026-11-23 19:00')

    const apps = await app.ok(applicationsApi.mine, { token: member })
    expect(apps.items.find((x) => x.kind === 'legal' && x.id === id)).toMatchObject({ state: 'completed', stageLabel: '调解成功', amount: 6800 })
  })

  it('flags a case without a first response after 1 working day, for the union’s admins too', async () => {
    clock = at('2026-11-20T16:00:00') // Friday afternoon
    const app = await h.app({}, { now: () => clock })
    const member = await app.login('member')
    const legal = await app.login('legal')
    const admin = await app.login('admin')
    const { id } = await app.ok(legalApi.create, { token: member, body: ask({ kind: 'injury', amount: null, contactPref: 'online', phone: null }) })

    clock = at('2026-11-22T20:00:00') // Sunday: the weekend does not count
    expect((await app.ok(legalApi.detail, { token: member, params: { id } })).overdue).toBe(false)
    clock = at('2026-11-23T16:30:00') // Monday past 16:00
    const flagged = await app.ok(legalApi.manageList, { token: admin, query: { filter: 'overdue' } })
    expect(flagged.items.map((x) => x.id)).toContain(id)
    expect(flagged.items.every((x) => x.overdue)).toBe(true)
    expect(flagged.overdueCount).toBeGreaterThanOrEqual(1)
    expect((await app.ok(legalApi.manageDetail, { token: admin, params: { id } })).overdue).toBe(true)

    await app.ok(legalApi.take, { token: legal, params: { id } })
    expect((await app.ok(legalApi.manageDetail, { token: legal, params: { id } })).overdue).toBe(true) // taking is not an answer
    await app.ok(legalApi.reply, { token: legal, params: { id }, body: { kind: 'reply', text: '工伤认定须在事故发生之日起 1 年内申请。' } })
    const after = await app.ok(legalApi.manageList, { token: admin, query: { filter: 'overdue' } })
    expect(after.items.map((x) => x.id)).not.toContain(id)
  })

  it('keeps a case from legal staff of a sibling branch and from other members', async () => {
    const app = await h.app({}, { now: () => clock })
    const member = await app.login('member')
    const { id } = await app.ok(legalApi.create, { token: member, body: ask({ kind: 'dismissal', amount: null }) })

    const sibling = await newUser(h, app, '园区法律专员', { role: 'legal_staff', orgName: '云溪科技园区工会' })
    expect((await app.call(legalApi.manageDetail, { token: sibling.token, params: { id } })).status).toBe(403)
    const took = await app.call(legalApi.take, { token: sibling.token, params: { id } })
    expect(took.status).toBe(403)
    expect(took.body.reason).toBe('LEGAL_CASE_OUTSIDE_SCOPE')
    expect((await app.call(legalApi.close, { token: sibling.token, params: { id }, body: { outcome: 'answered', note: 'x' } })).status).toBe(403)
    expect((await app.ok(legalApi.manageList, { token: sibling.token, query: { filter: 'all' } })).items.map((x) => x.id)).not.toContain(id)

    const other = await newUser(h, app, '另一位会员', { role: 'member', orgName: '星河物流有限公司工会' })
    await h.database.db.insert(memberships).values({
      userId: other.id,
      idHash: app.app.deps.cipher.idHash(idNumber(4242)),
      idNumberEnc: app.app.deps.cipher.encrypt(idNumber(4242)),
      memberNo: 'M4242424',
      name: '张三',
      orgId: await orgIdOf(h, '星河物流有限公司工会'),
      employmentType: 'employee',
      joinedAt: new Date('2024-01-01T00:00:00Z'),
    })
    for (const call of [
      app.call(legalApi.detail, { token: other.token, params: { id } }),
      app.call(legalApi.message, { token: other.token, params: { id }, body: { text: '我来看看', attachments: [] } }),
      app.call(legalApi.withdraw, { token: other.token, params: { id } }),
    ]) {
      const res = await call
      expect(res.status).toBe(404)
      expect(res.body.reason).toBe('LEGAL_CASE_NOT_FOUND')
    }
    expect((await app.call(legalApi.manageList, { token: other.token, query: {} })).status).toBe(403)
    // a plain member is not staff; a non-member is pointed to the hotline
    const gig = await app.login('gig')
    const refused = await app.call(legalApi.create, { token: gig, body: ask() })
    expect(refused.status).toBe(403)
    expect(refused.body.message).toContain('12351')

    // the member withdraws: 撤回, no rating asked
    const withdrawn = await app.ok(legalApi.withdraw, { token: member, params: { id } })
    expect(withdrawn).toMatchObject({ status: 'closed', outcome: 'withdrawn' })
    expect((await app.call(legalApi.rate, { token: member, params: { id }, body: { stars: 4 } })).body.reason).toBe('LEGAL_WITHDRAWN_NO_RATING')
  })
})
