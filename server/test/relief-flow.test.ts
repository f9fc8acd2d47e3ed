/**
 * 帮扶救助, the whole path over HTTP on each database: submit → 初审 return → resubmit → 初审 approve → 复核 approve
 * with amount → 公示 → objection answered → paid, with the timeline, messages, scoping (404/403), the audit of
 * sensitive views, and 我的申请 across relief and joining. Other decisions: relief-decisions.test.ts.
 */
import { and, eq } from 'drizzle-orm'
import { applicationsApi } from '@contract/applications/api'
import { reliefApi } from '@contract/relief/api'
import { databases, useDatabase } from './harness'
import { auditLog, notifications, userRoles, users } from '../src/db/schema'
import { personaOpenid } from '../src/personas'
import { DAY, HOUR, at, payoutBody, reliefForm } from './builders/relief'
import { fill, gigJoins, orgIdOf, start, upload } from './relief-fixtures'

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
    await fill(app, member, draft.id, reliefForm('serious_illness', { admission_date: '2026-10-08' }), ['invoices', 'discharge_summary'])
    const submitted = await app.call(reliefApi.submit, { token: member, params: { id: draft.id } })
    expect(submitted.status).toBe(200)
    const id = submitted.body.id
    const params = { id }
    const review = (token: string) => app.call(reliefApi.reviewDetail, { token, params })
    const approve = (token: string, body: { amount?: number; note?: string } = {}) => app.call(reliefApi.approve, { token, params, body })
    const payout = (token: string, over: Parameters<typeof payoutBody>[0]) => app.call(reliefApi.payout, { token, params, body: payoutBody(over) })

    // --- scoping: another member 404, a non-reviewer 403 on the review side, another union’s reviewer 403
    expect((await app.call(reliefApi.detail, { token: gig, params })).status).toBe(404)
    // a non-reviewer is refused before the case is looked up (403 for any id, existing or not: nothing learnt)
    expect((await review(gig)).status).toBe(403)
    expect((await app.call(reliefApi.reviewDetail, { token: gig, params: { id: 999999 } })).status).toBe(403)
    expect((await approve(gig)).status).toBe(403)
    const foreign = await review(otherReviewer)
    expect(foreign.status).toBe(403)
    expect(foreign.body).toMatchObject({ reason: 'RELIEF_CASE_OUTSIDE_SCOPE', message: '该申请不属于您负责审核的工会' })
    expect((await app.call(reliefApi.returnForInfo, { token: otherReviewer, params, body: { note: '材料不全' } })).status).toBe(403)
    expect((await app.ok(reliefApi.reviewQueue, { token: otherReviewer, query: { level: 'base' } })).items).toEqual([])
    const noDistrict = await app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'district' } })
    expect(noDistrict.status).toBe(403)
    expect(noDistrict.body).toMatchObject({ reason: 'RELIEF_QUEUE_FORBIDDEN', message: '您没有复核权限' })

    // --- 初审 queue: oldest first, waiting time, overdue after 5 working days
    clock += 2 * HOUR
    const queue = await app.call(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base' } })
    expect(queue.status).toBe(200)
    expect(queue.body.items).toEqual([
      expect.objectContaining({ id, typeName: '大病医疗救助', applicantName: '李晓梅', org: expect.objectContaining({ name: '星河物流有限公司工会' }), waitingHours: 2, overdue: false, resubmission: false }),
    ])

    // --- the reviewer's view is decrypted and audited, each time
    const viewsBefore = await sensitiveViews(await userId('reviewer'), id)
    const detail = await review(reviewer)
    expect(detail.status).toBe(200)
    expect(detail.body).toMatchObject({ fields: { diagnosis: '急性白血病' }, actingLevel: 'base', applicant: { name: '李晓梅' } })
    await review(reviewer)
    expect(await sensitiveViews(await userId('reviewer'), id)).toBe(viewsBefore + 2)

    // documents open through short-lived links only
    const invoice = detail.body.documents.find((d) => d.key === 'invoices')!.files[0]
    expect((await fetch(app.baseUrl + invoice.url)).status).toBe(200)

    // --- 初审 returns it asking for the itemised bill
    const noWhat = await app.call(reliefApi.returnForInfo, { token: reviewer, params, body: {} })
    expect(noWhat.status).toBe(400)
    expect(noWhat.body.fields!.note).toBe('请写明需要补充的材料或信息')
    const returned = await app.call(reliefApi.returnForInfo, { token: reviewer, params, body: { missingDocuments: ['itemised_bill'], note: '请补充住院费用明细清单' } })
    expect(returned.status).toBe(200)
    expect(returned.body.stage).toBe('returned')
    clock += HOUR
    const mine = await app.ok(reliefApi.detail, { token: member, params })
    expect(mine).toMatchObject({
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
    await app.ok(reliefApi.saveDraft, { token: member, params, body: { step: 'documents', documents: { itemised_bill: [bill] } } })
    const resubmitted = await app.ok(reliefApi.submit, { token: member, params })
    expect(resubmitted).toMatchObject({ stage: 'base_review', submissionCount: 2, returnRequest: null })
    expect((await app.ok(reliefApi.reviewQueue, { token: reviewer, query: { level: 'base' } })).items[0]).toMatchObject({ id, resubmission: true })

    // --- 初审 approves; the same person may not also do the 复核
    const baseOk = await approve(reviewer, { note: '材料齐全' })
    expect(baseOk.status).toBe(200)
    expect(baseOk.body.stage).toBe('district_review')
    const again = await approve(reviewer, { amount: 10000 })
    expect(again.status).toBe(403)
    expect(again.body).toMatchObject({ reason: 'RELIEF_LEVEL_REQUIRED', message: '复核由云溪区总工会办理' })

    // --- 复核: the amount is required and within the type's range
    const districtQueue = await app.ok(reliefApi.reviewQueue, { token: admin, query: { level: 'district' } })
    expect(districtQueue.items.map((i) => i.id)).toContain(id)
    const noAmount = await approve(admin)
    expect(noAmount.status).toBe(400)
    expect(noAmount.body.reason).toBe('RELIEF_AMOUNT_REQUIRED')
    expect(noAmount.body.fields!.amount).toBe('请填写核定金额（¥1000–¥30000）')
    const tooMuch = await approve(admin, { amount: 50000 })
    expect(tooMuch.body.reason).toBe('RELIEF_AMOUNT_OUT_OF_RANGE')
    expect(tooMuch.body.fields!.amount).toBe('「大病医疗救助」核定金额应在 ¥1000–¥30000 之间')
    const approved = await approve(admin, { amount: 20000 })
    expect(approved.status).toBe(200)
    expect(approved.body).toMatchObject({ stage: 'approved', amount: 20000 })
    // both versions are kept: the first without the bill, the second with it
    expect(approved.body.versions).toHaveLength(2)
    const billOf = (v: { documents: { key: string; files: unknown[] }[] }) => v.documents.find((d) => d.key === 'itemised_bill')!.files.length
    expect(approved.body.versions.map(billOf)).toEqual([0, 1])

    // the district's worklist: 待公示
    const cases = (token: string, stage: 'approved' | 'publicity') => app.call(reliefApi.reviewCases, { token, query: { stage } })
    const waiting = await cases(admin, 'approved')
    expect(waiting.body.items).toEqual([expect.objectContaining({ id, stageLabel: '复核通过，待公示', amount: 20000, payable: false, openObjections: 0 })])
    expect((await cases(otherReviewer, 'approved')).body.items).toEqual([])
    expect((await app.call(reliefApi.reviewCases, { token: admin, query: { stage: 'draft' as 'approved' } })).status).toBe(400) // not a worklist
    expect((await cases(gig, 'approved')).status).toBe(403)

    // --- 公示: five days, masked names
    const round = await app.call(reliefApi.createRound, { token: admin, body: { title: '2026 年第 4 批帮扶救助公示', days: 5 } })
    expect(round.status).toBe(200)
    expect(round.body.entries).toEqual([{ id, nameMasked: '李*梅', orgName: '星河物流有限公司工会', typeName: '大病医疗救助', amount: 20000 }])
    expect((await app.call(reliefApi.createRound, { token: reviewer, body: { title: '越权', days: 5 } })).status).toBe(403)
    const visible = await app.ok(reliefApi.publicity, { token: gig })
    expect(visible.items[0]).toMatchObject({ title: '2026 年第 4 批帮扶救助公示', open: true, orgName: '云溪区总工会' })
    expect(JSON.stringify(visible)).not.toContain('李晓梅')

    // --- a member objects; payout waits for the end of the notice and for the answer
    const objection = await app.call(reliefApi.object, { token: gig, params, body: { content: '申请人家庭条件较好，请核实' } })
    expect(objection.status).toBe(200)
    const early = await payout(admin, { paidOn: '2026-11-24', reference: 'YH20261124001' })
    expect(early.status).toBe(409)
    expect(early.body.reason).toBe('RELIEF_PUBLICITY_RUNNING')
    expect(early.body.message).toMatch(/^公示期至 2026-11-\d\d \d\d:\d\d，期满后才能发放$/)
    clock += 6 * DAY
    const late = await app.call(reliefApi.object, { token: gig, params, body: { content: '公示结束后的异议' } })
    expect(late.status).toBe(409)
    expect(late.body).toMatchObject({ reason: 'RELIEF_PUBLICITY_ENDED', message: '公示期已结束，不能再提出异议' })
    const unanswered = await payout(admin, { paidOn: '2026-11-29', reference: 'YH20261129001' })
    expect(unanswered.status).toBe(409)
    expect(unanswered.body).toMatchObject({ reason: 'RELIEF_OBJECTIONS_OPEN', message: '还有 1 条公示异议未答复，答复后才能发放' })

    const objections = await app.ok(reliefApi.reviewObjections, { token: admin })
    expect(objections.items).toEqual([expect.objectContaining({ applicationId: id, content: '申请人家庭条件较好，请核实', answer: null })])
    const answered = await app.call(reliefApi.answerObjection, {
      token: admin,
      params: { id: objections.items[0].id },
      body: { answer: '经入户核实，申请人家庭确有困难，异议不成立', upheld: false },
    })
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ upheld: false, answer: '经入户核实，申请人家庭确有困难，异议不成立' })
    expect((await review(admin)).body).toMatchObject({ payable: true, stageLabel: '公示期满，待发放' })
    const payables = await cases(admin, 'publicity')
    expect(payables.body.items).toEqual([expect.objectContaining({ id, stageLabel: '公示期满，待发放', payable: true, openObjections: 0 })])
    // the grassroots reviewer sees the case but cannot pay it
    expect((await cases(reviewer, 'publicity')).body.items[0]).toMatchObject({ id, payable: false })

    // --- the district pays; the applicant is told
    const paid = await payout(admin, { paidOn: '2026-11-29', reference: 'YH20261129001' })
    expect(paid.status).toBe(200)
    expect(paid.body).toMatchObject({ stage: 'paid', payout: { paidOn: '2026-11-29', method: 'bank_transfer', reference: 'YH20261129001' } })

    // --- the timeline holds every step, each stage change with an in-app message
    const final = await app.ok(reliefApi.detail, { token: member, params })
    expect(final).toMatchObject({ stage: 'paid', stageLabel: '已发放', amount: 20000 })
    expect(final.timeline.map((e) => e.kind)).toEqual([
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
    expect(final.timeline[1]).toMatchObject({ title: '退回补充材料', note: '请补充：费用明细清单；请补充住院费用明细清单', by: '星河物流有限公司工会' })
    expect(final.timeline[4]).toMatchObject({ title: '复核通过', note: '核定金额 ¥20000', by: '云溪区总工会' })
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
    const list = await app.ok(applicationsApi.mine, { token: member })
    const item = list.items.find((i) => i.kind === 'relief' && i.id === id)
    expect(item).toMatchObject({ kind: 'relief', id, title: '大病医疗救助', state: 'completed', stageLabel: '已发放', amount: 20000 })
    expect(item?.timeline).toHaveLength(9)
  })

  it('我的申请 aggregates relief and joining; every item says its stage, expected time and reasons', async () => {
    clock = at('2026-12-21T10:00:00')
    const app = await h.app({}, { now })
    await gigJoins(app, h.database.db)
    const gig = await app.login('gig')
    const draft = await start(app, gig, 'gig_accident')
    await fill(app, gig, draft.id, reliefForm('gig_accident', { accident_date: '2026-12-01', admission_date: '2026-12-01' }), ['medical_records', 'invoices'])
    await app.ok(reliefApi.submit, { token: gig, params: { id: draft.id } })
    const reviewer = await app.login('reviewer') // 赵 reviews the gig union through the reviewer role
    await app.ok(reliefApi.returnForInfo, { token: reviewer, params: { id: draft.id }, body: { note: '请补充交警事故认定书' } })

    const res = await app.call(applicationsApi.mine, { token: gig })
    expect(res.status).toBe(200)
    const kinds = res.body.items.map((i) => i.kind)
    expect(kinds).toEqual(expect.arrayContaining(['relief', 'membership']))
    const relief = res.body.items.find((i) => i.kind === 'relief')!
    expect(relief).toMatchObject({
      title: '新就业形态劳动者意外伤害',
      state: 'action_required',
      stageLabel: '待补充材料',
      expectedBy: null,
      lastDecisionReason: '请补充交警事故认定书',
      link: `/packages/relief/detail/index?id=${draft.id}`,
    })
    expect(relief.timeline.map((e) => e.title)).toEqual(['提交申请', '退回补充材料'])
    const joining = res.body.items.find((i) => i.kind === 'membership')!
    expect(joining).toMatchObject({ title: '入会申请 · 云溪区新就业形态劳动者联合工会', state: 'completed', stageLabel: '已入会', lastDecisionReason: null })
    expect(joining.timeline.map((e) => e.title)).toEqual(['提交申请', '审核通过'])
    // newest activity first
    expect(res.body.items[0].kind).toBe('relief')

    // someone with nothing sees an empty list, not an error
    const venue = await app.login('venue')
    expect((await app.ok(applicationsApi.mine, { token: venue })).items).toEqual([])
  })
})
