/**
 * Authorization, in one place.
 *
 * A user holds roles, each scoped to an org node; a role applies to that node and its whole
 * subtree (materialised path prefix: a grant at '/1/' covers '/1/4/9/'). Routes and services ask
 * by permission (named by capability), never by role.
 */
import { AppError } from '../errors'
import { ErrorCodes } from '@contract/errors'
import type { Role } from '@contract/auth/schemas'

export const PERMISSIONS = [
  // membership (入会)
  'membership.review',
  // e-member card check at venues and by reviewers (电子会员卡核验)
  'membership.verify_card',
  // merchant offers (工会卡优惠商户)
  'merchants.manage',
  // vouchers / campaigns (消费券、活动券)
  'vouchers.redeem',
  'campaigns.manage',
  // events (活动)
  'events.manage',
  'events.checkin',
  // relief (帮扶救助): 'relief.review' = 基层工会初审 in the subtree; 'relief.review_district' = 区总工会复核,
  // 公示 rounds and payout; 'relief.manage' = configure aid types. Relief-only delegations (relief_review_grants)
  // add review scopes without any other permission (see modules/relief/service.ts).
  'relief.review',
  'relief.review_district',
  'relief.manage',
  // services (服务阵地)
  'services.manage',
  // staff & org admin
  'staff.view',
  'staff.manage',
  'orgs.manage',
  'audit.view',
  // member benefits at the member's own union
  'member.benefits',
] as const
export type Permission = (typeof PERMISSIONS)[number]

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: ['member.benefits'],
  venue_staff: ['vouchers.redeem', 'events.checkin', 'membership.verify_card', 'staff.view'],
  reviewer: ['membership.review', 'membership.verify_card', 'relief.review', 'staff.view'],
  admin: PERMISSIONS.filter((p) => p !== 'member.benefits'),
}

export interface Grant {
  role: Role
  orgId: number
  /** Materialised path of the org, e.g. '/1/4/'. */
  orgPath: string
}

export interface Principal {
  userId: number
  grants: readonly Grant[]
}

/** Does `orgPath` lie in the subtree rooted at `scopePath` (inclusive)? */
export function inSubtree(scopePath: string, orgPath: string): boolean {
  return scopePath.length > 0 && orgPath.startsWith(scopePath)
}

export function roleGrants(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission)
}

/**
 * May `principal` exercise `permission` on the org at `orgPath`?
 * Without `orgPath`: does the principal hold the permission anywhere (e.g. to open a staff menu)?
 */
export function can(principal: Principal | null | undefined, permission: Permission, orgPath?: string): boolean {
  if (!principal) return false
  return principal.grants.some(
    (g) => roleGrants(g.role, permission) && (orgPath === undefined || inSubtree(g.orgPath, orgPath)),
  )
}

/** Throws 403 FORBIDDEN (or 401 without a principal) unless `can(...)`. */
export function authorize(principal: Principal | null | undefined, permission: Permission, orgPath?: string): void {
  if (!principal) throw new AppError(401, ErrorCodes.UNAUTHENTICATED, '请先登录')
  if (!can(principal, permission, orgPath)) {
    throw new AppError(403, ErrorCodes.FORBIDDEN, '没有权限执行此操作')
  }
}

/**
 * The subtree roots where `principal` holds `permission`, with nested roots removed
 * (for list queries: `WHERE path LIKE root || '%'` for each root).
 */
export function scopesFor(principal: Principal | null | undefined, permission: Permission): string[] {
  if (!principal) return []
  const roots = [...new Set(principal.grants.filter((g) => roleGrants(g.role, permission)).map((g) => g.orgPath))]
    .filter((p) => p.length > 0)
    .sort((a, b) => a.length - b.length)
  return roots.filter((p, i) => !roots.slice(0, i).some((r) => inSubtree(r, p)))
}
