/**
 * 帮扶救助 review decisions beyond the main path (relief-flow.test.ts), over HTTP on each database: the home-visit
 * rule of 困难职工帮扶, a rejection with its reason, the overdue flag, a 复核 return going back through 初审, and an
 * upheld objection withdrawing the approval.
 */
import { reliefApi } from '@contract/relief/api'
import { databases, useDatabase } from './harness'
import { DAY, VALID, at, payoutBody, reliefForm } from './builders/relief'
import { fill, gigJoins, start, upload } from './relief-fixtures'

describe.each(databases())('relief decisions on %s', (target) => {
  const h = useDatabase(target)
  let clock = at('2026-12-07T09:00:00')
  const now = () => clock

  it('困难职工帮扶 needs the home visit before 初审 approval; reject needs a reason', async () => {
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const reviewer = await app.login('reviewer')
    const draft = await start(app, member, 'hardship')
    await fill(app, member, draft.id, VALID.hardship, ['hardship_proof'])
    const id = (await app.ok(reliefApi.submit, { token: member, params: { id: draft.id } })).id
    const params = { id }
    expect((await app.ok(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base' } })).items.find((i) => i.id === id)!.homeVisitDone).toBe(false)

    const noVisit = await app.call(reliefApi.approve, { token: reviewer, params, body: {} })
    expect(noVisit.status).toBe(409)
    expect(noVisit.body).toMatchObject({ reason: 'RELIEF_HOME_VISIT_REQUIRED', message: '「困难职工帮扶」须先记录入户走访情况，再通过初审' })
    const visit = await app.call(reliefApi.homeVisit, {
      token: reviewer,
      params,
      body: { visitedOn: '2026-12-07', visitors: '审核员·赵、社区网格员', findings: '家中两人患病，收入仅靠低保，情况属实' },
    })
    expect(visit.status).toBe(200)
    expect(visit.body.homeVisit).toMatchObject({ visitedOn: '2026-12-07', recordedBy: '审核员·赵' })
    const bodyless = await app.call(reliefApi.approve, { token: reviewer, params })
    expect(bodyless.body).toMatchObject({ stage: 'district_review' })
    // withdrawing after 初审 is no longer possible
    const tooLate = await app.call(reliefApi.withdraw, { token: member, params, body: {} })
    expect(tooLate.status).toBe(409)
    expect(tooLate.body).toMatchObject({ reason: 'RELIEF_NOT_WITHDRAWABLE', message: '申请区总工会复核中，已不能撤回' })

    const admin = await app.login('admin')
    const noReason = await app.call(reliefApi.reject, { token: admin, params, body: { reason: ' ' } })
    expect(noReason.status).toBe(400)
    const rejected = await app.call(reliefApi.reject, { token: admin, params, body: { reason: '家庭人均收入核实后高于标准' } })
    expect(rejected.body).toMatchObject({ stage: 'rejected', rejectReason: '家庭人均收入核实后高于标准' })
    // overdue: the queue flags a case waiting past 5 working days
    const second = await start(app, member, 'mutual_aid')
    await fill(app, member, second.id, reliefForm('mutual_aid', { hospital: '示例市第五医院' }), ['invoices', 'record_first_page'])
    await app.ok(reliefApi.submit, { token: member, params: { id: second.id } })
    clock += 8 * DAY // Tuesday of the week after next: 6 working days
    const app2 = await h.app({}, { now })
    const r2 = await app2.login('reviewer')
    const overdue = (await app2.ok(reliefApi.reviewQueue, { token: r2, query: { level: 'base' } })).items.find((i) => i.id === second.id)
    expect(overdue).toMatchObject({ overdue: true, waitingHours: 192 })
  })

  it('a 复核 return goes back through 初审; an upheld objection withdraws the approval and blocks payout', async () => {
    clock = at('2027-01-11T10:00:00')
    const app = await h.app({}, { now })
    await gigJoins(app, h.database.db)
    const member = await app.login('member')
    const reviewer = await app.login('reviewer')
    const admin = await app.login('admin')
    const gig = await app.login('gig')
    const draft = await start(app, member, 'mutual_aid')
    await fill(app, member, draft.id, reliefForm('mutual_aid', { hospital: '示例市第六医院', admission_date: '2027-01-02', discharge_date: '2027-01-08' }), ['invoices', 'record_first_page'])
    const id = (await app.ok(reliefApi.submit, { token: member, params: { id: draft.id } })).id
    const params = { id }
    await app.ok(reliefApi.approve, { token: reviewer, params })
    const back = await app.ok(reliefApi.returnForInfo, { token: admin, params, body: { missingDocuments: ['invoices'], note: '发票不清晰，请重新拍照' } })
    expect(back.timeline.at(-1)).toMatchObject({ kind: 'returned', by: '云溪区总工会', note: '请补充：住院费用发票；发票不清晰，请重新拍照' })
    await app.ok(reliefApi.saveDraft, { token: member, params, body: { step: 'documents', documents: { invoices: [await upload(app, member)] } } })
    expect((await app.ok(reliefApi.submit, { token: member, params })).stage).toBe('base_review')
    await app.ok(reliefApi.approve, { token: reviewer, params })
    expect((await app.ok(reliefApi.approve, { token: admin, params, body: { amount: 3000 } })).stage).toBe('approved')
    await app.ok(reliefApi.createRound, { token: admin, body: { title: '2027 年第 1 批', days: 3, applicationIds: [id] } })
    await app.ok(reliefApi.object, { token: gig, params, body: { content: '该次住院已由单位全额报销' } })
    const [objection] = (await app.ok(reliefApi.reviewObjections, { token: reviewer })).items.filter((o) => o.applicationId === id)
    const answer = (body: { answer: string; upheld: boolean }) => app.call(reliefApi.answerObjection, { token: admin, params: { id: objection.id }, body })
    const upheld = await answer({ answer: '经核实已由单位报销，撤销救助', upheld: true })
    expect(upheld.status).toBe(200)
    const twice = await answer({ answer: '重复答复', upheld: false })
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ reason: 'RELIEF_OBJECTION_ANSWERED', message: '该异议已答复' })
    const mine = await app.ok(reliefApi.detail, { token: member, params })
    expect(mine).toMatchObject({ stage: 'rejected', rejectReason: '经核实已由单位报销，撤销救助' })
    clock += 4 * DAY
    const admin2 = await (await h.app({}, { now })).login('admin')
    const pay = await app.call(reliefApi.payout, { token: admin2, params, body: payoutBody({ paidOn: '2027-01-15', method: 'cash', reference: 'XJ001' }) })
    expect(pay.status).toBe(409)
    expect(pay.body).toMatchObject({ reason: 'RELIEF_NOT_IN_PUBLICITY', message: '该申请未通过，公示期满后才能发放' })
    // the withdrawn approval leaves the public notice
    const notice = await app.ok(reliefApi.publicity, { token: admin2 })
    expect(notice.items.flatMap((r) => r.entries.map((e) => e.id))).not.toContain(id)
  })
})
