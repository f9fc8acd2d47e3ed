/**
 * 活动提醒: the day before an event (its start within EVENT_REMINDER_AHEAD_HOURS), every 正式 (confirmed)
 * registration is told once when and where — the registrant, and for a team entry each member still in the team.
 * The batch is taken with FOR UPDATE SKIP LOCKED and marked (`reminded_at`) in the transaction that writes the
 * messages, so a registration is reminded exactly once, also with several server instances running the job.
 * Pending, waitlisted, cancelled and rejected registrations get none (a waiter promoted later, inside the last day,
 * is reminded by the next run).
 */
import { and, eq, gt, inArray, isNull, lte } from 'drizzle-orm'
import { EVENT_NOTIFICATION_KINDS, EVENT_REMINDER_AHEAD_HOURS } from '@contract/events/labels'
import { pages } from '@contract/pages'
import { eventRegistrations, events, eventTeamMembers } from '../../db/schema/events'
import { chinaTime } from '../../time'
import { notify, type NewNotification } from '../notifications'
import type { EventsContext } from './context'

/** At most this many registrations per run (the next run takes the rest). */
const BATCH = 500

export function reminders({ deps }: EventsContext) {
  return {
    /** The timer's job (./jobs.ts): remind the registrations due now; returns how many registrations. */
    async remindDue(): Promise<number> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const due = await tx
          .select({ id: eventRegistrations.id, userId: eventRegistrations.userId, eventId: eventRegistrations.eventId })
          .from(eventRegistrations)
          .innerJoin(events, eq(events.id, eventRegistrations.eventId))
          .where(
            and(
              eq(eventRegistrations.status, 'confirmed'),
              isNull(eventRegistrations.remindedAt),
              gt(events.startsAt, new Date(now)),
              lte(events.startsAt, new Date(now + EVENT_REMINDER_AHEAD_HOURS * 3600 * 1000)),
            ),
          )
          .orderBy(eventRegistrations.id)
          .limit(BATCH)
          .for('update', { of: eventRegistrations, skipLocked: true })
        if (due.length === 0) return 0
        const ids = due.map((r) => r.id)
        await tx.update(eventRegistrations).set({ remindedAt: new Date(now) }).where(inArray(eventRegistrations.id, ids))

        const evs = await tx
          .select({ id: events.id, title: events.title, startsAt: events.startsAt, place: events.place })
          .from(events)
          .where(inArray(events.id, [...new Set(due.map((r) => r.eventId))]))
        const byId = new Map(evs.map((e) => [e.id, e]))
        const teams = await tx
          .select({ registrationId: eventTeamMembers.registrationId, userId: eventTeamMembers.userId })
          .from(eventTeamMembers)
          .where(and(inArray(eventTeamMembers.registrationId, ids), isNull(eventTeamMembers.leftAt)))

        const messages: NewNotification[] = []
        for (const r of due) {
          const ev = byId.get(r.eventId)!
          const message = (userId: number, link: string): NewNotification => ({
            userId,
            kind: EVENT_NOTIFICATION_KINDS.reminder,
            title: `活动提醒：${ev.title}`,
            body: `您报名的「${ev.title}」将于 ${chinaTime(ev.startsAt.getTime())} 在${ev.place.name}（${ev.place.address}）开始，请准时到场签到。`,
            link,
            eventKey: `events.reminder:${r.id}`,
          })
          messages.push(message(r.userId, pages.events.registration.url({ id: r.id })))
          for (const m of teams) {
            if (m.registrationId === r.id && m.userId !== r.userId) messages.push(message(m.userId, pages.events.team.url({ id: r.id })))
          }
        }
        await notify(tx, messages)
        return due.length
      })
    },
  }
}
