/**
 * The first-come claim's database step: one call of `voucher_claim(…)` (migrations 0005, 0008), one round trip
 * for the whole request — the session check included.
 * The function checks the member, the window and the limit, takes one unit from a random non-empty stock
 * shard and inserts the voucher, atomically (migrations 0005 and 0008); this wrapper only maps its outcome.
 * Messages live in the service.
 */
import { sql } from 'drizzle-orm'
import { rowsOf, type DbOrTx } from '../../db'

export type ClaimOutcome =
  | { outcome: 'ok'; voucherId: number; shard: number; claimedAt: Date; validUntil: Date }
  /** The Idempotency-Key had already produced this voucher. */
  | { outcome: 'replay'; voucherId: number }
  | { outcome: 'not_open'; opensAt: Date }
  | { outcome: 'unauthenticated' | 'not_found' | 'not_member' | 'not_eligible' | 'lottery' | 'closed' | 'limit' | 'sold_out' }

interface Row {
  outcome: string
  voucher_id: number | null
  shard: number | null
  claimed_at: Date | string | null
  valid_until: Date | string | null
  opens_at: Date | string | null
}

const asDate = (v: Date | string | null) => (v instanceof Date ? v : new Date(String(v)))

function isSoldOut(err: unknown): boolean {
  for (let e = err as { code?: string; message?: string; cause?: unknown } | undefined, i = 0; e && i < 5; e = e.cause as typeof e, i++) {
    if (e.code === 'P0001' && e.message?.includes('VOUCHER_SOLD_OUT')) return true
  }
  return false
}

export async function claimFirstCome(
  db: DbOrTx,
  /** `sessionId`: the caller's session, checked in the same statement (revoked / expired / another user → 'unauthenticated'). */
  args: { sessionId: string; campaignId: number; userId: number; key: string | null; code: string; now: Date; month: string },
): Promise<ClaimOutcome> {
  let result: unknown
  try {
    result = await db.execute(
      sql`select * from voucher_claim(${args.sessionId}, ${args.campaignId}, ${args.userId}, ${args.key}, ${args.code}, ${args.now}, ${args.month})`,
    )
  } catch (err) {
    if (isSoldOut(err)) return { outcome: 'sold_out' }
    throw err
  }
  const [row] = rowsOf<Row>(result)
  if (!row) throw new Error('voucher_claim returned no row')
  switch (row.outcome) {
    case 'ok':
      return {
        outcome: 'ok',
        voucherId: Number(row.voucher_id),
        shard: Number(row.shard),
        claimedAt: asDate(row.claimed_at),
        validUntil: asDate(row.valid_until),
      }
    case 'replay':
      return { outcome: 'replay', voucherId: Number(row.voucher_id) }
    case 'not_open':
      return { outcome: 'not_open', opensAt: asDate(row.opens_at) }
    case 'unauthenticated':
    case 'not_found':
    case 'not_member':
    case 'not_eligible':
    case 'lottery':
    case 'closed':
    case 'limit':
    case 'sold_out':
      return { outcome: row.outcome }
    default:
      throw new Error(`voucher_claim: unknown outcome ${row.outcome}`)
  }
}
