/**
 * What staff access rules are about (server/src/access.ts): the union a role is (to be) held at, and an invitation's
 * union. Outside the caller's subtrees: 403 STAFF_OUTSIDE_SUBTREE (the admin-level rule is the service's).
 */
import { eq } from 'drizzle-orm'
import { StaffReasons } from '@contract/staff/reasons'
import { orgs } from '../../db/schema/core'
import { staffInvitations } from '../../db/schema/staff'
import { idParam, resolver } from '../../http/access'
import { refuse } from '../../errors'

const outside = () => refuse(StaffReasons.STAFF_OUTSIDE_SUBTREE)

/** The union named by the body's `orgId` (a new invitation, a role to revoke). */
export const grantOrg = resolver('union of the role', StaffReasons.STAFF_ORG_UNKNOWN.message(), async (db, input) => {
  const id = (input.body as { orgId?: unknown } | undefined)?.orgId
  if (typeof id !== 'number') return null
  const [row] = await db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, id)).limit(1)
  return row ? { orgPath: row.path, refusal: outside } : null
})

export const invitation = resolver('staff invitation', StaffReasons.STAFF_INVITATION_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(staffInvitations)
    .innerJoin(orgs, eq(orgs.id, staffInvitations.orgId))
    .where(eq(staffInvitations.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, refusal: outside } : null
})
