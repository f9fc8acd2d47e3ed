/**
 * 活动报名: events created by admins for their union subtree; members register (individually or as a team,
 * answering the organiser's questions), wait for approval or the waitlist, check in at the door, and see
 * their results. No-shows are derived on read: a `confirmed` registration whose event has ended is `no_show`.
 *
 * `app.services.events` is built here from one file per use case, each over the same context:
 *   listing.ts (members' views) · registering.ts (register / cancel; seats and waitlist.ts) · decisions.ts ·
 *   checkin.ts (member codes, manual) and checkin-qr.ts (event QR) · scores.ts (ranking.ts) · roster.ts ·
 *   organising.ts (create / edit) and manage-lists.ts · no-show.ts · applications.ts (我的申请) ·
 *   volunteer.ts (志愿服务: check-out and hours) · reminders.ts (the day-before reminder; jobs.ts runs it).
 * Teams (`app.services.teams`): teams.ts.
 */
import type { AppDeps } from '../../http/deps'
import { checkin } from './checkin'
import { checkinQr } from './checkin-qr'
import { eventsContext, type EventsOptions } from './context'
import { decisions } from './decisions'
import { listing } from './listing'
import { manageLists } from './manage-lists'
import { organising } from './organising'
import { registering } from './registering'
import { reminders } from './reminders'
import { roster } from './roster'
import { scores } from './scores'
import { volunteer } from './volunteer'

export function eventService(deps: AppDeps, options: EventsOptions = {}) {
  const ctx = eventsContext(deps, options)
  return {
    ...listing(ctx),
    ...registering(ctx),
    ...checkin(ctx),
    ...checkinQr(ctx),
    ...scores(ctx),
    ...organising(ctx),
    ...manageLists(ctx),
    ...decisions(ctx),
    ...roster(ctx),
    ...volunteer(ctx),
    ...reminders(ctx),
  }
}

export type EventService = ReturnType<typeof eventService>
