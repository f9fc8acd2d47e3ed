/**
 * 活动签到 (security review, issue 11): the code a member shows at the door is short-lived and bound to their live
 * session, so a forwarded screenshot checks nobody in; the organiser's manual check-in for a member without a
 * phone is audited; the event QR members scan stops working within two minutes; nothing before the window opens.
 */
import { and, eq } from 'drizzle-orm'
import { eventsApi } from '@contract/events/api'
import type { EventInput } from '@contract/events/schemas'
import { databases, TEST_SECRET } from './harness'
import { auditLog } from '../src/db/schema'
import { createMembers } from './vouchers-fixtures'
import { signCheckinCode } from '../src/modules/events/checkin-code'
import { DAY, MIN, SEC, T0, checkinCodeOf, createEvent, event as eventInput, nextDay, register, useEventsWorld } from './builders/events'

describe.each(databases())('event check-in codes on %s', (target) => {
  const ctx = useEventsWorld(target)
  const { h } = ctx

  /** An event of the district held the day after T0, check-in from 30 minutes before. */
  const event = (title: string, over: Partial<EventInput> = {}) => createEvent(ctx.app, ctx.admin, eventInput(ctx.orgIds.district, { title, description: '', ...nextDay(), ...over }))
  const members = (count: number) => createMembers(h.database.db, ctx.app.app.deps.sessions, { count, orgId: ctx.orgIds.logistics })
  const scan = (eventId: number, code: string, token = ctx.admin) => ctx.app.call(eventsApi.checkinByCode, { params: { id: eventId }, body: { code }, token })
  const selfCheckin = (token: string, qr: string) => ctx.app.call(eventsApi.checkinByToken, { body: { token: qr }, token })
  const qrOf = (eventId: number, token = ctx.admin) => ctx.app.call(eventsApi.checkinToken, { params: { id: eventId }, token })

  it('the code shown at the door lives ~60 s and belongs to the member’s live session: a screenshot later, after logout or from another phone is refused', async () => {
    const ev = await event('签到码测试')
    const other = await event('另一场活动')
    const [a, b, c] = await members(3)
    const ra = await register(ctx.app, a.token, ev.id)
    expect(ra.status).toBe(200)
    expect(ra.body.status).toBe('confirmed')
    expect(ra.body).not.toHaveProperty('code') // no static code any more
    const rb = await register(ctx.app, b.token, other.id)

    ctx.clock = T0 + DAY - 20 * MIN // check-in is open
    const first = await checkinCodeOf(ctx.app, a.token, ra.body.id)
    expect(first.status).toBe(200)
    expect(first.body.code).toMatch(/^E\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/)
    expect(Date.parse(first.body.expiresAt) - ctx.clock).toBeLessThanOrEqual(60 * SEC)
    expect((await checkinCodeOf(ctx.app, c.token, ra.body.id)).status).toBe(404) // only the owner gets it

    // A screenshot scanned past its life: refused with a message for the staff.
    ctx.clock += 61 * SEC
    const stale = await scan(ev.id, first.body.code)
    expect(stale.status).toBe(400)
    expect(stale.body).toMatchObject({ reason: 'EVENT_CHECKIN_CODE_EXPIRED', message: '二维码已过期，请让会员刷新后重新出示' })
    expect(stale.body.fields?.code).toBe('二维码已过期，请让会员刷新后重新出示')

    // Fresh, but the member has logged out since: the code died with the session.
    const beforeLogout = await checkinCodeOf(ctx.app, a.token, ra.body.id)
    expect((await ctx.app.request('POST', '/api/auth/logout', { token: a.token })).status).toBe(200)
    const loggedOut = await scan(ev.id, beforeLogout.body.code)
    expect(loggedOut.status).toBe(400)
    expect(loggedOut.body.reason).toBe('EVENT_CHECKIN_CODE_INVALID')
    expect(loggedOut.body.message).toContain('退出登录')

    // Someone else's session cannot make a code for this registration (even with the server's key: the session
    // is not the registration's member's), a tampered code is refused, a code of another event is not this one's.
    const forged = signCheckinCode(TEST_SECRET, ra.body.id, b.sessionId, ctx.clock).code
    expect((await scan(ev.id, forged)).body.reason).toBe('EVENT_CHECKIN_CODE_INVALID')
    const bCode = (await checkinCodeOf(ctx.app, b.token, rb.body.id)).body.code
    const tampered = bCode.replace(/^E\.[0-9a-z]+\./, `E.${ra.body.id.toString(36)}.`)
    expect((await scan(ev.id, tampered)).body.reason).toBe('EVENT_CHECKIN_CODE_INVALID')
    const elsewhere = await scan(ev.id, bCode)
    expect(elsewhere.status).toBe(404)
    expect(elsewhere.body).toMatchObject({ reason: 'CHECKIN_CODE_OTHER_EVENT', message: '该签到码不是本活动的报名' })
    expect((await scan(ev.id, 'SOMESTATICCODE')).body.reason).toBe('EVENT_CHECKIN_CODE_INVALID')

    // The member logs in again (a new session) and shows a fresh code: checked in, idempotent.
    const again = await ctx.app.app.deps.sessions.create(h.database.db, a.userId)
    const live = await checkinCodeOf(ctx.app, again.token, ra.body.id)
    const ok = await scan(ev.id, ` ${live.body.code} `)
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ registrationId: ra.body.id, alreadyCheckedIn: false, checkedInCount: 1 })
    expect((await scan(ev.id, live.body.code)).body).toMatchObject({ alreadyCheckedIn: true })
    const after = await checkinCodeOf(ctx.app, again.token, ra.body.id)
    expect(after.status).toBe(409)
    expect(after.body).toMatchObject({ reason: 'EVENT_CHECKIN_CODE_UNAVAILABLE', message: '您已签到，无需再出示签到码' })
  })

  it('no code before the registration is confirmed', async () => {
    const ev = await event('审核活动', { kind: 'recuperation', approvalMode: 'manual' })
    const [a] = await members(1)
    const ra = await register(ctx.app, a.token, ev.id)
    const pending = await checkinCodeOf(ctx.app, a.token, ra.body.id)
    expect(pending.status).toBe(409)
    expect(pending.body).toMatchObject({ reason: 'EVENT_CHECKIN_CODE_UNAVAILABLE', message: '该报名待审核，暂无签到码' })
  })

  it('check-in: refused before the window with the opening time, then by code and by event QR, idempotent', async () => {
    const ev = await event('签到测试')
    const [a, b] = await members(2)
    const ra = await register(ctx.app, a.token, ev.id)
    const rb = await register(ctx.app, b.token, ev.id)
    const code = (await checkinCodeOf(ctx.app, a.token, ra.body.id)).body.code

    const early = await scan(ev.id, code)
    expect(early.status).toBe(409)
    expect(early.body.message).toBe('签到尚未开始，将于 2026-11-24 09:30 开始签到')
    expect(early.body.reason).toBe('CHECKIN_NOT_OPEN')

    ctx.clock = T0 + DAY - 10 * MIN
    const fresh = (await checkinCodeOf(ctx.app, a.token, ra.body.id)).body.code
    const first = await scan(ev.id, fresh)
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ registrationId: ra.body.id, alreadyCheckedIn: false, checkedInCount: 1 })
    const second = await scan(ev.id, fresh)
    expect(second.body).toMatchObject({ alreadyCheckedIn: true, checkedInCount: 1 })
    expect((await scan(ev.id, 'ZZZZZZZZZZZZ')).status).toBe(400)

    // the member scans the event QR; venue staff (events.checkin) may fetch it too
    const venue = await ctx.app.login('venue')
    const venueList = await ctx.app.ok(eventsApi.manageEvents, { query: { limit: 50 }, token: venue })
    expect(venueList.items.map((e) => e.id)).toContain(ev.id)
    const qr = await qrOf(ev.id, venue)
    expect(qr.status).toBe(200)
    expect((await ctx.app.call(eventsApi.manageRegistrations, { params: { id: ev.id }, token: venue })).status).toBe(403)
    const self = await selfCheckin(b.token, qr.body.token)
    expect(self.status).toBe(200)
    expect(self.body).toMatchObject({ id: rb.body.id, status: 'checked_in' })
    expect((await selfCheckin(b.token, qr.body.token)).body.status).toBe('checked_in')
    const forged = await selfCheckin(b.token, `${ev.id}.1.aaaaaaaaaaaaaaaaaaaaaa`)
    expect(forged.status).toBe(400)
    expect(forged.body.fields?.token).toContain('二维码')
    expect(forged.body.reason).toBe('CHECKIN_QR_INVALID')

    const stats = await ctx.app.ok(eventsApi.checkinStats, { params: { id: ev.id }, token: ctx.admin })
    expect(stats.counts).toMatchObject({ checkedIn: 2, confirmed: 0 })
    expect(stats.recent).toHaveLength(2)
  })

  it('a member without a phone: the organiser checks them in from the list, audited; check-in staff cannot', async () => {
    const ev = await event('手动签到')
    const [a] = await members(1)
    const ra = await register(ctx.app, a.token, ev.id)
    ctx.clock = T0 + DAY - 10 * MIN
    const venue = await ctx.app.login('venue')
    const manual = (token: string, eventId = ev.id) => ctx.app.call(eventsApi.checkinManual, { params: { id: eventId, registrationId: ra.body.id }, token })
    expect((await manual(venue)).status).toBe(403)
    expect((await manual(a.token)).status).toBe(403)
    const done = await manual(ctx.admin)
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ registrationId: ra.body.id, alreadyCheckedIn: false })
    const rows = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'events.checkin.manual'), eq(auditLog.subjectId, String(ra.body.id))))
    expect(rows).toHaveLength(1)
    const other = await event('别的活动')
    const elsewhere = await manual(ctx.admin, other.id)
    expect(elsewhere.status).toBe(404)
    expect(elsewhere.body).toMatchObject({ reason: 'REGISTRATION_NOT_IN_EVENT', message: '报名不存在' })
  })

  it('the event QR members scan rotates: a forwarded screenshot stops working within two minutes', async () => {
    const ev = await event('现场码测试')
    const [a, b] = await members(2)
    await register(ctx.app, a.token, ev.id)
    await register(ctx.app, b.token, ev.id)
    ctx.clock = T0 + DAY - 20 * MIN + 15 * SEC
    const qr = await qrOf(ev.id)
    const life = Date.parse(qr.body.expiresAt) - ctx.clock
    expect(life).toBeGreaterThan(60 * SEC)
    expect(life).toBeLessThanOrEqual(2 * MIN)
    ctx.clock = Date.parse(qr.body.expiresAt) - SEC
    expect((await selfCheckin(a.token, qr.body.token)).status).toBe(200)
    ctx.clock = Date.parse(qr.body.expiresAt)
    const late = await selfCheckin(b.token, qr.body.token)
    expect(late.status).toBe(400)
    expect(late.body.fields?.token).toContain('已过期')
  })
})
