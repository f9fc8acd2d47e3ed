/**
 * Registrations as the organiser sees them (the list and the roster): who registered — name, member number, union
 * and employment type from membership's published directory — answers, team members in full, scores.
 */
import { alias } from 'drizzle-orm/pg-core'
import { asc, eq, type SQL } from 'drizzle-orm'
import type { ManagedRegistration } from '@contract/events/schemas'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { eventRegistrations, type EventRow } from '../../db/schema/events'
import type { FileStore } from '../../files/store'
import { memberDirectory } from '../membership'
import { statusOf } from './rules'
import { waitlistPositions } from './store'
import { teamMembersOf } from './team-store'
import { answeredQuestions, teamOf } from './views'

const memberOrgs = alias(orgs, 'member_orgs')

/** Registrations matching `where` with their member's directory entry, in registration order. */
export async function registrationRows(tx: Tx, where: SQL | undefined, limit: number) {
  return tx
    .select({
      r: eventRegistrations,
      name: memberDirectory.name,
      memberNo: memberDirectory.memberNo,
      employmentType: memberDirectory.employmentType,
      orgName: memberOrgs.name,
    })
    .from(eventRegistrations)
    .leftJoin(memberDirectory, eq(memberDirectory.userId, eventRegistrations.userId))
    .leftJoin(memberOrgs, eq(memberOrgs.id, memberDirectory.orgId))
    .where(where)
    .orderBy(asc(eventRegistrations.id))
    .limit(limit)
}

export type RegistrationListRow = Awaited<ReturnType<typeof registrationRows>>[number]

export async function toManaged(tx: Tx, store: FileStore, e: EventRow, rows: RegistrationListRow[], now: number): Promise<ManagedRegistration[]> {
  const positions = await waitlistPositions(tx, rows.filter((x) => x.r.status === 'waitlisted').map((x) => x.r.id))
  const teams = await teamMembersOf(tx, rows.filter((x) => x.r.teamName !== null).map((x) => x.r.id))
  const out: ManagedRegistration[] = []
  for (const x of rows) {
    const r = x.r
    const team = r.teamName !== null ? teamOf(e, r, teams.get(r.id) ?? [], r.userId, true) : null
    out.push({
      id: r.id,
      status: statusOf(r, e, now),
      waitlistPosition: positions.get(r.id) ?? null,
      name: x.name ?? '',
      memberNo: x.memberNo ?? '',
      employmentType: x.employmentType ?? 'employee',
      orgName: x.orgName ?? '',
      answers: await answeredQuestions(tx, store, e, r.answers),
      team: team ? { ...team, members: (teams.get(r.id) ?? []).map((m) => ({ memberNo: m.memberNo, name: m.name, captain: m.captain })) } : null,
      rejectReason: r.rejectReason,
      createdAt: r.createdAt.toISOString(),
      decidedAt: r.decidedAt ? r.decidedAt.toISOString() : null,
      checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
      checkedOutAt: r.checkedOutAt ? r.checkedOutAt.toISOString() : null,
      minutes: r.checkedInAt && r.checkedOutAt ? Math.max(0, Math.floor((r.checkedOutAt.getTime() - r.checkedInAt.getTime()) / 60_000)) : null,
      score: r.score,
    })
  }
  return out
}
