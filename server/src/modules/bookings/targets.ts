/** What bookings' access rules are about (server/src/access.ts): a service's union, a slot's, a booking's owner. */
import { eq } from 'drizzle-orm'
import { BookingReasons } from '@contract/bookings/reasons'
import { orgs } from '../../db/schema/core'
import { bookings, bookingServices, bookingSlots } from '../../db/schema/bookings'
import { idParam, resolver } from '../../http/access'

export const service = resolver('booking service', BookingReasons.SERVICE_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(bookingServices)
    .innerJoin(orgs, eq(orgs.id, bookingServices.orgId))
    .where(eq(bookingServices.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path } : null
})

export const slot = resolver('booking slot', BookingReasons.SLOT_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(bookingSlots)
    .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
    .innerJoin(orgs, eq(orgs.id, bookingServices.orgId))
    .where(eq(bookingSlots.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path } : null
})

export const booking = resolver('booking', BookingReasons.BOOKING_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path, userId: bookings.userId })
    .from(bookings)
    .innerJoin(bookingSlots, eq(bookingSlots.id, bookings.slotId))
    .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
    .innerJoin(orgs, eq(orgs.id, bookingServices.orgId))
    .where(eq(bookings.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})
