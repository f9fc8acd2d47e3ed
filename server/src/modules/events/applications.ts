/**
 * 活动报名审批 in 我的申请: a user's registrations for events that the organiser approves (competitions, trips),
 * in the shape every capability gives that list. Registrations confirmed at once are not applications.
 */
import { and, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { MyApplicationItem } from '@contract/applications/schemas'
import { registrationStatusText } from '@contract/events/labels'
import type { DbOrTx } from '../../db'
import { prepared } from '../../db/prepared'
import { rowsFromJson } from '../../db/json-rows'
import { eventRegistrations, events, type EventRegistrationRow, type EventRow } from '../../db/schema/events'
import { addWorkingDays } from '../calendar'
import { statusOf } from './rules'
import { isComplete } from './team-rules'
import { pages } from '@contract/pages'

/** Organisers are asked to decide within this many working days, and in any case before the event starts. */
export const EVENT_DECISION_WORKING_DAYS = 3

const LINK = (id: number) => pages.events.registration.url({ id })

/** The user's registrations for events the organiser approves, with their events, as one json value (a column of 我的申请's one statement). */
export function eventApplicationsJson(userId: SQL): SQL {
  return sql`(select coalesce(json_agg(json_build_object('r', to_json(r), 'e', to_json(e)) order by r.id desc), '[]'::json)
    from ${eventRegistrations} r join ${events} e on e.id = r.event_id where r.user_id = ${userId} and e.approval_mode = 'manual')`
}

/** What eventApplicationsJson read, as rows. */
export function eventApplicationsFromJson(value: unknown): { r: EventRegistrationRow; e: EventRow }[] {
  const list = (typeof value === 'string' ? JSON.parse(value) : (value ?? [])) as { r: unknown; e: unknown }[]
  return list.map((x) => ({ r: rowsFromJson(eventRegistrations, [x.r])[0], e: rowsFromJson(events, [x.e])[0] }))
}

/** `first`: the registrations already read (eventApplicationsJson); otherwise read here. */
export async function eventApplicationItems(db: DbOrTx, userId: number, now: number, first?: { r: EventRegistrationRow; e: EventRow }[]): Promise<MyApplicationItem[]> {
  // Prepared (db/prepared.ts): 我的申请 asks on every visit.
  const rows = first ?? await prepared(db, 'events_my_applications', (d, name) =>
    d
      .select({ r: eventRegistrations, e: events })
      .from(eventRegistrations)
      .innerJoin(events, eq(events.id, eventRegistrations.eventId))
      .where(and(eq(eventRegistrations.userId, sql.placeholder('userId')), eq(events.approvalMode, 'manual')))
      .orderBy(desc(eventRegistrations.id))
      .prepare(name),
  ).execute({ userId })
  return rows.map(({ r, e }) => {
    const status = statusOf(r, e, now)
    const timeline: MyApplicationItem['timeline'] = [{ at: r.createdAt.toISOString(), title: '提交报名', note: null }]
    if (r.promotedAt) timeline.push({ at: r.promotedAt.toISOString(), title: '候补转正', note: null })
    if (r.decidedAt) {
      timeline.push({
        at: r.decidedAt.toISOString(),
        title: r.status === 'rejected' ? '审核未通过' : '审核通过',
        note: r.status === 'rejected' ? r.rejectReason : null,
      })
    }
    if (r.cancelledAt) timeline.push({ at: r.cancelledAt.toISOString(), title: '取消报名', note: null })
    if (r.checkedInAt) timeline.push({ at: r.checkedInAt.toISOString(), title: '现场签到', note: null })
    timeline.sort((x, y) => x.at.localeCompare(y.at))

    const decideBy = Math.min(addWorkingDays(r.createdAt, EVENT_DECISION_WORKING_DAYS).getTime(), e.startsAt.getTime())
    const state: MyApplicationItem['state'] =
      status === 'pending' || status === 'waitlisted'
        ? 'in_review'
        : status === 'confirmed'
          ? 'approved'
          : status === 'checked_in' || status === 'no_show'
            ? 'completed'
            : status === 'rejected'
              ? 'rejected'
              : 'withdrawn'
    return {
      kind: 'event' as const,
      id: r.id,
      title: `活动报名 · ${e.title}`,
      state,
      stageLabel:
        status === 'pending'
          ? r.teamName !== null && !isComplete(e, r.teamSize)
            ? '组队中，队伍组满后进入审核'
            : '待主办方审核'
          : status === 'confirmed'
            ? '已报名，待参加'
            : registrationStatusText(status),
      expectedBy: status === 'pending' ? new Date(decideBy).toISOString() : null,
      lastDecisionReason: status === 'rejected' ? r.rejectReason : null,
      amount: null,
      updatedAt: timeline[timeline.length - 1].at,
      link: LINK(r.id),
      timeline,
    }
  })
}
