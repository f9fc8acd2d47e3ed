/** What the gate reads to place an audit-log request: the union named by `orgId`, else the caller's first post. */
import { eq } from 'drizzle-orm'
import { scopesFor } from '../../auth/policy'
import { orgs } from '../../db/schema/core'
import { resolver } from '../../http/access'

export const union = resolver('union (query.orgId, else the caller’s first post)', '工会不存在', async (db, input) => {
  const id = (input.query as { orgId?: number } | undefined)?.orgId
  if (id === undefined) {
    const [first] = scopesFor(input.user, 'audit.view')
    return first ? { orgPath: first } : null
  }
  const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)).limit(1)
  return row ? { orgPath: row.path } : null
})
