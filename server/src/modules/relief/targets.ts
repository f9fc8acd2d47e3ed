/** What relief's access rules are about (server/src/access.ts): an application's owner and union. */
import { eq } from 'drizzle-orm'
import { orgs, reliefApplications } from '../../db/schema'
import { idParam, resolver } from '../../http/access'

export const application = resolver('relief application', '申请不存在', async (db, input) => {
  const [row] = await db
    .select({ userId: reliefApplications.userId, path: orgs.path })
    .from(reliefApplications)
    .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
    .where(eq(reliefApplications.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})
