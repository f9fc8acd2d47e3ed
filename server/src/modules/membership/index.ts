/**
 * 入会 and the member card — the public face: what other modules and the app shell may use. Other modules never
 * read membership's tables: who is a member through memberOf / membersOf / memberByNo, or JOIN memberDirectory.
 */
export { membershipServices, type MembershipServices } from './services'
export { membershipRoutes } from './routes'
export { memberOf, membersOf, memberByNo, subtreeMemberIds, unionOccupancy, type Member, type UnionOccupancy } from './members'
export { membershipApplicationItems, membershipApplicationsFromJson, membershipApplicationsJson } from './applications'
export * as membershipTargets from './targets'
export { nextMemberNo } from './member-numbers'
export { memberDirectory } from '../../db/schema/membership'
export { membershipPersonalData, membershipRetention } from './personal-data'
export { memberOnFile, correctMembership, type MemberOnFile } from './corrections'
export { completeDueDepartures, departureOf, toDepartureView } from './departures'
export * as departureTargets from './departure-targets'
export { memberFigures, joiningFigures } from './dashboard'
export { memberIdNumbers } from './id-numbers'
