/**
 * 在线预约: publishing services and slots, booking and cancelling (capacity under a crowd, one booking per member
 * per slot), check-in at the door, the day-before reminder (once), and the attacker checks — on PGlite and, with
 * DATABASE_URL, on PostgreSQL.
 */
import { and, eq } from 'drizzle-orm'
import { bookingsApi } from '@contract/bookings/api'
import { notificationsApi } from '@contract/notifications/api'
import { BOOKING_NOTIFICATION_KINDS } from '@contract/bookings/labels'
import type { SlotInput } from '@contract/bookings/schemas'
import { databases, type TestApp } from './harness'
import { demoOrgs, DAY, HOUR, iso, MIN, T0, useEventsWorld } from './builders/events'
import { createMembers } from './builders/vouchers'
import { newUser } from './builders/membership'
import { bookings, bookingSlots, notifications } from '../src/db/schema'

const slot = (startsAt: number, over: Partial<SlotInput> = {}): SlotInput => ({
  startsAt: iso(startsAt),
  endsAt: iso(startsAt + 2 * HOUR),
  place: '云溪科技园区东门停车场',
  capacity: 10,
  ...over,
})

async function publish(app: TestApp, admin: string, orgId: number, slots: SlotInput[]) {
  const service = await app.ok(bookingsApi.createService, { token: admin, body: { orgId, kind: 'health_bus', title: '流动体检车进园区', description: '' } })
  const made = []
  for (const s of slots) made.push(await app.ok(bookingsApi.addSlot, { token: admin, params: { id: service.id }, body: s }))
  return { service, slots: made }
}

describe.each(databases())('在线预约 on %s', (target) => {
  const w = useEventsWorld(target)

  it('a member sees the union’s services, books a slot, sees it in 我的预约 and cancels it: the place is free again', async () => {
    const { app, admin, member, orgIds } = w
    const { service, slots } = await publish(app, admin, orgIds.district, [slot(T0 + 2 * DAY), slot(T0 + 3 * DAY, { capacity: 1 })])
    const list = await app.ok(bookingsApi.services, { token: member, query: {} })
    expect(list.items.map((s) => s.id)).toContain(service.id)
    expect(list.items.find((s) => s.id === service.id)!.openSlots).toBe(2)

    const booked = await app.ok(bookingsApi.book, { token: member, params: { id: slots[1].id } })
    expect(booked).toMatchObject({ status: 'booked', slot: { id: slots[1].id, taken: 1, capacity: 1 }, service: { kind: 'health_bus' } })
    const again = await app.call(bookingsApi.book, { token: member, params: { id: slots[1].id } })
    expect([again.status, again.body.reason]).toEqual([409, 'ALREADY_BOOKED'])
    const other = await newUser(w.h, app, '另一位会员', { role: 'member', orgName: '星河物流有限公司工会' })
    const full = await app.call(bookingsApi.book, { token: other.token, params: { id: slots[1].id } })
    expect([full.status, full.body.reason]).toEqual([409, 'SLOT_FULL'])

    const detail = await app.ok(bookingsApi.service, { token: member, params: { id: service.id } })
    expect(detail.slots.find((s) => s.id === slots[1].id)).toMatchObject({ taken: 1, myBookingId: booked.id })
    const mine = await app.ok(bookingsApi.mine, { token: member, query: { scope: 'upcoming' } })
    expect(mine.items.map((b) => b.id)).toContain(booked.id)

    const cancelled = await app.ok(bookingsApi.cancel, { token: member, params: { id: booked.id } })
    expect(cancelled).toMatchObject({ status: 'cancelled', slot: { taken: 0 } })
    const twice = await app.call(bookingsApi.cancel, { token: member, params: { id: booked.id } })
    expect([twice.status, twice.body.reason]).toEqual([409, 'BOOKING_NOT_ACTIVE'])
    // the place is free again: the other member gets it, and the first may book again once it is free
    expect((await app.call(bookingsApi.book, { token: other.token, params: { id: slots[1].id } })).status).toBe(200)
    const past = await app.ok(bookingsApi.mine, { token: member, query: { scope: 'past' } })
    expect(past.items.find((b) => b.id === booked.id)?.status).toBe('cancelled')

    // no cancelling once the slot has started
    const rebook = await app.ok(bookingsApi.book, { token: member, params: { id: slots[0].id } })
    w.clock = T0 + 2 * DAY + MIN
    const late = await app.call(bookingsApi.cancel, { token: member, params: { id: rebook.id } })
    expect([late.status, late.body.reason]).toEqual([409, 'SLOT_STARTED'])
    const lateBook = await app.call(bookingsApi.book, { token: other.token, params: { id: slots[0].id } })
    expect([lateBook.status, lateBook.body.reason]).toEqual([409, 'SLOT_STARTED'])
  })

  it('50 concurrent bookings on a slot of 10 → exactly 10 booked, 40 told it is full, never more', async () => {
    const { app, admin, orgIds } = w
    const { slots } = await publish(app, admin, orgIds.district, [slot(T0 + 2 * DAY, { capacity: 10 })])
    const crowd = await createMembers(w.h.database.db, app.app.deps.sessions, { count: 50, orgId: orgIds.logistics })
    const results = await Promise.all(crowd.map((m) => app.call(bookingsApi.book, { token: m.token, params: { id: slots[0].id } })))
    const byStatus = results.reduce<Record<string, number>>((acc, r) => ((acc[`${r.status} ${r.body.reason ?? ''}`.trim()] = (acc[`${r.status} ${r.body.reason ?? ''}`.trim()] ?? 0) + 1), acc), {})
    expect(byStatus).toEqual({ 200: 10, '409 SLOT_FULL': 40 })
    const [row] = await w.h.database.db.select().from(bookingSlots).where(eq(bookingSlots.id, slots[0].id))
    expect(row.taken).toBe(10)
    const active = await w.h.database.db.select().from(bookings).where(and(eq(bookings.slotId, slots[0].id), eq(bookings.status, 'booked')))
    expect(active).toHaveLength(10)
    // the same member tapping five times at once holds one booking
    const { slots: [other] } = await publish(app, admin, orgIds.district, [slot(T0 + 4 * DAY)])
    const taps = await Promise.all(Array.from({ length: 5 }, () => app.call(bookingsApi.book, { token: crowd[0].token, params: { id: other.id } })))
    expect(taps.map((r) => r.status).sort()).toEqual([200, 409, 409, 409, 409])
    expect(taps.filter((r) => r.status === 409).every((r) => r.body.reason === 'ALREADY_BOOKED')).toBe(true)
    const [o] = await w.h.database.db.select().from(bookingSlots).where(eq(bookingSlots.id, other.id))
    expect(o.taken).toBe(1)
  })

  it('the day-before reminder lands in 消息 once, however often the job runs', async () => {
    const { app, admin, orgIds } = w
    const [fresh] = await createMembers(w.h.database.db, app.app.deps.sessions, { count: 1, orgId: orgIds.logistics })
    const member = fresh.token
    const { slots } = await publish(app, admin, orgIds.district, [slot(T0 + 2 * DAY), slot(T0 + 5 * DAY)])
    const soon = await app.ok(bookingsApi.book, { token: member, params: { id: slots[0].id } })
    await app.ok(bookingsApi.book, { token: member, params: { id: slots[1].id } })
    const reminders = app.app.services.bookings.reminders
    const mine = () =>
      w.h.database.db.select().from(notifications).where(eq(notifications.kind, BOOKING_NOTIFICATION_KINDS.reminder))
    const before = (await mine()).length
    expect(await reminders.sendDue()).toBe(0) // two days ahead: not yet
    w.clock = T0 + DAY + HOUR // 23 hours before the first slot
    const runs = await Promise.all([reminders.sendDue(), reminders.sendDue(), reminders.sendDue()])
    expect(runs.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(1)
    expect(await reminders.sendDue()).toBe(0)
    const sent = (await mine()).slice(before)
    expect(sent).toHaveLength(runs.reduce((a, b) => a + b, 0))
    const toMember = await app.ok(notificationsApi.list, { token: member, query: {} })
    const reminder = toMember.items.filter((n) => n.kind === BOOKING_NOTIFICATION_KINDS.reminder)
    expect(reminder).toHaveLength(1)
    expect(reminder[0].body).toContain('云溪科技园区东门停车场')
    expect(reminder[0].link).toBe('/packages/bookings/mine/index')
    // a cancelled booking is not reminded
    w.clock = T0 + 4 * DAY + 2 * HOUR
    await app.ok(bookingsApi.cancel, { token: member, params: { id: (await app.ok(bookingsApi.mine, { token: member, query: {} })).items.find((b) => b.id !== soon.id)!.id } })
    expect(await reminders.sendDue()).toBe(0)
  })

  it('staff at the door check bookings in (admin or the district’s venue staff), from an hour before the slot', async () => {
    const { app, admin, member, orgIds } = w
    const { slots } = await publish(app, admin, orgIds.district, [slot(T0 + 2 * DAY)])
    const b = await app.ok(bookingsApi.book, { token: member, params: { id: slots[0].id } })
    const early = await app.call(bookingsApi.checkin, { token: admin, params: { id: b.id } })
    expect([early.status, early.body.reason]).toEqual([409, 'CHECKIN_NOT_OPEN'])
    w.clock = T0 + 2 * DAY - 30 * MIN
    const venue = await app.login('venue')
    const roster = await app.ok(bookingsApi.slotBookings, { token: venue, params: { id: slots[0].id }, query: {} })
    expect(roster.items).toEqual([expect.objectContaining({ id: b.id, name: '李晓梅', status: 'booked' })])
    const done = await app.ok(bookingsApi.checkin, { token: venue, params: { id: b.id } })
    expect(done).toMatchObject({ status: 'checked_in', alreadyCheckedIn: false, name: '李晓梅' })
    expect((await app.ok(bookingsApi.checkin, { token: admin, params: { id: b.id } })).alreadyCheckedIn).toBe(true)
    const cancel = await app.call(bookingsApi.cancel, { token: member, params: { id: b.id } })
    expect(cancel.status).toBe(409)
  })

  it('an admin edits a service and 停止预约: no new bookings, the booked ones stay valid (cancel, check-in); 恢复预约 reopens it', async () => {
    const { app, admin, member, orgIds } = w
    const { service, slots } = await publish(app, admin, orgIds.district, [slot(T0 + 2 * DAY), slot(T0 + 3 * DAY)])
    const held = await app.ok(bookingsApi.book, { token: member, params: { id: slots[0].id } })
    const edit = (over: Partial<{ kind: 'health_bus' | 'counselling'; title: string; description: string; closed: boolean }>) =>
      app.call(bookingsApi.updateService, {
        token: admin,
        params: { id: service.id },
        body: { orgId: service.orgId, kind: 'health_bus', title: '流动体检车进园区', description: '', closed: false, ...over },
      })
    const renamed = await edit({ title: '流动体检车·园区站', description: '请空腹前来' })
    expect(renamed.body).toMatchObject({ title: '流动体检车·园区站', description: '请空腹前来', closed: false })
    expect((await edit({ title: '' })).body).toMatchObject({ fields: { title: '请填写服务名称' } })
    const second = await app.ok(bookingsApi.book, { token: member, params: { id: slots[1].id } })

    const closed = await edit({ title: '流动体检车·园区站', closed: true })
    expect(closed.body).toMatchObject({ closed: true, title: '流动体检车·园区站' })
    // members: gone from the list, no new booking; the staff still see it (closed), with its slots
    expect((await app.ok(bookingsApi.services, { token: member, query: {} })).items.map((s) => s.id)).not.toContain(service.id)
    const other = await newUser(w.h, app, '晚来的会员', { role: 'member', orgName: '星河物流有限公司工会' })
    const refused = await app.call(bookingsApi.book, { token: other.token, params: { id: slots[1].id } })
    expect([refused.status, refused.body.reason, refused.body.message]).toEqual([409, 'SERVICE_CLOSED', '该服务已停止预约'])
    const staffView = await app.ok(bookingsApi.manageService, { token: admin, params: { id: service.id } })
    expect(staffView).toMatchObject({ closed: true, slots: [{ id: slots[0].id, taken: 1 }, { id: slots[1].id, taken: 1 }] })
    // the bookings made before are still the member's: listed, cancellable, checked in at the door
    expect((await app.ok(bookingsApi.mine, { token: member, query: { scope: 'upcoming' } })).items.map((b) => b.id)).toEqual(expect.arrayContaining([held.id, second.id]))
    expect((await app.ok(bookingsApi.cancel, { token: member, params: { id: second.id } })).status).toBe('cancelled')
    expect(await app.ok(bookingsApi.booking, { token: member, params: { id: held.id } })).toMatchObject({ status: 'booked', service: { title: '流动体检车·园区站' } })
    w.clock = T0 + 2 * DAY - 10 * MIN
    expect((await app.ok(bookingsApi.checkin, { token: admin, params: { id: held.id } })).status).toBe('checked_in')

    // reopened: members book again
    await edit({ title: '流动体检车·园区站', closed: false })
    expect((await app.call(bookingsApi.book, { token: other.token, params: { id: slots[1].id } })).status).toBe(200)
    expect((await app.ok(bookingsApi.services, { token: member, query: {} })).items.map((s) => s.id)).toContain(service.id)
  })

  it('取消时段: its bookings are cancelled with it, each booked member told why in 消息; members no longer see it, staff do', async () => {
    const { app, admin, member, orgIds } = w
    const { service, slots } = await publish(app, admin, orgIds.district, [slot(T0 + 2 * DAY), slot(T0 + 3 * DAY)])
    const [second, third] = await createMembers(w.h.database.db, app.app.deps.sessions, { count: 2, orgId: orgIds.logistics })
    const mine = await app.ok(bookingsApi.book, { token: member, params: { id: slots[0].id } })
    const theirs = await app.ok(bookingsApi.book, { token: second.token, params: { id: slots[0].id } })
    const changedMind = await app.ok(bookingsApi.book, { token: third.token, params: { id: slots[0].id } })
    await app.ok(bookingsApi.cancel, { token: third.token, params: { id: changedMind.id } })
    await app.ok(bookingsApi.book, { token: second.token, params: { id: slots[1].id } })

    const noReason = await app.call(bookingsApi.cancelSlot, { token: admin, params: { id: slots[0].id }, body: { reason: ' ' } })
    expect([noReason.status, noReason.body.fields?.reason]).toEqual([400, '请写明取消原因'])
    const door = await app.call(bookingsApi.cancelSlot, { token: await app.login('venue'), params: { id: slots[0].id }, body: { reason: '体检车故障' } })
    expect(door.status).toBe(403) // check-in staff check in; they do not cancel
    const done = await app.ok(bookingsApi.cancelSlot, { token: admin, params: { id: slots[0].id }, body: { reason: '体检车故障，改期另行通知' } })
    expect(done).toMatchObject({ id: slots[0].id, cancelled: true, cancelReason: '体检车故障，改期另行通知', taken: 0, cancelledBookings: 2 })
    const again = await app.call(bookingsApi.cancelSlot, { token: admin, params: { id: slots[0].id }, body: { reason: '再取消一次' } })
    expect([again.status, again.body.reason]).toEqual([409, 'SLOT_CANCELLED'])

    // each member who held a place: the booking is cancelled, and a message says which slot and why
    for (const [token, id] of [[member, mine.id], [second.token, theirs.id]] as const) {
      expect(await app.ok(bookingsApi.booking, { token, params: { id } })).toMatchObject({ status: 'cancelled', slot: { cancelled: true, cancelReason: '体检车故障，改期另行通知' } })
      const told = (await app.ok(notificationsApi.list, { token, query: {} })).items.filter((n) => n.kind === BOOKING_NOTIFICATION_KINDS.slotCancelled)
      expect(told).toHaveLength(1)
      expect(told[0]).toMatchObject({ title: '预约时段已取消：流动体检车进园区', link: '/packages/bookings/mine/index' })
      expect(told[0].body).toContain('云溪科技园区东门停车场')
      expect(told[0].body).toContain('原因：体检车故障，改期另行通知')
    }
    // whoever had cancelled already is not told; the other slot's booking stays
    expect((await app.ok(notificationsApi.list, { token: third.token, query: {} })).items.filter((n) => n.kind === BOOKING_NOTIFICATION_KINDS.slotCancelled)).toEqual([])
    expect((await app.ok(bookingsApi.mine, { token: second.token, query: { scope: 'upcoming' } })).items.map((b) => b.slot.id)).toEqual([slots[1].id])

    // members no longer see or book it; staff still see it, marked
    expect((await app.ok(bookingsApi.service, { token: third.token, params: { id: service.id } })).slots.map((x) => x.id)).toEqual([slots[1].id])
    const book = await app.call(bookingsApi.book, { token: third.token, params: { id: slots[0].id } })
    expect([book.status, book.body.reason]).toEqual([409, 'SLOT_CANCELLED'])
    expect((await app.ok(bookingsApi.manageService, { token: admin, params: { id: service.id } })).slots.map((x) => [x.id, x.cancelled])).toEqual([[slots[0].id, true], [slots[1].id, false]])
    expect((await app.ok(bookingsApi.services, { token: third.token, query: {} })).items.find((x) => x.id === service.id)?.openSlots).toBe(1)
    // no reminder for it the day before (the second member's other booking is two days off)
    w.clock = T0 + DAY + HOUR
    await app.app.services.bookings.reminders.sendDue()
    expect((await app.ok(notificationsApi.list, { token: second.token, query: {} })).items.filter((n) => n.kind === BOOKING_NOTIFICATION_KINDS.reminder)).toEqual([])
    // a started slot cannot be cancelled any more
    w.clock = T0 + 3 * DAY + MIN
    const late = await app.call(bookingsApi.cancelSlot, { token: admin, params: { id: slots[1].id }, body: { reason: '太晚了' } })
    expect([late.status, late.body.reason]).toEqual([409, 'SLOT_STARTED'])
  })

  it('attackers: another branch’s member cannot book, a sibling union’s admin cannot edit the service or check in', async () => {
    const { app, admin, member } = w
    const orgIds = await demoOrgs(w.h.database.db)
    // a service of 星河物流 (under 青禾街道): 李晓梅's union; 王小骑's gig union is in the park branch
    const { service, slots } = await publish(app, admin, orgIds.logistics, [slot(T0 + 2 * DAY)])
    const gigMember = await newUser(w.h, app, '另一分支会员', { role: 'member', orgName: '云溪区新就业形态劳动者联合工会' })
    const refused = await app.call(bookingsApi.book, { token: gigMember.token, params: { id: slots[0].id } })
    expect([refused.status, refused.body.reason]).toEqual([404, 'SLOT_NOT_FOUND'])
    const list = await app.ok(bookingsApi.services, { token: gigMember.token, query: {} })
    expect(list.items.map((s) => s.id)).not.toContain(service.id)
    const sibling = await newUser(w.h, app, '兄弟工会管理员', { role: 'admin', orgName: '云溪区快递行业联合工会' })
    const edit = await app.call(bookingsApi.updateService, {
      token: sibling.token,
      params: { id: service.id },
      body: { orgId: orgIds.logistics, kind: 'health_bus', title: '改名', description: '', closed: true },
    })
    expect([edit.status, edit.body.reason]).toEqual([404, 'SERVICE_NOT_FOUND'])
    // nor may the door staff (check-in only) or a legal-aid officer over the union edit or close it
    for (const token of [await app.login('venue'), await app.login('legal')]) {
      const r = await app.call(bookingsApi.updateService, {
        token,
        params: { id: service.id },
        body: { orgId: orgIds.logistics, kind: 'health_bus', title: '流动体检车进园区', description: '', closed: true },
      })
      expect(r.status).toBe(403)
    }
    expect((await app.ok(bookingsApi.manageService, { token: admin, params: { id: service.id } })).closed).toBe(false)
    const addSlot = await app.call(bookingsApi.addSlot, { token: sibling.token, params: { id: service.id }, body: slot(T0 + 3 * DAY) })
    expect(addSlot.status).toBe(404)
    const cancelSlot = await app.call(bookingsApi.cancelSlot, { token: sibling.token, params: { id: slots[0].id }, body: { reason: '越权取消' } })
    expect([cancelSlot.status, cancelSlot.body.reason]).toEqual([404, 'SLOT_NOT_FOUND'])
    const b = await app.ok(bookingsApi.book, { token: member, params: { id: slots[0].id } })
    w.clock = T0 + 2 * DAY - 10 * MIN
    const checkin = await app.call(bookingsApi.checkin, { token: sibling.token, params: { id: b.id } })
    expect(checkin.status).toBe(404)
    const create = await app.call(bookingsApi.createService, { token: sibling.token, body: { orgId: orgIds.logistics, kind: 'counselling', title: '越权发布', description: '' } })
    expect(create.status).toBe(403)
    const notMember = await app.call(bookingsApi.book, { token: await app.login('gig'), params: { id: slots[0].id } })
    expect(notMember.status).toBe(403)
  })
})
