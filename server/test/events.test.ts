/**
 * 活动报名, the member's side: who may register and why not, capacity under 100 concurrent registrations, waitlist
 * promotion with a message, cancelling, the no-show restriction, discovery paging. The organiser's side:
 * events-manage.test.ts; check-in: events-checkin.test.ts; team entry by invitation: events-teams.test.ts.
 */
import { eq } from 'drizzle-orm'
import { eventsApi } from '@contract/events/api'
import { databases, type CallResponse } from './harness'
import { eventSeats, notifications } from '../src/db/schema'
import { createMembers, type LoadMember } from './vouchers-fixtures'
import { competitionRanks } from '../src/modules/events/ranking'
import { noShowBanUntil } from '../src/modules/events/no-show'
import { DAY, HOUR, T0, checkinCodeOf, createEvent, event, iso, register, registrationOf, useEventsWorld } from './builders/events'
import type { EventInput } from '@contract/events/schemas'

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
  const ctx = useEventsWorld(target)
  const { h } = ctx

  const create = (over: Partial<EventInput> = {}) => createEvent(ctx.app, ctx.admin, event(ctx.orgIds.district, over))
  const members = (count: number, orgId = ctx.orgIds.logistics, employmentType: 'employee' | 'delivery' = 'employee'): Promise<LoadMember[]> =>
    createMembers(h.database.db, ctx.app.app.deps.sessions, { count, orgId, employmentType })

  it('demo data: 管理员·周 organises the seeded skills competition (approval, required and file questions); 李晓梅 may register', async () => {
    const managed = await ctx.app.ok(eventsApi.manageEvents, { query: { limit: 50 }, token: ctx.admin })
    const comp = managed.items.find((e) => e.kind === 'skills_competition' && e.title.includes('叉车'))!
    expect(comp).toMatchObject({ approvalMode: 'manual', orgName: '云溪区总工会', scored: true })
    expect(comp.questions.some((q) => q.required && q.type !== 'file')).toBe(true)
    expect(comp.questions.some((q) => q.type === 'file')).toBe(true)
    const seen = await ctx.app.call(eventsApi.detail, { params: { id: comp.id }, token: ctx.member })
    expect(seen.status).toBe(200)
    // the seed's times are relative to the real clock; judge the hint at that time
    if (seen.body.event.phase === 'registering') expect(seen.body.event.registerHint).toMatchObject({ allowed: true })
    const listed = await ctx.app.ok(eventsApi.list, { query: { kind: 'skills_competition' }, token: ctx.member })
    expect(listed.items.map((e) => e.id)).toContain(comp.id)
  })

  it('registering outside the window or the eligible employment types: refused by reason, and the event page says why first', async () => {
    const later = await create({ title: '下周开放报名', registrationOpensAt: iso(T0 + DAY) })
    const closed = await create({ title: '已截止报名', registrationOpensAt: iso(T0 - 2 * DAY), registrationClosesAt: iso(T0 - HOUR) })
    const ridersOnly = await create({ title: '骑手专场', eligibleEmploymentTypes: ['delivery'] })
    const [m] = await members(1)

    const notOpen = await register(ctx.app, m.token, later.id)
    expect(notOpen.status).toBe(409)
    expect(notOpen.body).toMatchObject({ reason: 'REGISTRATION_NOT_OPEN', message: '报名尚未开始，将于 2026-11-24 10:00 开放报名' })
    const late = await register(ctx.app, m.token, closed.id)
    expect(late.status).toBe(409)
    expect(late.body).toMatchObject({ reason: 'REGISTRATION_CLOSED', message: '报名已截止' })
    const notEligible = await register(ctx.app, m.token, ridersOnly.id)
    expect(notEligible.status).toBe(403)
    expect(notEligible.body.reason).toBe('NOT_ELIGIBLE')
    expect(notEligible.body.message).toMatch(/^本活动仅限.+报名，您不在报名范围内$/)
    const hint = await ctx.app.ok(eventsApi.detail, { params: { id: ridersOnly.id }, token: m.token })
    expect(hint.event.registerHint).toEqual({ allowed: false, reason: notEligible.body.message, waitlist: false })

    const [rider] = await members(1, ctx.orgIds.logistics, 'delivery')
    expect((await register(ctx.app, rider.token, ridersOnly.id)).body.status).toBe('confirmed')
  })

  it('100 concurrent registrations for 20 places: exactly 20 confirmed, the rest waitlisted in arrival order', async () => {
    const ev = await create({ title: '并发报名测试', capacity: 20 })
    const crowd = await members(100)
    const results = await Promise.all(crowd.map((m) => register(ctx.app, m.token, ev.id)))
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
    expect((await register(ctx.app, late[0].token, ev.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 81 })
    expect((await register(ctx.app, late[1].token, ev.id)).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 82 })
    // The same member twice: refused.
    const again = await register(ctx.app, crowd[0].token, ev.id)
    expect(again.status).toBe(409)
    expect(again.body.message).toContain('已报名')
    expect(again.body.reason).toBe('ALREADY_REGISTERED')

    const detail = await ctx.app.ok(eventsApi.detail, { params: { id: ev.id }, token: late[0].token })
    expect(detail.event).toMatchObject({ placesLeft: 0, counts: { taken: 20, confirmed: 20, waitlisted: 82 } })
    expect(detail.event.myRegistration).toMatchObject({ status: 'waitlisted', waitlistPosition: 81 })
    const noCode = await checkinCodeOf(ctx.app, late[0].token, detail.event.myRegistration!.id)
    expect(noCode.status).toBe(409)
    expect(noCode.body).toMatchObject({ reason: 'EVENT_CHECKIN_CODE_UNAVAILABLE', message: '该报名候补，暂无签到码' })
  })

  it('cancelling promotes the first waiter, who is told in-app; cancelling after the cut-off is refused', async () => {
    const ev = await create({ title: '候补递补测试', capacity: 2, cancelCutoffHours: 24 })
    const [a, b, c, d] = await members(4)
    const ra = await register(ctx.app, a.token, ev.id)
    await register(ctx.app, b.token, ev.id)
    const rc = await register(ctx.app, c.token, ev.id)
    const rd = await register(ctx.app, d.token, ev.id)
    expect([rc.body.waitlistPosition, rd.body.waitlistPosition]).toEqual([1, 2])

    const cancelled = await ctx.app.call(eventsApi.cancel, { params: { id: ra.body.id }, token: a.token })
    expect(cancelled.status).toBe(200)
    expect(cancelled.body.status).toBe('cancelled')
    const twice = await ctx.app.call(eventsApi.cancel, { params: { id: ra.body.id }, token: a.token })
    expect(twice.status).toBe(409)
    expect(twice.body).toMatchObject({ reason: 'NOT_CANCELLABLE', message: '该报名已取消，不能取消' })

    const cNow = await registrationOf(ctx.app, c.token, rc.body.id)
    expect(cNow.body.registration).toMatchObject({ status: 'confirmed', waitlistPosition: null })
    expect((await checkinCodeOf(ctx.app, c.token, rc.body.id)).status).toBe(200)
    const dNow = await registrationOf(ctx.app, d.token, rd.body.id)
    expect(dNow.body.registration).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 })
    const msgs = await h.database.db.select().from(notifications).where(eq(notifications.userId, c.userId))
    expect(msgs).toHaveLength(1)
    expect(msgs[0]).toMatchObject({ kind: 'events.promoted', link: `/packages/events/registration/index?id=${rc.body.id}` })
    expect(msgs[0].body).toContain('已从候补转为已报名')
    const [seats] = await h.database.db.select().from(eventSeats).where(eq(eventSeats.eventId, ev.id))
    expect(seats.taken).toBe(2)

    // A waiter cancelling frees nothing; the last confirmed one cancelling with nobody waiting gives the place back.
    ctx.clock = T0 + 7 * DAY - 23 * HOUR // inside the 24-hour cut-off
    const late = await ctx.app.call(eventsApi.cancel, { params: { id: rc.body.id }, token: c.token })
    expect(late.status).toBe(409)
    expect(late.body.message).toContain('已过取消截止时间')
    expect(late.body.message).toContain('2026-11-29 10:00')
    expect(late.body.reason).toBe('CANCEL_CUTOFF_PASSED')
  })

  it('cancellations racing new registrations: places never exceed capacity and go to the waiters in order', async () => {
    const ev = await create({ title: '取消与报名并发', capacity: 10, cancelCutoffHours: 0 })
    const first = await members(30)
    const regs = []
    for (const m of first) regs.push((await register(ctx.app, m.token, ev.id)).body)
    const newcomers = await members(10)
    const results = await Promise.all([
      ...regs.slice(0, 10).map((r, i) => ctx.app.call(eventsApi.cancel, { params: { id: r.id }, token: first[i].token })),
      ...newcomers.map((m) => register(ctx.app, m.token, ev.id)),
    ])
    expect(results.every((r) => r.status === 200)).toBe(true)
    // the ten cancelled places went to the first ten waiters, never to a newcomer
    const statuses = await Promise.all(regs.map((r, i) => registrationOf(ctx.app, first[i].token, r.id)))
    expect(statuses.map((x) => x.body.registration.status)).toEqual([
      ...Array(10).fill('cancelled'),
      ...Array(10).fill('confirmed'),
      ...Array(10).fill('waitlisted'),
    ])
    expect(results.slice(10).every((r) => r.body.status === 'waitlisted')).toBe(true)
    const [seats] = await h.database.db.select().from(eventSeats).where(eq(eventSeats.eventId, ev.id))
    expect(seats.taken).toBe(10)
    const list = await ctx.app.ok(eventsApi.manageEvent, { params: { id: ev.id }, token: ctx.admin })
    expect(list.counts).toMatchObject({ taken: 10, confirmed: 10, waitlisted: 20 })
  })

  it('three no-shows within 90 days: registration refused with the reason and the date it ends', async () => {
    const evs = []
    for (let i = 1; i <= 3; i++) {
      evs.push(await create({ title: `爽约测试${i}`, startsAt: iso(T0 + i * DAY), endsAt: iso(T0 + i * DAY + 2 * HOUR), registrationClosesAt: iso(T0 + 12 * HOUR) }))
    }
    const fourth = await create({ title: '爽约后报名', startsAt: iso(T0 + 60 * DAY), endsAt: iso(T0 + 60 * DAY + 2 * HOUR), registrationClosesAt: iso(T0 + 50 * DAY) })
    const [m] = await members(1)
    for (const ev of evs) expect((await register(ctx.app, m.token, ev.id)).body.status).toBe('confirmed')

    ctx.clock = T0 + 4 * DAY
    const past = await ctx.app.ok(eventsApi.myRegistrations, { query: { scope: 'past' }, token: m.token })
    expect(past.items.map((r) => r.status)).toEqual(['no_show', 'no_show', 'no_show'])
    const refused = await register(ctx.app, m.token, fourth.id)
    expect(refused.status).toBe(409)
    // third no-show event ended 2026-11-26 12:00 (China) → restricted until 30 days later
    expect(refused.body.message).toBe('您在 90 天内有 3 次报名后未到场（未签到），2026-12-26 前暂停报名活动')
    expect(refused.body.reason).toBe('NO_SHOW_RESTRICTED')
    const hint = await ctx.app.ok(eventsApi.detail, { params: { id: fourth.id }, token: m.token })
    expect(hint.event.registerHint).toMatchObject({ allowed: false, reason: refused.body.message })
    const counts = await ctx.app.ok(eventsApi.manageEvent, { params: { id: evs[0].id }, token: ctx.admin })
    expect(counts.counts).toMatchObject({ noShow: 1, confirmed: 0 })

    ctx.clock = T0 + 34 * DAY
    const { token } = await ctx.app.app.deps.sessions.create(h.database.db, m.userId) // sessions last a week
    expect((await register(ctx.app, token, fourth.id)).body.status).toBe('confirmed')
  })

  it('discovery: kind and phase filters with cursor paging; other subtrees do not see the event', async () => {
    const kinds = ['volunteer', 'volunteer', 'volunteer', 'training'] as const
    const created = []
    for (const [i, kind] of kinds.entries()) created.push(await create({ kind, title: `发现列表${i}`, startsAt: iso(T0 + (8 + i) * DAY), endsAt: iso(T0 + (8 + i) * DAY + HOUR) }))
    const later = await create({ kind: 'volunteer', title: '未开放报名', registrationOpensAt: iso(T0 + DAY), startsAt: iso(T0 + 9 * DAY), endsAt: iso(T0 + 9 * DAY + HOUR) })

    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: CallResponse<typeof eventsApi.list> = await ctx.app.call(eventsApi.list, {
        query: { kind: 'volunteer', phase: 'registering', limit: 2, cursor: cursor ?? undefined },
        token: ctx.member,
      })
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
    const upcoming = await ctx.app.ok(eventsApi.list, { query: { kind: 'volunteer', phase: 'upcoming' }, token: ctx.member })
    // (the demo seed's 志愿服务 activity opens later too: only this test's events are compared)
    const ours = new Set([...created, later].map((e) => e.id))
    expect(upcoming.items.map((e) => e.id).filter((id) => ours.has(id))).toEqual([later.id])
    const bad = await ctx.app.call(eventsApi.list, { query: { cursor: 'bad' }, token: ctx.member })
    expect(bad.status).toBe(400)
    expect(bad.body.fields?.cursor).toBe('分页参数无效，请刷新列表')

    // an event of 星河物流 is invisible to a member of the gig union
    const local = await create({ title: '星河内部活动', orgId: ctx.orgIds.logistics })
    const [gigMember] = await members(1, ctx.orgIds.gig)
    expect((await ctx.app.call(eventsApi.detail, { params: { id: local.id }, token: gigMember.token })).status).toBe(404)
    expect((await register(ctx.app, gigMember.token, local.id)).status).toBe(404)
  })
})
