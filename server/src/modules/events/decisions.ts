/**
 * The organiser's decisions on pending registrations (approval mode), many at once. Each id gets its own result
 * row (an id that cannot be decided is reported, not failed); a rejection frees the place for the first waiter.
 * Under the event's seat lock, like every change of who holds a place.
 */
import { and, asc, eq, inArray } from 'drizzle-orm'
import type * as s from '@contract/events/schemas'
import { EVENT_NOTIFICATION_KINDS, REGISTRATION_STATUSES } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import { eventRegistrations } from '../../db/schema/events'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { chinaTime } from '../../time'
import { notify, type NewNotification } from '../notifications'
import type { EventsContext } from './context'
import { statusOf } from './rules'
import { countsOf, lockSeats, managedEvent } from './store'
import { isComplete, teamMinOf } from './team-rules'
import { closeTeam, notifyTeamMates } from './team-store'
import { fillFreedPlaces } from './waitlist'
import { pages } from '@contract/pages'

type DecideBody = ReturnType<typeof s.DecideBody.parse>

export function decisions({ deps }: EventsContext) {
  return {
    async decide(user: AuthUser, eventId: number, body: DecideBody): Promise<s.DecideResult> {
      const now = deps.now()
      return deps.db.transaction(async (tx) => {
        const ev = await managedEvent(tx, user, eventId)
        const e = ev.e
        await lockSeats(tx, e.id)
        const ids = [...new Set(body.ids)]
        const rows = await tx
          .select()
          .from(eventRegistrations)
          .where(and(eq(eventRegistrations.eventId, e.id), inArray(eventRegistrations.id, ids)))
          .orderBy(asc(eventRegistrations.id))
          .for('update')
        const byId = new Map(rows.map((r) => [r.id, r]))
        const results: s.DecideResult['results'] = []
        const messages: NewNotification[] = []
        let freed = 0
        for (const id of body.ids) {
          const r = byId.get(id)
          if (!r) {
            results.push({ id, ok: false, status: null, message: EventReasons.REGISTRATION_NOT_IN_EVENT.message() })
            continue
          }
          if (results.some((x) => x.id === id)) continue
          if (r.status !== 'pending') {
            const status = statusOf(r, e, now)
            results.push({ id, ok: false, status, message: `该报名${REGISTRATION_STATUSES[status]}，不是待审核状态` })
            continue
          }
          if (body.decision === 'approve') {
            if (r.teamName !== null && !isComplete(e, r.teamSize)) {
              const message = EventReasons.TEAM_INCOMPLETE.message({ size: r.teamSize ?? 0, min: teamMinOf(e), action: '通过' })
              results.push({ id, ok: false, status: 'pending', message })
              continue
            }
            await tx.update(eventRegistrations).set({ status: 'confirmed', decidedAt: new Date(now), decidedBy: user.userId }).where(eq(eventRegistrations.id, id))
            messages.push({
              userId: r.userId,
              kind: EVENT_NOTIFICATION_KINDS.approved,
              title: '报名已通过',
              body: `您报名的「${e.title}」已通过审核，请于 ${chinaTime(e.startsAt.getTime())} 准时参加，签到时出示报名二维码。`,
              link: pages.events.registration.url({ id: id }),
            })
            if (r.teamName !== null) {
              await notifyTeamMates(tx, id, {
                kind: EVENT_NOTIFICATION_KINDS.approved,
                title: '队伍报名已通过',
                body: `您所在的队伍「${r.teamName}」报名「${e.title}」已通过审核，请于 ${chinaTime(e.startsAt.getTime())} 准时参加。`,
              })
            }
            results.push({ id, ok: true, status: 'confirmed', message: null })
          } else {
            const reason = body.reason ?? ''
            await tx
              .update(eventRegistrations)
              .set({ status: 'rejected', rejectReason: reason, decidedAt: new Date(now), decidedBy: user.userId })
              .where(eq(eventRegistrations.id, id))
            await closeTeam(tx, r, e, now, `未通过审核（原因：${reason}）`)
            freed++
            messages.push({
              userId: r.userId,
              kind: EVENT_NOTIFICATION_KINDS.rejected,
              title: '报名未通过',
              body: `您报名的「${e.title}」未通过审核，原因：${reason}`,
              link: pages.events.registration.url({ id: id }),
            })
            results.push({ id, ok: true, status: 'rejected', message: null })
          }
        }
        await notify(tx, messages)
        const promoted = freed > 0 ? await fillFreedPlaces(tx, e, freed, now) : 0
        await audit(tx, {
          actorUserId: user.userId,
          action: `events.${body.decision}`,
          subjectType: 'event',
          subjectId: e.id,
          detail: { ids: results.filter((r) => r.ok).map((r) => r.id), reason: body.reason ?? null, promoted },
        })
        return { results, promoted, counts: await countsOf(tx, e, now) }
      })
    },
  }
}
