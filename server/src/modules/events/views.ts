/**
 * Rows → what clients read: an event, a member's registration (answers with signed file links, team, result),
 * a team as members see it. Shared by the member views, registering, check-in and the team pages.
 */
import { eq, inArray } from 'drizzle-orm'
import type { AnsweredQuestion, AnswerFile, Event, EventCounts, EventSummary, MyTeam, Registration, Team } from '@contract/events/schemas'
import { isScoredKind } from '@contract/events/labels'
import type { Tx } from '../../db'
import { files } from '../../db/schema/core'
import { eventRegistrations, type EventAnswersRecord, type EventRegistrationRow, type EventRow } from '../../db/schema/events'
import type { FileStore } from '../../files/store'
import { rankingOf } from './ranking'
import { cancelUntilOf, checkinOpensAtOf, LIVE_STATUSES, maskName, phaseOf, statusOf } from './rules'
import { waitlistPositions, type EventWithOrg } from './store'
import { isComplete, teamMaxOf, teamMinOf } from './team-rules'
import { activeTeamOf, teamMembersOf, type TeamMemberRow } from './team-store'

export function toEvent(e: EventRow, orgName: string, counts: EventCounts, now: number): Event {
  return {
    id: e.id,
    kind: e.kind,
    title: e.title,
    description: e.description,
    orgId: e.orgId,
    orgName,
    startsAt: e.startsAt.toISOString(),
    endsAt: e.endsAt.toISOString(),
    place: e.place,
    capacity: e.capacity,
    registrationOpensAt: e.registrationOpensAt.toISOString(),
    registrationClosesAt: e.registrationClosesAt.toISOString(),
    eligibleEmploymentTypes: (e.eligibleEmploymentTypes as Event['eligibleEmploymentTypes']) ?? null,
    eligibleIndustries: (e.eligibleIndustries as Event['eligibleIndustries']) ?? null,
    entryMode: e.entryMode,
    teamMinSize: e.teamMinSize,
    teamMaxSize: e.teamMaxSize,
    approvalMode: e.approvalMode,
    cancelCutoffHours: e.cancelCutoffHours,
    cancelUntil: new Date(cancelUntilOf(e)).toISOString(),
    checkinOpensMinutes: e.checkinOpensMinutes,
    checkinOpensAt: new Date(checkinOpensAtOf(e)).toISOString(),
    scored: isScoredKind(e.kind),
    scoreUnit: e.scoreUnit,
    higherScoreWins: e.higherScoreWins,
    questions: e.questions,
    counts,
    placesLeft: Math.max(0, e.capacity - counts.taken),
    phase: phaseOf(e, now),
  }
}

/** The event in brief, as its registrations, teams and invitations name it. */
export function eventSummaryOf(e: EventRow, orgName: string): EventSummary {
  return { title: e.title, kind: e.kind, orgName, startsAt: e.startsAt.toISOString(), endsAt: e.endsAt.toISOString(), place: e.place }
}

/** The event's questions with the registrant's answers; file answers with short-lived signed links. */
export async function answeredQuestions(tx: Tx, store: FileStore, e: EventRow, answers: EventAnswersRecord): Promise<AnsweredQuestion[]> {
  const fileIds = e.questions.filter((q) => q.type === 'file').flatMap((q) => (Array.isArray(answers[q.id]) ? (answers[q.id] as string[]) : []))
  const fileRows = fileIds.length
    ? await tx.select({ id: files.id, mime: files.mime, size: files.size }).from(files).where(inArray(files.id, fileIds))
    : []
  const byId = new Map(fileRows.map((f) => [f.id, f]))
  return e.questions.map((q) => {
    const value = answers[q.id] ?? null
    const fs: AnswerFile[] =
      q.type === 'file' && Array.isArray(value)
        ? value
            .map((id) => byId.get(id))
            .filter((f): f is NonNullable<typeof f> => f !== undefined)
            .map((f) => ({ id: f.id, mime: f.mime, size: f.size, url: store.signedUrl(f.id) }))
        : []
    return { questionId: q.id, label: q.label, type: q.type, value, files: fs }
  })
}

/** A member's own registration as they read it. */
export async function toRegistration(tx: Tx, store: FileStore, r: EventRegistrationRow, ev: EventWithOrg, now: number): Promise<Registration> {
  const e = ev.e
  const status = statusOf(r, e, now)
  const position = status === 'waitlisted' ? ((await waitlistPositions(tx, [r.id])).get(r.id) ?? null) : null
  let result: Registration['result'] = null
  if (isScoredKind(e.kind) && r.score !== null && (r.status === 'confirmed' || r.status === 'checked_in')) {
    const ranking = await rankingOf(tx, e, r.userId, false)
    const mine = ranking.items.find((x) => x.registrationId === r.id)
    if (mine) result = { score: mine.score, rank: mine.rank, of: ranking.items.length }
  }
  const cancelUntil = cancelUntilOf(e)
  return {
    id: r.id,
    eventId: e.id,
    event: {
      ...eventSummaryOf(e, ev.orgName),
      scored: isScoredKind(e.kind),
      scoreUnit: e.scoreUnit,
      phase: phaseOf(e, now),
      checkinOpensAt: new Date(checkinOpensAtOf(e)).toISOString(),
    },
    status,
    waitlistPosition: position,
    answers: await answeredQuestions(tx, store, e, r.answers),
    team: r.teamName !== null ? teamOf(e, r, (await teamMembersOf(tx, [r.id])).get(r.id) ?? [], r.userId, true) : null,
    rejectReason: r.rejectReason,
    createdAt: r.createdAt.toISOString(),
    checkedInAt: r.checkedInAt ? r.checkedInAt.toISOString() : null,
    canCancel: (LIVE_STATUSES as readonly string[]).includes(status) && now < cancelUntil,
    cancelUntil: new Date(cancelUntil).toISOString(),
    result,
  }
}

/**
 * A team as members see it: the captain (and the organiser) get full names of accepted members, a team-mate
 * gets them masked except their own. Never member numbers.
 */
export function teamOf(e: EventRow, r: EventRegistrationRow, members: TeamMemberRow[], viewerId: number, fullNames: boolean): Team {
  return {
    name: r.teamName ?? '',
    size: r.teamSize ?? members.length,
    minSize: teamMinOf(e),
    maxSize: teamMaxOf(e),
    complete: isComplete(e, r.teamSize),
    members: members.map((m) => ({
      id: m.id,
      name: fullNames || m.userId === viewerId ? m.name : maskName(m.name),
      captain: m.captain,
      me: m.userId === viewerId,
      joinedAt: m.joinedAt.toISOString(),
    })),
  }
}

/** The team the user joined as a team-mate (not as captain) for this event, if any. */
export async function myTeamOf(tx: Tx, e: EventRow, userId: number, now: number): Promise<MyTeam | null> {
  const t = await activeTeamOf(tx, e.id, userId)
  if (!t || t.captain) return null
  const [r] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, t.registrationId))
  if (!r) return null
  return { registrationId: r.id, name: r.teamName ?? '', status: statusOf(r, e, now), complete: isComplete(e, r.teamSize) }
}
