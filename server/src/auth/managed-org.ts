/** The union a new record goes to, checked the one way every capability checks it. */
import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../db'
import { orgs, type OrgRow } from '../db/schema/core'
import { authorize, type Permission } from './policy'
import type { AuthUser } from './sessions'

/**
 * The union `orgId` (a form's 主办工会 / 发放工会), when the caller holds `permission` there: `unknown()` when there
 * is no such union (each capability refuses in its own words, usually beside `orgId`), 403 when the caller may not.
 */
export async function orgToManage(db: DbOrTx, user: AuthUser, permission: Permission, orgId: number, unknown: () => Error): Promise<OrgRow> {
  const [org] = await db.select().from(orgs).where(eq(orgs.id, orgId))
  if (!org) throw unknown()
  authorize(user, permission, org.path)
  return org
}
