/**
 * The waitlist: a freed place goes to the first waiter (registration-id order) in the same transaction, with an
 * in-app message, else back to the pool. Callers hold the event's seat lock (store.ts `lockSeats`).
 */
import { and, asc, eq, sql } from 'drizzle-orm'
import { EVENT_NOTIFICATION_KINDS } from '@contract/events/labels'
import type { Tx } from '../../db'
import { eventRegistrations, eventSeats, type EventRow } from '../../db/schema/events'
import { chinaTime } from '../../time'
import { notify, type NewNotification } from '../notifications'
import { isComplete, promotedStatus, teamMinOf } from './team-rules'
import { notifyTeamMates } from './team-store'
import { pages } from '@contract/pages'

/**
 * Gives `freed` places (already counted in event_seats.taken) to the first waiters, in id order; places
 * nobody waits for go back to the pool. Returns the promotions.
 */
export async function fillFreedPlaces(tx: Tx, e: EventRow, freed: number, now: number): Promise<number> {
  const promoted = await promoteWaiters(tx, e, freed, now)
  const back = freed - promoted
  if (back > 0) {
    await tx.update(eventSeats).set({ taken: sql`${eventSeats.taken} - ${back}` }).where(eq(eventSeats.eventId, e.id))
  }
  return promoted
}

/**
 * Moves up to `n` first waiters (id order) into places and tells them (a team's members too); seat accounting
 * is the caller's. A promoted team is confirmed only when complete and in auto mode (team-rules.ts).
 */
export async function promoteWaiters(tx: Tx, e: EventRow, n: number, now: number): Promise<number> {
  if (n <= 0) return 0
  const waiters = await tx
    .select({ id: eventRegistrations.id, userId: eventRegistrations.userId, teamName: eventRegistrations.teamName, teamSize: eventRegistrations.teamSize })
    .from(eventRegistrations)
    .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.status, 'waitlisted')))
    .orderBy(asc(eventRegistrations.id))
    .limit(n)
    .for('update')
  if (waiters.length === 0) return 0
  const messages: NewNotification[] = []
  for (const w of waiters) {
    const to = promotedStatus(e, w)
    await tx.update(eventRegistrations).set({ status: to, promotedAt: new Date(now) }).where(eq(eventRegistrations.id, w.id))
    const forming = w.teamName !== null && !isComplete(e, w.teamSize)
    messages.push({
      userId: w.userId,
      kind: EVENT_NOTIFICATION_KINDS.promoted,
      title: to === 'confirmed' ? '候补成功，已为您报名' : forming ? '候补已递补，请尽快组满队伍' : '候补已递补，等待审核',
      body:
        to === 'confirmed'
          ? `「${e.title}」有名额空出，您已从候补转为已报名。活动时间 ${chinaTime(e.startsAt.getTime())}，签到时出示报名二维码。`
          : forming
            ? `「${e.title}」有名额空出，您的队伍已递补。队伍组满 ${teamMinOf(e)} 人后才能${e.approvalMode === 'manual' ? '进入审核' : '报名成功'}。`
            : `「${e.title}」有名额空出，您的候补已递补，正在等待主办方审核。`,
      link: pages.events.registration.url({ id: w.id }),
    })
    if (w.teamName !== null) {
      await notifyTeamMates(tx, w.id, {
        kind: EVENT_NOTIFICATION_KINDS.promoted,
        title: '队伍候补已递补',
        body: `您所在的队伍「${w.teamName}」报名「${e.title}」已从候补递补${to === 'confirmed' ? '，报名成功' : ''}。`,
      })
    }
  }
  await notify(tx, messages)
  return waiters.length
}
