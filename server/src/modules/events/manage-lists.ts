/** What organisers and check-in staff list: the events of their subtree, one event, its registrations (audited). */
import { and, asc, desc, eq, gt, gte, lt, lte, ne, or, sql, type SQL } from 'drizzle-orm'
import { EventReasons } from '@contract/events/reasons'
import type * as s from '@contract/events/schemas'
import { orgs } from '../../db/schema/core'
import { eventRegistrations, events } from '../../db/schema/events'
import { decodeCursor, decodeSortedCursor, pageOf, pastKey, sortedPageOf } from '../../db/paging'
import { audit } from '../../audit'
import { can, scopesFor } from '../../auth/policy'
import { refuse } from '../../errors'
import type { AuthUser } from '../../auth/sessions'
import type { EventsContext } from './context'
import { registrationRows, toManaged } from './managed-registrations'
import { EMPTY_COUNTS } from './rules'
import { countsFor, countsOf, managedEvent } from './store'
import { toEvent } from './views'

type ManageRegsQuery = ReturnType<typeof s.ManageRegistrationsQuery.parse>
type ManageEventsQuery = ReturnType<typeof s.ManageEventsQuery.parse>

export function manageLists({ deps }: EventsContext) {
  return {
    /** Events of the unions the caller manages or checks in for, newest start first or earliest first (keyset on (starts_at, id)). */
    async listManaged(user: AuthUser, query: ManageEventsQuery): Promise<{ items: s.Event[]; nextCursor: string | null; serverTime: string }> {
      const now = deps.now()
      const scopes = [...scopesFor(user, 'events.manage'), ...scopesFor(user, 'events.checkin')]
      if (scopes.length === 0) {
        if (query.orgId !== undefined) throw refuse(EventReasons.EVENTS_UNION_OUTSIDE)
        return { items: [], nextCursor: null, serverTime: new Date(now).toISOString() }
      }
      return deps.db.transaction(async (tx) => {
        const where: (SQL | undefined)[] = [or(...scopes.map((p) => sql`${orgs.path} like ${p + '%'}`))]
        if (query.orgId !== undefined) {
          const [org] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, query.orgId))
          if (!org || !(can(user, 'events.manage', org.path) || can(user, 'events.checkin', org.path))) throw refuse(EventReasons.EVENTS_UNION_OUTSIDE)
          where.push(sql`${orgs.path} like ${org.path + '%'}`)
        }
        if (query.kind) where.push(eq(events.kind, query.kind))
        const at = new Date(now)
        if (query.phase === 'upcoming') where.push(gt(events.startsAt, at))
        if (query.phase === 'registering') where.push(and(lte(events.registrationOpensAt, at), gt(events.registrationClosesAt, at), gt(events.startsAt, at)))
        if (query.phase === 'ongoing') where.push(and(lte(events.startsAt, at), gt(events.endsAt, at)))
        if (query.phase === 'ended') where.push(lte(events.endsAt, at))
        if (query.from) where.push(gte(events.startsAt, new Date(`${query.from}T00:00:00+08:00`)))
        if (query.to) where.push(lt(events.startsAt, new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000)))
        if (query.pending) {
          const waiting = sql`exists (select 1 from ${eventRegistrations} where ${eventRegistrations.eventId} = ${events.id} and ${eventRegistrations.status} = 'pending')`
          where.push(query.pending === '1' ? waiting : sql`not ${waiting}`)
        }
        const c = decodeSortedCursor(query.cursor, ['number', 'number'] as const, query.sort)
        if (c) where.push(pastKey(sql`(${events.startsAt}, ${events.id})`, sql`(${new Date(c[0])}, ${c[1]})`, query.sort))
        const dir = query.sort === 'newest' ? desc : asc
        const rows = await tx
          .select({ e: events, orgName: orgs.name })
          .from(events)
          .innerJoin(orgs, eq(orgs.id, events.orgId))
          .where(and(...where))
          .orderBy(dir(events.startsAt), dir(events.id))
          .limit(query.limit + 1)
        const { page, nextCursor } = sortedPageOf(rows, query.limit, query.sort, (last) => [last.e.startsAt.getTime(), last.e.id])
        const counts = await countsFor(tx, page.map((r) => r.e), now)
        return {
          items: page.map((r) => toEvent(r.e, r.orgName, counts.get(r.e.id) ?? EMPTY_COUNTS, now)),
          nextCursor,
          serverTime: new Date(now).toISOString(),
        }
      })
    },

    async manageEvent(user: AuthUser, eventId: number): Promise<s.Event> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId, true)
        return toEvent(ev.e, ev.orgName, await countsOf(tx, ev.e, now), now)
      })
    },

    /** An event's registrations by status (no_show after the end; default: all but cancelled), in id order. */
    async registrations(
      user: AuthUser,
      eventId: number,
      query: ManageRegsQuery,
    ): Promise<{ items: s.ManagedRegistration[]; nextCursor: string | null; serverTime: string; counts: s.EventCounts }> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId)
        const ended = now >= ev.e.endsAt.getTime()
        const where: (SQL | undefined)[] = [eq(eventRegistrations.eventId, eventId)]
        if (!query.status) where.push(ne(eventRegistrations.status, 'cancelled'))
        else if (query.status === 'no_show') where.push(ended ? eq(eventRegistrations.status, 'confirmed') : sql`false`)
        else if (query.status === 'confirmed') where.push(ended ? sql`false` : eq(eventRegistrations.status, 'confirmed'))
        else where.push(eq(eventRegistrations.status, query.status))
        const c = decodeCursor(query.cursor, ['number'] as const)
        if (c) where.push(gt(eventRegistrations.id, c[0]))
        const rows = await registrationRows(tx, and(...where), query.limit + 1)
        const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.r.id])
        const items = await toManaged(tx, deps.files, ev.e, page, now)
        const counts = await countsOf(tx, ev.e, now)
        await audit(tx, {
          actorUserId: user.userId,
          action: 'events.registrations.view',
          subjectType: 'event',
          subjectId: eventId,
          detail: { status: query.status ?? null, count: items.length },
        })
        return { items, nextCursor, serverTime: new Date(now).toISOString(), counts }
      })
    },
  }
}
