/**
 * A team as its endpoints act on it: the captain's registration with its event and the caller's role, whether it
 * may still change, and what a change of size does to its status (and who is told).
 */
import { and, eq, isNull, sql } from 'drizzle-orm'
import { EVENT_NOTIFICATION_KINDS } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import type { Tx } from '../../db'
import { eventRegistrations, eventTeamMembers, type EventRegistrationRow } from '../../db/schema/events'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { chinaTime } from '../../time'
import { notify, type NewNotification } from '../notifications'
import { LIVE_STATUSES } from './rules'
import { loadEvent, type EventWithOrg } from './store'
import { isComplete, statusForSize, teamClosesAt, teamMinOf } from './team-rules'
import { notifyTeamMates } from './team-store'
import { pages } from '@contract/pages'

export interface TeamContext {
  ev: EventWithOrg
  r: EventRegistrationRow
  role: 'captain' | 'member'
}

/** The team's registration is live (pending, confirmed or waitlisted). */
export const isLive = (r: EventRegistrationRow): boolean => (LIVE_STATUSES as readonly string[]).includes(r.status)

/** The caller's team (captain or current team-mate), else 404 TEAM_NOT_FOUND; `lock` takes the registration row. */
export async function teamFor(tx: Tx, user: AuthUser, registrationId: number, lock: boolean): Promise<TeamContext> {
  const [m] = await tx
    .select({ captain: eventTeamMembers.captain })
    .from(eventTeamMembers)
    .where(and(eq(eventTeamMembers.registrationId, registrationId), eq(eventTeamMembers.userId, user.userId), isNull(eventTeamMembers.leftAt)))
  if (!m) throw refuse(EventReasons.TEAM_NOT_FOUND)
  const q = tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId))
  const [r] = lock ? await q.for('update') : await q
  const ev = await loadEvent(tx, r.eventId)
  return { ev: ev!, r, role: m.captain && r.userId === user.userId ? 'captain' : 'member' }
}

/** The caller's team if they are its captain (the registration row locked), else 404 TEAM_NOT_FOUND. */
export async function captainOf(tx: Tx, user: AuthUser, registrationId: number): Promise<TeamContext> {
  const ctx = await teamFor(tx, user, registrationId, true)
  if (ctx.role !== 'captain') throw refuse(EventReasons.TEAM_NOT_FOUND)
  return ctx
}

/** 409 EVENT_TEAM_LOCKED once the registration ended or the deadline passed. */
export function assertOpen(ctx: TeamContext, now: number): void {
  if (!isLive(ctx.r)) throw refuse(EventReasons.EVENT_TEAM_LOCKED, {})
  if (now >= teamClosesAt(ctx.ev.e)) throw refuse(EventReasons.EVENT_TEAM_LOCKED, { closedAt: chinaTime(teamClosesAt(ctx.ev.e)) })
}

/** One member out (left / removed): the size drops, and a team below its minimum is no longer confirmed. */
export async function shrink(tx: Tx, ctx: TeamContext, memberRowId: number, reason: 'left' | 'removed', now: number): Promise<EventRegistrationRow> {
  await tx.update(eventTeamMembers).set({ leftAt: new Date(now), leftReason: reason }).where(eq(eventTeamMembers.id, memberRowId))
  const [shrunk] = await tx
    .update(eventRegistrations)
    .set({ teamSize: sql`${eventRegistrations.teamSize} - 1` })
    .where(eq(eventRegistrations.id, ctx.r.id))
    .returning()
  return settleStatus(tx, ctx, shrunk)
}

/** Applies the status rule after a size change and tells the team when it became complete or incomplete. */
export async function settleStatus(tx: Tx, ctx: TeamContext, r: EventRegistrationRow): Promise<EventRegistrationRow> {
  const { e } = ctx.ev
  const to = statusForSize(e, r.status, r.teamSize ?? 1)
  const updated = to === r.status ? r : (await tx.update(eventRegistrations).set({ status: to }).where(eq(eventRegistrations.id, r.id)).returning())[0]
  const wasComplete = isComplete(e, ctx.r.teamSize)
  const complete = isComplete(e, r.teamSize)
  if (wasComplete === complete) return updated
  const message: Omit<NewNotification, 'userId' | 'link'> = complete
    ? {
        kind: EVENT_NOTIFICATION_KINDS.teamComplete,
        title: '队伍已组满',
        body:
          updated.status === 'confirmed'
            ? `队伍「${r.teamName}」已组满 ${r.teamSize} 人，「${e.title}」报名成功。`
            : updated.status === 'waitlisted'
              ? `队伍「${r.teamName}」已组满 ${r.teamSize} 人，仍在候补中，有名额时自动递补。`
              : `队伍「${r.teamName}」已组满 ${r.teamSize} 人，等待主办方审核。`,
      }
    : {
        kind: EVENT_NOTIFICATION_KINDS.teamIncomplete,
        title: '队伍未组满',
        body: `队伍「${r.teamName}」现有 ${r.teamSize} 人，不足 ${teamMinOf(e)} 人，${chinaTime(teamClosesAt(e))} 前组满才能参加「${e.title}」。`,
      }
  await notify(tx, { ...message, userId: r.userId, link: pages.events.team.url({ id: r.id }) })
  await notifyTeamMates(tx, r.id, message)
  return updated
}
