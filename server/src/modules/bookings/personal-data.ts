/**
 * 在线预约's part of 注销账号 / 下载我的数据 (issue 19; server/src/personal-data.ts). Erase: bookings of slots not yet
 * started are cancelled and their places given back; past bookings stay as the service's counts, tied only to the
 * anonymised account (a booking holds no other personal data).
 */
import { and, eq, gt, sql } from 'drizzle-orm'
import { bookingServices, bookingSlots, bookings } from '../../db/schema/bookings'
import { iso, type PersonalData } from '../../personal-data'

export const bookingPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const future = await tx
      .select({ id: bookings.id, slotId: bookings.slotId })
      .from(bookings)
      .innerJoin(bookingSlots, eq(bookingSlots.id, bookings.slotId))
      .where(and(eq(bookings.userId, ctx.userId), eq(bookings.status, 'booked'), gt(bookingSlots.startsAt, ctx.now)))
      .orderBy(bookings.slotId)
      .for('update', { of: bookings })
    for (const b of future) {
      await tx.update(bookings).set({ status: 'cancelled', cancelledAt: ctx.now }).where(eq(bookings.id, b.id))
      await tx.update(bookingSlots).set({ taken: sql`${bookingSlots.taken} - 1` }).where(eq(bookingSlots.id, b.slotId))
    }
    return { bookingsCancelled: future.length }
  },

  async copy(db, ctx) {
    const rows = await db
      .select({ b: bookings, title: bookingServices.title, startsAt: bookingSlots.startsAt, place: bookingSlots.place })
      .from(bookings)
      .innerJoin(bookingSlots, eq(bookingSlots.id, bookings.slotId))
      .innerJoin(bookingServices, eq(bookingServices.id, bookingSlots.serviceId))
      .where(eq(bookings.userId, ctx.userId))
      .orderBy(bookings.id)
    return [
      {
        title: '在线预约',
        rows: rows.map(({ b, title, startsAt, place }) => ({ 服务: title, 时间: iso(startsAt), 地点: place, 状态: b.status, 预约时间: iso(b.createdAt), 签到时间: iso(b.checkedInAt) })),
      },
    ]
  },
}
