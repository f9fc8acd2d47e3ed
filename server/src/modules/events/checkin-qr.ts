/**
 * Self check-in by the event QR: the organiser's page shows a token that changes every minute; the current and the
 * previous one are accepted, so a token (and a forwarded screenshot of the QR) works for 1–2 minutes. The
 * organiser's page fetches a new one every 30 s. Members scan it and are checked in if their registration allows.
 */
import { createHmac, timingSafeEqual } from 'node:crypto'
import { and, eq, inArray } from 'drizzle-orm'
import type * as s from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import { eventRegistrations } from '../../db/schema/events'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { checkinRefusal } from './checkin'
import type { EventsContext } from './context'
import { ACTIVE_STATUSES, MIN, checkinOpensAtOf } from './rules'
import { loadEvent, managedEvent } from './store'
import { toRegistration } from './views'

const QR_SLOT_MS = MIN

export function checkinQr({ deps }: EventsContext) {
  const qrToken = (eventId: number, slot: number): string => {
    const sig = createHmac('sha256', deps.config.sessionSecret).update(`event-checkin:${eventId}:${slot}`).digest('base64url').slice(0, 22)
    return `${eventId}.${slot}.${sig}`
  }

  /** The event id of a valid current (or previous-slot) token, else null. */
  const verifyQrToken = (token: string, now: number): number | null => {
    const m = /^(\d{1,9})\.(\d{1,12})\.([A-Za-z0-9_-]{22})$/.exec(token.trim())
    if (!m) return null
    const eventId = Number(m[1])
    const slot = Number(m[2])
    const current = Math.floor(now / QR_SLOT_MS)
    if (slot !== current && slot !== current - 1) return null
    const expected = Buffer.from(qrToken(eventId, slot))
    const given = Buffer.from(token.trim())
    return expected.length === given.length && timingSafeEqual(expected, given) ? eventId : null
  }

  return {
    /** The organiser's (or check-in staff's) current QR token. */
    async checkinToken(user: AuthUser, eventId: number): Promise<s.EventQrToken> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId, true)
        const slot = Math.floor(now / QR_SLOT_MS)
        return {
          token: qrToken(eventId, slot),
          expiresAt: new Date((slot + 2) * QR_SLOT_MS).toISOString(),
          checkinOpensAt: new Date(checkinOpensAtOf(ev.e)).toISOString(),
        }
      })
    },

    /** A member checks themselves in by scanning the event QR; idempotent. */
    async checkinByToken(user: AuthUser, token: string): Promise<s.Registration> {
      const now = deps.now()
      const eventId = verifyQrToken(token, now)
      if (eventId === null) throw refuse(EventReasons.CHECKIN_QR_INVALID, undefined, { token: EventReasons.CHECKIN_QR_INVALID.message() })
      return deps.db.transaction(async (tx) => {
        const ev = await loadEvent(tx, eventId)
        if (!ev) throw refuse(EventReasons.EVENT_NOT_FOUND)
        const [r] = await tx
          .select()
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.eventId, eventId), eq(eventRegistrations.userId, user.userId), inArray(eventRegistrations.status, [...ACTIVE_STATUSES])))
          .for('update')
        if (!r) throw refuse(EventReasons.NOT_REGISTERED, { title: ev.e.title })
        if (r.status === 'checked_in') return toRegistration(tx, deps.files, r, ev, now)
        const refusal = checkinRefusal(ev.e, r, now)
        if (refusal) throw refusal
        const [updated] = await tx
          .update(eventRegistrations)
          .set({ status: 'checked_in', checkedInAt: new Date(now), checkedInBy: user.userId })
          .where(eq(eventRegistrations.id, r.id))
          .returning()
        return toRegistration(tx, deps.files, updated, ev, now)
      })
    },
  }
}
