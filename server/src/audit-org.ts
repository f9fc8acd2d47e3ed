/**
 * Which union an audit row belongs to (issue 16, 审计日志): the viewer shows staff the rows of their union subtree,
 * so the writer decides the union once, in the INSERT itself (no extra round trip):
 *   1. the subject's union — the case, application, event, campaign, station … the action was about;
 *   2. else `detail.orgId` (a list export, an invitation, a limit: the union the act was for);
 *   3. else the acting staff member's highest post (a login, an export without a union) — the union they act for;
 *   4. else null: the platform's own rows (a member's own login or profile, a job's): seen by the root's admins only.
 * Subjects are read here by table, below the modules (like the schema index this file imports): adding a subject type
 * to `SUBJECT_ORGS` is what places its rows; an unknown type falls through to 2–4. Migration …_audit_scope placed the
 * rows written before this by the same rules.
 */
import { sql, type SQL } from 'drizzle-orm'
import {
  bookingServices,
  bookingSlots,
  bookings,
  eventRegistrations,
  events,
  legalCases,
  membershipApplications,
  membershipDepartures,
  memberships,
  merchants,
  moderationItems,
  orgs,
  reliefAidTypes,
  reliefApplications,
  reliefObjections,
  reliefRounds,
  staffInvitations,
  stationReports,
  stations,
  userRoles,
  voucherCampaigns,
  vouchers,
} from './db/schema'

type IdOf = (id: string) => SQL | null

/** A positive integer id as written in audit_log.subject_id, else null (nothing to look up). */
function intId(id: string): number | null {
  return /^[1-9]\d{0,9}$/.test(id) && Number(id) <= 2_147_483_647 ? Number(id) : null
}

const byInt =
  (query: (id: number) => SQL): IdOf =>
  (id) => {
    const n = intId(id)
    return n === null ? null : query(n)
  }

/** subject_type → the SELECT of its union's id. */
export const SUBJECT_ORGS: Record<string, IdOf> = {
  org: byInt((id) => sql`select ${orgs.id} from ${orgs} where ${orgs.id} = ${id}`),
  membership_application: byInt((id) => sql`select ${membershipApplications.orgId} from ${membershipApplications} where ${membershipApplications.id} = ${id}`),
  membership: byInt((id) => sql`select ${memberships.orgId} from ${memberships} where ${memberships.id} = ${id}`),
  membership_departure: byInt((id) => sql`select ${membershipDepartures.orgId} from ${membershipDepartures} where ${membershipDepartures.id} = ${id}`),
  relief_application: byInt((id) => sql`select ${reliefApplications.orgId} from ${reliefApplications} where ${reliefApplications.id} = ${id}`),
  relief_objection: byInt(
    (id) =>
      sql`select ${reliefApplications.orgId} from ${reliefObjections} join ${reliefApplications} on ${reliefApplications.id} = ${reliefObjections.applicationId} where ${reliefObjections.id} = ${id}`,
  ),
  relief_round: byInt((id) => sql`select ${reliefRounds.orgId} from ${reliefRounds} where ${reliefRounds.id} = ${id}`),
  relief_aid_type: (key) => sql`select ${reliefAidTypes.orgId} from ${reliefAidTypes} where ${reliefAidTypes.key} = ${key}`,
  event: byInt((id) => sql`select ${events.orgId} from ${events} where ${events.id} = ${id}`),
  event_registration: byInt(
    (id) => sql`select ${events.orgId} from ${eventRegistrations} join ${events} on ${events.id} = ${eventRegistrations.eventId} where ${eventRegistrations.id} = ${id}`,
  ),
  legal_case: byInt((id) => sql`select ${legalCases.orgId} from ${legalCases} where ${legalCases.id} = ${id}`),
  station: byInt((id) => sql`select ${stations.orgId} from ${stations} where ${stations.id} = ${id}`),
  station_report: byInt(
    (id) => sql`select ${stations.orgId} from ${stationReports} join ${stations} on ${stations.id} = ${stationReports.stationId} where ${stationReports.id} = ${id}`,
  ),
  staff_invitation: byInt((id) => sql`select ${staffInvitations.orgId} from ${staffInvitations} where ${staffInvitations.id} = ${id}`),
  booking_service: byInt((id) => sql`select ${bookingServices.orgId} from ${bookingServices} where ${bookingServices.id} = ${id}`),
  booking_slot: byInt(
    (id) => sql`select ${bookingServices.orgId} from ${bookingSlots} join ${bookingServices} on ${bookingServices.id} = ${bookingSlots.serviceId} where ${bookingSlots.id} = ${id}`,
  ),
  booking: byInt(
    (id) =>
      sql`select ${bookingServices.orgId} from ${bookings} join ${bookingSlots} on ${bookingSlots.id} = ${bookings.slotId} join ${bookingServices} on ${bookingServices.id} = ${bookingSlots.serviceId} where ${bookings.id} = ${id}`,
  ),
  merchant: byInt((id) => sql`select ${merchants.orgId} from ${merchants} where ${merchants.id} = ${id}`),
  moderation_item: byInt((id) => sql`select ${moderationItems.orgId} from ${moderationItems} where ${moderationItems.id} = ${id}`),
  voucher_campaign: byInt((id) => sql`select ${voucherCampaigns.orgId} from ${voucherCampaigns} where ${voucherCampaigns.id} = ${id}`),
  voucher: byInt(
    (id) => sql`select ${voucherCampaigns.orgId} from ${vouchers} join ${voucherCampaigns} on ${voucherCampaigns.id} = ${vouchers.campaignId} where ${vouchers.id} = ${id}`,
  ),
}

/** The acting staff member's highest post (shallowest path; ties by union id); members alone have none. */
function actorPost(userId: number): SQL {
  return sql`select ${userRoles.orgId} from ${userRoles} join ${orgs} on ${orgs.id} = ${userRoles.orgId} where ${userRoles.userId} = ${userId} and ${userRoles.role} <> 'member' order by length(${orgs.path}), ${orgs.id} limit 1`
}

/** The SQL expression of an audit row's union (see the file's comment for the order). */
export function auditOrgOf(entry: { actorUserId: number | null; subjectType?: string; subjectId?: string | number; detail?: Record<string, unknown> }): SQL {
  const parts: SQL[] = []
  const subject = entry.subjectType && entry.subjectId !== undefined ? SUBJECT_ORGS[entry.subjectType]?.(String(entry.subjectId)) : null
  if (subject) parts.push(sql`(${subject})`)
  const named = entry.detail?.orgId
  if (typeof named === 'number' && Number.isInteger(named) && named > 0) parts.push(sql`(select ${orgs.id} from ${orgs} where ${orgs.id} = ${named})`)
  if (entry.actorUserId !== null) parts.push(sql`(${actorPost(entry.actorUserId)})`)
  if (parts.length === 0) return sql`null::integer`
  return sql`coalesce(${sql.join(parts, sql`, `)})`
}
