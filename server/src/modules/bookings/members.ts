/**
 * Members: the services of their union and the unions above it, a service's slots, booking and cancelling, their
 * own bookings. A place is taken by one conditional UPDATE of the slot row (`taken < capacity`) in the booking's
 * transaction — concurrent bookings queue on that row, and the CHECK on `taken` backs it up; the partial UNIQUE
 * index (slot, member) keeps one active booking per member per slot, also between two taps of the same member.
 */
import { and, asc, desc, eq, gt, inArray, lte, ne, or, sql } from 'drizzle-orm'
import type * as s from '@contract/bookings/schemas'
import { BookingReasons } from '@contract/bookings/reasons'
import { SLOT_HORIZON_DAYS, SLOTS_MAX } from '@contract/bookings/labels'
import type { AppDeps } from '../../http/deps'
import { orgs } from '../../db/schema/core'
import { bookings, bookingServices, bookingSlots } from '../../db/schema/bookings'
import { isUniqueViolation } from '../../db/unique'
import { BAD_CURSOR, decodeCursor, isIsoInstant, pageOf } from '../../db/paging'
import type { AuthUser } from '../../auth/sessions'
import { Errors, refuse } from '../../errors'
import { memberOf } from '../membership'
import { bookingView, serviceView, slotView } from './views'
import { bookingById, serviceById, servicesWithFigures, upcomingSlots } from './store'

const DAY = 24 * 3600 * 1000

export function memberBookings(deps: AppDeps) {
  const { db } = deps

  return {
    /** Open services of the member's union and the unions above it, newest first. */
    async services(user: AuthUser, query: { cursor?: string; limit: number; kind?: s.BookingService['kind'] }): Promise<s.ServiceList> {
      const after = decodeCursor(query.cursor, ['number'] as const)
      const m = await memberOf(db, user.userId)
      if (!m) return { items: [], nextCursor: null }
      const rows = await servicesWithFigures(
        db,
        deps.now(),
        and(
          eq(bookingServices.closed, false),
          sql`${m.orgPath} like ${orgs.path} || '%'`,
          query.kind ? eq(bookingServices.kind, query.kind) : undefined,
          after ? sql`${bookingServices.id} < ${after[0]}` : undefined,
        ),
      )
        .orderBy(desc(bookingServices.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.s.id])
      return { items: page.map((r) => serviceView(r.s, r.orgName, r)), nextCursor }
    },

    /** The service with its upcoming slots and the caller's active booking of each. */
    async service(user: AuthUser, id: number): Promise<s.ServiceDetail> {
      const now = deps.now()
      const row = await serviceById(db, now, id)
      const slots = await upcomingSlots(db, id, now, SLOT_HORIZON_DAYS * DAY, SLOTS_MAX)
      const mine =
        slots.length === 0
          ? []
          : await db
              .select({ id: bookings.id, slotId: bookings.slotId })
              .from(bookings)
              .where(and(eq(bookings.userId, user.userId), ne(bookings.status, 'cancelled'), inArray(bookings.slotId, slots.map((x) => x.id))))
      const bySlot = new Map(mine.map((b) => [b.slotId, b.id]))
      return { ...serviceView(row.s, row.orgName, row), slots: slots.map((x) => slotView(x, bySlot.get(x.id) ?? null)) }
    },

    async book(user: AuthUser, slotId: number): Promise<s.Booking> {
      const now = deps.now()
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .select({ slot: bookingSlots, service: bookingServices, orgName: orgs.name })
            .from(bookingSlots)
            .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
            .innerJoin(orgs, eq(orgs.id, bookingServices.orgId))
            .where(eq(bookingSlots.id, slotId))
          if (!row) throw refuse(BookingReasons.SLOT_NOT_FOUND)
          if (row.slot.cancelledAt) throw refuse(BookingReasons.SLOT_CANCELLED)
          if (row.service.closed) throw refuse(BookingReasons.SERVICE_CLOSED)
          if (row.slot.startsAt.getTime() <= now) throw refuse(BookingReasons.SLOT_STARTED)
          const [existing] = await tx
            .select({ id: bookings.id })
            .from(bookings)
            .where(and(eq(bookings.slotId, slotId), eq(bookings.userId, user.userId), ne(bookings.status, 'cancelled')))
          if (existing) throw refuse(BookingReasons.ALREADY_BOOKED)
          // The place: one conditional UPDATE, serialised on the slot row.
          const [slot] = await tx
            .update(bookingSlots)
            .set({ taken: sql`${bookingSlots.taken} + 1` })
            .where(and(eq(bookingSlots.id, slotId), sql`${bookingSlots.taken} < ${bookingSlots.capacity}`))
            .returning()
          if (!slot) throw refuse(BookingReasons.SLOT_FULL)
          const [b] = await tx
            .insert(bookings)
            .values({ slotId, userId: user.userId, status: 'booked', createdAt: new Date(now) })
            .returning()
          return bookingView(b, slot, row.service, row.orgName)
        })
      } catch (err) {
        if (isUniqueViolation(err, 'bookings_one_per_member')) throw refuse(BookingReasons.ALREADY_BOOKED)
        throw err
      }
    },

    async booking(user: AuthUser, id: number): Promise<s.Booking> {
      const row = await bookingById(db, id)
      if (row.b.userId !== user.userId) throw refuse(BookingReasons.BOOKING_NOT_FOUND)
      return bookingView(row.b, row.slot, row.service, row.orgName)
    },

    /** Cancel until the slot starts; the place goes back in the same transaction. */
    async cancel(user: AuthUser, id: number): Promise<s.Booking> {
      const now = deps.now()
      return db.transaction(async (tx) => {
        const row = await bookingById(tx, id, true)
        if (row.b.userId !== user.userId) throw refuse(BookingReasons.BOOKING_NOT_FOUND)
        if (row.b.status !== 'booked') throw refuse(BookingReasons.BOOKING_NOT_ACTIVE, { status: row.b.status })
        if (row.slot.startsAt.getTime() <= now) throw refuse(BookingReasons.SLOT_STARTED)
        const [b] = await tx
          .update(bookings)
          .set({ status: 'cancelled', cancelledAt: new Date(now) })
          .where(eq(bookings.id, id))
          .returning()
        const [slot] = await tx
          .update(bookingSlots)
          .set({ taken: sql`${bookingSlots.taken} - 1` })
          .where(eq(bookingSlots.id, row.slot.id))
          .returning()
        return bookingView(b, slot, row.service, row.orgName)
      })
    },

    /** upcoming: booked and not started, soonest first; past: everything else, newest first. */
    async mine(user: AuthUser, query: { cursor?: string; limit: number; scope: 'upcoming' | 'past' }): Promise<s.BookingList> {
      const after = decodeCursor(query.cursor, ['string', 'number'] as const)
      if (after && !isIsoInstant(after[0])) throw Errors.validation({ cursor: BAD_CURSOR })
      const now = new Date(deps.now())
      const upcoming = query.scope === 'upcoming'
      const scope = upcoming
        ? and(eq(bookings.status, 'booked'), gt(bookingSlots.startsAt, now))
        : or(ne(bookings.status, 'booked'), lte(bookingSlots.startsAt, now))
      const keyset = after
        ? upcoming
          ? sql`(${bookingSlots.startsAt}, ${bookings.id}) > (${after[0]}::timestamptz, ${after[1]}::integer)`
          : sql`(${bookingSlots.startsAt}, ${bookings.id}) < (${after[0]}::timestamptz, ${after[1]}::integer)`
        : undefined
      const rows = await db
        .select({ b: bookings, slot: bookingSlots, service: bookingServices, orgName: orgs.name })
        .from(bookings)
        .innerJoin(bookingSlots, eq(bookingSlots.id, bookings.slotId))
        .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
        .innerJoin(orgs, eq(orgs.id, bookingServices.orgId))
        .where(and(eq(bookings.userId, user.userId), scope, keyset))
        .orderBy(...(upcoming ? [asc(bookingSlots.startsAt), asc(bookings.id)] : [desc(bookingSlots.startsAt), desc(bookings.id)]))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.slot.startsAt.toISOString(), r.b.id])
      return { items: page.map((r) => bookingView(r.b, r.slot, r.service, r.orgName)), nextCursor }
    },
  }
}
