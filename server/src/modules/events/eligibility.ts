/**
 * Who may register for an event now, and why not: shared by registering, the event page's `registerHint` and
 * accepting a team invitation. Each refusal is returned (not thrown) so a caller may show it as a hint instead.
 */
import type { RegisterHint } from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { Tx } from '../../db'
import type { EventRegistrationRow, EventRow } from '../../db/schema/events'
import { inSubtree } from '../../auth/policy'
import { refuse, type AppError } from '../../errors'
import { chinaTime } from '../../time'
import type { Member } from '../membership'
import type { EventsContext } from './context'
import { noShowRefusal } from './no-show'
import { ACTIVE_STATUSES } from './rules'
import type { EventWithOrg } from './store'

/** NOT_ELIGIBLE when the event is for some employment types only and the member's is not one of them. */
export function eligibilityRefusal(e: EventRow, member: Pick<Member, 'employmentType'>): AppError | null {
  if (e.eligibleEmploymentTypes && !e.eligibleEmploymentTypes.includes(member.employmentType)) {
    const types = e.eligibleEmploymentTypes.map((t) => EMPLOYMENT_TYPES[t as keyof typeof EMPLOYMENT_TYPES] ?? t).join('、')
    return refuse(EventReasons.NOT_ELIGIBLE, { types })
  }
  return null
}

/** REGISTRATION_NOT_OPEN (with the opening time) or REGISTRATION_CLOSED outside the registration window. */
export function windowRefusal(e: EventRow, now: number): AppError | null {
  if (now < e.registrationOpensAt.getTime()) {
    return refuse(EventReasons.REGISTRATION_NOT_OPEN, { opensAt: chinaTime(e.registrationOpensAt.getTime()) })
  }
  if (now >= e.registrationClosesAt.getTime() || now >= e.startsAt.getTime()) return refuse(EventReasons.REGISTRATION_CLOSED)
  return null
}

/** Whether the caller may register now, in the words of the refusal they would get. */
export async function registerHint(
  ctx: EventsContext,
  tx: Tx,
  userId: number,
  ev: EventWithOrg,
  member: Member | null,
  latest: EventRegistrationRow | null,
  placesLeft: number,
  now: number,
): Promise<RegisterHint> {
  const no = (reason: string): RegisterHint => ({ allowed: false, reason, waitlist: false })
  if (!member) return no(EventReasons.NOT_MEMBER.message({ to: '报名' }))
  if (!inSubtree(ev.orgPath, member.orgPath)) return no(EventReasons.OUT_OF_REACH.message())
  const refusal = eligibilityRefusal(ev.e, member)
  if (refusal) return no(refusal.message)
  if (latest && (ACTIVE_STATUSES as readonly string[]).includes(latest.status)) return no('您已报名该活动')
  const window = windowRefusal(ev.e, now)
  if (window) return no(window.message)
  const ban = await noShowRefusal(tx, ctx.noShow, userId, now)
  if (ban) return no(ban.message)
  return { allowed: true, reason: null, waitlist: placesLeft <= 0 }
}
