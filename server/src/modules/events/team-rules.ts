/**
 * Team entry's pure rules: sizes, the deadline, and the status a team registration should have.
 *
 * Status rule: only a complete team (teamMinSize accepted members) can be confirmed. An incomplete team that holds
 * a place is `pending` in both approval modes; completing it confirms it in auto mode (manual: it waits for the
 * organiser's decision); losing a member below the minimum takes a confirmed team back to `pending`.
 */
import type { EventRegistrationRow, EventRow } from '../../db/schema/events'

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
