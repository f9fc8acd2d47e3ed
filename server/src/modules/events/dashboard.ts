/**
 * 数据看板, the events' part: events of the subtree starting within the range, their registrations holding a place,
 * check-ins and no-shows (confirmed, not checked in, the event over) — totals and the 20 busiest events, each one
 * GROUP BY in the database (events_org_idx, event_registrations_event_idx).
 */
import { and, asc, desc, eq, gte, lt, sql } from 'drizzle-orm'
import type { EventFigures } from '@contract/dashboard/schemas'
import type { DbOrTx } from '../../db'
import { inOrgSubtree, type FigureWindow } from '../../db/org-scope'
import { eventRegistrations as r, events as e } from '../../db/schema/events'

export const DASHBOARD_TOP_EVENTS = 20

export async function eventFigures(db: DbOrTx, w: FigureWindow): Promise<EventFigures> {
  const now = w.now.toISOString()
  const counts = {
    registrations: sql<number>`count(${r.id}) filter (where ${r.status} in ('pending', 'confirmed', 'checked_in'))`,
    checkedIn: sql<number>`count(${r.id}) filter (where ${r.status} = 'checked_in')`,
    noShows: sql<number>`count(${r.id}) filter (where ${r.status} = 'confirmed' and ${e.endsAt} <= ${now}::timestamptz)`,
  }
  const where = and(inOrgSubtree(e.orgId, w.rootPath), gte(e.startsAt, w.start), lt(e.startsAt, w.end))
  const [totals] = await db
    .select({ events: sql<number>`count(distinct ${e.id})`, ...counts })
    .from(e)
    .leftJoin(r, eq(r.eventId, e.id))
    .where(where)
  const top = await db
    .select({ id: e.id, title: e.title, ...counts })
    .from(e)
    .leftJoin(r, eq(r.eventId, e.id))
    .where(where)
    .groupBy(e.id, e.title)
    .orderBy(desc(counts.registrations), asc(e.id))
    .limit(DASHBOARD_TOP_EVENTS)
  return {
    events: Number(totals.events),
    registrations: Number(totals.registrations),
    checkedIn: Number(totals.checkedIn),
    noShows: Number(totals.noShows),
    byEvent: top.map((t) => ({ id: t.id, title: t.title, registrations: Number(t.registrations), checkedIn: Number(t.checkedIn), noShows: Number(t.noShows) })),
  }
}
