/** The live status people see (pure, shared): the keeper's, or 未确认 once nobody confirmed it for 7 days. */
import { STALE_AFTER_DAYS, type KeeperStatus, type LiveStatus } from './labels'

export function liveStatusOf(status: KeeperStatus, confirmedAtMs: number | null, nowMs: number): LiveStatus {
  if (confirmedAtMs === null || nowMs - confirmedAtMs >= STALE_AFTER_DAYS * 86_400_000) return 'unconfirmed'
  return status
}
