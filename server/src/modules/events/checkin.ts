/**
 * Check-in at the door: the member shows a code signed for their live session (checkin-code.ts, ~60 s), the
 * organiser or check-in staff scan it; a member without a phone is checked in by the organiser from the list
 * (ID checked at the door; audited). The event QR members scan themselves: checkin-qr.ts. Idempotent: a second
 * scan says when the member was checked in.
 */
import { and, desc, eq } from 'drizzle-orm'
import type * as s from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import type { Tx } from '../../db'
import { sessions } from '../../db/schema/core'
import { eventRegistrations, type EventRegistrationRow, type EventRow } from '../../db/schema/events'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse, type AppError } from '../../errors'
import { chinaTime } from '../../time'
import { memberDirectory, memberOf } from '../membership'
import { freshness, parseCheckinCode, signCheckinCode, signedForSession } from './checkin-code'
import type { EventsContext } from './context'
import { checkinOpensAtOf, statusOf } from './rules'
import { countsOf, managedEvent, ownRegistration, type EventWithOrg } from './store'
import { isComplete, teamMinOf } from './team-rules'

/** Why this registration cannot be checked in now (window, incomplete team, not confirmed), or null. */
export function checkinRefusal(e: EventRow, r: EventRegistrationRow, now: number): AppError | null {
  const opens = checkinOpensAtOf(e)
  if (now < opens) return refuse(EventReasons.CHECKIN_NOT_OPEN, { opensAt: chinaTime(opens) })
  if (now >= e.endsAt.getTime()) return refuse(EventReasons.CHECKIN_CLOSED)
  if (r.status === 'pending' && r.teamName !== null && !isComplete(e, r.teamSize)) {
    return refuse(EventReasons.TEAM_INCOMPLETE, { size: r.teamSize ?? 0, min: teamMinOf(e), action: '签到' })
  }
  if (r.status !== 'confirmed') return refuse(EventReasons.NOT_CONFIRMED, { status: r.status })
  return null
}

/**
 * The registration a door code was made for: signed here, for a live session of the registration's member, and
 * fresh (~60 s). Only a genuine code tells whether the registration belongs to another event. Check-in and the
 * volunteer check-out read the same code.
 */
export async function registrationOfDoorCode(tx: Tx, secret: string, eventId: number, rawCode: string, now: number): Promise<number> {
  const invalid = (why: 'not_a_code' | 'unknown' | 'logged_out') => {
    const message = EventReasons.EVENT_CHECKIN_CODE_INVALID.message({ why })
    return refuse(EventReasons.EVENT_CHECKIN_CODE_INVALID, { why }, { code: message })
  }
  const code = parseCheckinCode(rawCode)
  if (!code) throw invalid('not_a_code')
  const [owner] = await tx
    .select({ userId: eventRegistrations.userId, eventId: eventRegistrations.eventId })
    .from(eventRegistrations)
    .where(eq(eventRegistrations.id, code.registrationId))
  const candidates = owner
    ? await tx
        .select({ id: sessions.id, revokedAt: sessions.revokedAt, expiresAt: sessions.expiresAt })
        .from(sessions)
        .where(eq(sessions.userId, owner.userId))
        .orderBy(desc(sessions.createdAt))
        .limit(500)
    : []
  const session = candidates.find((c) => signedForSession(secret, code, c.id))
  if (!owner || !session) throw invalid('unknown')
  if (owner.eventId !== eventId) throw refuse(EventReasons.CHECKIN_CODE_OTHER_EVENT)
  if (session.revokedAt || session.expiresAt.getTime() <= now) throw invalid('logged_out')
  const fresh = freshness(code, now)
  if (fresh === 'expired') {
    throw refuse(EventReasons.EVENT_CHECKIN_CODE_EXPIRED, undefined, { code: EventReasons.EVENT_CHECKIN_CODE_EXPIRED.message() })
  }
  if (fresh === 'future') throw invalid('unknown')
  return code.registrationId
}

export function checkin({ deps }: EventsContext) {
  const secret = () => deps.config.sessionSecret

  async function checkInRegistration(tx: Tx, user: AuthUser, ev: EventWithOrg, registrationId: number, now: number): Promise<s.CheckinResult> {
    const [r] = await tx.select().from(eventRegistrations).where(eq(eventRegistrations.id, registrationId)).for('update')
    const m = await memberOf(tx, r.userId)
    let checkedInAt = r.checkedInAt
    const already = r.status === 'checked_in'
    if (!already) {
      const refusal = checkinRefusal(ev.e, r, now)
      if (refusal) throw refusal
      const [u] = await tx
        .update(eventRegistrations)
        .set({ status: 'checked_in', checkedInAt: new Date(now), checkedInBy: user.userId })
        .where(eq(eventRegistrations.id, r.id))
        .returning()
      checkedInAt = u.checkedInAt
    }
    const counts = await countsOf(tx, ev.e, now)
    return {
      registrationId: r.id,
      eventId: ev.e.id,
      name: m?.name ?? '',
      memberNo: m?.memberNo ?? '',
      teamName: r.teamName,
      checkedInAt: (checkedInAt ?? new Date(now)).toISOString(),
      alreadyCheckedIn: already,
      checkedInCount: counts.checkedIn,
    }
  }

  return {
    /** The code the member shows at the door, signed for this session; valid ~60 s. */
    async checkinCode(user: AuthUser, registrationId: number): Promise<s.CheckinCode> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const row = await ownRegistration(tx, user.userId, registrationId)
        const status = statusOf(row.r, row.e, now)
        // 志愿服务: the same code checks a volunteer out again, so it stays available between check-in and check-out.
        const awaitingCheckout = row.e.kind === 'volunteer' && status === 'checked_in' && row.r.checkedOutAt === null
        if ((status !== 'confirmed' && !awaitingCheckout) || (status === 'confirmed' && now >= row.e.endsAt.getTime())) {
          const teamForming = row.r.teamName !== null && !isComplete(row.e, row.r.teamSize)
          throw refuse(EventReasons.EVENT_CHECKIN_CODE_UNAVAILABLE, { status, teamForming })
        }
        const signed = signCheckinCode(secret(), registrationId, user.sessionId, now)
        return { code: signed.code, expiresAt: new Date(signed.expiresAt).toISOString(), serverTime: new Date(now).toISOString() }
      })
    },

    /**
     * Check-in by the code the member shows: signed here, for a live session of the registration's member, and
     * fresh (~60 s). Only a genuine code tells whether the registration belongs to another event.
     */
    async checkinByCode(user: AuthUser, eventId: number, rawCode: string): Promise<s.CheckinResult> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId, true)
        const registrationId = await registrationOfDoorCode(tx, secret(), eventId, rawCode, now)
        return checkInRegistration(tx, user, ev, registrationId, now)
      })
    },

    /** The organiser checks in a member who cannot show a code (ID checked at the door); audited. */
    async checkinManual(user: AuthUser, eventId: number, registrationId: number): Promise<s.CheckinResult> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId)
        const [r] = await tx
          .select({ id: eventRegistrations.id })
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, eventId)))
        if (!r) throw refuse(EventReasons.REGISTRATION_NOT_IN_EVENT)
        const result = await checkInRegistration(tx, user, ev, registrationId, now)
        if (!result.alreadyCheckedIn) {
          await audit(tx, {
            actorUserId: user.userId,
            action: 'events.checkin.manual',
            subjectType: 'event_registration',
            subjectId: registrationId,
            detail: { eventId },
          })
        }
        return result
      })
    },

    /** Live figures for the door: counts and the last 20 check-ins. */
    async checkinStats(user: AuthUser, eventId: number): Promise<s.CheckinStats> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId, true)
        const counts = await countsOf(tx, ev.e, now)
        const recent = await tx
          .select({ id: eventRegistrations.id, name: memberDirectory.name, at: eventRegistrations.checkedInAt })
          .from(eventRegistrations)
          .leftJoin(memberDirectory, eq(memberDirectory.userId, eventRegistrations.userId))
          .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.status, 'checked_in')))
          .orderBy(desc(eventRegistrations.checkedInAt), desc(eventRegistrations.id))
          .limit(20)
        return {
          eventId,
          counts,
          recent: recent.map((r) => ({ registrationId: r.id, name: r.name ?? '', checkedInAt: (r.at ?? new Date(now)).toISOString() })),
          serverTime: new Date(now).toISOString(),
        }
      })
    },
  }
}
