/**
 * Staff: admins (`services.manage`) publish services and their slots for a union of their subtree; admins and
 * check-in staff (`events.checkin`, the door duty venue staff already have at events) see a slot's bookings and
 * check members in. Every change is audited in its transaction.
 */
import { and, asc, desc, eq, gt, like, ne, or, sql } from 'drizzle-orm'
import type * as s from '@contract/bookings/schemas'
import { BookingReasons } from '@contract/bookings/reasons'
import { SLOT_HORIZON_DAYS, SLOTS_MAX } from '@contract/bookings/labels'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { bookings, bookingServices, bookingSlots } from '../../db/schema/bookings'
import { decodeCursor, pageOf } from '../../db/paging'
import { audit } from '../../audit'
import { authorize, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse, refuseAt } from '../../errors'
import { chinaTime } from '../../time'
import { memberDirectory } from '../membership'
import { plainSlot, serviceView, slotView } from './views'
import { bookingById, serviceById, servicesWithFigures, upcomingSlots } from './store'
import { cancelSlot } from './slot-cancel'

const DAY = 24 * 3600 * 1000
/** Check-in opens this long before a slot starts. */
const CHECKIN_OPENS_MS = 60 * 60 * 1000
export const DOOR = ['services.manage', 'events.checkin'] as const

async function orgPathOf(db: DbOrTx, orgId: number): Promise<string> {
  const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, orgId))
  if (!row) throw refuseAt('orgId', BookingReasons.SERVICE_ORG_UNKNOWN)
  return row.path
}

export function manageBookings(deps: AppDeps) {
  const { db } = deps

  return {
    /** Services of the unions where the caller manages services or checks in, newest first. */
    async services(user: AuthUser, query: { cursor?: string; limit: number }): Promise<s.ServiceList> {
      const after = decodeCursor(query.cursor, ['number'] as const)
      const scopes = [...new Set(DOOR.flatMap((p) => scopesFor(user, p)))]
      if (scopes.length === 0) return { items: [], nextCursor: null }
      const rows = await servicesWithFigures(
        db,
        deps.now(),
        and(or(...scopes.map((p) => like(orgs.path, `${p}%`))), after ? sql`${bookingServices.id} < ${after[0]}` : undefined),
      )
        .orderBy(desc(bookingServices.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.s.id])
      return { items: page.map((r) => serviceView(r.s, r.orgName, r)), nextCursor }
    },

    async createService(user: AuthUser, input: s.ServiceInput): Promise<s.BookingService> {
      return db.transaction(async (tx) => {
        authorize(user, 'services.manage', await orgPathOf(tx, input.orgId))
        const [row] = await tx
          .insert(bookingServices)
          .values({ ...input, createdBy: user.userId, createdAt: new Date(deps.now()) })
          .returning()
        await audit(tx, { actorUserId: user.userId, action: 'bookings.service.create', subjectType: 'booking_service', subjectId: row.id, detail: { ...input } })
        const r = await serviceById(tx, deps.now(), row.id)
        return serviceView(r.s, r.orgName, r)
      })
    },

    /** The gate placed the service inside the caller's post; `orgId` stays. */
    async updateService(user: AuthUser, id: number, input: s.ServiceInput & { closed: boolean }): Promise<s.BookingService> {
      return db.transaction(async (tx) => {
        const [row] = await tx
          .update(bookingServices)
          .set({ kind: input.kind, title: input.title, description: input.description, closed: input.closed })
          .where(eq(bookingServices.id, id))
          .returning()
        if (!row) throw refuse(BookingReasons.SERVICE_NOT_FOUND)
        await audit(tx, { actorUserId: user.userId, action: 'bookings.service.update', subjectType: 'booking_service', subjectId: id, detail: { ...input } })
        const r = await serviceById(tx, deps.now(), id)
        return serviceView(r.s, r.orgName, r)
      })
    },

    async service(_user: AuthUser, id: number): Promise<s.ServiceDetail> {
      const now = deps.now()
      const row = await serviceById(db, now, id)
      const slots = await upcomingSlots(db, id, now, SLOT_HORIZON_DAYS * DAY, SLOTS_MAX, true)
      return { ...serviceView(row.s, row.orgName, row), slots: slots.map((x) => slotView(x)) }
    },

    async addSlot(user: AuthUser, serviceId: number, input: s.SlotInput): Promise<s.Slot> {
      const startsAt = new Date(input.startsAt)
      const endsAt = new Date(input.endsAt)
      if (endsAt <= startsAt) throw refuseAt('endsAt', BookingReasons.SLOT_TIMES)
      if (startsAt.getTime() <= deps.now()) throw refuseAt('startsAt', BookingReasons.SLOT_IN_PAST)
      return db.transaction(async (tx) => {
        const [row] = await tx
          .insert(bookingSlots)
          .values({ serviceId, startsAt, endsAt, place: input.place, capacity: input.capacity, createdAt: new Date(deps.now()) })
          .returning()
        await audit(tx, { actorUserId: user.userId, action: 'bookings.slot.create', subjectType: 'booking_slot', subjectId: row.id, detail: { serviceId, ...input } })
        return slotView(row)
      })
    },

    /** 取消时段: its bookings cancelled with it, each member told why (slot-cancel.ts). */
    cancelSlot: (user: AuthUser, slotId: number, input: s.CancelSlotInput) => cancelSlot(deps, user, slotId, input),

    /** A slot's bookings (not cancelled), arrival order, with the members' names and numbers. */
    async slotBookings(_user: AuthUser, slotId: number, query: { cursor?: string; limit: number }): Promise<s.SlotBookingList> {
      const after = decodeCursor(query.cursor, ['number'] as const)
      const [head] = await db
        .select({ slot: bookingSlots, service: bookingServices })
        .from(bookingSlots)
        .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
        .where(eq(bookingSlots.id, slotId))
      if (!head) throw refuse(BookingReasons.SLOT_NOT_FOUND)
      const rows = await db
        .select({ b: bookings, name: memberDirectory.name, memberNo: memberDirectory.memberNo })
        .from(bookings)
        .leftJoin(memberDirectory, eq(memberDirectory.userId, bookings.userId))
        .where(and(eq(bookings.slotId, slotId), ne(bookings.status, 'cancelled'), after ? gt(bookings.id, after[0]) : undefined))
        .orderBy(asc(bookings.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.b.id])
      return {
        slot: plainSlot(head.slot),
        service: { id: head.service.id, kind: head.service.kind, title: head.service.title },
        items: page.map((r) => ({
          id: r.b.id,
          status: r.b.status,
          name: r.name ?? '',
          memberNo: r.memberNo ?? '',
          createdAt: r.b.createdAt.toISOString(),
          checkedInAt: r.b.checkedInAt ? r.b.checkedInAt.toISOString() : null,
        })),
        nextCursor,
      }
    },

    /** Check in at the door: from an hour before the slot until its end; idempotent. */
    async checkin(user: AuthUser, id: number): Promise<s.CheckinResult> {
      const now = deps.now()
      return db.transaction(async (tx) => {
        const row = await bookingById(tx, id, true)
        const already = row.b.status === 'checked_in'
        let b = row.b
        if (!already) {
          if (row.b.status !== 'booked') throw refuse(BookingReasons.BOOKING_NOT_ACTIVE, { status: row.b.status })
          const opens = row.slot.startsAt.getTime() - CHECKIN_OPENS_MS
          if (now < opens) throw refuse(BookingReasons.CHECKIN_NOT_OPEN, { opensAt: chinaTime(opens) })
          if (now >= row.slot.endsAt.getTime()) throw refuse(BookingReasons.CHECKIN_CLOSED)
          ;[b] = await tx
            .update(bookings)
            .set({ status: 'checked_in', checkedInAt: new Date(now), checkedInBy: user.userId })
            .where(eq(bookings.id, id))
            .returning()
          await audit(tx, { actorUserId: user.userId, action: 'bookings.checkin', subjectType: 'booking', subjectId: id, detail: { slotId: row.slot.id } })
        }
        const [m] = await tx
          .select({ name: memberDirectory.name, memberNo: memberDirectory.memberNo })
          .from(memberDirectory)
          .where(eq(memberDirectory.userId, b.userId))
        return {
          id: b.id,
          status: b.status,
          name: m?.name ?? '',
          memberNo: m?.memberNo ?? '',
          createdAt: b.createdAt.toISOString(),
          checkedInAt: b.checkedInAt ? b.checkedInAt.toISOString() : null,
          alreadyCheckedIn: already,
        }
      })
    },
  }
}
