/** Target resolvers over the union tree itself (an org named in the body or query), for the access table. */
import { eq } from 'drizzle-orm'
import { orgs } from '../db/schema'
import { resolver, type TargetResolver } from '../http/access'

/** The org whose id the validated body carries in `field` (e.g. a new campaign's `orgId`). Unknown id → 404. */
export function orgInBody(field: string): TargetResolver {
  return resolver(`body.${field}`, '工会不存在', async (db, input) => {
    const id = (input.body as Record<string, unknown> | undefined)?.[field]
    if (typeof id !== 'number') return null
    const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)).limit(1)
    return row ? { orgPath: row.path } : null
  })
}

/** The org whose id the path carries in `param` (e.g. `/api/relief/type-limits/:orgId`). Unknown id → 404. */
export function orgInParams(param: string): TargetResolver {
  return resolver(`params.${param}`, '工会不存在', async (db, input) => {
    const id = (input.params as Record<string, unknown>)[param]
    if (typeof id !== 'number') return null
    const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)).limit(1)
    return row ? { orgPath: row.path } : null
  })
}

/** The org whose id the validated query carries in `field` (e.g. `?orgId=`). Unknown id → 404. */
export function orgInQuery(field: string): TargetResolver {
  return resolver(`query.${field}`, '工会不存在', async (db, input) => {
    const id = (input.query as Record<string, unknown> | undefined)?.[field]
    if (typeof id !== 'number') return null
    const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)).limit(1)
    return row ? { orgPath: row.path } : null
  })
}
