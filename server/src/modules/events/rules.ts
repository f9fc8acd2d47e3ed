/**
 * 活动报名's pure rules: an event's phase and cut-offs, the status a client sees (no-shows are derived on read),
 * masking, and how a duplicate shows up from the database. No I/O.
 */
import type { EventCounts } from '@contract/events/schemas'
import type { EventPhase, RegistrationStatus } from '@contract/events/labels'
import type { EventRegistrationRow, EventRow } from '../../db/schema/events'

export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR

/** Stored statuses of a registration that holds (or waits for) a place: one per member and event. */
export const ACTIVE_STATUSES = ['pending', 'confirmed', 'waitlisted', 'checked_in'] as const
/** Stored statuses a member may still cancel, and in which a team may still change. */
export const LIVE_STATUSES = ['pending', 'confirmed', 'waitlisted'] as const

export const EMPTY_COUNTS: EventCounts = { taken: 0, pending: 0, confirmed: 0, checkedIn: 0, waitlisted: 0, noShow: 0 }

export function phaseOf(e: EventRow, now: number): EventPhase {
  if (now >= e.endsAt.getTime()) return 'ended'
  if (now >= e.startsAt.getTime()) return 'ongoing'
  if (now < e.registrationOpensAt.getTime()) return 'not_open'
  if (now < e.registrationClosesAt.getTime()) return 'registering'
  return 'upcoming'
}

/** The status a client sees: stored status, with confirmed → no_show once the event has ended. */
export function statusOf(r: Pick<EventRegistrationRow, 'status'>, e: Pick<EventRow, 'endsAt'>, now: number): RegistrationStatus {
  if (r.status === 'confirmed' && now >= e.endsAt.getTime()) return 'no_show'
  return r.status
}

export const cancelUntilOf = (e: EventRow): number => e.startsAt.getTime() - e.cancelCutoffHours * HOUR
export const checkinOpensAtOf = (e: EventRow): number => e.startsAt.getTime() - e.checkinOpensMinutes * MIN

/** 李晓梅 → 李*梅, 张三 → 张*. */
export function maskName(name: string): string {
  const chars = [...name]
  if (chars.length <= 1) return name
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
