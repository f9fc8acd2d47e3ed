/**
 * 入会 and the member card — the public face: what other modules may use. They never read membership's tables.
 */
export { MembershipService } from './service'
export { membershipRoutes } from './routes'
export { memberOf, membersOf, memberByNo, type Member } from './members'
export { membershipApplicationItems } from './applications'
export * as membershipTargets from './targets'
export { nextMemberNo } from './service'
export { memberDirectory } from '../../db/schema/membership'
