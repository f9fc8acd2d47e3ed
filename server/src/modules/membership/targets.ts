/** What membership's access rules are about (server/src/access.ts): a joining application's union. */
import { eq } from 'drizzle-orm'
import { orgs } from '../../db/schema/core'
import { membershipApplications } from '../../db/schema/membership'
import { MembershipReasons } from '@contract/membership/reasons'
import { idParam, resolver } from '../../http/access'

export const application = resolver('joining application', MembershipReasons.APPLICATION_NOT_FOUND.message(), async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path, userId: membershipApplications.userId })
    .from(membershipApplications)
    .innerJoin(orgs, eq(orgs.id, membershipApplications.orgId))
    .where(eq(membershipApplications.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})
