/** Queries the use cases share: services with their figures, a booking with its slot and service. */
import { and, eq, gt, isNull, sql, type SQL } from 'drizzle-orm'
import { BookingReasons } from '@contract/bookings/reasons'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { bookings, bookingServices, bookingSlots } from '../../db/schema/bookings'
import { refuse } from '../../errors'

/** Services with the union's name, the next upcoming slot's start and how many upcoming slots have places. */
export function servicesWithFigures(db: DbOrTx, now: number, where: SQL | undefined) {
  const at = new Date(now).toISOString()
  return db
    .select({
      s: bookingServices,
      orgName: orgs.name,
      orgPath: orgs.path,
      nextSlotAt: sql<string | null>`(select min(${bookingSlots.startsAt}) from ${bookingSlots} where ${bookingSlots.serviceId} = ${bookingServices.id} and ${bookingSlots.startsAt} > ${at}::timestamptz and ${bookingSlots.cancelledAt} is null)`,
      openSlots: sql<number>`(select count(*) from ${bookingSlots} where ${bookingSlots.serviceId} = ${bookingServices.id} and ${bookingSlots.startsAt} > ${at}::timestamptz and ${bookingSlots.cancelledAt} is null and ${bookingSlots.taken} < ${bookingSlots.capacity})`,
    })
    .from(bookingServices)
    .innerJoin(orgs, eq(orgs.id, bookingServices.orgId))
    .where(where)
}

export async function serviceById(db: DbOrTx, now: number, id: number) {
  const [row] = await servicesWithFigures(db, now, eq(bookingServices.id, id))
  if (!row) throw refuse(BookingReasons.SERVICE_NOT_FOUND)
  return row
}

/** Upcoming slots of a service within `horizonMs`, soonest first; cancelled ones only for the staff (`withCancelled`). */
export function upcomingSlots(db: DbOrTx, serviceId: number, now: number, horizonMs: number, max: number, withCancelled = false) {
  return db
    .select()
    .from(bookingSlots)
    .where(
      and(
        eq(bookingSlots.serviceId, serviceId),
        withCancelled ? undefined : isNull(bookingSlots.cancelledAt),
        gt(bookingSlots.startsAt, new Date(now)),
        sql`${bookingSlots.startsAt} <= ${new Date(now + horizonMs).toISOString()}::timestamptz`,
      ),
    )
    .orderBy(bookingSlots.startsAt, bookingSlots.id)
    .limit(max)
}

/** A booking with its slot, service and the service's union name; `lock` takes the booking row's lock. */
export async function bookingById(tx: DbOrTx, id: number, lock = false) {
  const q = tx
    .select({ b: bookings, slot: bookingSlots, service: bookingServices, orgName: orgs.name })
    .from(bookings)
    .innerJoin(bookingSlots, eq(bookingSlots.id, bookings.slotId))
    .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
    .innerJoin(orgs, eq(orgs.id, bookingServices.orgId))
    .where(eq(bookings.id, id))
  const [row] = lock ? await q.for('update', { of: bookings }) : await q
  if (!row) throw refuse(BookingReasons.BOOKING_NOT_FOUND)
  return row
}
