/** Scores and places: standard competition ranking of the scored registrations of an event. */
import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Ranking, RankingEntry } from '@contract/events/schemas'
import { EventReasons } from '@contract/events/reasons'
import { isScoredKind } from '@contract/events/labels'
import type { Tx } from '../../db'
import { eventRegistrations, type EventRow } from '../../db/schema/events'
import { refuse } from '../../errors'
import { memberDirectory } from '../membership'
import { maskName } from './rules'

/** Standard competition ranking (1, 2, 2, 4) of scores; `higherWins` decides the order. */
export function competitionRanks<T extends { score: number }>(items: T[], higherWins: boolean): (T & { rank: number })[] {
  const sorted = [...items].sort((a, b) => (higherWins ? b.score - a.score : a.score - b.score))
  const out: (T & { rank: number })[] = []
  sorted.forEach((item, i) => {
    const rank = i > 0 && sorted[i - 1].score === item.score ? out[i - 1].rank : i + 1
    out.push({ ...item, rank })
  })
  return out
}

/**
 * The ranking of a scored event (409 NOT_SCORED otherwise): confirmed or checked-in registrations with a score.
 * Organisers (`fullNames`) see names; members see others masked, themselves in full; teams by their team name.
 */
export async function rankingOf(tx: Tx, e: EventRow, viewerId: number, fullNames: boolean): Promise<Ranking> {
  if (!isScoredKind(e.kind)) throw refuse(EventReasons.NOT_SCORED)
  const rows = await tx
    .select({
      id: eventRegistrations.id,
      userId: eventRegistrations.userId,
      score: eventRegistrations.score,
      teamName: eventRegistrations.teamName,
      name: memberDirectory.name,
    })
    .from(eventRegistrations)
    .leftJoin(memberDirectory, eq(memberDirectory.userId, eventRegistrations.userId))
    .where(
      and(
        eq(eventRegistrations.eventId, e.id),
        inArray(eventRegistrations.status, ['confirmed', 'checked_in']),
        sql`${eventRegistrations.score} is not null`,
      ),
    )
  const ranked = competitionRanks(
    rows.map((r) => ({ ...r, score: r.score as number })),
    e.higherScoreWins,
  )
  const items: RankingEntry[] = ranked.map((r) => {
    const mine = r.userId === viewerId
    const personal = r.name ?? ''
    return {
      registrationId: r.id,
      rank: r.rank,
      name: r.teamName ?? (fullNames || mine ? personal : maskName(personal)),
      teamName: r.teamName,
      score: r.score,
      mine,
    }
  })
  return {
    eventId: e.id,
    scoreUnit: e.scoreUnit,
    higherScoreWins: e.higherScoreWins,
    items,
    mine: items.find((x) => x.mine) ?? null,
  }
}
