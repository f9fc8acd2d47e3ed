/**
 * 帮扶救助, the whole path over HTTP on each database: submit → 初审 return → resubmit → 初审 approve → 复核 approve
 * with amount → 公示 → objection answered → paid, with the timeline, messages, scoping (404/403), the audit of
 * sensitive views, the home-visit rule, and 我的申请 across relief and joining.
 */
import { and, eq } from 'drizzle-orm'
import { databases, useDatabase } from './harness'
import { auditLog, notifications, userRoles, users } from '../src/db/schema'
import { personaOpenid } from '../src/personas'
import { VALID, at, fill, gigJoins, orgIdOf, start, upload } from './relief-fixtures'

const DAY = 86_400_000

describe.each(databases())('relief review on %s', (target) => {
  const h = useDatabase(target)
  let clock = at('2026-11-23T10:00:00') // Monday
  const now = () => clock

  async function userId(persona: string): Promise<number> {
    const [row] = await h.database.db.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid(persona)))
    return row.id
  }
  async function sensitiveViews(actor: number, appId: number): Promise<number> {
    const rows = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'relief.application.view_sensitive'), eq(auditLog.actorUserId, actor), eq(auditLog.subjectId, String(appId))))
    return rows.length
  }

  it('submit → return → resubmit → 初审 → 复核 with amount → 公示 → objection answered → paid', async () => {
    const app = await h.app({}, { now })
    await gigJoins(app, h.database.db) // the objector: another member
    const member = await app.login('member')
    const reviewer = await app.login('reviewer') // 审核员·赵: relief-only 初审 of 星河物流
    const admin = await app.login('admin') // 管理员·周: 区总工会复核
    const gig = await app.login('gig')
    // a reviewer of another union (快递行业联合工会)
    await h.database.db.insert(userRoles).values({ userId: await userId('venue'), orgId: await orgIdOf(h.database.db, '云溪区快递行业联合工会'), role: 'reviewer' })
    const otherReviewer = await app.login('venue')

    // --- the member applies with two documents (no itemised bill yet)
    const draft = await start(app, member, 'serious_illness')
    await fill(app, member, draft.id, { ...VALID.serious_illness, admission_date: '2026-10-08' }, ['invoices', 'discharge_summary'])
    const submitted = await app.request('POST', `/api/relief/applications/${draft.id}/submit`, { token: member })
    expect(submitted.status).toBe(200)
    const id = submitted.body.id

    // --- scoping: another member 404, a non-reviewer 403 on the review side, another union’s reviewer 403
    expect((await app.request('GET', `/api/relief/applications/${id}`, { token: gig })).status).toBe(404)
    // a non-reviewer is refused before the case is looked up (403 for any id, existing or not: nothing learnt)
    expect((await app.request('GET', `/api/relief/review/${id}`, { token: gig })).status).toBe(403)
    expect((await app.request('GET', `/api/relief/review/999999`, { token: gig })).status).toBe(403)
    expect((await app.request('POST', `/api/relief/review/${id}/approve`, { token: gig, body: {} })).status).toBe(403)
    const foreign = await app.request('GET', `/api/relief/review/${id}`, { token: otherReviewer })
    expect(foreign.status).toBe(403)
    expect(foreign.body.message).toBe('该申请不属于您负责审核的工会')
    expect((await app.request('POST', `/api/relief/review/${id}/return`, { token: otherReviewer, body: { note: '材料不全' } })).status).toBe(403)
    expect((await app.request('GET', '/api/relief/review?level=base', { token: otherReviewer })).body.items).toEqual([])
    expect((await app.request('GET', '/api/relief/review?level=district', { token: reviewer })).status).toBe(403)

    // --- 初审 queue: oldest first, waiting time, overdue after 5 working days
    clock += 2 * 3600_000
    const queue = await app.request('GET', '/api/relief/review?level=base', { token: reviewer })
    expect(queue.status).toBe(200)
    expect(queue.body.items).toEqual([
      expect.objectContaining({ id, typeName: '大病医疗救助', applicantName: '李晓梅', org: expect.objectContaining({ name: '星河物流有限公司工会' }), waitingHours: 2, overdue: false, resubmission: false }),
    ])

    // --- the reviewer's view is decrypted and audited, each time
    const viewsBefore = await sensitiveViews(await userId('reviewer'), id)
    const detail = await app.request('GET', `/api/relief/review/${id}`, { token: reviewer })
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({ fields: { diagnosis: '急性白血病' }, actingLevel: 'base', applicant: { name: '李晓梅' } })
    await app.request('GET', `/api/relief/review/${id}`, { token: reviewer })
    expect(await sensitiveViews(await userId('reviewer'), id)).toBe(viewsBefore + 2)

    // documents open through short-lived links only
    const invoice = detail.body.documents.find((d: { key: string }) => d.key === 'invoices').files[0]
    expect((await fetch(app.baseUrl + invoice.url)).status).toBe(200)

    // --- 初审 returns it asking for the itemised bill
    const noWhat = await app.request('POST', `/api/relief/review/${id}/return`, { token: reviewer, body: {} })
    expect(noWhat.status).toBe(400)
    expect(noWhat.body.fields.note).toBe('请写明需要补充的材料或信息')
    const returned = await app.request('POST', `/api/relief/review/${id}/return`, {
      token: reviewer,
      body: { missingDocuments: ['itemised_bill'], note: '请补充住院费用明细清单' },
    })
    expect(returned.status).toBe(200)
    expect(returned.body.stage).toBe('returned')
    clock += 3600_000
    const mine = await app.request('GET', `/api/relief/applications/${id}`, { token: member })
    expect(mine.body).toMatchObject({
      stage: 'returned',
      stageLabel: '待补充材料',
      canEdit: true,
      expectedBy: null,
      returnRequest: { documents: [{ key: 'itemised_bill', name: '费用明细清单' }], note: '请补充住院费用明细清单' },
    })
    // link expiry: 5 minutes later the old link is refused
    clock += 6 * 60_000
    expect((await fetch(app.baseUrl + invoice.url)).status).toBe(403)

    // --- the member adds the bill and resubmits
    const bill = await upload(app, member)
    await app.request('PUT', `/api/relief/applications/${id}/draft`, { token: member, body: { step: 'documents', documents: { itemised_bill: [bill] } } })
    const resubmitted = await app.request('POST', `/api/relief/applications/${id}/submit`, { token: member })
    expect(resubmitted.body).toMatchObject({ stage: 'base_review', submissionCount: 2, returnRequest: null })
    expect((await app.request('GET', '/api/relief/review?level=base', { token: reviewer })).body.items[0]).toMatchObject({ id, resubmission: true })

    // --- 初审 approves; the same person may not also do the 复核
    const baseOk = await app.request('POST', `/api/relief/review/${id}/approve`, { token: reviewer, body: { note: '材料齐全' } })
    expect(baseOk.status).toBe(200)
    expect(baseOk.body.stage).toBe('district_review')
    expect((await app.request('POST', `/api/relief/review/${id}/approve`, { token: reviewer, body: { amount: 10000 } })).status).toBe(403)

    // --- 复核: the amount is required and within the type's range
    const districtQueue = await app.request('GET', '/api/relief/review?level=district', { token: admin })
    expect(districtQueue.body.items.map((i: { id: number }) => i.id)).toContain(id)
    const noAmount = await app.request('POST', `/api/relief/review/${id}/approve`, { token: admin, body: {} })
    expect(noAmount.status).toBe(400)
    expect(noAmount.body.fields.amount).toBe('请填写核定金额（¥1000–¥30000）')
    const tooMuch = await app.request('POST', `/api/relief/review/${id}/approve`, { token: admin, body: { amount: 50000 } })
    expect(tooMuch.body.fields.amount).toBe('「大病医疗救助」核定金额应在 ¥1000–¥30000 之间')
    const approved = await app.request('POST', `/api/relief/review/${id}/approve`, { token: admin, body: { amount: 20000 } })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ stage: 'approved', amount: 20000 })
    // both versions are kept: the first without the bill, the second with it
    expect(approved.body.versions).toHaveLength(2)
    const billOf = (v: { documents: { key: string; files: unknown[] }[] }) => v.documents.find((d) => d.key === 'itemised_bill')!.files.length
    expect(approved.body.versions.map(billOf)).toEqual([0, 1])

    // the district's worklist: 待公示
    const waiting = await app.request('GET', '/api/relief/review/cases?stage=approved', { token: admin })
    expect(waiting.body.items).toEqual([expect.objectContaining({ id, stageLabel: '复核通过，待公示', amount: 20000, payable: false, openObjections: 0 })])
    expect((await app.request('GET', '/api/relief/review/cases?stage=approved', { token: otherReviewer })).body.items).toEqual([])
    expect((await app.request('GET', '/api/relief/review/cases?stage=draft', { token: admin })).status).toBe(400)
    expect((await app.request('GET', '/api/relief/review/cases?stage=approved', { token: gig })).status).toBe(403)

    // --- 公示: five days, masked names
    const round = await app.request('POST', '/api/relief/publicity', { token: admin, body: { title: '2026 年第 4 批帮扶救助公示', days: 5 } })
    expect(round.status).toBe(200)
    expect(round.body.entries).toEqual([{ id, nameMasked: '李*梅', orgName: '星河物流有限公司工会', typeName: '大病医疗救助', amount: 20000 }])
    expect((await app.request('POST', '/api/relief/publicity', { token: reviewer, body: { title: '越权', days: 5 } })).status).toBe(403)
    const visible = await app.request('GET', '/api/relief/publicity', { token: gig })
    expect(visible.body.items[0]).toMatchObject({ title: '2026 年第 4 批帮扶救助公示', open: true, orgName: '云溪区总工会' })
    expect(JSON.stringify(visible.body)).not.toContain('李晓梅')

    // --- a member objects; payout waits for the end of the notice and for the answer
    const objection = await app.request('POST', `/api/relief/publicity/${id}/objections`, { token: gig, body: { content: '申请人家庭条件较好，请核实' } })
    expect(objection.status).toBe(200)
    const early = await app.request('POST', `/api/relief/review/${id}/payout`, { token: admin, body: { paidOn: '2026-11-24', method: 'bank_transfer', reference: 'YH20261124001' } })
    expect(early.status).toBe(409)
    expect(early.body.message).toMatch(/^公示期至 2026-11-\d\d \d\d:\d\d，期满后才能发放$/)
    clock += 6 * DAY
    const late = await app.request('POST', `/api/relief/publicity/${id}/objections`, { token: gig, body: { content: '公示结束后的异议' } })
    expect(late.status).toBe(409)
    expect(late.body.message).toBe('公示期已结束，不能再提出异议')
    const unanswered = await app.request('POST', `/api/relief/review/${id}/payout`, { token: admin, body: { paidOn: '2026-11-29', method: 'bank_transfer', reference: 'YH20261129001' } })
    expect(unanswered.status).toBe(409)
    expect(unanswered.body.message).toBe('还有 1 条公示异议未答复，答复后才能发放')

    const objections = await app.request('GET', '/api/relief/review/objections', { token: admin })
    expect(objections.body.items).toEqual([expect.objectContaining({ applicationId: id, content: '申请人家庭条件较好，请核实', answer: null })])
    const answered = await app.request('POST', `/api/relief/review/objections/${objections.body.items[0].id}/answer`, {
      token: admin,
      body: { answer: '经入户核实，申请人家庭确有困难，异议不成立', upheld: false },
    })
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ upheld: false, answer: '经入户核实，申请人家庭确有困难，异议不成立' })
    expect((await app.request('GET', `/api/relief/review/${id}`, { token: admin })).body).toMatchObject({ payable: true, stageLabel: '公示期满，待发放' })
    const payables = await app.request('GET', '/api/relief/review/cases?stage=publicity', { token: admin })
    expect(payables.body.items).toEqual([expect.objectContaining({ id, stageLabel: '公示期满，待发放', payable: true, openObjections: 0 })])
    // the grassroots reviewer sees the case but cannot pay it
    expect((await app.request('GET', '/api/relief/review/cases?stage=publicity', { token: reviewer })).body.items[0]).toMatchObject({ id, payable: false })

    // --- the district pays; the applicant is told
    const paid = await app.request('POST', `/api/relief/review/${id}/payout`, { token: admin, body: { paidOn: '2026-11-29', method: 'bank_transfer', reference: 'YH20261129001' } })
    expect(paid.status).toBe(200)
    expect(paid.body).toMatchObject({ stage: 'paid', payout: { paidOn: '2026-11-29', method: 'bank_transfer', reference: 'YH20261129001' } })

    // --- the timeline holds every step, each stage change with an in-app message
    const final = await app.request('GET', `/api/relief/applications/${id}`, { token: member })
    expect(final.body).toMatchObject({ stage: 'paid', stageLabel: '已发放', amount: 20000 })
    expect(final.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'returned',
      'resubmitted',
      'base_approved',
      'district_approved',
      'published',
      'objection',
      'objection_answered',
      'paid',
    ])
    expect(final.body.timeline[1]).toMatchObject({ title: '退回补充材料', note: '请补充：费用明细清单；请补充住院费用明细清单', by: '星河物流有限公司工会' })
    expect(final.body.timeline[4]).toMatchObject({ title: '复核通过', note: '核定金额 ¥20000', by: '云溪区总工会' })
    const messages = await h.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, await userId('member')), eq(notifications.kind, 'relief.stage')))
    expect(messages.map((m) => m.title)).toEqual([
      '大病医疗救助：提交申请',
      '大病医疗救助：退回补充材料',
      '大病医疗救助：补充材料后重新提交',
      '大病医疗救助：基层工会初审通过',
      '大病医疗救助：复核通过',
      '大病医疗救助：进入公示',
      '大病医疗救助：救助金已发放',
    ])
    expect(new Set(messages.map((m) => m.link))).toEqual(new Set([`/packages/relief/detail/index?id=${id}`]))

    // --- 我的申请 shows it with its timeline
    const list = await app.request('GET', '/api/me/applications', { token: member })
    expect(list.body.items[0]).toMatchObject({ kind: 'relief', id, title: '大病医疗救助', state: 'completed', stageLabel: '已发放', amount: 20000 })
    expect(list.body.items[0].timeline).toHaveLength(9)
  })

  it('困难职工帮扶 needs the home visit before 初审 approval; reject needs a reason', async () => {
    clock = at('2026-12-07T09:00:00')
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const reviewer = await app.login('reviewer')
    const draft = await start(app, member, 'hardship')
    await fill(app, member, draft.id, VALID.hardship, ['hardship_proof'])
    const id = (await app.request('POST', `/api/relief/applications/${draft.id}/submit`, { token: member })).body.id
    expect((await app.request('GET', '/api/relief/review?level=base', { token: reviewer })).body.items.find((i: { id: number }) => i.id === id).homeVisitDone).toBe(false)

    const noVisit = await app.request('POST', `/api/relief/review/${id}/approve`, { token: reviewer, body: {} })
    expect(noVisit.status).toBe(409)
    expect(noVisit.body.message).toBe('「困难职工帮扶」须先记录入户走访情况，再通过初审')
    const visit = await app.request('POST', `/api/relief/review/${id}/home-visit`, {
      token: reviewer,
      body: { visitedOn: '2026-12-07', visitors: '审核员·赵、社区网格员', findings: '家中两人患病，收入仅靠低保，情况属实' },
    })
    expect(visit.status).toBe(200)
    expect(visit.body.homeVisit).toMatchObject({ visitedOn: '2026-12-07', recordedBy: '审核员·赵' })
    const bodyless = await app.request('POST', `/api/relief/review/${id}/approve`, { token: reviewer })
    expect(bodyless.body).toMatchObject({ stage: 'district_review' })
    // withdrawing after 初审 is no longer possible
    const tooLate = await app.request('POST', `/api/relief/applications/${id}/withdraw`, { token: member, body: {} })
    expect(tooLate.status).toBe(409)
    expect(tooLate.body.message).toBe('申请区总工会复核中，已不能撤回')

    const admin = await app.login('admin')
    const noReason = await app.request('POST', `/api/relief/review/${id}/reject`, { token: admin, body: { reason: ' ' } })
    expect(noReason.status).toBe(400)
    const rejected = await app.request('POST', `/api/relief/review/${id}/reject`, { token: admin, body: { reason: '家庭人均收入核实后高于标准' } })
    expect(rejected.body).toMatchObject({ stage: 'rejected', rejectReason: '家庭人均收入核实后高于标准' })
    // overdue: the queue flags a case waiting past 5 working days
    const second = await start(app, member, 'mutual_aid')
    await fill(app, member, second.id, { ...VALID.mutual_aid, hospital: '示例市第五医院' }, ['invoices', 'record_first_page'])
    await app.request('POST', `/api/relief/applications/${second.id}/submit`, { token: member })
    clock += 8 * DAY // Tuesday of the week after next: 6 working days
    const app2 = await h.app({}, { now })
    const r2 = await app2.login('reviewer')
    const overdue = (await app2.request('GET', '/api/relief/review?level=base', { token: r2 })).body.items.find((i: { id: number }) => i.id === second.id)
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
    await fill(app, member, draft.id, { ...VALID.mutual_aid, hospital: '示例市第六医院', admission_date: '2027-01-02', discharge_date: '2027-01-08' }, ['invoices', 'record_first_page'])
    const id = (await app.request('POST', `/api/relief/applications/${draft.id}/submit`, { token: member })).body.id
    await app.request('POST', `/api/relief/review/${id}/approve`, { token: reviewer })
    const back = await app.request('POST', `/api/relief/review/${id}/return`, { token: admin, body: { missingDocuments: ['invoices'], note: '发票不清晰，请重新拍照' } })
    expect(back.body.timeline.at(-1)).toMatchObject({ kind: 'returned', by: '云溪区总工会', note: '请补充：住院费用发票；发票不清晰，请重新拍照' })
    await app.request('PUT', `/api/relief/applications/${id}/draft`, { token: member, body: { step: 'documents', documents: { invoices: [await upload(app, member)] } } })
    expect((await app.request('POST', `/api/relief/applications/${id}/submit`, { token: member })).body.stage).toBe('base_review')
    await app.request('POST', `/api/relief/review/${id}/approve`, { token: reviewer })
    expect((await app.request('POST', `/api/relief/review/${id}/approve`, { token: admin, body: { amount: 3000 } })).body.stage).toBe('approved')
    await app.request('POST', '/api/relief/publicity', { token: admin, body: { title: '2027 年第 1 批', days: 3, applicationIds: [id] } })
    await app.request('POST', `/api/relief/publicity/${id}/objections`, { token: gig, body: { content: '该次住院已由单位全额报销' } })
    const [objection] = (await app.request('GET', '/api/relief/review/objections', { token: reviewer })).body.items.filter((o: { applicationId: number }) => o.applicationId === id)
    const upheld = await app.request('POST', `/api/relief/review/objections/${objection.id}/answer`, { token: admin, body: { answer: '经核实已由单位报销，撤销救助', upheld: true } })
    expect(upheld.status).toBe(200)
    expect((await app.request('POST', `/api/relief/review/objections/${objection.id}/answer`, { token: admin, body: { answer: '重复答复', upheld: false } })).status).toBe(409)
    const mine = await app.request('GET', `/api/relief/applications/${id}`, { token: member })
    expect(mine.body).toMatchObject({ stage: 'rejected', rejectReason: '经核实已由单位报销，撤销救助' })
    clock += 4 * DAY
    const admin2 = await (await h.app({}, { now })).login('admin')
    const pay = await app.request('POST', `/api/relief/review/${id}/payout`, { token: admin2, body: { paidOn: '2027-01-15', method: 'cash', reference: 'XJ001' } })
    expect(pay.status).toBe(409)
    // the withdrawn approval leaves the public notice
    const notice = await app.request('GET', '/api/relief/publicity', { token: admin2 })
    expect(notice.body.items.flatMap((r: { entries: { id: number }[] }) => r.entries.map((e) => e.id))).not.toContain(id)
  })

  it('我的申请 aggregates relief and joining; every item says its stage, expected time and reasons', async () => {
    clock = at('2026-12-21T10:00:00')
    const app = await h.app({}, { now })
    await gigJoins(app, h.database.db)
    const gig = await app.login('gig')
    const draft = await start(app, gig, 'gig_accident')
    await fill(app, gig, draft.id, { ...VALID.gig_accident, accident_date: '2026-12-01', admission_date: '2026-12-01' }, ['medical_records', 'invoices'])
    await app.request('POST', `/api/relief/applications/${draft.id}/submit`, { token: gig })
    const reviewer = await app.login('reviewer') // 赵 reviews the gig union through the reviewer role
    await app.request('POST', `/api/relief/review/${draft.id}/return`, { token: reviewer, body: { note: '请补充交警事故认定书' } })

    const res = await app.request('GET', '/api/me/applications', { token: gig })
    expect(res.status).toBe(200)
    const kinds = res.body.items.map((i: { kind: string }) => i.kind)
    expect(kinds).toEqual(expect.arrayContaining(['relief', 'membership']))
    const relief = res.body.items.find((i: { kind: string }) => i.kind === 'relief')
    expect(relief).toMatchObject({
      title: '新就业形态劳动者意外伤害',
      state: 'action_required',
      stageLabel: '待补充材料',
      expectedBy: null,
      lastDecisionReason: '请补充交警事故认定书',
      link: `/packages/relief/detail/index?id=${draft.id}`,
    })
    expect(relief.timeline.map((e: { title: string }) => e.title)).toEqual(['提交申请', '退回补充材料'])
    const joining = res.body.items.find((i: { kind: string }) => i.kind === 'membership')
    expect(joining).toMatchObject({ title: '入会申请 · 云溪区新就业形态劳动者联合工会', state: 'completed', stageLabel: '已入会', lastDecisionReason: null })
    expect(joining.timeline.map((e: { title: string }) => e.title)).toEqual(['提交申请', '审核通过'])
    // newest activity first
    expect(res.body.items[0].kind).toBe('relief')

    // someone with nothing sees an empty list, not an error
    const venue = await app.login('venue')
    expect((await app.request('GET', '/api/me/applications', { token: venue })).body.items).toEqual([])
  })
})
