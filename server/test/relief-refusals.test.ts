/**
 * 帮扶救助 refusals the other relief tests do not reach, over HTTP on each database: each says what the user reads
 * (status, the Chinese message, the field it belongs beside) and its stable `reason` (contract/relief/reasons.ts),
 * which a client branches on instead of the text.
 */
import { reliefApi } from '@contract/relief/api'
import { ReliefReasons, type ReliefReason } from '@contract/relief/reasons'
import { databases, useDatabase, type TestApp } from './harness'
import { DAY, PNG, aidType, at, homeVisitBody, payoutBody } from './builders/relief'
import { fill, form, orgIdOf, staffAt, start, submitCase, upload } from './relief-fixtures'

const DISTRICT = '云溪区总工会'
const STREET = '青禾街道总工会'

/** A refusal as the user meets it: its status, its message, and its reason. */
function expectRefused(res: { status: number; body: { reason?: string; message?: string } }, status: number, reason: ReliefReason, message: string) {
  expect({ status: res.status, reason: res.body.reason, message: res.body.message }).toEqual({ status, reason, message })
  expect(ReliefReasons[reason].status).toBe(status)
}

describe.each(databases())('relief refusals on %s', (target) => {
  const h = useDatabase(target)
  let clock = at('2026-08-17T10:00:00') // Monday, inside 金秋助学's window
  const now = () => clock

  /** A small type owned by the union `orgName`, created by its admin `token`. */
  async function ownType(app: TestApp, token: string, key: string, orgName: string, over: Parameters<typeof aidType>[0] = {}) {
    return app.ok(reliefApi.updateType, { token, params: { key }, body: { ...aidType(over), orgId: await orgIdOf(h.database.db, orgName) } })
  }

  it('applying: unknown or stopped types, membership age, the checklist, the consent, and the stage', async () => {
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const admin = await app.login('admin')

    expectRefused(await app.call(reliefApi.start, { token: member, body: { typeKey: 'no_such_type' } }), 404, 'RELIEF_TYPE_NOT_FOUND', '救助类型不存在')
    await ownType(app, admin, 'veterans_aid', DISTRICT, { name: '老会员慰问', eligibility: { summary: ['入会满十年的会员'], minMembershipMonths: 120 } })
    expectRefused(await app.call(reliefApi.start, { token: member, body: { typeKey: 'veterans_aid' } }), 409, 'RELIEF_MEMBERSHIP_TOO_NEW', '「老会员慰问」须入会满 120 个月才能申请')

    // the consent is missing: refused beside it
    await ownType(app, admin, 'warmth', DISTRICT)
    const draft = await start(app, member, 'warmth')
    const params = { id: draft.id }
    await fill(app, member, draft.id, { situation: '家中突遭火灾，损失严重' }, ['proof'])
    await app.ok(reliefApi.saveDraft, { token: member, params, body: { step: 'confirm', consentSensitive: false } })
    const noConsent = await app.call(reliefApi.submit, { token: member, params })
    expectRefused(noConsent, 400, 'RELIEF_CONSENT_REQUIRED', '请阅读并同意敏感个人信息处理规则')
    expect(noConsent.body.fields).toEqual({ consentSensitive: '请阅读并同意敏感个人信息处理规则' })
    // a checklist item the type does not have
    const unknownDoc = await app.call(reliefApi.saveDraft, { token: member, params, body: { step: 'documents', documents: { receipts: [await upload(app, member)] } } })
    expectRefused(unknownDoc, 400, 'RELIEF_DOCUMENT_UNKNOWN', '材料清单中没有这一项，请刷新后重试')
    expect(unknownDoc.body.fields).toEqual({ 'documents.receipts': '材料清单中没有这一项，请刷新后重试' })

    // the type stops taking applications: the draft cannot be submitted, and nobody starts a new one
    await ownType(app, admin, 'warmth', DISTRICT, { active: false })
    await app.ok(reliefApi.saveDraft, { token: member, params, body: { step: 'confirm', consentSensitive: true } })
    expectRefused(await app.call(reliefApi.submit, { token: member, params }), 409, 'RELIEF_TYPE_INACTIVE', '「青禾街道暖心补助」已停止受理')
    expectRefused(await app.call(reliefApi.start, { token: member, body: { typeKey: 'warmth' } }), 404, 'RELIEF_TYPE_NOT_FOUND', '救助类型不存在')

    // withdrawn: neither withdrawn again nor edited
    await app.ok(reliefApi.withdraw, { token: member, params })
    expectRefused(await app.call(reliefApi.withdraw, { token: member, params }), 409, 'RELIEF_ALREADY_WITHDRAWN', '申请已撤回')
    expectRefused(await app.call(reliefApi.saveDraft, { token: member, params, body: { step: 'need' } }), 409, 'RELIEF_NOT_EDITABLE', '申请已撤回，不能修改')

    // submitted: not submitted twice
    const id = await submitCase(app, member, 'hardship')
    expectRefused(await app.call(reliefApi.submit, { token: member, params: { id } }), 409, 'RELIEF_ALREADY_SUBMITTED', '申请基层工会初审中，不能重复提交')

    // uploads: not multipart, no file part, an empty file
    const notMultipart = await app.request('POST', '/api/relief/files', { token: member, body: { file: 'x' } })
    expectRefused(notMultipart, 415, 'RELIEF_UPLOAD_NOT_MULTIPART', '请以 multipart/form-data 上传材料')
    const noFile = new FormData()
    noFile.append('photo', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
    const missing = await app.call(reliefApi.upload, { token: member, form: noFile })
    expectRefused(missing, 400, 'RELIEF_FILE_REQUIRED', '请选择要上传的材料')
    expect(missing.body.fields).toEqual({ file: '请选择要上传的材料' })
    const empty = await app.call(reliefApi.upload, { token: member, form: form(Buffer.alloc(0), 'empty.png', 'image/png') })
    expectRefused(empty, 400, 'RELIEF_FILE_EMPTY', '文件内容为空')
  })

  it('reviewing: the visit date, the stage, a fixed amount, the same person twice, a stale 公示 pick, the payout date', async () => {
    clock = at('2026-08-24T10:00:00')
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const reviewer = await app.login('reviewer')
    const admin = await app.login('admin')

    const school = await submitCase(app, member, 'school_aid') // 本科: ¥3000 by the rule
    const params = { id: school }
    const visit = await app.call(reliefApi.homeVisit, { token: reviewer, params, body: homeVisitBody('2026-08-25') })
    expectRefused(visit, 400, 'RELIEF_VISIT_DATE_FUTURE', '走访日期不能晚于今天')
    expect(visit.body.fields).toEqual({ visitedOn: '走访日期不能晚于今天' })
    await app.ok(reliefApi.approve, { token: reviewer, params })
    expectRefused(await app.call(reliefApi.homeVisit, { token: reviewer, params, body: homeVisitBody('2026-08-24') }), 409, 'RELIEF_VISIT_WRONG_STAGE', '入户走访在基层工会初审阶段记录')
    const wrongAmount = await app.call(reliefApi.approve, { token: admin, params, body: { amount: 2000 } })
    expectRefused(wrongAmount, 400, 'RELIEF_AMOUNT_FIXED', '「金秋助学」按规定应为 ¥3000')
    expect(wrongAmount.body.fields).toEqual({ amount: '「金秋助学」按规定应为 ¥3000' })
    expect((await app.ok(reliefApi.approve, { token: admin, params })).amount).toBe(3000)
    expectRefused(await app.call(reliefApi.approve, { token: admin, params }), 409, 'RELIEF_NOT_IN_REVIEW', '该申请复核通过，待公示，不在审核阶段')
    expectRefused(await app.call(reliefApi.object, { token: member, params, body: { content: '这条申请还没有公示' } }), 404, 'RELIEF_PUBLICITY_ENTRY_NOT_FOUND', '公示条目不存在')

    // the district admin may do a 初审, but then not the 复核 of the same case
    const mutual = await submitCase(app, member, 'mutual_aid')
    await app.ok(reliefApi.approve, { token: admin, params: { id: mutual } })
    expectRefused(
      await app.call(reliefApi.approve, { token: admin, params: { id: mutual }, body: { amount: 3000 } }),
      403,
      'RELIEF_SAME_REVIEWER',
      '初审和复核不能由同一人办理，请由上级工会其他人员复核',
    )

    // a 公示 pick with a case no longer (or not yet) 待公示
    const stale = await app.call(reliefApi.createRound, { token: admin, body: { title: '2026 年第 8 批', days: 1, applicationIds: [school, mutual] } })
    expectRefused(stale, 409, 'RELIEF_ROUND_STALE', '所选申请中有不在“复核通过，待公示”状态的，请刷新后重试')
    await app.ok(reliefApi.createRound, { token: admin, body: { title: '2026 年第 8 批', days: 1, applicationIds: [school] } })
    clock += 2 * DAY
    const future = await app.call(reliefApi.payout, { token: admin, params, body: payoutBody({ paidOn: '2026-08-27' }) })
    expectRefused(future, 400, 'RELIEF_PAID_ON_FUTURE', '发放日期不能晚于今天')
    expect(future.body.fields).toEqual({ paidOn: '发放日期不能晚于今天' })
    await app.ok(reliefApi.payout, { token: admin, params, body: payoutBody({ paidOn: '2026-08-26' }) })
    expectRefused(await app.call(reliefApi.payout, { token: admin, params, body: payoutBody({ paidOn: '2026-08-26' }) }), 409, 'RELIEF_ALREADY_PAID', '该申请已发放')
  })

  it('a sub-union’s own type: the 复核 amount stays under the ceiling set above it, even one lowered since', async () => {
    clock = at('2026-08-31T10:00:00')
    const app = await h.app({}, { now })
    const db = h.database.db
    const member = await app.login('member')
    const reviewer = await app.login('reviewer')
    const admin = await app.login('admin')
    const street = await staffAt(app, db, 'admin', STREET)
    await ownType(app, street.token, 'street_grant', STREET, { name: '青禾街道应急补助', amount: { kind: 'reviewer_set', min: 200, max: 1500 } })
    const draft = await start(app, member, 'street_grant')
    await fill(app, member, draft.id, { situation: '家中老人突发重病住院' }, ['proof'])
    await app.ok(reliefApi.submit, { token: member, params: { id: draft.id } })
    await app.ok(reliefApi.approve, { token: reviewer, params: { id: draft.id } })
    // the district lowers the ceiling on its sub-unions' own types to ¥1000
    const districtId = await orgIdOf(db, DISTRICT)
    await app.ok(reliefApi.setTypeLimits, { token: admin, params: { orgId: districtId }, body: { maxAmount: 1000, fieldKinds: ['text', 'textarea'] } })
    const above = await app.call(reliefApi.approve, { token: street.token, params: { id: draft.id }, body: { amount: 1200 } })
    expectRefused(above, 409, 'RELIEF_AMOUNT_ABOVE_CEILING', '核定金额超过上级工会设定的上限 ¥1000')
    expect((await app.ok(reliefApi.approve, { token: street.token, params: { id: draft.id }, body: { amount: 1000 } })).amount).toBe(1000)
  })
})
