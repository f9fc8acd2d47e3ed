/**
 * 取消时段 (the union's admins, `services.manage` over the service — the gate placed it): before the slot starts, the
 * slot is cancelled with its reason, every booking of it still 已预约 is cancelled (and its place given back), and
 * each booked member gets a message saying which slot and why — all in one transaction with the audit row, so a
 * member is told exactly when their booking is gone. A booking made at the same moment queues on the slot row and
 * then finds the slot cancelled.
 */
import { and, eq, sql } from 'drizzle-orm'
import type * as s from '@contract/bookings/schemas'
import { BookingReasons } from '@contract/bookings/reasons'
import { BOOKING_NOTIFICATION_KINDS } from '@contract/bookings/labels'
import { pages } from '@contract/pages'
import type { AppDeps } from '../../http/deps'
import { bookings, bookingServices, bookingSlots } from '../../db/schema/bookings'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { chinaTime } from '../../time'
import { notify } from '../notifications'
import { plainSlot } from './views'

export async function cancelSlot(deps: AppDeps, user: AuthUser, slotId: number, input: s.CancelSlotInput): Promise<s.CancelledSlot> {
  const now = deps.now()
  return deps.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ slot: bookingSlots, title: bookingServices.title })
      .from(bookingSlots)
      .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
      .where(eq(bookingSlots.id, slotId))
      .for('update', { of: bookingSlots })
    if (!row) throw refuse(BookingReasons.SLOT_NOT_FOUND)
    if (row.slot.cancelledAt) throw refuse(BookingReasons.SLOT_CANCELLED)
    if (row.slot.startsAt.getTime() <= now) throw refuse(BookingReasons.SLOT_STARTED)
    const gone = await tx
      .update(bookings)
      .set({ status: 'cancelled', cancelledAt: new Date(now) })
      .where(and(eq(bookings.slotId, slotId), eq(bookings.status, 'booked')))
      .returning({ id: bookings.id, userId: bookings.userId })
    const [slot] = await tx
      .update(bookingSlots)
      .set({ cancelledAt: new Date(now), cancelledBy: user.userId, cancelReason: input.reason, taken: sql`${bookingSlots.taken} - ${gone.length}::integer` })
      .where(eq(bookingSlots.id, slotId))
      .returning()
    const when = `${chinaTime(row.slot.startsAt.getTime())} 在 ${row.slot.place}`
    await notify(
      tx,
      gone.map((b) => ({
        userId: b.userId,
        kind: BOOKING_NOTIFICATION_KINDS.slotCancelled,
        title: `预约时段已取消：${row.title}`,
        body: `您预约的「${row.title}」（${when}）已被工会取消，您的预约随之取消。原因：${input.reason}。可在在线预约中另选时段。`,
        link: pages.bookings.mine.url(),
      })),
    )
    await audit(tx, {
      actorUserId: user.userId,
      action: 'bookings.slot.cancel',
      subjectType: 'booking_slot',
      subjectId: slotId,
      detail: { reason: input.reason, bookings: gone.map((b) => b.id) },
    })
    return { ...plainSlot(slot), cancelledBookings: gone.length }
  })
}
