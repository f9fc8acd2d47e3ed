/**
 * Whether a case may be paid now: only in 公示, once the notice is over and every objection is answered. The payout
 * refuses with this; the reviewer's view shows its message as `payoutBlockedReason`.
 */
import { and, count, eq, isNull } from 'drizzle-orm'
import { ReliefReasons } from '@contract/relief/reasons'
import type { DbOrTx } from '../../db'
import { reliefObjections, reliefRounds, type ReliefApplicationRow } from '../../db/schema/relief'
import { refuse, type AppError } from '../../errors'
import { chinaMinute } from './views'

/** Why the case cannot be paid at `now` (a refusal to throw or to show), or null when it can. */
export async function payoutBlocked(tx: DbOrTx, app: ReliefApplicationRow, now: number): Promise<AppError | null> {
  if (app.stage === 'paid') return refuse(ReliefReasons.RELIEF_ALREADY_PAID)
  if (app.stage !== 'publicity' || !app.roundId) return refuse(ReliefReasons.RELIEF_NOT_IN_PUBLICITY, { stage: app.stage })
  const [round] = await tx.select().from(reliefRounds).where(eq(reliefRounds.id, app.roundId))
  if (round.endsAt.getTime() > now) return refuse(ReliefReasons.RELIEF_PUBLICITY_RUNNING, { endsAt: chinaMinute(round.endsAt) })
  const [{ n }] = await tx
    .select({ n: count() })
    .from(reliefObjections)
    .where(and(eq(reliefObjections.applicationId, app.id), isNull(reliefObjections.answeredAt)))
  if (Number(n) > 0) return refuse(ReliefReasons.RELIEF_OBJECTIONS_OPEN, { count: Number(n) })
  return null
}
