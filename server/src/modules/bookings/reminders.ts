/**
 * The day-before reminder: every booked member whose slot starts within REMINDER_AHEAD_HOURS gets one in-app
 * message. Marking (`reminded_at IS NULL` → now, RETURNING) and the message are one transaction, so a reminder is
 * sent exactly once — also when two server instances run the job at the same moment (the second finds nothing).
 */
import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm'
import { BOOKING_NOTIFICATION_KINDS, REMINDER_AHEAD_HOURS } from '@contract/bookings/labels'
import { pages } from '@contract/pages'
import type { AppDeps } from '../../http/deps'
import { bookings, bookingServices, bookingSlots } from '../../db/schema/bookings'
import { chinaTime } from '../../time'
import { notify } from '../notifications'

/** At most this many reminders per run (the next run takes the rest). */
const BATCH = 500

export function reminders(deps: AppDeps) {
  return {
    async sendDue(): Promise<number> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const due = tx
          .select({ id: bookings.id })
          .from(bookings)
          .innerJoin(bookingSlots, eq(bookingSlots.id, bookings.slotId))
          .where(
            and(
              eq(bookings.status, 'booked'),
              isNull(bookings.remindedAt),
              gt(bookingSlots.startsAt, new Date(now)),
              lte(bookingSlots.startsAt, new Date(now + REMINDER_AHEAD_HOURS * 3600 * 1000)),
            ),
          )
          .limit(BATCH)
        const marked = await tx
          .update(bookings)
          .set({ remindedAt: new Date(now) })
          .where(and(inArray(bookings.id, due), isNull(bookings.remindedAt)))
          .returning({ id: bookings.id, userId: bookings.userId, slotId: bookings.slotId })
        if (marked.length === 0) return 0
        const slots = await tx
          .select({ id: bookingSlots.id, startsAt: bookingSlots.startsAt, place: bookingSlots.place, title: bookingServices.title })
          .from(bookingSlots)
          .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
          .where(inArray(bookingSlots.id, [...new Set(marked.map((m) => m.slotId))]))
        const bySlot = new Map(slots.map((x) => [x.id, x]))
        await notify(
          tx,
          marked.map((m) => {
            const slot = bySlot.get(m.slotId)!
            return {
              userId: m.userId,
              kind: BOOKING_NOTIFICATION_KINDS.reminder,
              title: `预约提醒：${slot.title}`,
              body: `您预约的「${slot.title}」将于 ${chinaTime(slot.startsAt.getTime())} 在 ${slot.place} 开始，请准时到场；不能前往请提前取消。`,
              link: pages.bookings.mine.url(),
            }
          }),
        )
        return marked.length
      })
    },
  }
}
