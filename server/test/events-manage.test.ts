/**
 * 活动报名, the organiser's side: creating and editing (what freezes once members registered, capacity vs places
 * taken), approval mode with answers and files, decisions that promote waiters, scores and ranking, the roster
 * export, and who may do each (organisers of the event's union only).
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { eventsApi } from '@contract/events/api'
import type { EventInput } from '@contract/events/schemas'
import { databases } from './harness'
import { eventSeats, notifications, userRoles, users } from '../src/db/schema'
import { createMembers, type LoadMember } from './vouchers-fixtures'
import { DAY, HOUR, PNG, T0, createEvent, event, fileForm, iso, nextDay, register, registrationOf, useEventsWorld } from './builders/events'

describe.each(databases())('events (organisers) on %s', (target) => {
  const ctx = useEventsWorld(target)
  const { h } = ctx

  const create = (over: Partial<EventInput> = {}) => createEvent(ctx.app, ctx.admin, event(ctx.orgIds.district, over))
  const members = (count: number, orgId = ctx.orgIds.logistics): Promise<LoadMember[]> => createMembers(h.database.db, ctx.app.app.deps.sessions, { count, orgId })
  const decide = (token: string, id: number, body: { ids: number[]; decision: 'approve' | 'reject'; reason?: string }) =>
    ctx.app.call(eventsApi.decide, { params: { id }, body, token })

  /** An admin of another union (云溪区快递行业联合工会), outside the district's events. */
  async function otherAdmin(): Promise<string> {
    const [u] = await h.database.db
      .insert(users)
      .values({ openid: `other-admin:${randomBytes(4).toString('hex')}`, nickname: '别的管理员' })
      .returning({ id: users.id })
    await h.database.db.insert(userRoles).values({ userId: u.id, orgId: ctx.orgIds.express, role: 'admin' })
    return (await ctx.app.app.deps.sessions.create(h.database.db, u.id)).token
  }

  it('creating: only for a union the admin manages, never ending in the past', async () => {
    const stranger = await otherAdmin()
    expect((await ctx.app.call(eventsApi.createEvent, { body: event(ctx.orgIds.logistics), token: stranger })).status).toBe(403)
    const past = await ctx.app.call(eventsApi.createEvent, { body: event(ctx.orgIds.district, { startsAt: iso(T0 - 3 * HOUR), endsAt: iso(T0 - HOUR), registrationOpensAt: iso(T0 - DAY), registrationClosesAt: iso(T0 - 3 * HOUR) }), token: ctx.admin })
    expect(past.status).toBe(400)
    expect(past.body).toMatchObject({ reason: 'ENDS_IN_PAST', fields: { endsAt: '结束时间须晚于当前时间' } })
  })

  it('editing an event: capacity cannot drop below the places taken, raising it promotes waiters, questions freeze', async () => {
    const questions = [{ label: '衣服尺码', type: 'short_text' as const }]
    const ev = await create({ title: '名额调整', capacity: 2, questions })
    const crowd = await members(4)
    const regs = []
    for (const m of crowd) regs.push((await register(ctx.app, m.token, ev.id)).body)
    expect(regs.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted'])
    const put = (over: Partial<EventInput>, token = ctx.admin) =>
      ctx.app.call(eventsApi.updateEvent, { params: { id: ev.id }, body: event(ctx.orgIds.district, { title: '名额调整', questions, ...over }), token })
    const tooSmall = await put({ capacity: 1 })
    expect(tooSmall.status).toBe(400)
    expect(tooSmall.body.fields?.capacity).toBe('已有 2 个名额被占用，名额不能少于 2')
    expect(tooSmall.body.reason).toBe('CAPACITY_BELOW_TAKEN')
    const frozen = await put({ capacity: 3, questions: [] })
    expect(frozen.status).toBe(400)
    expect(frozen.body.fields?.questions).toContain('已有会员报名')
    expect(frozen.body).toMatchObject({ reason: 'EVENT_FROZEN', message: '已有会员报名，不能修改报名题目' })
    const raised = await put({ capacity: 3 })
    expect(raised.status).toBe(200)
    expect(raised.body).toMatchObject({ capacity: 3, placesLeft: 0, counts: { confirmed: 3, waitlisted: 1 } })
    const third = await registrationOf(ctx.app, crowd[2].token, regs[2].id)
    expect(third.body.registration.status).toBe('confirmed')
    const fourth = await registrationOf(ctx.app, crowd[3].token, regs[3].id)
    expect(fourth.body.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const [seats] = await h.database.db.select().from(eventSeats).where(eq(eventSeats.eventId, ev.id))
    expect(seats).toMatchObject({ capacity: 3, taken: 3 })
    expect((await put({}, await otherAdmin())).status).toBe(404)
  })

  it('approval mode: answers and a certificate file are checked, pending holds the place, reject needs a reason and promotes the waiter', async () => {
    const ev = await create({
      kind: 'skills_competition',
      title: '叉车技能竞赛',
      capacity: 1,
      questions: [
        { label: '作业年限', type: 'number', required: true },
        { label: '组别', type: 'single_choice', required: true, options: ['电动组', '内燃组'] },
        { label: '操作证', type: 'file', required: true },
      ],
    })
    expect(ev.approvalMode).toBe('manual')
    // required answers missing / wrong choice
    const missing = await register(ctx.app, ctx.member, ev.id, { answers: { q2: '柴油组' } })
    expect(missing.status).toBe(400)
    expect(missing.body.fields).toMatchObject({ 'answers.q1': '请填写作业年限', 'answers.q2': '请从选项中选择一项', 'answers.q3': '请上传操作证' })
    expect(missing.body).toMatchObject({ reason: 'ANSWERS_INVALID', message: '请填写作业年限' })

    // upload the certificate photo
    const upload = (token: string, form: FormData) => ctx.app.call(eventsApi.upload, { form, token })
    const up = await upload(ctx.member, fileForm(PNG))
    expect(up.status).toBe(200)
    expect(up.body).toMatchObject({ mime: 'image/png', size: PNG.length })
    const text = await upload(ctx.member, fileForm(new TextEncoder().encode('not an image'), 'x.png'))
    expect(text.status).toBe(415)
    expect(text.body).toMatchObject({ reason: 'UPLOAD_FILE_TYPE', message: '只支持 JPG、PNG、WebP 图片或 PDF 文件' })
    const big = new Uint8Array(2 * 1024 * 1024 + 10)
    big.set(PNG)
    const tooBig = await upload(ctx.member, fileForm(big, 'big.png'))
    expect(tooBig.status).toBe(413)
    expect(tooBig.body.message).toMatch(/[\u4e00-\u9fa5]/)

    // someone else's file id is refused
    const [other, waiter] = await members(2)
    const stolen = await register(ctx.app, other.token, ev.id, { answers: { q1: 3, q2: '电动组', q3: [up.body.id] } })
    expect(stolen.status).toBe(400)
    expect(stolen.body.fields?.['answers.q3']).toContain('不是您上传的')

    const mine = await register(ctx.app, ctx.member, ev.id, { answers: { q1: 5, q2: '电动组', q3: [up.body.id] } })
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({ status: 'pending' })
    expect(mine.body.answers[2].files[0].url).toMatch(/^\/api\/files\//)
    const w = await register(ctx.app, waiter.token, ev.id, { answers: { q1: 1, q2: '内燃组', q3: [] } })
    expect(w.status).toBe(400) // q3 is required for the waiter too
    const up2 = await upload(waiter.token, fileForm(PNG, 'c.png'))
    const w2 = await register(ctx.app, waiter.token, ev.id, { answers: { q1: 1, q2: '内燃组', q3: [up2.body.id] } })
    expect(w2.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })

    // organiser sees answers and files
    const list = await ctx.app.call(eventsApi.manageRegistrations, { params: { id: ev.id }, query: { status: 'pending' }, token: ctx.admin })
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(1)
    expect(list.body.items[0]).toMatchObject({ id: mine.body.id, name: '李晓梅', status: 'pending' })
    expect(list.body.items[0].answers.map((a) => a.value)).toEqual([5, '电动组', [up.body.id]])

    // a member cannot decide; another union's admin does not see the event
    expect((await decide(ctx.member, ev.id, { ids: [mine.body.id], decision: 'approve' })).status).toBe(403)
    const stranger = await otherAdmin()
    expect((await decide(stranger, ev.id, { ids: [mine.body.id], decision: 'approve' })).status).toBe(404)
    expect((await ctx.app.call(eventsApi.manageRegistrations, { params: { id: ev.id }, token: stranger })).status).toBe(404)

    // reject without a reason → 400 beside the field; with a reason → the waiter is promoted to pending
    const noReason = await decide(ctx.admin, ev.id, { ids: [mine.body.id], decision: 'reject' })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fields?.reason).toBe('请填写不通过的原因')
    const rejected = await decide(ctx.admin, ev.id, { ids: [mine.body.id], decision: 'reject', reason: '操作证已过期' })
    expect(rejected.status).toBe(200)
    expect(rejected.body).toMatchObject({ promoted: 1, results: [{ id: mine.body.id, ok: true, status: 'rejected' }] })
    const after = await registrationOf(ctx.app, ctx.member, mine.body.id)
    expect(after.body.registration).toMatchObject({ status: 'rejected', rejectReason: '操作证已过期' })
    const promotedMsg = await h.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, waiter.userId), eq(notifications.kind, 'events.promoted')))
    expect(promotedMsg).toHaveLength(1)

    // bulk approve: the promoted waiter is approved, an already-decided id is reported, not failed
    const approved = await decide(ctx.admin, ev.id, { ids: [w2.body.id, mine.body.id], decision: 'approve' })
    expect(approved.body.results).toEqual([
      { id: w2.body.id, ok: true, status: 'confirmed', message: null },
      { id: mine.body.id, ok: false, status: 'rejected', message: expect.stringContaining('不是待审核') },
    ])
    const wNow = await registrationOf(ctx.app, waiter.token, w2.body.id)
    expect(wNow.body.registration.status).toBe('confirmed')
    expect((await ctx.app.call(eventsApi.checkinCode, { params: { id: w2.body.id }, token: waiter.token })).status).toBe(200)
  })

  it('results: scores with ties rank 1, 2, 2, 4; each contestant sees their place; members see masked names', async () => {
    const ev = await create({ kind: 'skills_competition', approvalMode: 'auto', title: '焊工比赛', ...nextDay(), endsAt: iso(T0 + DAY + 4 * HOUR) })
    const crowd = await members(5)
    const regs = []
    for (const m of crowd) regs.push((await register(ctx.app, m.token, ev.id)).body)
    const scores = [90, 85, 85, 70, null]
    const body = { scores: regs.map((r, i) => ({ registrationId: r.id, score: scores[i] })) }
    const save = () => ctx.app.call(eventsApi.saveScores, { params: { id: ev.id }, body, token: ctx.admin })
    const early = await save()
    expect(early.status).toBe(409)
    expect(early.body.message).toBe('签到开始（2026-11-24 09:30）后才能录入成绩')
    expect(early.body.reason).toBe('SCORES_NOT_OPEN')

    ctx.clock = T0 + DAY + 5 * HOUR
    const saved = await save()
    expect(saved.status).toBe(200)
    expect(saved.body.items.map((x) => [x.score, x.rank])).toEqual([[90, 1], [85, 2], [85, 2], [70, 4]])
    expect(saved.body.items[0].name).toBe('会员0') // organisers see full names

    const fourth = await registrationOf(ctx.app, crowd[3].token, regs[3].id)
    expect(fourth.body.registration.result).toEqual({ score: 70, rank: 4, of: 4 })
    const third = await registrationOf(ctx.app, crowd[2].token, regs[2].id)
    expect(third.body.registration.result).toEqual({ score: 85, rank: 2, of: 4 })
    const unscored = await registrationOf(ctx.app, crowd[4].token, regs[4].id)
    expect(unscored.body.registration.result).toBeNull()

    const ranking = await ctx.app.ok(eventsApi.ranking, { params: { id: ev.id }, token: crowd[1].token })
    expect(ranking.mine).toMatchObject({ registrationId: regs[1].id, rank: 2, mine: true })
    expect(ranking.items.find((x) => !x.mine)!.name).toContain('*')

    const sports = await create({ title: '非竞赛' })
    const notScored = await ctx.app.call(eventsApi.ranking, { params: { id: sports.id }, token: ctx.member })
    expect(notScored.status).toBe(409)
    expect(notScored.body).toMatchObject({ reason: 'NOT_SCORED', message: '该活动不是竞赛类活动，没有成绩与名次' })
  })

  it('roster export: an .xlsx with the registrations', async () => {
    const ev = await create({ title: '名单导出', questions: [{ label: '衣服尺码', type: 'single_choice', required: true, options: ['M', 'L'] }] })
    const crowd = await members(3)
    for (const m of crowd) await register(ctx.app, m.token, ev.id, { answers: { q1: 'L' } })
    await register(ctx.app, ctx.member, ev.id, { answers: { q1: 'M' } })
    const res = await fetch(`${ctx.app.baseUrl}/api/events/manage/events/${ev.id}/roster.xlsx`, { headers: { authorization: `Bearer ${ctx.admin}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(await res.arrayBuffer())
    const ws = wb.getWorksheet('报名名单')!
    const header = (ws.getRow(1).values as unknown[]).slice(1)
    expect(header).toEqual(expect.arrayContaining(['姓名', '会员编号', '状态', '衣服尺码', '签到时间']))
    const names = []
    for (let r = 2; r <= ws.rowCount; r++) names.push(ws.getRow(r).getCell(2).value)
    expect(names).toHaveLength(4)
    expect(names).toContain('李晓梅')
    expect((await ctx.app.call(eventsApi.roster, { params: { id: ev.id }, token: ctx.member })).status).toBe(403)
  })
})
