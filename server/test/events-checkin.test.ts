/**
 * 活动签到 (security review, issue 11): the code a member shows at the door is short-lived and bound to their live
 * session, so a forwarded screenshot checks nobody in; the organiser's manual check-in for a member without a
 * phone is audited; the event QR members scan stops working within two minutes.
 */
import { and, eq } from 'drizzle-orm'
import { databases, useDatabase, TEST_SECRET, type TestApp } from './harness'
import { auditLog, orgs } from '../src/db/schema'
import { createMembers } from './vouchers-fixtures'
import { signCheckinCode } from '../src/modules/events/checkin-code'

const T0 = new Date('2026-11-23T10:00:00+08:00').getTime()
const SEC = 1000
const MIN = 60 * SEC
const HOUR = 60 * MIN
const DAY = 24 * HOUR
const iso = (ms: number) => new Date(ms).toISOString()

describe.each(databases())('event check-in codes on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  const now = () => clock
  let app: TestApp
  let admin: string
  let district: number
  let logistics: number

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now })
    admin = await app.login('admin')
    const rows = await h.database.db.select({ id: orgs.id, name: orgs.name, kind: orgs.kind }).from(orgs)
    district = rows.find((r) => r.kind === 'district')!.id
    logistics = rows.find((r) => r.name.includes('星河物流'))!.id
  })

  beforeEach(() => {
    clock = T0
  })

  async function event(title: string, over: Record<string, unknown> = {}) {
    const res = await app.request('POST', '/api/events/manage/events', {
      token: admin,
      body: {
        kind: 'sports_culture',
        title,
        orgId: district,
        startsAt: iso(T0 + DAY),
        endsAt: iso(T0 + DAY + 3 * HOUR),
        place: { name: '全民健身中心', address: '示例市云溪区青禾路 20 号', lat: 30.27, lng: 120.15 },
        capacity: 20,
        registrationOpensAt: iso(T0 - HOUR),
        registrationClosesAt: iso(T0 + 12 * HOUR),
        checkinOpensMinutes: 30,
        ...over,
      },
    })
    expect(res.status).toBe(200)
    return res.body as { id: number }
  }
  const members = (count: number) => createMembers(h.database.db, app.app.deps.sessions, { count, orgId: logistics })
  const register = (token: string, id: number) => app.request('POST', `/api/events/${id}/registrations`, { token, body: {} })
  const codeOf = (token: string, registrationId: number) => app.request('GET', `/api/events/registrations/${registrationId}/checkin-code`, { token })
  const scan = (eventId: number, code: string, token = admin) =>
    app.request('POST', `/api/events/manage/events/${eventId}/checkin`, { token, body: { code } })

  it('the code shown at the door lives ~60 s and belongs to the member’s live session: a screenshot later, after logout or from another phone is refused', async () => {
    const ev = await event('签到码测试')
    const other = await event('另一场活动')
    const [a, b, c] = await members(3)
    const ra = await register(a.token, ev.id)
    expect(ra.status).toBe(200)
    expect(ra.body.status).toBe('confirmed')
    expect(ra.body).not.toHaveProperty('code') // no static code any more
    const rb = await register(b.token, other.id)

    clock = T0 + DAY - 20 * MIN // check-in is open
    const first = await codeOf(a.token, ra.body.id)
    expect(first.status).toBe(200)
    expect(first.body.code).toMatch(/^E\.[0-9a-z]+\.[0-9a-z]+\.[A-Za-z0-9_-]{22}$/)
    expect(Date.parse(first.body.expiresAt) - clock).toBeLessThanOrEqual(60 * SEC)
    expect((await codeOf(c.token, ra.body.id)).status).toBe(404) // only the owner gets it

    // A screenshot scanned past its life: refused with a message for the staff.
    clock += 61 * SEC
    const stale = await scan(ev.id, first.body.code)
    expect(stale.status).toBe(400)
    expect(stale.body).toMatchObject({ reason: 'EVENT_CHECKIN_CODE_EXPIRED', message: '二维码已过期，请让会员刷新后重新出示' })
    expect(stale.body.fields.code).toBe('二维码已过期，请让会员刷新后重新出示')

    // Fresh, but the member has logged out since: the code died with the session.
    const beforeLogout = await codeOf(a.token, ra.body.id)
    expect((await app.request('POST', '/api/auth/logout', { token: a.token })).status).toBe(200)
    const loggedOut = await scan(ev.id, beforeLogout.body.code)
    expect(loggedOut.status).toBe(400)
    expect(loggedOut.body.reason).toBe('EVENT_CHECKIN_CODE_INVALID')
    expect(loggedOut.body.message).toContain('退出登录')

    // Someone else's session cannot make a code for this registration (even with the server's key: the session
    // is not the registration's member's), a tampered code is refused, a code of another event is not this one's.
    const forged = signCheckinCode(TEST_SECRET, ra.body.id, b.sessionId, clock).code
    expect((await scan(ev.id, forged)).body.reason).toBe('EVENT_CHECKIN_CODE_INVALID')
    const bCode = (await codeOf(b.token, rb.body.id)).body.code as string
    const tampered = bCode.replace(/^E\.[0-9a-z]+\./, `E.${ra.body.id.toString(36)}.`)
    expect((await scan(ev.id, tampered)).body.reason).toBe('EVENT_CHECKIN_CODE_INVALID')
    expect((await scan(ev.id, bCode)).status).toBe(404)
    expect((await scan(ev.id, 'SOMESTATICCODE')).body.reason).toBe('EVENT_CHECKIN_CODE_INVALID')

    // The member logs in again (a new session) and shows a fresh code: checked in, idempotent.
    const again = await app.app.deps.sessions.create(h.database.db, a.userId)
    const live = await codeOf(again.token, ra.body.id)
    const ok = await scan(ev.id, ` ${live.body.code} `)
    expect(ok.status).toBe(200)
    expect(ok.body).toMatchObject({ registrationId: ra.body.id, alreadyCheckedIn: false, checkedInCount: 1 })
    expect((await scan(ev.id, live.body.code)).body).toMatchObject({ alreadyCheckedIn: true })
    const after = await codeOf(again.token, ra.body.id)
    expect(after.status).toBe(409)
    expect(after.body).toMatchObject({ reason: 'EVENT_CHECKIN_CODE_UNAVAILABLE', message: '您已签到，无需再出示签到码' })
  })

  it('no code before the registration is confirmed', async () => {
    const ev = await event('审核活动', { kind: 'recuperation', approvalMode: 'manual' })
    const [a] = await members(1)
    const ra = await register(a.token, ev.id)
    const pending = await codeOf(a.token, ra.body.id)
    expect(pending.status).toBe(409)
    expect(pending.body).toMatchObject({ reason: 'EVENT_CHECKIN_CODE_UNAVAILABLE', message: '该报名待审核，暂无签到码' })
  })

  it('a member without a phone: the organiser checks them in from the list, audited; check-in staff cannot', async () => {
    const ev = await event('手动签到')
    const [a] = await members(1)
    const ra = await register(a.token, ev.id)
    clock = T0 + DAY - 10 * MIN
    const venue = await app.login('venue')
    const url = `/api/events/manage/events/${ev.id}/registrations/${ra.body.id}/checkin`
    expect((await app.request('POST', url, { token: venue })).status).toBe(403)
    expect((await app.request('POST', url, { token: a.token })).status).toBe(403)
    const done = await app.request('POST', url, { token: admin })
    expect(done.status).toBe(200)
    expect(done.body).toMatchObject({ registrationId: ra.body.id, alreadyCheckedIn: false })
    const rows = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'events.checkin.manual'), eq(auditLog.subjectId, String(ra.body.id))))
    expect(rows).toHaveLength(1)
    const other = await event('别的活动')
    expect((await app.request('POST', `/api/events/manage/events/${other.id}/registrations/${ra.body.id}/checkin`, { token: admin })).status).toBe(404)
  })

  it('the event QR members scan rotates: a forwarded screenshot stops working within two minutes', async () => {
    const ev = await event('现场码测试')
    const [a, b] = await members(2)
    await register(a.token, ev.id)
    await register(b.token, ev.id)
    clock = T0 + DAY - 20 * MIN + 15 * SEC
    const qr = await app.request('GET', `/api/events/manage/events/${ev.id}/checkin-token`, { token: admin })
    const life = Date.parse(qr.body.expiresAt) - clock
    expect(life).toBeGreaterThan(60 * SEC)
    expect(life).toBeLessThanOrEqual(2 * MIN)
    clock = Date.parse(qr.body.expiresAt) - SEC
    expect((await app.request('POST', '/api/events/checkin', { token: a.token, body: { token: qr.body.token } })).status).toBe(200)
    clock = Date.parse(qr.body.expiresAt)
    const late = await app.request('POST', '/api/events/checkin', { token: b.token, body: { token: qr.body.token } })
    expect(late.status).toBe(400)
    expect(late.body.fields.token).toContain('已过期')
  })
})
