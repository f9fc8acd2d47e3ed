/**
 * 帮扶救助 review levels, over HTTP on each database (security review, issue 11): 复核, 公示, payout and the answers
 * to objections belong to the level the aid type names (the district's types → the 区总工会). Attackers: an admin
 * of a street (level 2) above the applicant's union, a reviewer of a sibling union, relief-only delegations held
 * too low, and the 初审 reviewer facing an objection. The timeline names the union that actually acted.
 */
import { reliefApi } from '@contract/relief/api'
import { databases, useDatabase } from './harness'
import { DAY, at, homeVisitBody, payoutBody, seededType } from './builders/relief'
import { delegateAt, fill, gigJoins, orgIdOf, staffAt, start, submitCase } from './relief-fixtures'

const DISTRICT = '云溪区总工会'
const STREET = '青禾街道总工会'

describe.each(databases())('relief review levels on %s', (target) => {
  const h = useDatabase(target)
  let clock = at('2026-11-23T10:00:00') // Monday
  const now = () => clock

  it('a street-level admin cannot do the district’s 复核, 公示 or payout; nor can a sibling union’s reviewer', async () => {
    const app = await h.app({}, { now })
    const db = h.database.db
    const member = await app.login('member')
    const reviewer = await app.login('reviewer') // 初审 of 星河物流 (delegation)
    const admin = await app.login('admin') // 云溪区总工会
    const street = await staffAt(app, db, 'admin', STREET) // the street 星河物流 belongs to
    const sibling = await staffAt(app, db, 'reviewer', '云溪区快递行业联合工会')

    const id = await submitCase(app, member, 'serious_illness')
    const params = { id }
    expect((await app.ok(reliefApi.approve, { token: reviewer, params, body: {} })).stage).toBe('district_review')

    // the street admin sees the case (初审 authority over its subtree) but may not act for the district
    const seen = await app.call(reliefApi.reviewDetail, { token: street.token, params })
    expect(seen.status).toBe(200)
    expect(seen.body).toMatchObject({ actingLevel: null, type: { reviewLevel: 1, org: { name: DISTRICT } } })
    const decisions = [
      (token: string) => app.call(reliefApi.approve, { token, params, body: { amount: 20000 } }),
      (token: string) => app.call(reliefApi.reject, { token, params, body: { reason: '越级办理' } }),
      (token: string) => app.call(reliefApi.returnForInfo, { token, params, body: { note: '越级退回' } }),
    ]
    for (const decide of decisions) {
      const res = await decide(street.token)
      expect(res.status).toBe(403)
      expect(res.body).toMatchObject({ reason: 'RELIEF_LEVEL_REQUIRED', message: `复核由${DISTRICT}办理` })
      expect((await decide(sibling.token)).status).toBe(403)
    }
    const streetQueue = await app.ok(reliefApi.reviewQueue, { token: street.token, query: { level: 'district' } })
    expect(streetQueue.items.map((i) => i.id)).not.toContain(id)

    // the district does the 复核; the timeline names it
    const approved = await app.call(reliefApi.approve, { token: admin, params, body: { amount: 20000 } })
    expect(approved.status).toBe(200)
    expect(approved.body.timeline.at(-1)).toMatchObject({ kind: 'district_approved', title: '复核通过', by: DISTRICT })

    // 公示: refused to the street and the sibling, for this case by id
    const publish = (token: string, body: { title: string; days: number; applicationIds?: number[] }) => app.call(reliefApi.createRound, { token, body })
    const streetRound = await publish(street.token, { title: '越级公示', days: 1, applicationIds: [id] })
    expect(streetRound.status).toBe(403)
    expect(streetRound.body).toMatchObject({ reason: 'RELIEF_LEVEL_REQUIRED', message: `所选申请中有须由${DISTRICT}公示的，您不能发布` })
    // without ids there is nothing the street may publish
    const nothing = await publish(street.token, { title: '越级公示', days: 1 })
    expect(nothing.status).toBe(409)
    expect(nothing.body).toMatchObject({ reason: 'RELIEF_NOTHING_TO_PUBLISH', message: '暂无待公示的申请' })
    expect((await publish(sibling.token, { title: '越级公示', days: 1, applicationIds: [id] })).status).toBe(403)
    const round = await publish(admin, { title: '2026 年第 9 批', days: 1, applicationIds: [id] })
    expect(round.status).toBe(200)
    expect(round.body.orgName).toBe(DISTRICT)

    // payout after the notice: refused to the street and the sibling; the district pays
    clock += 2 * DAY
    const pay = (token: string) => app.call(reliefApi.payout, { token, params, body: payoutBody() })
    const streetPays = await pay(street.token)
    expect(streetPays.status).toBe(403)
    expect(streetPays.body).toMatchObject({ reason: 'RELIEF_LEVEL_REQUIRED', message: `救助金发放由${DISTRICT}办理` })
    expect((await app.ok(reliefApi.reviewDetail, { token: street.token, params })).payable).toBe(false)
    expect([403, 404]).toContain((await pay(sibling.token)).status)
    const paid = await pay(admin)
    expect(paid.status).toBe(200)
    expect(paid.body.timeline.at(-1)).toMatchObject({ kind: 'paid', by: DISTRICT })
  })

  it('relief-only district delegations follow the same rule: one held at a street cannot do the district’s 复核', async () => {
    clock = at('2026-11-30T10:00:00')
    const app = await h.app({}, { now })
    const db = h.database.db
    const member = await app.login('member')
    const reviewer = await app.login('reviewer')
    const low = await delegateAt(app, db, 'district', STREET)
    const high = await delegateAt(app, db, 'district', DISTRICT)
    const id = await submitCase(app, member, 'mutual_aid', { hospital: '示例市委派测试医院' })
    const params = { id }
    await app.ok(reliefApi.approve, { token: reviewer, params })

    const refused = await app.call(reliefApi.approve, { token: low.token, params, body: { amount: 3000 } })
    expect(refused.status).toBe(403)
    expect((await app.ok(reliefApi.reviewQueue, { token: low.token, query: { level: 'district' } })).items).toEqual([])
    const queue = await app.ok(reliefApi.reviewQueue, { token: high.token, query: { level: 'district' } })
    expect(queue.items.map((i) => i.id)).toContain(id)
    const ok = await app.call(reliefApi.approve, { token: high.token, params, body: { amount: 3000 } })
    expect(ok.status).toBe(200)
    expect(ok.body.timeline.at(-1)).toMatchObject({ title: '复核通过', by: DISTRICT })
  })

  it('a 初审 reviewer cannot decide objections on a district-approved 公示 case; the 复核 level can', async () => {
    clock = at('2026-12-07T10:00:00')
    const app = await h.app({}, { now })
    const db = h.database.db
    await gigJoins(app, db)
    const member = await app.login('member')
    const reviewer = await app.login('reviewer')
    const admin = await app.login('admin')
    const gig = await app.login('gig')
    const street = await staffAt(app, db, 'admin', STREET)
    const id = await submitCase(app, member, 'hardship', { monthly_income_per_head: 900 })
    const params = { id }
    await app.ok(reliefApi.homeVisit, { token: reviewer, params, body: homeVisitBody('2026-12-07') })
    await app.ok(reliefApi.approve, { token: reviewer, params })
    await app.ok(reliefApi.approve, { token: admin, params, body: { amount: 2000 } })
    await app.ok(reliefApi.createRound, { token: admin, body: { title: '2026 年第 10 批', days: 3, applicationIds: [id] } })
    expect((await app.call(reliefApi.object, { token: gig, params, body: { content: '申请人名下有两套房产，请核实' } })).status).toBe(200)

    const listed = await app.ok(reliefApi.reviewObjections, { token: reviewer })
    const objection = listed.items.find((o) => o.applicationId === id)!
    expect(objection).toMatchObject({ answer: null, canAnswer: false })
    expect((await app.ok(reliefApi.reviewDetail, { token: reviewer, params })).canAnswerObjections).toBe(false)
    const answer = (token: string, body: { answer: string; upheld: boolean }) => app.call(reliefApi.answerObjection, { token, params: { id: objection.id }, body })
    for (const token of [reviewer, street.token]) {
      const res = await answer(token, { answer: '异议成立，撤销救助', upheld: true })
      expect(res.status).toBe(403)
      expect(res.body).toMatchObject({ reason: 'RELIEF_LEVEL_REQUIRED', message: `公示异议由${DISTRICT}核实答复` })
    }
    expect((await app.ok(reliefApi.detail, { token: member, params })).stage).toBe('publicity')

    const adminList = await app.ok(reliefApi.reviewObjections, { token: admin })
    expect(adminList.items.find((o) => o.id === objection.id)!.canAnswer).toBe(true)
    expect((await app.ok(reliefApi.reviewDetail, { token: admin, params })).canAnswerObjections).toBe(true)
    const answered = await answer(admin, { answer: '经核实房产已出售，异议不成立', upheld: false })
    expect(answered.status).toBe(200)
    expect(answered.body).toMatchObject({ upheld: false, canAnswer: false })
  })

  it('a street’s own type: its 复核, 公示 and payout are the street’s, and the timeline names the street', async () => {
    clock = at('2026-12-14T10:00:00')
    const app = await h.app({}, { now })
    const db = h.database.db
    const member = await app.login('member')
    const reviewer = await app.login('reviewer')
    const street = await staffAt(app, db, 'admin', STREET)
    const streetId = await orgIdOf(db, STREET)
    const base = seededType('mutual_aid')
    const type = await app.call(reliefApi.updateType, {
      token: street.token,
      params: { key: 'street_stay' },
      body: seededType('mutual_aid', {
        name: '青禾街道住院慰问',
        fields: base.fields.filter((f) => f.key !== 'diagnosis'),
        limits: { perYear: 1, causeGroup: null, causeFields: [] },
        amount: { kind: 'reviewer_set', min: 100, max: 1500 },
        orgId: streetId,
      }),
    })
    expect(type.status).toBe(200)
    const draft = await start(app, member, 'street_stay')
    const params = { id: draft.id }
    await fill(app, member, draft.id, { hospital: '示例市街道医院', admission_date: '2026-12-01', discharge_date: '2026-12-05', total_cost: 8000 }, ['invoices', 'record_first_page'])
    expect((await app.call(reliefApi.submit, { token: member, params })).status).toBe(200)
    await app.ok(reliefApi.approve, { token: reviewer, params })

    const approved = await app.call(reliefApi.approve, { token: street.token, params, body: { amount: 800 } })
    expect(approved.status).toBe(200)
    expect(approved.body.timeline.at(-1)).toMatchObject({ title: '复核通过', by: STREET, note: '核定金额 ¥800' })
    const round = await app.call(reliefApi.createRound, { token: street.token, body: { title: '青禾街道公示', days: 1, applicationIds: [draft.id] } })
    expect(round.status).toBe(200)
    expect(round.body.orgName).toBe(STREET)
    clock += 2 * DAY
    const paid = await app.call(reliefApi.payout, { token: street.token, params, body: payoutBody({ paidOn: '2026-12-15' }) })
    expect(paid.status).toBe(200)
    const mine = await app.ok(reliefApi.detail, { token: member, params })
    expect(mine.timeline.map((e) => e.by)).toEqual(['本人', '星河物流有限公司工会', STREET, STREET, STREET])
  })
})
