/** What membership's access rules are about (server/src/access.ts): a joining application's union. */
import { eq } from 'drizzle-orm'
import { orgs } from '../../db/schema/core'
import { membershipApplications } from '../../db/schema/membership'
import { MembershipReasons } from '@contract/membership/reasons'
import { idParam, resolver } from '../../http/access'
import { RosterReasons } from '@contract/roster/reasons'
import { scopesFor } from '../../auth/policy'
import { refuse } from '../../errors'

export const application = resolver('joining application', MembershipReasons.APPLICATION_NOT_FOUND.message(), async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path, userId: membershipApplications.userId })
    .from(membershipApplications)
    .innerJoin(orgs, eq(orgs.id, membershipApplications.orgId))
    .where(eq(membershipApplications.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})

/**
 * A roster file's union (query.orgId), refused by name outside the admin's subtree; without one, the admin's first
 * import post (each row's union is then placed inside the subtree by the service).
 */
export const rosterUnion = resolver('union (query.orgId, else the caller’s first import post)', '工会不存在', async (db, input) => {
  const id = (input.query as { orgId?: number } | undefined)?.orgId
  if (id === undefined) {
    const [first] = scopesFor(input.user, 'membership.import')
    return first ? { orgPath: first } : null
  }
  const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)).limit(1)
  return row ? { orgPath: row.path, refusal: () => refuse(RosterReasons.ROSTER_UNION_OUTSIDE) } : null
})
