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
  // 会员实名制台账 import (admins)
  'membership.import',
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
  // legal aid (法律援助): take, answer, schedule and close the consultations of the subtree
  'legal.handle',
  // services (服务阵地)
  'services.manage',
  // 爱心驿站: keep a station (live status, problem reports); manage the stations of a subtree
  'stations.keep',
  'stations.manage',
  // 内容审核: decide the user content held for review (reports, team names, nicknames, images) of a subtree
  'content.moderate',
  // staff & org admin
  'staff.view',
  'staff.manage',
  'orgs.manage',
  'audit.view',
  // 扫码登录: log the office console in (every staff role; not a member alone)
  'console.login',
  // 数据看板 (office console): the aggregate figures of a subtree (admins)
  'dashboard.view',
  // member benefits at the member's own union
  'member.benefits',
] as const
export type Permission = (typeof PERMISSIONS)[number]

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: ['member.benefits'],
  venue_staff: ['vouchers.redeem', 'events.checkin', 'membership.verify_card', 'staff.view', 'console.login'],
  reviewer: ['membership.review', 'membership.verify_card', 'relief.review', 'staff.view', 'console.login'],
  legal_staff: ['legal.handle', 'staff.view', 'console.login'],
  admin: PERMISSIONS.filter((p) => p !== 'member.benefits'),
  station_keeper: ['stations.keep', 'console.login'],
}

/**
 * What a grant is tied to beyond its org subtree (design-roles.md): a venue_staff grant acts only at the venues it
 * names (ids of the `venues` registry); a station keeper only at its stations. Absent = none.
 */
export interface GrantBindings {
  venues?: number[]
  stations?: number[]
}

export interface Grant {
  role: Role
  orgId: number
  /** Materialised path of the org, e.g. '/1/4/'. */
  orgPath: string
  bindings?: GrantBindings
}

/** What a permission is exercised on: the target's org, and where it matters its venue or the level it needs. */
export interface Target {
  /** Materialised path of the target's org (the union that owns the campaign, event, application …). */
  orgPath: string
  /**
   * The venue where the act happens (redeeming a voucher, checking a card). Permissions in VENUE_BOUND held
   * through a role in VENUE_BOUND_ROLES need the venue among the grant's bindings; without `venueId` they are denied.
   */
  venueId?: number
  /** The station acted on: permissions in STATION_BOUND held through a role in STATION_BOUND_ROLES need it bound. */
  stationId?: number
  /**
   * The deepest level (1 = the root of the tree, 2 = its children …) at which a grant may exercise a permission
   * in LEVEL_BOUND: a street-level admin (level 2) cannot act where the district (level 1) is required.
   * Without `maxLevel` a LEVEL_BOUND permission is denied.
   */
  maxLevel?: number
}

/**
 * Permissions that belong to a level of the tree (relief 复核 / 公示 / 发放): the grant must be held at an org of
 * that level or above, not merely somewhere above the target.
 */
export const LEVEL_BOUND: readonly Permission[] = ['relief.review_district']

/** Permissions that a venue-bound role exercises only at its bound venues. */
export const VENUE_BOUND: readonly Permission[] = ['vouchers.redeem']
export const VENUE_BOUND_ROLES: readonly Role[] = ['venue_staff']

/** Permissions that a station-bound role exercises only at its bound stations (an admin keeps any in the subtree). */
export const STATION_BOUND: readonly Permission[] = ['stations.keep']
export const STATION_BOUND_ROLES: readonly Role[] = ['station_keeper']

/** Level of an org from its path: '/1/' → 1 (the root), '/1/4/' → 2, '/1/4/9/' → 3. */
export function levelOf(orgPath: string): number {
  return orgPath.split('/').filter(Boolean).length
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
export function can(principal: Principal | null | undefined, permission: Permission, target?: string | Target): boolean {
  if (!principal) return false
  return principal.grants.some((g) => grantCovers(g, permission, target))
}

/** Does this one grant allow `permission` on `target` (anywhere, without a target)? */
export function grantCovers(g: Grant, permission: Permission, target?: string | Target): boolean {
  if (!roleGrants(g.role, permission)) return false
  if (target === undefined) return true
  const t: Target = typeof target === 'string' ? { orgPath: target } : target
  if (!inSubtree(g.orgPath, t.orgPath)) return false
  if (LEVEL_BOUND.includes(permission) && (t.maxLevel === undefined || levelOf(g.orgPath) > t.maxLevel)) return false
  if (VENUE_BOUND.includes(permission) && VENUE_BOUND_ROLES.includes(g.role)) {
    if (t.venueId === undefined || !(g.bindings?.venues ?? []).includes(t.venueId)) return false
  }
  if (STATION_BOUND.includes(permission) && STATION_BOUND_ROLES.includes(g.role)) {
    if (t.stationId === undefined || !(g.bindings?.stations ?? []).includes(t.stationId)) return false
  }
  return true
}

/** Throws 403 FORBIDDEN (or 401 without a principal) unless `can(...)`. */
export function authorize(principal: Principal | null | undefined, permission: Permission, target?: string | Target): void {
  if (!principal) throw new AppError(401, ErrorCodes.UNAUTHENTICATED, '请先登录')
  if (!can(principal, permission, target)) {
    throw new AppError(403, ErrorCodes.FORBIDDEN, '没有权限执行此操作')
  }
}

/** The venues where `principal` may exercise a venue-bound `permission` at `orgPath`: 'any' for unbound grants. */
export function venuesFor(principal: Principal | null | undefined, permission: Permission, orgPath: string): 'any' | number[] {
  if (!principal) return []
  const ids = new Set<number>()
  for (const g of principal.grants) {
    if (!roleGrants(g.role, permission) || !inSubtree(g.orgPath, orgPath)) continue
    if (!VENUE_BOUND.includes(permission) || !VENUE_BOUND_ROLES.includes(g.role)) return 'any'
    for (const v of g.bindings?.venues ?? []) ids.add(v)
  }
  return [...ids]
}

/**
 * The subtree roots where `principal` holds `permission`, with nested roots removed
 * (for list queries: `WHERE path LIKE root || '%'` for each root).
 */
export function scopesFor(
  principal: Principal | null | undefined,
  permission: Permission,
  options: { maxLevel?: number } = {},
): string[] {
  if (!principal) return []
  const held = principal.grants.filter(
    (g) =>
      roleGrants(g.role, permission) &&
      (!LEVEL_BOUND.includes(permission) || (options.maxLevel !== undefined && levelOf(g.orgPath) <= options.maxLevel)),
  )
  const roots = [...new Set(held.map((g) => g.orgPath))]
    .filter((p) => p.length > 0)
    .sort((a, b) => a.length - b.length)
  return roots.filter((p, i) => !roots.slice(0, i).some((r) => inSubtree(r, p)))
}

/**
 * May `principal` grant or revoke `role` at the org at `orgPath` (design-roles.md)? Any role at an org of a subtree
 * where they hold `staff.manage`, except an admin role at that subtree's own root or above: an admin role is granted
 * and revoked only from strictly above. 'outside' = no such subtree; 'admin_not_below' = only at or above their post.
 */
export function grantVerdict(principal: Principal | null | undefined, role: Role, orgPath: string): 'ok' | 'outside' | 'admin_not_below' {
  const posts = (principal?.grants ?? []).filter((g) => grantCovers(g, 'staff.manage', orgPath))
  if (posts.length === 0) return 'outside'
  if (role === 'admin' && !posts.some((g) => g.orgPath !== orgPath)) return 'admin_not_below'
  return 'ok'
}
