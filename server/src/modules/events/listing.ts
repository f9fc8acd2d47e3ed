/**
 * What members read: the events they may join (filtered, cursor-paged), one event with their registration and
 * whether they may register, and their own registrations.
 */
import { and, asc, desc, eq, gt, inArray, lte, or, sql, type SQL } from 'drizzle-orm'
import type * as s from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import { orgs } from '../../db/schema/core'
import { eventRegistrations, events } from '../../db/schema/events'
import { decodeCursor, pageOf } from '../../db/paging'
import { scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberOf } from '../membership'
import type { EventsContext } from './context'
import { registerHint } from './eligibility'
import { EMPTY_COUNTS, statusOf } from './rules'
import { countsFor, countsOf, loadEvent, ownRegistration, visible, waitlistPositions } from './store'
import { myTeamOf, toEvent, toRegistration } from './views'

type ListQuery = ReturnType<typeof s.EventListQuery.parse>
type MyQuery = ReturnType<typeof s.MyRegistrationsQuery.parse>
type Page<T> = { items: T[]; nextCursor: string | null; serverTime: string }

const KEY = ['number', 'number'] as const

export function listing(ctx: EventsContext) {
  const { deps } = ctx
  return {
    /** Events of the member's union and its ancestors, plus those the caller organises; by start time. */
    async list(user: AuthUser, query: ListQuery): Promise<Page<s.EventCard>> {
      const now = deps.now()
      const nowDate = new Date(now)
      return deps.db.transaction(async (tx) => {
        const member = await memberOf(tx, user.userId)
        const reach: SQL[] = []
        if (member) {
          const ancestorIds = member.orgPath.split('/').filter(Boolean).map(Number)
          if (ancestorIds.length > 0) reach.push(inArray(events.orgId, ancestorIds))
        }
        for (const p of scopesFor(user, 'events.manage')) reach.push(sql`${orgs.path} like ${p + '%'}`)
        if (reach.length === 0) return { items: [], nextCursor: null, serverTime: nowDate.toISOString() }

        const where: (SQL | undefined)[] = [or(...reach)]
        if (query.kind) where.push(eq(events.kind, query.kind))
        const descending = query.phase === 'ended'
        if (query.phase === 'ended') where.push(lte(events.endsAt, nowDate))
        else where.push(gt(events.endsAt, nowDate))
        const registering = and(lte(events.registrationOpensAt, nowDate), gt(events.registrationClosesAt, nowDate), gt(events.startsAt, nowDate))
        if (query.phase === 'registering') where.push(registering)
        if (query.phase === 'upcoming') where.push(sql`not (${registering})`)
        const c = decodeCursor(query.cursor, KEY)
        if (c) {
          const at = new Date(c[0])
          where.push(
            descending ? sql`(${events.startsAt}, ${events.id}) < (${at}, ${c[1]})` : sql`(${events.startsAt}, ${events.id}) > (${at}, ${c[1]})`,
          )
        }
        const rows = await tx
          .select({ e: events, orgName: orgs.name, orgPath: orgs.path })
          .from(events)
          .innerJoin(orgs, eq(orgs.id, events.orgId))
          .where(and(...where))
          .orderBy(...(descending ? [desc(events.startsAt), desc(events.id)] : [asc(events.startsAt), asc(events.id)]))
          .limit(query.limit + 1)
        const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.e.startsAt.getTime(), last.e.id])
        const ids = page.map((r) => r.e.id)
        const counts = await countsFor(tx, page.map((r) => r.e), now)
        const mine = ids.length
          ? await tx
              .select({ id: eventRegistrations.id, eventId: eventRegistrations.eventId, status: eventRegistrations.status })
              .from(eventRegistrations)
              .where(and(eq(eventRegistrations.userId, user.userId), inArray(eventRegistrations.eventId, ids)))
              .orderBy(asc(eventRegistrations.id))
          : []
        const latest = new Map<number, (typeof mine)[number]>()
        for (const m of mine) latest.set(m.eventId, m)
        const positions = await waitlistPositions(tx, [...latest.values()].filter((m) => m.status === 'waitlisted').map((m) => m.id))
        const items: s.EventCard[] = page.map((r) => {
          const { questions: _q, description: _d, ...ev } = toEvent(r.e, r.orgName, counts.get(r.e.id) ?? EMPTY_COUNTS, now)
          const my = latest.get(r.e.id)
          return { ...ev, myStatus: my ? statusOf(my, r.e, now) : null, myWaitlistPosition: my ? (positions.get(my.id) ?? null) : null }
        })
        return { items, nextCursor, serverTime: nowDate.toISOString() }
      })
    },

    /** One event as the caller sees it: counts, their registration or team, and whether they may register. */
    async detail(user: AuthUser, eventId: number): Promise<{ event: s.MemberEvent; serverTime: string }> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await loadEvent(tx, eventId)
        const member = await memberOf(tx, user.userId)
        if (!ev || !visible(user, ev, member)) throw refuse(EventReasons.EVENT_NOT_FOUND)
        const counts = await countsOf(tx, ev.e, now)
        const [latest] = await tx
          .select()
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.userId, user.userId), eq(eventRegistrations.eventId, eventId)))
          .orderBy(desc(eventRegistrations.id))
          .limit(1)
        const event = toEvent(ev.e, ev.orgName, counts, now)
        const myRegistration = latest ? await toRegistration(tx, deps.files, latest, ev, now) : null
        const myTeam = ev.e.entryMode === 'team' ? await myTeamOf(tx, ev.e, user.userId, now) : null
        const hint = myTeam
          ? { allowed: false, reason: `您已加入本活动的队伍「${myTeam.name}」`, waitlist: false }
          : await registerHint(ctx, tx, user.userId, ev, member, latest ?? null, event.placesLeft, now)
        return { event: { ...event, myRegistration, myTeam, registerHint: hint }, serverTime: new Date(now).toISOString() }
      })
    },

    /** The caller's registrations: upcoming soonest first, past newest first. */
    async mine(user: AuthUser, query: MyQuery): Promise<Page<s.Registration>> {
      const now = deps.now()
      const nowDate = new Date(now)
      return deps.db.transaction(async (tx) => {
        const past = query.scope === 'past'
        const where: (SQL | undefined)[] = [eq(eventRegistrations.userId, user.userId), past ? lte(events.endsAt, nowDate) : gt(events.endsAt, nowDate)]
        const c = decodeCursor(query.cursor, KEY)
        if (c) {
          const at = new Date(c[0])
          where.push(
            past
              ? sql`(${events.startsAt}, ${eventRegistrations.id}) < (${at}, ${c[1]})`
              : sql`(${events.startsAt}, ${eventRegistrations.id}) > (${at}, ${c[1]})`,
          )
        }
        const rows = await tx
          .select({ r: eventRegistrations, e: events, orgName: orgs.name, orgPath: orgs.path })
          .from(eventRegistrations)
          .innerJoin(events, eq(events.id, eventRegistrations.eventId))
          .innerJoin(orgs, eq(orgs.id, events.orgId))
          .where(and(...where))
          .orderBy(...(past ? [desc(events.startsAt), desc(eventRegistrations.id)] : [asc(events.startsAt), asc(eventRegistrations.id)]))
          .limit(query.limit + 1)
        const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.e.startsAt.getTime(), last.r.id])
        const items: s.Registration[] = []
        for (const r of page) items.push(await toRegistration(tx, deps.files, r.r, { e: r.e, orgName: r.orgName, orgPath: r.orgPath }, now))
        return { items, nextCursor, serverTime: nowDate.toISOString() }
      })
    },

    /** One own registration (the page events messages link to). */
    async registration(user: AuthUser, registrationId: number): Promise<{ registration: s.Registration; serverTime: string }> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const row = await ownRegistration(tx, user.userId, registrationId)
        return { registration: await toRegistration(tx, deps.files, row.r, row, now), serverTime: new Date(now).toISOString() }
      })
    },
  }
}
