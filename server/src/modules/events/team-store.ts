/**
 * Team entry, the rows behind it: who is in a team (accepted members, captain included), telling them, and ending
 * a team with its registration. Shared by the registration paths and the team endpoints. No authorization here:
 * callers have checked who acts. Invitations: invite-store.ts; the status rule: team-rules.ts.
 */
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { EVENT_NOTIFICATION_KINDS } from '@contract/events/labels'
import type { Tx } from '../../db'
import { eventTeamMembers, type EventRegistrationRow, type EventRow } from '../../db/schema/events'
import { memberDirectory } from '../membership'
import { notify, type NewNotification } from '../notifications'
import { pages } from '@contract/pages'

export interface TeamMemberRow {
  id: number
  registrationId: number
  userId: number
  captain: boolean
  joinedAt: Date
  name: string
  memberNo: string
}

/**
 * Members of the given team registrations, captain first then by joining order: the accepted members of live
 * teams, and for `closed` ones (cancelled / rejected) those who were in it when it ended.
 */
export async function teamMembersOf(tx: Tx, registrationIds: number[]): Promise<Map<number, TeamMemberRow[]>> {
  const out = new Map<number, TeamMemberRow[]>()
  if (registrationIds.length === 0) return out
  const rows = await tx
    .select({
      id: eventTeamMembers.id,
      registrationId: eventTeamMembers.registrationId,
      userId: eventTeamMembers.userId,
      captain: eventTeamMembers.captain,
      joinedAt: eventTeamMembers.joinedAt,
      name: memberDirectory.name,
      memberNo: memberDirectory.memberNo,
    })
    .from(eventTeamMembers)
    .leftJoin(memberDirectory, eq(memberDirectory.userId, eventTeamMembers.userId))
    .where(
      and(
        inArray(eventTeamMembers.registrationId, registrationIds),
        or(isNull(eventTeamMembers.leftAt), eq(eventTeamMembers.leftReason, 'closed')),
      ),
    )
    .orderBy(asc(eventTeamMembers.registrationId), sql`${eventTeamMembers.captain} desc`, asc(eventTeamMembers.id))
  for (const r of rows) {
    const list = out.get(r.registrationId) ?? []
    list.push({ ...r, name: r.name ?? '', memberNo: r.memberNo ?? '' })
    out.set(r.registrationId, list)
  }
  return out
}

/** The team of `eventId` that `userId` is in now (as captain or member), or null. */
export async function activeTeamOf(tx: Tx, eventId: number, userId: number): Promise<{ registrationId: number; captain: boolean } | null> {
  const [row] = await tx
    .select({ registrationId: eventTeamMembers.registrationId, captain: eventTeamMembers.captain })
    .from(eventTeamMembers)
    .where(and(eq(eventTeamMembers.eventId, eventId), eq(eventTeamMembers.userId, userId), isNull(eventTeamMembers.leftAt)))
  return row ?? null
}

/** User ids of the team's current members other than the captain. */
export async function teamMateIds(tx: Tx, registrationId: number): Promise<number[]> {
  const rows = await tx
    .select({ userId: eventTeamMembers.userId })
    .from(eventTeamMembers)
    .where(and(eq(eventTeamMembers.registrationId, registrationId), isNull(eventTeamMembers.leftAt), eq(eventTeamMembers.captain, false)))
  return rows.map((r) => r.userId)
}

/** One message to each current team-mate (not the captain) of the registration, linking to the team page. */
export async function notifyTeamMates(
  tx: Tx,
  registrationId: number,
  message: Omit<NewNotification, 'userId' | 'link'>,
): Promise<void> {
  const ids = await teamMateIds(tx, registrationId)
  await notify(tx, ids.map((userId) => ({ ...message, userId, link: pages.events.team.url({ id: registrationId }) })))
}

/**
 * The team's registration ended (cancelled by the captain, rejected by the organiser): its members are released
 * (free to join another team), told why, and its invitations stop working (the registration is no longer live).
 */
export async function closeTeam(tx: Tx, r: EventRegistrationRow, e: EventRow, now: number, why: string): Promise<void> {
  if (r.teamName === null) return
  await notifyTeamMates(tx, r.id, {
    kind: EVENT_NOTIFICATION_KINDS.teamClosed,
    title: '队伍报名已结束',
    body: `您所在的队伍「${r.teamName}」报名「${e.title}」${why}，您已不在该队伍中。`,
  })
  await tx
    .update(eventTeamMembers)
    .set({ leftAt: new Date(now), leftReason: 'closed' })
    .where(and(eq(eventTeamMembers.registrationId, r.id), isNull(eventTeamMembers.leftAt)))
}
