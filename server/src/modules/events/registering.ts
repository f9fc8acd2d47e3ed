/**
 * Registering and cancelling (members). Capacity: one `event_seats` row per event (taken ≤ capacity is a CHECK).
 * Registering and cancelling first lock that row, so changes of one event are serialised in the database: never
 * more places than capacity, and the waitlist is in registration-id order (ids are taken after the lock). In
 * approval mode a pending registration holds a place. A freed place goes to the first waiter (waitlist.ts).
 *
 * Team entry: the captain's registration holds the team's place, with the captain alone in it and a first
 * invitation; team-mates join by invitation (team-invites.ts). An incomplete team is never confirmed.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type * as s from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import type { Tx } from '../../db'
import { eventRegistrations, eventSeats, eventTeamMembers, type EventRow } from '../../db/schema/events'
import { isUniqueViolation } from '../../db/unique'
import { inSubtree } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { chinaTime } from '../../time'
import { memberOf } from '../membership'
import { validateAnswers } from './answers'
import type { EventsContext } from './context'
import { eligibilityRefusal, windowRefusal } from './eligibility'
import { createInvite } from './invite-store'
import { noShowRefusal } from './no-show'
import { ACTIVE_STATUSES, LIVE_STATUSES, cancelUntilOf, statusOf } from './rules'
import { loadEvent, lockSeats, ownRegistration, visible } from './store'
import { activeTeamOf, closeTeam } from './team-store'
import { toRegistration } from './views'
import { fillFreedPlaces } from './waitlist'
import { pages } from '@contract/pages'
import { TEAM_NAME_HELD } from '@contract/moderation/labels'
import { checkText, recordText, SECURITY_SCENES, type TextVerdict } from '../moderation'

type RegisterBodyParsed = ReturnType<typeof s.RegisterBody.parse>

/** Team entry takes the team's name only: team-mates join by accepting invitations. */
function teamOfBody(e: EventRow, team: RegisterBodyParsed['team']): { name: string } | null {
  if (e.entryMode === 'individual') {
    if (team) throw refuse(EventReasons.TEAM_NOT_EXPECTED, undefined, { team: EventReasons.TEAM_NOT_EXPECTED.message() })
    return null
  }
  if (!team) throw refuse(EventReasons.TEAM_NAME_REQUIRED, undefined, { team: EventReasons.TEAM_NAME_REQUIRED.message() })
  return { name: team.name }
}

export function registering(ctx: EventsContext) {
  const { deps } = ctx

  async function registerTx(tx: Tx, user: AuthUser, eventId: number, body: RegisterBodyParsed, nameVerdict: TextVerdict | null): Promise<s.Registration> {
    const now = deps.now()
    const ev = await loadEvent(tx, eventId)
    const member = await memberOf(tx, user.userId)
    if (!ev) throw refuse(EventReasons.EVENT_NOT_FOUND)
    if (!member) {
      if (visible(user, ev, null)) throw refuse(EventReasons.NOT_MEMBER, { to: '报名' })
      throw refuse(EventReasons.EVENT_NOT_FOUND)
    }
    if (!inSubtree(ev.orgPath, member.orgPath)) throw refuse(EventReasons.EVENT_NOT_FOUND)
    const e = ev.e
    const refusal = eligibilityRefusal(e, member) ?? windowRefusal(e, now) ?? (await noShowRefusal(tx, ctx.noShow, user.userId, now))
    if (refusal) throw refusal

    const answers = await validateAnswers(tx, deps.files, user.userId, e.questions, body.answers)
    const team = teamOfBody(e, body.team)
    // A team name held for content review is not shown: the team is called TEAM_NAME_HELD until staff approve it.
    const held = team !== null && nameVerdict?.outcome === 'hold'
    if (team && (await activeTeamOf(tx, e.id, user.userId))) throw refuse(EventReasons.EVENT_TEAM_ALREADY, {})

    // From here on, this event's places are ours to change: lock the seat counter.
    const seats = await lockSeats(tx, e.id)
    const [active] = await tx
      .select({ id: eventRegistrations.id })
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.eventId, e.id), eq(eventRegistrations.userId, user.userId), inArray(eventRegistrations.status, [...ACTIVE_STATUSES])))
    if (active) throw refuse(EventReasons.ALREADY_REGISTERED)

    let status: 'pending' | 'confirmed' | 'waitlisted' = 'waitlisted'
    if (seats.taken < seats.capacity) {
      await tx.update(eventSeats).set({ taken: sql`${eventSeats.taken} + 1` }).where(eq(eventSeats.eventId, e.id))
      // A team starts with its captain alone: incomplete, so pending (组队中) whatever the approval mode.
      status = e.approvalMode === 'manual' || team ? 'pending' : 'confirmed'
    }
    const [row] = await tx
      .insert(eventRegistrations)
      .values({
        eventId: e.id,
        userId: user.userId,
        status,
        answers,
        teamName: team ? (held ? TEAM_NAME_HELD : team.name) : null,
        teamSize: team ? 1 : null,
        createdAt: new Date(now),
      })
      .returning()
    if (team) {
      await tx.insert(eventTeamMembers).values({ eventId: e.id, userId: user.userId, registrationId: row.id, captain: true, joinedAt: new Date(now) })
      await createInvite(tx, e, row.id, user.userId, now)
      if (held) {
        const subject = { kind: 'events.team_name' as const, subjectId: row.id, ownerUserId: user.userId, orgId: e.orgId, text: team.name, link: pages.events.team.url({ id: row.id }) }
        await recordText(tx, nameVerdict, subject, new Date(now))
      }
    }
    return toRegistration(tx, deps.files, row, ev, now)
  }

  return {
    /** An answer file (type sniffed by the route), unattached until a registration refers to it. */
    async upload(user: AuthUser, file: { mime: string; bytes: Uint8Array }): Promise<s.UploadedFile> {
      const row = await deps.files.save(deps.db, { ownerUserId: user.userId, kind: 'events.answer', mime: file.mime, bytes: file.bytes })
      return { id: row.id, mime: row.mime, size: row.size, url: deps.files.signedUrl(row.id) }
    },

    async register(user: AuthUser, eventId: number, body: RegisterBodyParsed): Promise<s.Registration> {
      // A team name others will see goes through content review before the transaction (risky → refused beside it).
      const nameVerdict = body.team ? await checkText(deps, { userId: user.userId, scene: SECURITY_SCENES.profile, text: body.team.name, field: 'team.name' }) : null
      try {
        return await deps.db.transaction((tx) => registerTx(tx, user, eventId, body, nameVerdict))
      } catch (err) {
        if (isUniqueViolation(err, 'event_team_members_unique')) throw refuse(EventReasons.EVENT_TEAM_ALREADY, {})
        if (isUniqueViolation(err, 'event_registrations_active_unique')) throw refuse(EventReasons.ALREADY_REGISTERED)
        throw err
      }
    },

    /** Until the cut-off; a freed place goes to the first waiter; a captain cancelling ends the team. */
    async cancel(user: AuthUser, registrationId: number): Promise<s.Registration> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const found = await ownRegistration(tx, user.userId, registrationId)
        await lockSeats(tx, found.e.id)
        const [r] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId)).for('update')
        const status = statusOf(r, found.e, now)
        if (!(LIVE_STATUSES as readonly string[]).includes(status)) throw refuse(EventReasons.NOT_CANCELLABLE, { status })
        if (now >= cancelUntilOf(found.e)) throw refuse(EventReasons.CANCEL_CUTOFF_PASSED, { until: chinaTime(cancelUntilOf(found.e)) })
        const [updated] = await tx
          .update(eventRegistrations)
          .set({ status: 'cancelled', cancelledAt: new Date(now) })
          .where(eq(eventRegistrations.id, r.id))
          .returning()
        await closeTeam(tx, r, found.e, now, '已被队长取消')
        if (r.status === 'pending' || r.status === 'confirmed') await fillFreedPlaces(tx, found.e, 1, now)
        return toRegistration(tx, deps.files, updated, found, now)
      })
    },
  }
}
