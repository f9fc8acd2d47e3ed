/** 志愿服务: check-in and check-out record volunteer hours, summed per member (我的 → 志愿时长). */
import { eventsApi } from '@contract/events/api'
import { databases } from './harness'
import { checkinCodeOf, createEvent, DAY, event, HOUR, iso, MIN, nextDay, register, T0, useEventsWorld } from './builders/events'
import { createMembers } from './builders/vouchers'

describe.each(databases())('志愿服务 hours on %s', (target) => {
  const w = useEventsWorld(target)

  it('hours run from check-in to check-out and are summed per member', async () => {
    const { app, admin, member, orgIds } = w
    const volunteer = (title: string, days: number) =>
      event(orgIds.district, {
        kind: 'volunteer',
        title,
        startsAt: iso(T0 + days * DAY),
        endsAt: iso(T0 + days * DAY + 6 * HOUR),
        registrationClosesAt: iso(T0 + 12 * HOUR),
        checkinOpensMinutes: 30,
      })
    const a = await createEvent(app, admin, volunteer('交通安全劝导', 1))
    const b = await createEvent(app, admin, volunteer('社区敬老服务', 2))
    const [other] = await createMembers(w.h.database.db, app.app.deps.sessions, { count: 1, orgId: orgIds.logistics })
    const ra = (await register(app, member, a.id)).body
    const rb = (await register(app, member, b.id)).body
    const ro = (await register(app, other.token, a.id)).body
    expect([ra.status, rb.status, ro.status]).toEqual(['confirmed', 'confirmed', 'confirmed'])

    // A: the organiser checks in from the list, the venue staff check out by the member's code three hours later
    w.clock = T0 + DAY - 10 * MIN
    await app.ok(eventsApi.checkinManual, { token: admin, params: { id: a.id, registrationId: ra.id } })
    await app.ok(eventsApi.checkinManual, { token: admin, params: { id: a.id, registrationId: ro.id } })
    const notYet = await app.call(eventsApi.checkoutManual, { token: admin, params: { id: b.id, registrationId: rb.id } })
    expect([notYet.status, notYet.body.reason]).toEqual([409, 'CHECKOUT_NOT_CHECKED_IN'])
    w.clock += 3 * HOUR
    const code = (await checkinCodeOf(app, member, ra.id)).body.code
    const venue = await app.login('venue')
    const out = await app.ok(eventsApi.checkoutByCode, { token: venue, params: { id: a.id }, body: { code } })
    expect(out).toMatchObject({ registrationId: ra.id, minutes: 180, alreadyCheckedOut: false, name: '李晓梅' })
    // idempotent: the hours stay those of the first check-out
    w.clock += HOUR
    const again = await app.ok(eventsApi.checkoutManual, { token: admin, params: { id: a.id, registrationId: ra.id } })
    expect(again).toMatchObject({ minutes: 180, alreadyCheckedOut: true })
    await app.ok(eventsApi.checkoutManual, { token: admin, params: { id: a.id, registrationId: ro.id } }) // 4 h

    // B: the member scans in by code; 1 h 30 min
    w.clock = T0 + 2 * DAY
    const inCode = (await checkinCodeOf(app, member, rb.id)).body.code
    await app.ok(eventsApi.checkinByCode, { token: admin, params: { id: b.id }, body: { code: inCode } })
    w.clock += 90 * MIN + 59 * 1000
    expect((await app.ok(eventsApi.checkoutManual, { token: admin, params: { id: b.id, registrationId: rb.id } })).minutes).toBe(90)

    // the organiser's list shows who is checked in and the hours recorded
    const regs = await app.ok(eventsApi.manageRegistrations, { token: admin, params: { id: a.id }, query: {} })
    const byId = new Map(regs.items.map((r) => [r.id, r]))
    expect(byId.get(ra.id)).toMatchObject({ status: 'checked_in', minutes: 180, checkedOutAt: expect.any(String) })
    expect(byId.get(ro.id)).toMatchObject({ minutes: 240 })

    const hours = await app.ok(eventsApi.volunteerHours, { token: member, query: {} })
    expect(hours).toMatchObject({ totalMinutes: 270, activities: 2 })
    expect(hours.items.map((x) => [x.title, x.minutes])).toEqual([
      ['社区敬老服务', 90],
      ['交通安全劝导', 180],
    ])
    const paged = await app.ok(eventsApi.volunteerHours, { token: member, query: { limit: 1 } })
    expect(paged.items).toHaveLength(1)
    expect(paged.totalMinutes).toBe(270)
    const next = await app.ok(eventsApi.volunteerHours, { token: member, query: { limit: 1, cursor: paged.nextCursor! } })
    expect(next.items.map((x) => x.title)).toEqual(['交通安全劝导'])
    expect((await app.ok(eventsApi.volunteerHours, { token: other.token, query: {} })).totalMinutes).toBe(240)
    expect((await app.ok(eventsApi.volunteerHours, { token: await app.login('gig'), query: {} })).totalMinutes).toBe(0)
  })

  it('check-out is for volunteer activities only', async () => {
    const { app, admin, member, orgIds } = w
    const sports = await createEvent(app, admin, event(orgIds.district, nextDay()))
    const r = (await register(app, member, sports.id)).body
    w.clock = T0 + DAY
    await app.ok(eventsApi.checkinManual, { token: admin, params: { id: sports.id, registrationId: r.id } })
    const res = await app.call(eventsApi.checkoutManual, { token: admin, params: { id: sports.id, registrationId: r.id } })
    expect([res.status, res.body.reason]).toEqual([409, 'CHECKOUT_NOT_VOLUNTEER'])
  })
})
