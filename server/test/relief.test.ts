/**
 * 帮扶救助, applicant side over HTTP on each database: every seeded type's validation (a missing required document
 * blocks submit, named), the yearly limit and the same-cause rule, drafts across a restart, and uploads checked
 * by their bytes and size.
 */
import { and, eq } from 'drizzle-orm'
import { reliefApi } from '@contract/relief/api'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import { databases, useDatabase } from './harness'
import { files, reliefApplications, reliefSubmissions } from '../src/db/schema'
import { PDF, VALID, at, reliefForm, requiredDocuments, seededType } from './builders/relief'
import { fill, form, gigJoins, start, upload } from './relief-fixtures'

describe.each(databases())('relief applications on %s', (target) => {
  const h = useDatabase(target)
  let clock = at('2026-08-10T10:00:00') // Monday; inside 金秋助学's window
  const now = () => clock

  it('lists the six seeded types with their rules', async () => {
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const res = await app.call(reliefApi.types, { token: member })
    expect(res.status).toBe(200)
    expect(res.body.items.map((t) => t.name)).toEqual([
      '困难职工帮扶',
      '大病医疗救助',
      '金秋助学',
      '职工医疗互助',
      '新就业形态劳动者意外伤害',
      '返岗/返乡交通补贴',
    ])
    const travel = res.body.items.find((t) => t.key === 'travel_subsidy')!
    expect(travel.amount.kind === 'distance_bands' && travel.amount.bands.map((b) => b.amount)).toEqual([80, 120, 160, 200, 260, 320, 380, 450])
    expect(travel.amountLabel).toBe('按行程距离定额（8 档），¥80–¥450')
    expect(travel.openNow).toBe(false) // August: outside 01-01 … 03-31
    expect(res.body.items.find((t) => t.key === 'school_aid')!.openNow).toBe(true)
  })

  it.each(Object.keys(DEFAULT_AID_TYPES))('%s: a missing required document blocks submit with its name', async (typeKey) => {
    clock = typeKey === 'travel_subsidy' ? at('2027-02-10T10:00:00') : at('2026-08-10T10:00:00')
    const app = await h.app({}, { now })
    if (typeKey === 'gig_accident') await gigJoins(app, h.database.db)
    const token = await app.login(typeKey === 'gig_accident' ? 'gig' : 'member')
    const type = DEFAULT_AID_TYPES[typeKey]
    const required = requiredDocuments(typeKey)
    const last = type.documents.find((d) => d.key === required[required.length - 1])!

    const draft = await start(app, token, typeKey)
    expect(draft).toMatchObject({ stage: 'draft', typeName: type.name, canEdit: true, submissionCount: 0 })
    const submit = () => app.call(reliefApi.submit, { token, params: { id: draft.id } })

    // an empty form: every required field is named beside itself, the documents too
    const empty = await submit()
    expect(empty.status).toBe(400)
    expect(empty.body.reason).toBe('RELIEF_FORM_INVALID')
    for (const f of type.fields.filter((x) => x.required)) expect(empty.body.fields![f.key]).toBe(`请填写${f.label}`)

    await fill(app, token, draft.id, VALID[typeKey], required.slice(0, -1))
    const blocked = await submit()
    expect(blocked.status).toBe(400)
    expect(blocked.body).toMatchObject({ code: 'VALIDATION', reason: 'RELIEF_DOCUMENTS_MISSING' })
    expect(blocked.body.message).toBe(`请上传「${last.name}」`)
    expect(blocked.body.fields).toEqual({ [`documents.${last.key}`]: `请上传「${last.name}」` })

    await fill(app, token, draft.id, {}, [last.key])
    const ok = await submit()
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ stage: 'base_review', stageLabel: '基层工会初审中', submissionCount: 1, canEdit: false, canWithdraw: true })
    expect(ok.body.timeline.map((e) => e.title)).toEqual(['提交申请'])
    // fixed-amount types show the rule's amount straight away
    if (typeKey === 'school_aid') expect(ok.body.amount).toBe(3000)
    if (typeKey === 'travel_subsidy') expect(ok.body.amount).toBe(380) // 1650 km → the ≤2000 km band
    if (type.amount.kind === 'reviewer_set') expect(ok.body.amount).toBeNull()
    // review deadline: 5 working days after submission
    expect(ok.body.expectedBy).toBe(typeKey === 'travel_subsidy' ? new Date(at('2027-02-17T10:00:00')).toISOString() : new Date(at('2026-08-17T10:00:00')).toISOString())
  })

  it('field rules, eligibility and the window give Chinese messages beside the field', async () => {
    clock = at('2026-08-11T10:00:00')
    const app = await h.app({}, { now })
    const member = await app.login('member')
    // a non-gig member cannot start the gig workers' type
    const gigOnly = await app.call(reliefApi.start, { token: member, body: { typeKey: 'gig_accident' } })
    expect(gigOnly.status).toBe(409)
    expect(gigOnly.body.reason).toBe('RELIEF_EMPLOYMENT_TYPE')
    expect(gigOnly.body.message).toContain('新就业形态劳动者')
    // someone who is not a member cannot start at all
    const venue = await app.login('venue')
    const notMember = await app.call(reliefApi.start, { token: venue, body: { typeKey: 'hardship' } })
    expect(notMember.status).toBe(403)
    expect(notMember.body).toMatchObject({ reason: 'NOT_MEMBER', message: '加入工会后才能申请帮扶救助' })

    const draft = await start(app, member, 'mutual_aid')
    await fill(app, member, draft.id, reliefForm('mutual_aid', { hospital: '示例市第三医院', discharge_date: '2026-05-20', total_cost: -3 }), ['invoices', 'record_first_page'])
    const bad = await app.call(reliefApi.submit, { token: member, params: { id: draft.id } })
    expect(bad.status).toBe(400)
    expect(bad.body.fields).toEqual({ discharge_date: '出院日期不能早于入院日期', total_cost: '住院总费用（元）不能小于 1' })
    const unknown = await app.call(reliefApi.saveDraft, { token: member, params: { id: draft.id }, body: { step: 'stay', fields: { salary: 1 } } })
    expect(unknown.status).toBe(400)
    expect(unknown.body).toMatchObject({ reason: 'RELIEF_FIELD_UNKNOWN', fields: { salary: '表单中没有这一项，请刷新后重试' } })
    // withdrawn drafts are gone from the limits
    expect((await app.ok(reliefApi.withdraw, { token: member, params: { id: draft.id }, body: {} })).stage).toBe('withdrawn')

    // hardship: income above the threshold is refused with the rule's message
    const hardship = await start(app, member, 'hardship')
    await fill(app, member, hardship.id, reliefForm('hardship', { monthly_income_per_head: 4000 }), ['hardship_proof'])
    const rich = await app.call(reliefApi.submit, { token: member, params: { id: hardship.id } })
    expect(rich.status).toBe(400)
    expect(rich.body.fields!.monthly_income_per_head).toBe('家庭月人均收入高于 2500 元，不符合困难职工帮扶条件')
    await app.call(reliefApi.withdraw, { token: member, params: { id: hardship.id } })

    // the window: 金秋助学 in October
    clock = at('2026-10-12T10:00:00')
    const app2 = await h.app({}, { now })
    const m2 = await app2.login('member')
    const late = await start(app2, m2, 'school_aid')
    const closed = await app2.call(reliefApi.submit, { token: m2, params: { id: late.id } })
    expect(closed.status).toBe(409)
    expect(closed.body).toMatchObject({ reason: 'RELIEF_WINDOW_CLOSED', message: '「金秋助学」每年 07-01 至 09-30 受理，现在不在受理期内' })
  })

  it('once per person per type per year, and no two aids for the same cause', async () => {
    clock = at('2027-08-09T10:00:00')
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const submit = (id: number, token = member) => app.call(reliefApi.submit, { token, params: { id } })

    const first = await start(app, member, 'serious_illness')
    await fill(app, member, first.id, reliefForm('serious_illness', { hospital: '示例市人民医院', admission_date: '2027-06-01' }), ['invoices', 'discharge_summary'])
    expect((await submit(first.id)).status).toBe(200)

    // the same hospital stay claimed again under 职工医疗互助 (same cause group) → refused, naming the other aid
    const mutual = await start(app, member, 'mutual_aid')
    await fill(
      app,
      member,
      mutual.id,
      reliefForm('mutual_aid', { hospital: ' 示例市人民医院 ', admission_date: '2027-06-01', discharge_date: '2027-06-09' }),
      ['invoices', 'record_first_page'],
    )
    const sameCause = await submit(mutual.id)
    expect(sameCause.status).toBe(409)
    expect(sameCause.body.reason).toBe('RELIEF_SAME_CAUSE')
    expect(sameCause.body.message).toBe('同一事由不能申请两项救助：您已就「示例市人民医院 2027-06-01」申请了「大病医疗救助」')
    // another stay is a different cause
    await app.ok(reliefApi.saveDraft, { token: member, params: { id: mutual.id }, body: { step: 'stay', fields: { admission_date: '2027-07-01', discharge_date: '2027-07-05' } } })
    expect((await submit(mutual.id)).status).toBe(200)

    // a second 大病医疗救助 in 2027 → the yearly limit
    const second = await start(app, member, 'serious_illness')
    await fill(app, member, second.id, reliefForm('serious_illness', { hospital: '示例市肿瘤医院', admission_date: '2027-07-15' }), ['invoices', 'discharge_summary'])
    const limited = await submit(second.id)
    expect(limited.status).toBe(409)
    expect(limited.body).toMatchObject({ reason: 'RELIEF_YEARLY_LIMIT', message: '「大病医疗救助」每人每年限申请 1 次，您 2027 年已申请过' })
    expect((await app.ok(reliefApi.detail, { token: member, params: { id: second.id } })).stage).toBe('draft')

    // withdrawing the first frees the year's place
    const withdrawn = await app.ok(reliefApi.withdraw, { token: member, params: { id: first.id }, body: { reason: '已获单位补助' } })
    expect(withdrawn).toMatchObject({ stage: 'withdrawn', canWithdraw: false })
    expect(withdrawn.timeline.at(-1)).toMatchObject({ title: '申请人撤回申请', note: '已获单位补助', by: '本人' })
    expect((await submit(second.id)).status).toBe(200)

    // the next year counts afresh
    clock = at('2028-01-10T10:00:00')
    const app2 = await h.app({}, { now })
    const m2 = await app2.login('member')
    const next = await start(app2, m2, 'serious_illness')
    await fill(app2, m2, next.id, reliefForm('serious_illness', { hospital: '示例市肿瘤医院', admission_date: '2027-12-20' }), ['invoices', 'discharge_summary'])
    expect((await app2.call(reliefApi.submit, { token: m2, params: { id: next.id } })).status).toBe(200)
  })

  it('concurrent submits of the same cause under two types: the database lock lets exactly one through', async () => {
    clock = at('2029-03-05T10:00:00')
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const cause = { hospital: '示例市协和医院', admission_date: '2029-02-01' }
    const a = await start(app, member, 'serious_illness')
    await fill(app, member, a.id, reliefForm('serious_illness', cause), ['invoices', 'discharge_summary'])
    const b = await start(app, member, 'mutual_aid')
    await fill(app, member, b.id, reliefForm('mutual_aid', { ...cause, discharge_date: '2029-02-10' }), ['invoices', 'record_first_page'])
    const results = await Promise.all([a.id, b.id, a.id].map((id) => app.call(reliefApi.submit, { token: member, params: { id } })))
    expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409])
    const refused = results.filter((r) => r.status === 409)
    expect(refused.every((r) => r.body.message!.startsWith('同一事由不能申请两项救助') || r.body.message!.includes('不能重复提交'))).toBe(true)
    expect(refused.every((r) => r.body.reason === 'RELIEF_SAME_CAUSE' || r.body.reason === 'RELIEF_ALREADY_SUBMITTED')).toBe(true)
  })

  it('a draft saved per step survives a server restart, sensitive values encrypted at rest', async () => {
    clock = at('2026-08-12T10:00:00')
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const draft = await start(app, member, 'school_aid')
    const step1 = await app.call(reliefApi.saveDraft, {
      token: member,
      params: { id: draft.id },
      body: { step: 'child', fields: { child_name: '李小雨', child_id_number: VALID.school_aid.child_id_number } },
    })
    expect(step1.status).toBe(200)
    const fileId = await upload(app, member, PDF, 'letter.pdf', 'application/pdf')
    await app.ok(reliefApi.saveDraft, {
      token: member,
      params: { id: draft.id },
      body: { step: 'documents', fields: { school: '示例大学' }, documents: { admission_letter: [fileId] } },
    })
    // starting the same type again returns the same draft
    expect((await start(app, member, 'school_aid')).id).toBe(draft.id)
    await app.close()

    const reopened = await h.app({}, { now })
    const token = await reopened.login('member')
    const res = await reopened.call(reliefApi.detail, { token, params: { id: draft.id } })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({
      stage: 'draft',
      step: 'documents',
      fields: { child_name: '李小雨', child_id_number: VALID.school_aid.child_id_number, school: '示例大学' },
    })
    const letter = res.body.documents.find((d) => d.key === 'admission_letter')!
    expect(letter.files).toEqual([expect.objectContaining({ id: fileId, mime: 'application/pdf' })])
    const file = await fetch(reopened.baseUrl + letter.files[0].url)
    expect(file.status).toBe(200)
    expect(Buffer.from(await file.arrayBuffer()).equals(PDF)).toBe(true)

    // at rest: the child's ID number is not in the plain columns
    const [row] = await h.database.db.select().from(reliefApplications).where(eq(reliefApplications.id, draft.id))
    expect(JSON.stringify(row.fields)).not.toContain(String(VALID.school_aid.child_id_number))
    expect(row.sensitiveEnc).toMatch(/^v1\./)
    expect(row.sensitiveEnc).not.toContain(String(VALID.school_aid.child_id_number))
  })

  it('uploads: checked by their bytes and size; only one\'s own files can be attached', async () => {
    clock = at('2026-08-13T10:00:00')
    const app = await h.app({}, { now })
    const member = await app.login('member')
    const fake = await app.call(reliefApi.upload, {
      token: member,
      form: form(Buffer.from('MZ\x90\x00 this is an executable, not a photo'), 'invoice.jpg', 'image/jpeg'),
    })
    expect(fake.status).toBe(415)
    expect(fake.body).toMatchObject({ code: 'UNSUPPORTED_MEDIA_TYPE', reason: 'RELIEF_DOCUMENT_TYPE', message: '只支持照片（JPG、PNG、WebP）或 PDF 文件' })

    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0)
    Buffer.from('%PDF-1.4\n').copy(big)
    const tooBig = await app.call(reliefApi.upload, { token: member, form: form(big, 'bill.pdf', 'application/pdf') })
    expect(tooBig.status).toBe(413)
    expect(tooBig.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', reason: 'RELIEF_DOCUMENT_TOO_LARGE', message: '单个文件不能超过 5 MB' })

    const pdf = await app.call(reliefApi.upload, { token: member, form: form(PDF, 'bill.pdf', 'application/pdf') })
    expect(pdf.status).toBe(200)
    expect(pdf.body).toMatchObject({ mime: 'application/pdf', size: PDF.length })
    // stored outside public paths (in the database by default) under a generated name
    const [stored] = await h.database.db.select().from(files).where(eq(files.id, pdf.body.id))
    expect(stored).toMatchObject({ storage: 'db', storedName: pdf.body.id })

    // someone else's file cannot be attached
    await gigJoins(app, h.database.db)
    const gig = await app.login('gig')
    const draft = await start(app, gig, 'hardship')
    const stolen = await app.call(reliefApi.saveDraft, {
      token: gig,
      params: { id: draft.id },
      body: { step: 'documents', documents: { hardship_proof: [pdf.body.id] } },
    })
    expect(stolen.status).toBe(400)
    expect(stolen.body.reason).toBe('RELIEF_FILE_UNAVAILABLE')
    expect(stolen.body.fields).toEqual({ 'documents.hardship_proof': '文件不存在或已失效，请重新上传' })
    // and nobody but the applicant can read the application
    const other = await app.call(reliefApi.detail, { token: member, params: { id: draft.id } })
    expect(other.status).toBe(404)
    const otherSave = await app.call(reliefApi.saveDraft, { token: member, params: { id: draft.id }, body: { step: 'x' } })
    expect(otherSave.status).toBe(404)
    const subs = await h.database.db.select().from(reliefSubmissions).where(and(eq(reliefSubmissions.applicationId, draft.id)))
    expect(subs).toHaveLength(0)
  })

  it('admins configure a type; a restart keeps their change; inconsistent configs are refused', async () => {
    clock = at('2026-08-14T10:00:00')
    const app = await h.app({}, { now })
    const admin = await app.login('admin')
    const member = await app.login('member')
    const config = seededType('travel_subsidy', { window: { kind: 'all_year' } })
    const put = (token: string, body: typeof config, a = app) => a.call(reliefApi.updateType, { token, params: { key: 'travel_subsidy' }, body })
    expect((await put(member, config)).status).toBe(403)
    const broken = await put(admin, { ...config, amount: { ...DEFAULT_AID_TYPES.travel_subsidy.amount, field: 'kilometres' } as typeof config.amount })
    expect(broken.status).toBe(400)
    expect(broken.body.reason).toBe('RELIEF_TYPE_CONFIG_INVALID')
    expect(broken.body.fields!['amount.field']).toBe('金额规则引用的字段「kilometres」不存在')
    const updated = await put(admin, config)
    expect(updated.status).toBe(200)
    expect(updated.body).toMatchObject({ key: 'travel_subsidy', openNow: true, windowLabel: '全年受理' })
    await app.close()

    const again = await h.app({}, { now })
    const token = await again.login('member')
    const types = (await again.ok(reliefApi.types, { token })).items
    expect(types.find((t) => t.key === 'travel_subsidy')).toMatchObject({ openNow: true })
    // put it back for the other tests
    const admin2 = await again.login('admin')
    expect((await put(admin2, seededType('travel_subsidy'), again)).status).toBe(200)
  })
})
