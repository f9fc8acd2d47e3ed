/**
 * The staff roles held in an admin's subtrees (cursor-paged) and revoking one, with a reason. A revoked role stops
 * working at the holder's next request: the session reads the user's grants from `user_roles` on every request.
 */
import { and, asc, eq, like, ne, or, sql } from 'drizzle-orm'
import type { RevokeRoleInput, RoleList } from '@contract/staff/schemas'
import { STAFF_ROLE_LABELS, type StaffRole } from '@contract/staff/labels'
import { StaffReasons } from '@contract/staff/reasons'
import { orgs, userRoles, users } from '../../db/schema/core'
import { audit } from '../../audit'
import { grantVerdict, inSubtree, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import type { AppDeps } from '../../http/deps'
import { refuse } from '../../errors'
import { decodeCursor, pageOf } from '../../db/paging'
import { assertMayGrant, orgOf } from './rules'
import { bindingNames, stationRefsOf, venueRefs } from './views'

export class RoleService {
  constructor(private readonly deps: AppDeps) {}

  /** Staff roles (not memberships) at the unions of the caller's subtrees, by union, then holder. */
  async list(user: AuthUser, query: { cursor?: string; limit: number; role?: StaffRole; orgId?: number }): Promise<RoleList> {
    const after = decodeCursor(query.cursor, ['number', 'number', 'string'] as const)
    const scopes = scopesFor(user, 'staff.manage')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const { db } = this.deps
    // a union filter: that union's subtree, only inside the caller's own
    let within = scopes
    if (query.orgId !== undefined) {
      const org = await orgOf(db, query.orgId)
      if (!scopes.some((s) => inSubtree(s, org.path))) throw refuse(StaffReasons.STAFF_OUTSIDE_SUBTREE)
      within = [org.path]
    }
    const rows = await db
      .select({ r: userRoles, orgName: orgs.name, orgPath: orgs.path, nickname: users.nickname })
      .from(userRoles)
      .innerJoin(orgs, eq(orgs.id, userRoles.orgId))
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(
        and(
          or(...within.map((p) => like(orgs.path, `${p}%`))),
          query.role ? eq(userRoles.role, query.role) : ne(userRoles.role, 'member'),
          after ? sql`(${userRoles.orgId}, ${userRoles.userId}, ${userRoles.role}) > (${after[0]}::integer, ${after[1]}::integer, ${after[2]}::text)` : undefined,
        ),
      )
      .orderBy(asc(userRoles.orgId), asc(userRoles.userId), asc(userRoles.role))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (x) => [x.r.orgId, x.r.userId, x.r.role])
    const names = await bindingNames(db, page.map((x) => x.r.bindings))
    return {
      items: page.map((x) => {
        const role = x.r.role as StaffRole
        return {
          userId: x.r.userId,
          nickname: x.nickname,
          role,
          roleLabel: STAFF_ROLE_LABELS[role],
          orgId: x.r.orgId,
          orgName: x.orgName,
          venues: venueRefs(x.r.bindings.venues, names.venues),
          stations: stationRefsOf(x.r.bindings.stations, names.stations),
          since: x.r.createdAt.toISOString(),
          canRevoke: grantVerdict(user, role, x.orgPath) === 'ok' && !(role === 'admin' && x.r.userId === user.userId),
        }
      }),
      nextCursor,
    }
  }

  async revoke(user: AuthUser, input: RevokeRoleInput): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      if (input.role === 'admin' && input.userId === user.userId) throw refuse(StaffReasons.STAFF_OWN_ADMIN)
      const org = await orgOf(tx, input.orgId)
      assertMayGrant(user, input.role, org.path)
      const [gone] = await tx
        .delete(userRoles)
        .where(and(eq(userRoles.userId, input.userId), eq(userRoles.orgId, org.id), eq(userRoles.role, input.role)))
        .returning({ bindings: userRoles.bindings })
      if (!gone) throw refuse(StaffReasons.STAFF_ROLE_NOT_FOUND)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'staff.role.revoke',
        subjectType: 'user',
        subjectId: input.userId,
        detail: { role: input.role, orgId: org.id, bindings: gone.bindings, reason: input.reason },
      })
    })
  }
}
