/**
 * Team entry, the rows behind it: who is in a team (accepted members, captain included), its invitations, and the
 * status rule of a team registration. Shared by the registration paths (service.ts) and the team endpoints
 * (teams.ts). No authorization here: callers have checked who acts.
 *
 * Status rule: only a complete team (teamMinSize accepted members) can be confirmed. An incomplete team that holds
 * a place is `pending` in both approval modes; completing it confirms it in auto mode (manual: it waits for the
 * organiser's decision); losing a member below the minimum takes a confirmed team back to `pending`.
 */
import { randomInt } from 'node:crypto'
import { and, asc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { EVENT_NOTIFICATION_KINDS, INVITE_CODE_LENGTH, teamPagePath } from '@contract/events/labels'
import type { Tx } from '../../db'
import { eventTeamInvites, eventTeamMembers, type EventRegistrationRow, type EventRow } from '../../db/schema/events'
import { memberDirectory as memberships } from '../membership'
import { notify, type NewNotification } from '../notifications'

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** 8 characters of a 32-letter alphabet from the CSPRNG: 2^40 codes, never sequential. */
export function newInviteCode(): string {
  let out = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return out
}

export const teamMinOf = (e: EventRow): number => e.teamMinSize ?? 2
export const teamMaxOf = (e: EventRow): number => e.teamMaxSize ?? 50
/** Joining, leaving, removing and inviting end here: the registration deadline (never after the start). */
export const teamClosesAt = (e: EventRow): number => Math.min(e.registrationClosesAt.getTime(), e.startsAt.getTime())
export const isComplete = (e: EventRow, size: number | null): boolean => (size ?? 0) >= teamMinOf(e)

type Stored = EventRegistrationRow['status']

/** The stored status a live team registration should have at `size` members (see the rule above). */
export function statusForSize(e: EventRow, status: Stored, size: number): Stored {
  if (status !== 'pending' && status !== 'confirmed') return status
  if (!isComplete(e, size)) return 'pending'
  return status === 'pending' && e.approvalMode === 'auto' ? 'confirmed' : status
}

/** The status a waiter promoted into a place gets: confirmed only for a complete team in auto mode. */
export function promotedStatus(e: EventRow, r: Pick<EventRegistrationRow, 'teamSize' | 'teamName'>): 'pending' | 'confirmed' {
  if (e.approvalMode === 'manual') return 'pending'
  return r.teamName !== null && !isComplete(e, r.teamSize) ? 'pending' : 'confirmed'
}

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
      name: memberships.name,
      memberNo: memberships.memberNo,
    })
    .from(eventTeamMembers)
    .leftJoin(memberships, eq(memberships.userId, eventTeamMembers.userId))
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
  await notify(tx, ids.map((userId) => ({ ...message, userId, link: teamPagePath(registrationId) })))
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

/** A new single-use invitation of the team, valid until the registration deadline. */
export async function createInvite(
  tx: Tx,
  e: EventRow,
  registrationId: number,
  createdBy: number,
  now: number,
): Promise<typeof eventTeamInvites.$inferSelect> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await tx
      .insert(eventTeamInvites)
      .values({
        eventId: e.id,
        registrationId,
        code: newInviteCode(),
        createdBy,
        createdAt: new Date(now),
        expiresAt: new Date(teamClosesAt(e)),
      })
      .onConflictDoNothing()
      .returning()
    if (row) return row
  }
  throw new Error('could not draw an unused invitation code')
}

/** Invitations nobody accepted or withdrew yet, oldest first. */
export async function pendingInvites(tx: Tx, registrationId: number) {
  return tx
    .select()
    .from(eventTeamInvites)
    .where(
      and(
        eq(eventTeamInvites.registrationId, registrationId),
        isNull(eventTeamInvites.acceptedAt),
        isNull(eventTeamInvites.withdrawnAt),
      ),
    )
    .orderBy(asc(eventTeamInvites.id))
}
