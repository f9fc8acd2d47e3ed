/**
 * What union access rules are about (server/src/access.ts): the union the path names. Outside the caller's
 * subtrees: 403 UNION_OUTSIDE_SUBTREE (whether it may be moved or closed is the service's: rules.ts).
 */
import { eq } from 'drizzle-orm'
import { UnionReasons } from '@contract/unions/reasons'
import { orgs } from '../../db/schema/core'
import { idParam, resolver } from '../../http/access'
import { refuse } from '../../errors'

export const union = resolver('union', UnionReasons.UNION_NOT_FOUND, async (db, input) => {
  const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, idParam(input))).limit(1)
  return row ? { orgPath: row.path, refusal: () => refuse(UnionReasons.UNION_OUTSIDE_SUBTREE) } : null
})

/** The union a new one is created under (`body.parentId`). */
export const parent = resolver('parent union', UnionReasons.UNION_PARENT_UNKNOWN, async (db, input) => {
  const id = (input.body as { parentId?: unknown } | undefined)?.parentId
  if (typeof id !== 'number') return null
  const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)).limit(1)
  return row ? { orgPath: row.path, refusal: () => refuse(UnionReasons.UNION_OUTSIDE_SUBTREE) } : null
})
