/**
 * Scores and ranking of competitions: the organiser enters scores from the opening of check-in (rounds are scored
 * as they finish); members see the ranking with others' names masked, organisers in full.
 */
import { and, eq, inArray } from 'drizzle-orm'
import type * as s from '@contract/events/schemas'
import { REGISTRATION_STATUSES, isScoredKind } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import { eventRegistrations } from '../../db/schema/events'
import { audit } from '../../audit'
import { can } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { chinaTime } from '../../time'
import { memberOf } from '../membership'
import type { EventsContext } from './context'
import { rankingOf } from './ranking'
import { checkinOpensAtOf } from './rules'
import { loadEvent, managedEvent, visible } from './store'

type ScoresBody = ReturnType<typeof s.ScoresBody.parse>

export function scores({ deps }: EventsContext) {
  return {
    /** A member's (or staff's) view of the ranking. */
    async ranking(user: AuthUser, eventId: number): Promise<s.Ranking> {
      return deps.db.transaction(async (tx) => {
        const ev = await loadEvent(tx, eventId)
        const member = await memberOf(tx, user.userId)
        if (!ev || !visible(user, ev, member)) throw refuse(EventReasons.EVENT_NOT_FOUND)
        return rankingOf(tx, ev.e, user.userId, can(user, 'events.manage', ev.orgPath))
      })
    },

    async manageRanking(user: AuthUser, eventId: number): Promise<s.Ranking> {
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId)
        return rankingOf(tx, ev.e, user.userId, true)
      })
    },

    /** Scores of confirmed or checked-in registrations (null clears one); audited. */
    async saveScores(user: AuthUser, eventId: number, body: ScoresBody): Promise<s.Ranking> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId)
        const e = ev.e
        if (!isScoredKind(e.kind)) throw refuse(EventReasons.NOT_SCORED)
        if (now < checkinOpensAtOf(e)) throw refuse(EventReasons.SCORES_NOT_OPEN, { opensAt: chinaTime(checkinOpensAtOf(e)) })
        const ids = body.scores.map((x) => x.registrationId)
        const rows = await tx
          .select({ id: eventRegistrations.id, status: eventRegistrations.status })
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.eventId, eventId), inArray(eventRegistrations.id, ids)))
        const statusById = new Map(rows.map((r) => [r.id, r.status]))
        const fields: Record<string, string> = {}
        body.scores.forEach((x, i) => {
          const st = statusById.get(x.registrationId)
          if (!st) fields[`scores.${i}.registrationId`] = '不是本活动的报名'
          else if (st !== 'confirmed' && st !== 'checked_in') fields[`scores.${i}.registrationId`] = `该报名${REGISTRATION_STATUSES[st]}，不能录入成绩`
        })
        const first = Object.values(fields)[0]
        if (first !== undefined) throw refuse(EventReasons.SCORES_INVALID, { first }, fields)
        for (const x of body.scores) {
          await tx.update(eventRegistrations).set({ score: x.score }).where(eq(eventRegistrations.id, x.registrationId))
        }
        await audit(tx, { actorUserId: user.userId, action: 'events.scores', subjectType: 'event', subjectId: eventId, detail: { scores: body.scores } })
        return rankingOf(tx, e, user.userId, true)
      })
    },
  }
}
