/** Rows → the contract's shapes. */
import type * as s from '@contract/bookings/schemas'
import type { BookingRow, BookingServiceRow, BookingSlotRow } from '../../db/schema/bookings'

export const slotView = (r: BookingSlotRow, myBookingId: number | null = null): s.Slot => ({
  id: r.id,
  serviceId: r.serviceId,
  startsAt: r.startsAt.toISOString(),
  endsAt: r.endsAt.toISOString(),
  place: r.place,
  capacity: r.capacity,
  taken: r.taken,
  myBookingId,
  cancelled: r.cancelledAt !== null,
  cancelReason: r.cancelReason,
})

export const plainSlot = (r: BookingSlotRow): Omit<s.Slot, 'myBookingId'> => {
  const { myBookingId: _mine, ...rest } = slotView(r)
  return rest
}

export interface ServiceFigures {
  nextSlotAt: Date | string | null
  openSlots: number | string | null
}

export const serviceView = (r: BookingServiceRow, orgName: string, f: ServiceFigures): s.BookingService => ({
  id: r.id,
  orgId: r.orgId,
  orgName,
  kind: r.kind,
  title: r.title,
  description: r.description,
  closed: r.closed,
  nextSlotAt: f.nextSlotAt ? new Date(f.nextSlotAt).toISOString() : null,
  openSlots: Number(f.openSlots ?? 0),
})

export const bookingView = (b: BookingRow, slot: BookingSlotRow, service: BookingServiceRow, orgName: string): s.Booking => ({
  id: b.id,
  status: b.status,
  slot: plainSlot(slot),
  service: { id: service.id, kind: service.kind, title: service.title, orgName },
  createdAt: b.createdAt.toISOString(),
  cancelUntil: slot.startsAt.toISOString(),
  checkedInAt: b.checkedInAt ? b.checkedInAt.toISOString() : null,
})
