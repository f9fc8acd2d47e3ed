/**
 * 活动报名's part of 注销账号 / 下载我的数据 (issue 19; server/src/personal-data.ts). Erase: every live registration
 * (pending, confirmed, waitlisted) is withdrawn as the member's own 取消 would — the place goes to the first waiter, a
 * captain's team is closed — the person leaves any team, and the answers of every registration (which may hold names,
 * phones and uploads) are cleared. The registrations themselves stay (counts, check-ins, volunteer hours of an event)
 * tied only to the anonymised account.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { eventInviteLookups, eventRegistrations, eventTeamMembers, events } from '../../db/schema/events'
import { iso, type PersonalData } from '../../personal-data'
import { LIVE_STATUSES } from './rules'
import { lockSeats } from './store'
import { closeTeam } from './team-store'
import { fillFreedPlaces } from './waitlist'

export const eventPersonalData: PersonalData = {
  async erase(tx, ctx) {
    const now = ctx.now.getTime()
    const live = await tx
      .select({ r: eventRegistrations, e: events })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(and(eq(eventRegistrations.userId, ctx.userId), inArray(eventRegistrations.status, [...LIVE_STATUSES])))
      .orderBy(eventRegistrations.eventId)
    let withdrawn = 0
    for (const { e, r: seen } of live) {
      if (seen.status !== 'waitlisted' && e.endsAt.getTime() <= now) continue
      await lockSeats(tx, e.id)
      const [r] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, seen.id)).for('update')
      if (!(LIVE_STATUSES as readonly string[]).includes(r.status)) continue
      await tx.update(eventRegistrations).set({ status: 'cancelled', cancelledAt: ctx.now }).where(eq(eventRegistrations.id, r.id))
      await closeTeam(tx, r, e, now, '因队长注销账号已取消')
      if (r.status === 'pending' || r.status === 'confirmed') await fillFreedPlaces(tx, e, 1, now)
      withdrawn++
    }
    // Member of someone else's team: out of it, the team one smaller.
    const teams = await tx
      .update(eventTeamMembers)
      .set({ leftAt: ctx.now, leftReason: 'left' })
      .where(and(eq(eventTeamMembers.userId, ctx.userId), isNull(eventTeamMembers.leftAt)))
      .returning({ registrationId: eventTeamMembers.registrationId })
    for (const t of teams) {
      await tx
        .update(eventRegistrations)
        .set({ teamSize: sql`greatest(${eventRegistrations.teamSize} - 1, 1)` })
        .where(and(eq(eventRegistrations.id, t.registrationId), sql`${eventRegistrations.teamSize} is not null`))
    }
    const cleared = await tx.update(eventRegistrations).set({ answers: {} }).where(eq(eventRegistrations.userId, ctx.userId)).returning({ id: eventRegistrations.id })
    await tx.delete(eventInviteLookups).where(eq(eventInviteLookups.userId, ctx.userId))
    return { registrationsWithdrawn: withdrawn, registrationsCleared: cleared.length, teamsLeft: teams.length }
  },

  async copy(db, ctx) {
    const rows = await db
      .select({ r: eventRegistrations, title: events.title, startsAt: events.startsAt })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(eq(eventRegistrations.userId, ctx.userId))
      .orderBy(eventRegistrations.id)
    return [
      {
        title: '活动报名',
        rows: rows.map(({ r, title, startsAt }) => ({
          活动: title,
          活动时间: iso(startsAt),
          状态: r.status,
          报名信息: JSON.stringify(r.answers),
          队伍: r.teamName,
          报名时间: iso(r.createdAt),
          签到时间: iso(r.checkedInAt),
          签退时间: iso(r.checkedOutAt),
          成绩: r.score,
        })),
      },
    ]
  },
}
