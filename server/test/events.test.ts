/* eslint-disable @typescript-eslint/no-explicit-any -- test responses are inspected loosely */
/**
 * 活动报名: capacity under 100 concurrent registrations, waitlist promotion with a message, approval mode,
 * answers and files, check-in window, no-show restriction, ranking with ties, discovery paging, organiser
 * authorization, roster export. Team entry by invitation: events-teams.test.ts; check-in codes: events-checkin.test.ts.
 */
import { randomBytes } from 'node:crypto'
import ExcelJS from 'exceljs'
import { and, eq } from 'drizzle-orm'
import { databases, useDatabase, type TestApp } from './harness'
import { eventSeats, notifications, orgs, userRoles, users } from '../src/db/schema'
import { createMembers, type LoadMember } from './vouchers-fixtures'
import { competitionRanks } from '../src/modules/events/ranking'
import { noShowBanUntil } from '../src/modules/events/no-show'

const T0 = new Date('2026-11-23T10:00:00+08:00').getTime()
const MIN = 60_000
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 1, 2, 3, 4])

describe('events pure rules', () => {
  it('standard competition ranking: 1, 2, 2, 4 (and lower-is-better)', () => {
    const ranked = competitionRanks([{ score: 85 }, { score: 90 }, { score: 70 }, { score: 85 }], true)
    expect(ranked.map((r) => [r.score, r.rank])).toEqual([[90, 1], [85, 2], [85, 2], [70, 4]])
    const times = competitionRanks([{ score: 12.5 }, { score: 11 }, { score: 11 }], false)
    expect(times.map((r) => r.rank)).toEqual([1, 1, 3])
  })

  it('three no-shows within 90 days restrict for 30 days after the third; spread out they do not', () => {
    const rule = { limit: 3, windowDays: 90, banDays: 30 }
    const now = T0
    expect(noShowBanUntil([now - 50 * DAY, now - 20 * DAY, now - 2 * DAY], rule, now)).toBe(now - 2 * DAY + 30 * DAY)
    expect(noShowBanUntil([now - 200 * DAY, now - 100 * DAY, now - 2 * DAY], rule, now)).toBeNull()
    expect(noShowBanUntil([now - 80 * DAY, now - 60 * DAY, now - 40 * DAY], rule, now)).toBeNull() // ended 10 days ago
  })
})

describe.each(databases())('events on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let app: TestApp
  let admin: string
  let member: string
  let orgIds: Record<'district' | 'logistics' | 'express' | 'gig', number>

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
    admin = await app.login('admin')
    member = await app.login('member')
    const rows = await h.database.db.select({ id: orgs.id, name: orgs.name, kind: orgs.kind }).from(orgs)
    const by = (s: string) => rows.find((r) => r.name.includes(s))!.id
    orgIds = { district: rows.find((r) => r.kind === 'district')!.id, logistics: by('星河物流'), express: by('快递行业'), gig: by('新就业形态') }
  })

  beforeEach(() => {
    clock = T0
  })

  const input = (over: Record<string, unknown> = {}) => ({
    kind: 'sports_culture',
    title: '职工趣味运动会',
    description: '趣味项目',
    orgId: orgIds.district,
    startsAt: iso(T0 + 7 * DAY),
    endsAt: iso(T0 + 7 * DAY + 8 * HOUR),
    place: { name: '全民健身中心', address: '示例市云溪区青禾路 20 号', lat: 30.27, lng: 120.15 },
    capacity: 20,
    registrationOpensAt: iso(T0 - HOUR),
    registrationClosesAt: iso(T0 + 5 * DAY),
    ...over,
  })

  async function create(over: Record<string, unknown> = {}, token = admin) {
    const res = await app.request('POST', '/api/events/manage/events', { token, body: input(over) })
    expect(res.status).toBe(200)
    return res.body as { id: number; approvalMode: string; questions: { id: string }[] }
  }

  const register = (token: string, id: number, body: Record<string, unknown> = {}) =>
    app.request('POST', `/api/events/${id}/registrations`, { token, body })

  const members = (count: number, orgId = orgIds.logistics): Promise<LoadMember[]> =>
    createMembers(h.database.db, app.app.deps.sessions, { count, orgId })

  /** An admin of another union (云溪区快递行业联合工会), outside the district's events. */
  async function otherAdmin(): Promise<string> {
    const [u] = await h.database.db
      .insert(users)
      .values({ openid: `other-admin:${randomBytes(4).toString('hex')}`, nickname: '别的管理员' })
      .returning({ id: users.id })
    await h.database.db.insert(userRoles).values({ userId: u.id, orgId: orgIds.express, role: 'admin' })
    return (await app.app.deps.sessions.create(h.database.db, u.id)).token
  }

  it('demo data: 管理员·周 organises the seeded skills competition (approval, required and file questions); 李晓梅 may register', async () => {
    const managed = await app.request('GET', '/api/events/manage/events?limit=50', { token: admin })
    const comp = managed.body.items.find((e: any) => e.kind === 'skills_competition' && e.title.includes('叉车'))
    expect(comp).toMatchObject({ approvalMode: 'manual', orgName: '云溪区总工会', scored: true })
    expect(comp.questions.some((q: any) => q.required && q.type !== 'file')).toBe(true)
    expect(comp.questions.some((q: any) => q.type === 'file')).toBe(true)
    const seen = await app.request('GET', `/api/events/${comp.id}`, { token: member })
    expect(seen.status).toBe(200)
    // the seed's times are relative to the real clock; judge the hint at that time
    if (seen.body.event.phase === 'registering') expect(seen.body.event.registerHint).toMatchObject({ allowed: true })
    const listed = await app.request('GET', '/api/events?kind=skills_competition', { token: member })
    expect(listed.body.items.map((e: any) => e.id)).toContain(comp.id)
  })

  it('100 concurrent registrations for 20 places: exactly 20 confirmed, the rest waitlisted in arrival order', async () => {
    const ev = await create({ title: '并发报名测试', capacity: 20 })
    const crowd = await members(100)
    const results = await Promise.all(crowd.map((m) => register(m.token, ev.id)))
    expect(results.every((r) => r.status === 200)).toBe(true)
    const confirmed = results.filter((r) => r.body.status === 'confirmed')
    const waitlisted = results.filter((r) => r.body.status === 'waitlisted')
    expect(confirmed).toHaveLength(20)
    expect(waitlisted).toHaveLength(80)
    // Every confirmed registration arrived before every waitlisted one, and the waitlist is numbered 1..80 in arrival order.
    const maxConfirmedId = Math.max(...confirmed.map((r) => r.body.id))
    expect(waitlisted.every((r) => r.body.id > maxConfirmedId)).toBe(true)
    const byArrival = [...waitlisted].sort((a, b) => a.body.id - b.body.id)
    expect(byArrival.map((r) => r.body.waitlistPosition)).toEqual(Array.from({ length: 80 }, (_, i) => i + 1))
    const [seats] = await h.database.db.select().from(eventSeats).where(eq(eventSeats.eventId, ev.id))
    expect(seats.taken).toBe(20)

    // Latecomers queue behind, one after another.
    const late = await members(2)
    expect((await register(late[0].token, ev.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 81 })
    expect((await register(late[1].token, ev.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 82 })
    // The same member twice: refused.
    const again = await register(crowd[0].token, ev.id)
    expect(again.status).toBe(409)
    expect(again.body.message).toContain('已报名')

    const detail = await app.request('GET', `/api/events/${ev.id}`, { token: late[0].token })
    expect(detail.body.event).toMatchObject({ placesLeft: 0, counts: { taken: 20, confirmed: 20, waitlisted: 82 } })
    expect(detail.body.event.myRegistration).toMatchObject({ status: 'waitlisted', waitlistPosition: 81 })
    expect((await app.request('GET', `/api/events/registrations/${detail.body.event.myRegistration.id}/checkin-code`, { token: late[0].token })).status).toBe(409)
  })

  it('cancelling promotes the first waiter, who is told in-app; cancelling after the cut-off is refused', async () => {
    const ev = await create({ title: '候补递补测试', capacity: 2, cancelCutoffHours: 24 })
    const [a, b, c, d] = await members(4)
    const ra = await register(a.token, ev.id)
    await register(b.token, ev.id)
    const rc = await register(c.token, ev.id)
    const rd = await register(d.token, ev.id)
    expect([rc.body.waitlistPosition, rd.body.waitlistPosition]).toEqual([1, 2])

    const cancelled = await app.request('POST', `/api/events/registrations/${ra.body.id}/cancel`, { token: a.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')

    const cNow = await app.request('GET', `/api/events/registrations/${rc.body.id}`, { token: c.token })
    expect(cNow.body.registration).toMatchObject({ status: 'confirmed', waitlistPosition: null })
    expect((await app.request('GET', `/api/events/registrations/${rc.body.id}/checkin-code`, { token: c.token })).status).toBe(200)
    const dNow = await app.request('GET', `/api/events/registrations/${rd.body.id}`, { token: d.token })
    expect(dNow.body.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const msgs = await h.database.db.select().from(notifications).where(eq(notifications.userId, c.userId))
    expect(msgs).toHaveLength(1)
    expect(msgs[0]).toMatchObject({ kind: 'events.promoted', link: `/packages/events/registration/index?id=${rc.body.id}` })
    expect(msgs[0].body).toContain('已从候补转为已报名')
    const [seats] = await h.database.db.select().from(eventSeats).where(eq(eventSeats.eventId, ev.id))
    expect(seats.taken).toBe(2)

    // A waiter cancelling frees nothing; the last confirmed one cancelling with nobody waiting gives the place back.
    clock = T0 + 7 * DAY - 23 * HOUR // inside the 24-hour cut-off
    const late = await app.request('POST', `/api/events/registrations/${rc.body.id}/cancel`, { token: c.token })
    expect(late.status).toBe(409)
    expect(late.body.message).toContain('已过取消截止时间')
    expect(late.body.message).toContain('2026-11-29 10:00')
  })

  it('cancellations racing new registrations: places never exceed capacity and go to the waiters in order', async () => {
    const ev = await create({ title: '取消与报名并发', capacity: 10, cancelCutoffHours: 0 })
    const first = await members(30)
    const regs = []
    for (const m of first) regs.push((await register(m.token, ev.id)).body)
    const newcomers = await members(10)
    const results = await Promise.all([
      ...regs.slice(0, 10).map((r, i) => app.request('POST', `/api/events/registrations/${r.id}/cancel`, { token: first[i].token })),
      ...newcomers.map((m) => register(m.token, ev.id)),
    ])
    expect(results.every((r) => r.status === 200)).toBe(true)
    // the ten cancelled places went to the first ten waiters, never to a newcomer
    const statuses = await Promise.all(
      regs.map((r, i) => app.request('GET', `/api/events/registrations/${r.id}`, { token: first[i].token })),
    )
    expect(statuses.map((x) => x.body.registration.status)).toEqual([
      ...Array(10).fill('cancelled'),
      ...Array(10).fill('confirmed'),
      ...Array(10).fill('waitlisted'),
    ])
    expect(results.slice(10).every((r) => r.body.status === 'waitlisted')).toBe(true)
    const [seats] = await h.database.db.select().from(eventSeats).where(eq(eventSeats.eventId, ev.id))
    expect(seats.taken).toBe(10)
    const list = await app.request('GET', `/api/events/manage/events/${ev.id}`, { token: admin })
    expect(list.body.counts).toMatchObject({ taken: 10, confirmed: 10, waitlisted: 20 })
  })

  it('editing an event: capacity cannot drop below the places taken, raising it promotes waiters, questions freeze', async () => {
    const ev = await create({ title: '名额调整', capacity: 2, questions: [{ label: '衣服尺码', type: 'short_text' }] })
    const crowd = await members(4)
    const regs = []
    for (const m of crowd) regs.push((await register(m.token, ev.id)).body)
    expect(regs.map((r) => r.status)).toEqual(['confirmed', 'confirmed', 'waitlisted', 'waitlisted'])
    const put = (over: Record<string, unknown>) => app.request('PUT', `/api/events/manage/events/${ev.id}`, { token: admin, body: input({ title: '名额调整', questions: [{ label: '衣服尺码', type: 'short_text' }], ...over }) })
    const tooSmall = await put({ capacity: 1 })
    expect(tooSmall.status).toBe(400)
    expect(tooSmall.body.fields.capacity).toBe('已有 2 个名额被占用，名额不能少于 2')
    const frozen = await put({ capacity: 3, questions: [] })
    expect(frozen.status).toBe(400)
    expect(frozen.body.fields.questions).toContain('已有会员报名')
    const raised = await put({ capacity: 3 })
    expect(raised.status).toBe(200)
    expect(raised.body).toMatchObject({ capacity: 3, placesLeft: 0, counts: { confirmed: 3, waitlisted: 1 } })
    const third = await app.request('GET', `/api/events/registrations/${regs[2].id}`, { token: crowd[2].token })
    expect(third.body.registration.status).toBe('confirmed')
    const fourth = await app.request('GET', `/api/events/registrations/${regs[3].id}`, { token: crowd[3].token })
    expect(fourth.body.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const [seats] = await h.database.db.select().from(eventSeats).where(eq(eventSeats.eventId, ev.id))
    expect(seats).toMatchObject({ capacity: 3, taken: 3 })
    expect((await app.request('PUT', `/api/events/manage/events/${ev.id}`, { token: await otherAdmin(), body: input() })).status).toBe(404)
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
    const missing = await register(member, ev.id, { answers: { q2: '柴油组' } })
    expect(missing.status).toBe(400)
    expect(missing.body.fields).toMatchObject({ 'answers.q1': '请填写作业年限', 'answers.q2': '请从选项中选择一项', 'answers.q3': '请上传操作证' })

    // upload the certificate photo
    const form = new FormData()
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'cert.png')
    const up = await app.request('POST', '/api/events/uploads', { token: member, raw: form })
    expect(up.status).toBe(200)
    expect(up.body).toMatchObject({ mime: 'image/png', size: PNG.length })
    const text = new FormData()
    text.append('file', new Blob([new TextEncoder().encode('not an image')], { type: 'image/png' }), 'x.png')
    expect((await app.request('POST', '/api/events/uploads', { token: member, raw: text })).status).toBe(415)
    const big = new Uint8Array(2 * 1024 * 1024 + 10)
    big.set(PNG)
    const huge = new FormData()
    huge.append('file', new Blob([big], { type: 'image/png' }), 'big.png')
    const tooBig = await app.request('POST', '/api/events/uploads', { token: member, raw: huge })
    expect(tooBig.status).toBe(413)
    expect(tooBig.body.message).toMatch(/[\u4e00-\u9fa5]/)

    // someone else's file id is refused
    const [other, waiter] = await members(2)
    const stolen = await register(other.token, ev.id, { answers: { q1: 3, q2: '电动组', q3: [up.body.id] } })
    expect(stolen.status).toBe(400)
    expect(stolen.body.fields['answers.q3']).toContain('不是您上传的')

    const mine = await register(member, ev.id, { answers: { q1: 5, q2: '电动组', q3: [up.body.id] } })
    expect(mine.status).toBe(200)
    expect(mine.body).toMatchObject({ status: 'pending' })
    expect(mine.body.answers[2].files[0].url).toMatch(/^\/api\/files\//)
    const w = await register(waiter.token, ev.id, { answers: { q1: 1, q2: '内燃组', q3: [] } })
    expect(w.status).toBe(400) // q3 is required for the waiter too
    const form2 = new FormData()
    form2.append('file', new Blob([PNG], { type: 'image/png' }), 'c.png')
    const up2 = await app.request('POST', '/api/events/uploads', { token: waiter.token, raw: form2 })
    const w2 = await register(waiter.token, ev.id, { answers: { q1: 1, q2: '内燃组', q3: [up2.body.id] } })
    expect(w2.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })

    // organiser sees answers and files
    const list = await app.request('GET', `/api/events/manage/events/${ev.id}/registrations?status=pending`, { token: admin })
    expect(list.status).toBe(200)
    expect(list.body.items).toHaveLength(1)
    expect(list.body.items[0]).toMatchObject({ id: mine.body.id, name: '李晓梅', status: 'pending' })
    expect(list.body.items[0].answers.map((a: any) => a.value)).toEqual([5, '电动组', [up.body.id]])

    // a member cannot decide; another union's admin does not see the event
    expect((await app.request('POST', `/api/events/manage/events/${ev.id}/decisions`, { token: member, body: { ids: [mine.body.id], decision: 'approve' } })).status).toBe(403)
    const stranger = await otherAdmin()
    const foreign = await app.request('POST', `/api/events/manage/events/${ev.id}/decisions`, { token: stranger, body: { ids: [mine.body.id], decision: 'approve' } })
    expect(foreign.status).toBe(404)
    expect((await app.request('GET', `/api/events/manage/events/${ev.id}/registrations`, { token: stranger })).status).toBe(404)

    // reject without a reason → 400 beside the field; with a reason → the waiter is promoted to pending
    const noReason = await app.request('POST', `/api/events/manage/events/${ev.id}/decisions`, { token: admin, body: { ids: [mine.body.id], decision: 'reject' } })
    expect(noReason.status).toBe(400)
    expect(noReason.body.fields.reason).toBe('请填写不通过的原因')
    const rejected = await app.request('POST', `/api/events/manage/events/${ev.id}/decisions`, {
      token: admin,
      body: { ids: [mine.body.id], decision: 'reject', reason: '操作证已过期' },
    })
    expect(rejected.status).toBe(200)
    expect(rejected.body).toMatchObject({ promoted: 1, results: [{ id: mine.body.id, ok: true, status: 'rejected' }] })
    const after = await app.request('GET', `/api/events/registrations/${mine.body.id}`, { token: member })
    expect(after.body.registration).toMatchObject({ status: 'rejected', rejectReason: '操作证已过期' })
    const promotedMsg = await h.database.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.userId, waiter.userId), eq(notifications.kind, 'events.promoted')))
    expect(promotedMsg).toHaveLength(1)

    // bulk approve: the promoted waiter is approved, an already-decided id is reported, not failed
    const approved = await app.request('POST', `/api/events/manage/events/${ev.id}/decisions`, {
      token: admin,
      body: { ids: [w2.body.id, mine.body.id], decision: 'approve' },
    })
    expect(approved.body.results).toEqual([
      { id: w2.body.id, ok: true, status: 'confirmed', message: null },
      { id: mine.body.id, ok: false, status: 'rejected', message: expect.stringContaining('不是待审核') },
    ])
    const wNow = await app.request('GET', `/api/events/registrations/${w2.body.id}`, { token: waiter.token })
    expect(wNow.body.registration.status).toBe('confirmed')
    expect((await app.request('GET', `/api/events/registrations/${w2.body.id}/checkin-code`, { token: waiter.token })).status).toBe(200)
  })

  it('check-in: refused before the window with the opening time, then by code and by event QR, idempotent', async () => {
    const ev = await create({ title: '签到测试', startsAt: iso(T0 + DAY), endsAt: iso(T0 + DAY + 3 * HOUR), registrationClosesAt: iso(T0 + 12 * HOUR), checkinOpensMinutes: 30 })
    const [a, b] = await members(2)
    const ra = await register(a.token, ev.id)
    const rb = await register(b.token, ev.id)
    const code = (await app.request('GET', `/api/events/registrations/${ra.body.id}/checkin-code`, { token: a.token })).body.code as string

    const early = await app.request('POST', `/api/events/manage/events/${ev.id}/checkin`, { token: admin, body: { code } })
    expect(early.status).toBe(409)
    expect(early.body.message).toBe('签到尚未开始，将于 2026-11-24 09:30 开始签到')

    clock = T0 + DAY - 10 * MIN
    const fresh = (await app.request('GET', `/api/events/registrations/${ra.body.id}/checkin-code`, { token: a.token })).body.code as string
    const first = await app.request('POST', `/api/events/manage/events/${ev.id}/checkin`, { token: admin, body: { code: fresh } })
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ registrationId: ra.body.id, alreadyCheckedIn: false, checkedInCount: 1 })
    const second = await app.request('POST', `/api/events/manage/events/${ev.id}/checkin`, { token: admin, body: { code: fresh } })
    expect(second.body).toMatchObject({ alreadyCheckedIn: true, checkedInCount: 1 })
    const wrong = await app.request('POST', `/api/events/manage/events/${ev.id}/checkin`, { token: admin, body: { code: 'ZZZZZZZZZZZZ' } })
    expect(wrong.status).toBe(400)

    // the member scans the event QR; venue staff (events.checkin) may fetch it too
    const venue = await app.login('venue')
    const venueList = await app.request('GET', '/api/events/manage/events?limit=50', { token: venue })
    expect(venueList.body.items.map((e: any) => e.id)).toContain(ev.id)
    const qr = await app.request('GET', `/api/events/manage/events/${ev.id}/checkin-token`, { token: venue })
    expect(qr.status).toBe(200)
    expect((await app.request('GET', `/api/events/manage/events/${ev.id}/registrations`, { token: venue })).status).toBe(403)
    const self = await app.request('POST', '/api/events/checkin', { token: b.token, body: { token: qr.body.token } })
    expect(self.status).toBe(200)
    expect(self.body).toMatchObject({ id: rb.body.id, status: 'checked_in' })
    expect((await app.request('POST', '/api/events/checkin', { token: b.token, body: { token: qr.body.token } })).body.status).toBe('checked_in')
    const forged = await app.request('POST', '/api/events/checkin', { token: b.token, body: { token: `${ev.id}.1.aaaaaaaaaaaaaaaaaaaaaa` } })
    expect(forged.status).toBe(400)
    expect(forged.body.fields.token).toContain('二维码')

    const stats = await app.request('GET', `/api/events/manage/events/${ev.id}/checkin-stats`, { token: admin })
    expect(stats.body.counts).toMatchObject({ checkedIn: 2, confirmed: 0 })
    expect(stats.body.recent).toHaveLength(2)
  })

  it('three no-shows within 90 days: registration refused with the reason and the date it ends', async () => {
    const evs = []
    for (let i = 1; i <= 3; i++) {
      evs.push(await create({ title: `爽约测试${i}`, startsAt: iso(T0 + i * DAY), endsAt: iso(T0 + i * DAY + 2 * HOUR), registrationClosesAt: iso(T0 + 12 * HOUR) }))
    }
    const fourth = await create({ title: '爽约后报名', startsAt: iso(T0 + 60 * DAY), endsAt: iso(T0 + 60 * DAY + 2 * HOUR), registrationClosesAt: iso(T0 + 50 * DAY) })
    const [m] = await members(1)
    for (const ev of evs) expect((await register(m.token, ev.id)).body.status).toBe('confirmed')

    clock = T0 + 4 * DAY
    const past = await app.request('GET', '/api/events/registrations/mine?scope=past', { token: m.token })
    expect(past.body.items.map((r: any) => r.status)).toEqual(['no_show', 'no_show', 'no_show'])
    const refused = await register(m.token, fourth.id)
    expect(refused.status).toBe(409)
    // third no-show event ended 2026-11-26 12:00 (China) → restricted until 30 days later
    expect(refused.body.message).toBe('您在 90 天内有 3 次报名后未到场（未签到），2026-12-26 前暂停报名活动')
    const hint = await app.request('GET', `/api/events/${fourth.id}`, { token: m.token })
    expect(hint.body.event.registerHint).toMatchObject({ allowed: false, reason: refused.body.message })
    const counts = await app.request('GET', `/api/events/manage/events/${evs[0].id}`, { token: admin })
    expect(counts.body.counts).toMatchObject({ noShow: 1, confirmed: 0 })

    clock = T0 + 34 * DAY
    const { token } = await app.app.deps.sessions.create(h.database.db, m.userId) // sessions last a week
    expect((await register(token, fourth.id)).body.status).toBe('confirmed')
  })

  it('results: scores with ties rank 1, 2, 2, 4; each contestant sees their place; members see masked names', async () => {
    const ev = await create({ kind: 'skills_competition', approvalMode: 'auto', title: '焊工比赛', startsAt: iso(T0 + DAY), endsAt: iso(T0 + DAY + 4 * HOUR), registrationClosesAt: iso(T0 + 12 * HOUR) })
    const crowd = await members(5)
    const regs = []
    for (const m of crowd) regs.push((await register(m.token, ev.id)).body)
    const scores = [90, 85, 85, 70, null]
    const body = { scores: regs.map((r, i) => ({ registrationId: r.id, score: scores[i] })) }
    const early = await app.request('PUT', `/api/events/manage/events/${ev.id}/scores`, { token: admin, body })
    expect(early.status).toBe(409)
    expect(early.body.message).toBe('签到开始（2026-11-24 09:30）后才能录入成绩')

    clock = T0 + DAY + 5 * HOUR
    const saved = await app.request('PUT', `/api/events/manage/events/${ev.id}/scores`, { token: admin, body })
    expect(saved.status).toBe(200)
    expect(saved.body.items.map((x: any) => [x.score, x.rank])).toEqual([[90, 1], [85, 2], [85, 2], [70, 4]])
    expect(saved.body.items[0].name).toBe('会员0') // organisers see full names

    const fourth = await app.request('GET', `/api/events/registrations/${regs[3].id}`, { token: crowd[3].token })
    expect(fourth.body.registration.result).toEqual({ score: 70, rank: 4, of: 4 })
    const third = await app.request('GET', `/api/events/registrations/${regs[2].id}`, { token: crowd[2].token })
    expect(third.body.registration.result).toEqual({ score: 85, rank: 2, of: 4 })
    const unscored = await app.request('GET', `/api/events/registrations/${regs[4].id}`, { token: crowd[4].token })
    expect(unscored.body.registration.result).toBeNull()

    const ranking = await app.request('GET', `/api/events/${ev.id}/ranking`, { token: crowd[1].token })
    expect(ranking.body.mine).toMatchObject({ registrationId: regs[1].id, rank: 2, mine: true })
    expect(ranking.body.items.find((x: any) => !x.mine).name).toContain('*')

    const sports = await create({ title: '非竞赛' })
    expect((await app.request('GET', `/api/events/${sports.id}/ranking`, { token: member })).status).toBe(409)
  })

  it('discovery: kind and phase filters with cursor paging; other subtrees do not see the event', async () => {
    const kinds = ['volunteer', 'volunteer', 'volunteer', 'training']
    const created = []
    for (const [i, kind] of kinds.entries()) created.push(await create({ kind, title: `发现列表${i}`, startsAt: iso(T0 + (8 + i) * DAY), endsAt: iso(T0 + (8 + i) * DAY + HOUR) }))
    const later = await create({ kind: 'volunteer', title: '未开放报名', registrationOpensAt: iso(T0 + DAY), startsAt: iso(T0 + 9 * DAY), endsAt: iso(T0 + 9 * DAY + HOUR) })

    const seen: number[] = []
    let cursor: string | null = null
    do {
      const q: string = `/api/events?kind=volunteer&phase=registering&limit=2${cursor ? `&cursor=${cursor}` : ''}`
      const page = await app.request('GET', q, { token: member })
      expect(page.status).toBe(200)
      expect(page.body.items.length).toBeLessThanOrEqual(2)
      for (const it of page.body.items) {
        expect(it.kind).toBe('volunteer')
        expect(it.phase).toBe('registering')
        seen.push(it.id)
      }
      cursor = page.body.nextCursor
    } while (cursor)
    expect(seen).toEqual(created.slice(0, 3).map((e) => e.id))
    const upcoming = await app.request('GET', '/api/events?kind=volunteer&phase=upcoming', { token: member })
    expect(upcoming.body.items.map((e: any) => e.id)).toEqual([later.id])
    expect((await app.request('GET', '/api/events?cursor=bad', { token: member })).status).toBe(400)

    // an event of 星河物流 is invisible to a member of the gig union
    const local = await create({ title: '星河内部活动', orgId: orgIds.logistics })
    const [gigMember] = await members(1, orgIds.gig)
    expect((await app.request('GET', `/api/events/${local.id}`, { token: gigMember.token })).status).toBe(404)
    expect((await register(gigMember.token, local.id)).status).toBe(404)
    const stranger = await otherAdmin()
    expect((await app.request('POST', '/api/events/manage/events', { token: stranger, body: input({ orgId: orgIds.logistics }) })).status).toBe(403)
  })

  it('roster export: an .xlsx with the registrations', async () => {
    const ev = await create({ title: '名单导出', questions: [{ label: '衣服尺码', type: 'single_choice', required: true, options: ['M', 'L'] }] })
    const crowd = await members(3)
    for (const m of crowd) await register(m.token, ev.id, { answers: { q1: 'L' } })
    await register(member, ev.id, { answers: { q1: 'M' } })
    const res = await fetch(`${app.baseUrl}/api/events/manage/events/${ev.id}/roster.xlsx`, { headers: { authorization: `Bearer ${admin}` } })
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
    expect((await app.request('GET', `/api/events/manage/events/${ev.id}/roster.xlsx`, { token: member })).status).toBe(403)
  })
})
