/**
 * The no-show rule: `limit` registrations left unattended (confirmed, never checked in) whose events ended within
 * `windowDays` of each other pause registering for `banDays` after the last of them. No-shows are derived on read
 * (rules.ts `statusOf`), so the rule reads ended events' confirmed registrations.
 */
import { and, eq, gt, lte } from 'drizzle-orm'
import { EventReasons } from '@contract/events/reasons'
import type { Tx } from '../../db'
import { eventRegistrations, events } from '../../db/schema/events'
import { refuse, type AppError } from '../../errors'
import { chinaDate } from '../../time'
import { DAY } from './rules'

export interface NoShowRule {
  limit: number
  windowDays: number
  banDays: number
}

/** The end of a no-show restriction, or null (pure). */
export function noShowBanUntil(endTimes: number[], rule: NoShowRule, now: number): number | null {
  const t = [...endTimes].sort((a, b) => a - b)
  let until = 0
  for (let i = rule.limit - 1; i < t.length; i++) {
    if (t[i] - t[i - rule.limit + 1] <= rule.windowDays * DAY) until = Math.max(until, t[i] + rule.banDays * DAY)
  }
  return until > now ? until : null
}

/** The restriction on `userId` now (NO_SHOW_RESTRICTED, saying until when), or null. */
export async function noShowRefusal(tx: Tx, rule: NoShowRule, userId: number, now: number): Promise<AppError | null> {
  const since = new Date(now - (rule.windowDays + rule.banDays) * DAY)
  const rows = await tx
    .select({ endsAt: events.endsAt })
    .from(eventRegistrations)
    .innerJoin(events, eq(events.id, eventRegistrations.eventId))
    .where(
      and(
        eq(eventRegistrations.userId, userId),
        eq(eventRegistrations.status, 'confirmed'),
        lte(events.endsAt, new Date(now)),
        gt(events.endsAt, since),
      ),
    )
  const until = noShowBanUntil(rows.map((r) => r.endsAt.getTime()), rule, now)
  if (until === null) return null
  return refuse(EventReasons.NO_SHOW_RESTRICTED, { windowDays: rule.windowDays, limit: rule.limit, until: chinaDate(until) })
}
