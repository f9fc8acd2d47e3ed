/** What events' access rules are about (server/src/access.ts): an event's union, a registration's owner. */
import { eq } from 'drizzle-orm'
import { eventRegistrations, events, orgs } from '../../db/schema'
import { idParam, resolver } from '../../http/access'

export const event = resolver('event', '活动不存在', async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(events)
    .innerJoin(orgs, eq(orgs.id, events.orgId))
    .where(eq(events.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path } : null
})

export const registration = resolver('registration', '报名记录不存在', async (db, input) => {
  const [row] = await db
    .select({ userId: eventRegistrations.userId, path: orgs.path })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .innerJoin(orgs, eq(orgs.id, events.orgId))
    .where(eq(eventRegistrations.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})
