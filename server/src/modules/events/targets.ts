/** What events' access rules are about (server/src/access.ts): an event's union, a registration's owner. */
import { and, eq, isNull } from 'drizzle-orm'
import { EventReasons } from '@contract/events/reasons'
import { orgs } from '../../db/schema/core'
import { eventRegistrations, eventTeamMembers, events } from '../../db/schema/events'
import { idParam, resolver } from '../../http/access'

export const event = resolver('event', EventReasons.EVENT_NOT_FOUND.message(), async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(events)
    .innerJoin(orgs, eq(orgs.id, events.orgId))
    .where(eq(events.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path } : null
})

export const registration = resolver('registration', EventReasons.REGISTRATION_NOT_FOUND.message(), async (db, input) => {
  const [row] = await db
    .select({ userId: eventRegistrations.userId, path: orgs.path })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .innerJoin(orgs, eq(orgs.id, events.orgId))
    .where(eq(eventRegistrations.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})

/** A team (its captain's registration id): its current members, captain first. */
async function teamOf(db: Parameters<typeof event.resolve>[0], registrationId: number) {
  const rows = await db
    .select({ userId: eventTeamMembers.userId, captain: eventTeamMembers.captain, path: orgs.path })
    .from(eventTeamMembers)
    .innerJoin(events, eq(events.id, eventTeamMembers.eventId))
    .innerJoin(orgs, eq(orgs.id, events.orgId))
    .where(and(eq(eventTeamMembers.registrationId, registrationId), isNull(eventTeamMembers.leftAt)))
  if (rows.length === 0) return null
  return { orgPath: rows[0].path, captain: rows.find((r) => r.captain)?.userId ?? null, mates: rows.filter((r) => !r.captain).map((r) => r.userId) }
}

export const team = resolver('team', EventReasons.TEAM_NOT_FOUND.message(), async (db, input) => {
  const t = await teamOf(db, idParam(input))
  return t ? { orgPath: t.orgPath, ownerUserIds: [...(t.captain ? [t.captain] : []), ...t.mates] } : null
})

export const teamAsCaptain = resolver('team (its captain)', EventReasons.TEAM_NOT_FOUND.message(), async (db, input) => {
  const t = await teamOf(db, idParam(input))
  return t ? { orgPath: t.orgPath, ownerUserId: t.captain } : null
})

export const teamAsMate = resolver('team (a team-mate)', EventReasons.TEAM_NOT_FOUND.message(), async (db, input) => {
  const t = await teamOf(db, idParam(input))
  return t ? { orgPath: t.orgPath, ownerUserIds: t.mates } : null
})
