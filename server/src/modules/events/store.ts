/**
 * The rows behind every events use case: an event with its organiser union, the caller's reach over it, the seat
 * counter lock, live counts and waitlist positions. No authorization beyond `managedEvent`'s; callers decide.
 *
 * Lock order everywhere: event_seats, then event_registrations rows — so the paths cannot deadlock.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { EventCounts } from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import { rowsOf, type Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { eventRegistrations, events, type EventRow } from '../../db/schema/events'
import { can, inSubtree } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import type { Member } from '../membership'
import { EMPTY_COUNTS } from './rules'

export interface EventWithOrg {
  e: EventRow
  orgName: string
  orgPath: string
}

export async function loadEvent(tx: Tx, eventId: number): Promise<EventWithOrg | null> {
  const [row] = await tx
    .select({ e: events, orgName: orgs.name, orgPath: orgs.path })
    .from(events)
    .innerJoin(orgs, eq(orgs.id, events.orgId))
    .where(eq(events.id, eventId))
  return row ?? null
}

/** The event if the caller organises it (or, with `checkin`, may check people in); else 404 EVENT_NOT_FOUND. */
export async function managedEvent(tx: Tx, user: AuthUser, eventId: number, checkin = false): Promise<EventWithOrg> {
  const ev = await loadEvent(tx, eventId)
  const ok = ev && (can(user, 'events.manage', ev.orgPath) || (checkin && can(user, 'events.checkin', ev.orgPath)))
  if (!ok) throw refuse(EventReasons.EVENT_NOT_FOUND)
  return ev
}

/** Members of the organiser union's subtree see an event; so do its organisers and check-in staff. */
export function visible(user: AuthUser, ev: EventWithOrg, member: Member | null): boolean {
  return (
    (member !== null && inSubtree(ev.orgPath, member.orgPath)) ||
    can(user, 'events.manage', ev.orgPath) ||
    can(user, 'events.checkin', ev.orgPath)
  )
}

/** The caller's own registration with its event; else 404 REGISTRATION_NOT_FOUND. */
export async function ownRegistration(tx: Tx, userId: number, registrationId: number) {
  const [row] = await tx
    .select({ r: eventRegistrations, e: events, orgName: orgs.name, orgPath: orgs.path })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .innerJoin(orgs, eq(orgs.id, events.orgId))
    .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.userId, userId)))
  if (!row) throw refuse(EventReasons.REGISTRATION_NOT_FOUND)
  return row
}

/** Takes the event's seat counter: from here on, this event's places are the caller's to change. */
export async function lockSeats(tx: Tx, eventId: number): Promise<{ taken: number; capacity: number }> {
  const [seats] = rowsOf<{ taken: number; capacity: number }>(
    await tx.execute(sql`select taken, capacity from event_seats where event_id = ${eventId} for update`),
  )
  return seats
}

export async function countsFor(tx: Tx, list: EventRow[], now: number): Promise<Map<number, EventCounts>> {
  const out = new Map<number, EventCounts>()
  if (list.length === 0) return out
  const rows = await tx
    .select({
      eventId: eventRegistrations.eventId,
      pending: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'pending'))::int`,
      confirmed: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'confirmed'))::int`,
      checkedIn: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'checked_in'))::int`,
      waitlisted: sql<number>`(count(*) filter (where ${eventRegistrations.status} = 'waitlisted'))::int`,
    })
    .from(eventRegistrations)
    .where(inArray(eventRegistrations.eventId, list.map((e) => e.id)))
    .groupBy(eventRegistrations.eventId)
  const byId = new Map(rows.map((r) => [r.eventId, r]))
  for (const e of list) {
    const r = byId.get(e.id)
    if (!r) {
      out.set(e.id, EMPTY_COUNTS)
      continue
    }
    const ended = now >= e.endsAt.getTime()
    out.set(e.id, {
      taken: r.pending + r.confirmed + r.checkedIn,
      pending: r.pending,
      confirmed: ended ? 0 : r.confirmed,
      checkedIn: r.checkedIn,
      waitlisted: r.waitlisted,
      noShow: ended ? r.confirmed : 0,
    })
  }
  return out
}

/** The counts of one event. */
export async function countsOf(tx: Tx, e: EventRow, now: number): Promise<EventCounts> {
  return (await countsFor(tx, [e], now)).get(e.id) ?? EMPTY_COUNTS
}

/** 1-based waitlist positions of the given (waitlisted) registrations. */
export async function waitlistPositions(tx: Tx, registrationIds: number[]): Promise<Map<number, number>> {
  if (registrationIds.length === 0) return new Map()
  const rows = rowsOf<{ id: number; pos: number }>(
    await tx.execute(sql`
      select r.id, (select count(*)::int from event_registrations w
                    where w.event_id = r.event_id and w.status = 'waitlisted' and w.id <= r.id) as pos
      from event_registrations r
      where r.id in (${sql.join(registrationIds.map((id) => sql`${id}`), sql`, `)}) and r.status = 'waitlisted'`),
  )
  return new Map(rows.map((r) => [Number(r.id), Number(r.pos)]))
}
