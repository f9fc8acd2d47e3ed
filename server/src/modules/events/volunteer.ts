/**
 * 志愿服务: volunteer activities are events of kind 'volunteer'. Check-in is as for any event (checkin.ts); the
 * check-out — by the same door code, or from the list by the organiser or check-in staff — records when the
 * volunteer left, and the hours are check-in → check-out, summed per member on 我的.
 */
import { and, desc, eq, isNotNull, sql } from 'drizzle-orm'
import type * as s from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { eventRegistrations, events } from '../../db/schema/events'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { decodeCursor, pageOf } from '../../db/paging'
import { refuse } from '../../errors'
import { memberOf } from '../membership'
import { registrationOfDoorCode } from './checkin'
import type { EventsContext } from './context'
import { managedEvent, type EventWithOrg } from './store'

const minutesBetween = (from: Date, to: Date): number => Math.max(0, Math.floor((to.getTime() - from.getTime()) / 60_000))

export function volunteer({ deps }: EventsContext) {
  async function checkOut(tx: Tx, user: AuthUser, ev: EventWithOrg, registrationId: number, now: number): Promise<s.CheckoutResult> {
    if (ev.e.kind !== 'volunteer') throw refuse(EventReasons.CHECKOUT_NOT_VOLUNTEER)
    const [r] = await tx
      .select()
      .from(eventRegistrations)
      .where(and(eq(eventRegistrations.id, registrationId), eq(eventRegistrations.eventId, ev.e.id)))
      .for('update')
    if (!r) throw refuse(EventReasons.REGISTRATION_NOT_IN_EVENT)
    if (r.status !== 'checked_in' || !r.checkedInAt) throw refuse(EventReasons.CHECKOUT_NOT_CHECKED_IN)
    const already = r.checkedOutAt !== null
    let out = r.checkedOutAt ?? new Date(now)
    if (!already) {
      const [u] = await tx
        .update(eventRegistrations)
        .set({ checkedOutAt: out, checkedOutBy: user.userId })
        .where(eq(eventRegistrations.id, r.id))
        .returning()
      out = u.checkedOutAt!
      await audit(tx, { actorUserId: user.userId, action: 'events.checkout', subjectType: 'event_registration', subjectId: r.id, detail: { eventId: ev.e.id } })
    }
    const m = await memberOf(tx, r.userId)
    return {
      registrationId: r.id,
      eventId: ev.e.id,
      name: m?.name ?? '',
      memberNo: m?.memberNo ?? '',
      checkedInAt: r.checkedInAt.toISOString(),
      checkedOutAt: out.toISOString(),
      minutes: minutesBetween(r.checkedInAt, out),
      alreadyCheckedOut: already,
    }
  }

  return {
    async checkoutByCode(user: AuthUser, eventId: number, rawCode: string): Promise<s.CheckoutResult> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId, true)
        const registrationId = await registrationOfDoorCode(tx, deps.config.sessionSecret, eventId, rawCode, now)
        return checkOut(tx, user, ev, registrationId, now)
      })
    },

    async checkoutManual(user: AuthUser, eventId: number, registrationId: number): Promise<s.CheckoutResult> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId, true)
        return checkOut(tx, user, ev, registrationId, now)
      })
    },

    /** The member's checked-out volunteer activities: the total over all of them, and one page, newest first. */
    async volunteerHours(user: AuthUser, query: { cursor?: string; limit: number }): Promise<s.VolunteerHours> {
      const after = decodeCursor(query.cursor, ['number'] as const)
      const mine = and(
        eq(eventRegistrations.userId, user.userId),
        eq(events.kind, 'volunteer'),
        isNotNull(eventRegistrations.checkedInAt),
        isNotNull(eventRegistrations.checkedOutAt),
      )
      const minutes = sql<number>`floor(extract(epoch from (${eventRegistrations.checkedOutAt} - ${eventRegistrations.checkedInAt})) / 60)::int`
      const [total] = await deps.db
        .select({ minutes: sql<number>`coalesce(sum(${minutes}), 0)::int`, n: sql<number>`count(*)::int` })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .where(mine)
      const rows = await deps.db
        .select({ r: eventRegistrations, title: events.title, orgName: orgs.name })
        .from(eventRegistrations)
        .innerJoin(events, eq(events.id, eventRegistrations.eventId))
        .innerJoin(orgs, eq(orgs.id, events.orgId))
        .where(and(mine, after ? sql`${eventRegistrations.id} < ${after[0]}` : undefined))
        .orderBy(desc(eventRegistrations.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (x) => [x.r.id])
      return {
        totalMinutes: Number(total?.minutes ?? 0),
        activities: Number(total?.n ?? 0),
        items: page.map((x) => ({
          registrationId: x.r.id,
          eventId: x.r.eventId,
          title: x.title,
          orgName: x.orgName,
          checkedInAt: x.r.checkedInAt!.toISOString(),
          checkedOutAt: x.r.checkedOutAt!.toISOString(),
          minutes: minutesBetween(x.r.checkedInAt!, x.r.checkedOutAt!),
        })),
        nextCursor,
      }
    },
  }
}
