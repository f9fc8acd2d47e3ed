/**
 * The first-come claim's database step. Taps on one campaign are gathered by a `ClaimBatcher` and sent as ONE call
 * of `voucher_claim_batch(…)` (migrations 0010, 0018): one round trip and one commit for the batch, the session of each tap
 * checked in it. The function checks each member, the window and the limit, takes units from non-empty stock
 * shards and inserts the vouchers, atomically; this file only gathers the taps and maps each one's outcome.
 * The outcome words are the contract's (`CLAIM_OUTCOMES`, contract/vouchers/claim-outcomes.ts): each row is parsed
 * against that list; what a refusal says is claiming.ts's, by the contract's outcome→reason map.
 *
 * Batching adds no waiting: a tap goes to the database at once (after the current event-loop turn, so taps that
 * arrived together go together) unless `maxInFlight` batches of its campaign are already there; then it waits for
 * one of them to come back, and everything that queued meanwhile goes in the next batch. Under a flash crowd batches
 * grow by themselves; one tap alone is a batch of one.
 */
import { sql } from 'drizzle-orm'
import { isClaimOutcome, type ClaimOutcomeName } from '@contract/vouchers/claim-outcomes'
import { rowsOf, type DbOrTx } from '../../db'

/** What one tap got (every outcome but 'retry', which the batcher resends). */
export type ClaimOutcome =
  | { outcome: 'ok'; voucherId: number; shard: number; claimedAt: Date; validUntil: Date }
  /** The Idempotency-Key had already produced this voucher. */
  | { outcome: 'replay'; voucherId: number }
  | { outcome: 'not_open'; opensAt: Date }
  | { outcome: Exclude<ClaimOutcomeName, 'ok' | 'replay' | 'not_open' | 'retry'> }

/** One tap. `sessionId`: the caller's session, checked in the same statement (revoked / expired / another user → 'unauthenticated'). */
export interface ClaimRequest {
  sessionId: string
  userId: number
  key: string | null
  code: string
}

/** What the function says of one tap; 'retry': stock is left but every non-empty shard was busy — send it again. */
export type BatchOutcome = ClaimOutcome | { outcome: 'retry' }

interface Row {
  idx: number
  outcome: string
  voucher_id: number | null
  shard: number | null
  claimed_at: Date | string | null
  valid_until: Date | string | null
  opens_at: Date | string | null
}

const asDate = (v: Date | string | null) => (v instanceof Date ? v : new Date(String(v)))

/** A PostgreSQL array literal for a `text[]` parameter: every element quoted, `"` and `\` escaped, null as NULL. */
export function pgTextArray(values: (string | null)[]): string {
  return `{${values.map((v) => (v === null ? 'NULL' : `"${v.replace(/["\\]/g, (ch) => `\\${ch}`)}"`)).join(',')}}`
}

/**
 * One call of voucher_claim_batch for these taps of one campaign (and one venue, when its stock is split per venue);
 * outcomes in the order of `requests`.
 */
export async function claimBatch(
  db: DbOrTx,
  campaignId: number,
  requests: readonly ClaimRequest[],
  at: { now: Date; month: string },
  venueId: number | null = null,
): Promise<BatchOutcome[]> {
  const users = `{${requests.map((r) => Math.trunc(r.userId)).join(',')}}`
  const result = await db.execute(sql`
    select * from voucher_claim_batch(${campaignId}, ${venueId}::int, ${pgTextArray(requests.map((r) => r.sessionId))}::text[],
      ${users}::int[], ${pgTextArray(requests.map((r) => r.key))}::text[],
      ${pgTextArray(requests.map((r) => r.code))}::text[], ${at.now}, ${at.month})`)
  const rows = rowsOf<Row>(result)
  if (rows.length !== requests.length) throw new Error(`voucher_claim_batch: ${rows.length} outcomes for ${requests.length} taps`)
  const out: BatchOutcome[] = new Array(requests.length)
  for (const row of rows) out[Number(row.idx) - 1] = toOutcome(row)
  return out
}

function toOutcome(row: Row): BatchOutcome {
  const outcome = row.outcome
  if (!isClaimOutcome(outcome)) throw new Error(`voucher_claim_batch: unknown outcome ${outcome}`)
  switch (outcome) {
    case 'ok':
      return {
        outcome,
        voucherId: Number(row.voucher_id),
        shard: Number(row.shard),
        claimedAt: asDate(row.claimed_at),
        validUntil: asDate(row.valid_until),
      }
    case 'replay':
      return { outcome, voucherId: Number(row.voucher_id) }
    case 'not_open':
      return { outcome, opensAt: asDate(row.opens_at) }
    default:
      return { outcome }
  }
}

interface Waiting {
  request: ClaimRequest
  resolve: (outcome: ClaimOutcome) => void
  reject: (err: unknown) => void
}

export interface ClaimBatcherOptions {
  /** Taps per database call (default 32). */
  maxBatch?: number
  /**
   * Batches of one campaign (and venue) in the database at once (default 6; each holds a pool connection). 32 × 6
   * gave the tightest tail in `npm run bench:claim` on 2 cores (p99 42–60 ms, against 39–110 ms for 64 × 4).
   */
  maxInFlight?: number
  /**
   * Batches of all campaigns together (default 8): a campaign split over many venues is many keys, and each batch
   * holds a pool connection; the rest of the app (page loads, other claims) keeps connections of its own.
   */
  maxTotalInFlight?: number
  /** Rounds a tap may be told 'retry' before it is refused as an error (default 200; a round follows another batch's return). */
  maxRounds?: number
}

/** Gathers concurrent taps per campaign (and venue, when split) into batches (see the file comment). One per app. */
export class ClaimBatcher {
  /** Per batch key (`campaign:venue`): taps waiting, batches in the database, and the state of the queue. */
  private readonly queues = new Map<string, Waiting[]>()
  private readonly targets = new Map<string, { campaignId: number; venueId: number | null }>()
  private readonly inFlight = new Map<string, number>()
  private readonly scheduled = new Set<string>()
  /** Keys whose last batch found every free shard held by our other batches: wait for one to come back. */
  private readonly paused = new Set<string>()
  /** Keys with taps queued that wait for a slot under `maxTotalInFlight`, served in the order they started waiting. */
  private readonly starved = new Set<string>()
  private total = 0
  private readonly rounds = new WeakMap<Waiting, number>()
  private readonly maxBatch: number
  private readonly maxInFlight: number
  private readonly maxTotal: number
  private readonly maxRounds: number

  constructor(
    private readonly run: (campaignId: number, requests: ClaimRequest[], venueId: number | null) => Promise<BatchOutcome[]>,
    options: ClaimBatcherOptions = {},
  ) {
    this.maxBatch = options.maxBatch ?? 32
    this.maxInFlight = options.maxInFlight ?? 6
    this.maxTotal = options.maxTotalInFlight ?? 8
    this.maxRounds = options.maxRounds ?? 200
  }

  /** `venueId`: the venue of a campaign whose stock is split per venue (null: shared stock). */
  claim(campaignId: number, request: ClaimRequest, venueId: number | null = null): Promise<ClaimOutcome> {
    const key = `${campaignId}:${venueId ?? ''}`
    if (!this.targets.has(key)) this.targets.set(key, { campaignId, venueId })
    return new Promise<ClaimOutcome>((resolve, reject) => {
      this.queueOf(key).push({ request, resolve, reject })
      this.schedule(key)
    })
  }

  private queueOf(key: string): Waiting[] {
    let q = this.queues.get(key)
    if (!q) this.queues.set(key, (q = []))
    return q
  }

  private schedule(key: string): void {
    if (this.paused.has(key) || this.scheduled.has(key) || (this.inFlight.get(key) ?? 0) >= this.maxInFlight) return
    if (this.total >= this.maxTotal) {
      this.starved.add(key)
      return
    }
    this.scheduled.add(key)
    setImmediate(() => {
      this.scheduled.delete(key)
      this.flush(key)
    })
  }

  private flush(key: string): void {
    const queue = this.queues.get(key)
    while (queue && queue.length > 0 && (this.inFlight.get(key) ?? 0) < this.maxInFlight && this.total < this.maxTotal) {
      // One tap per member per batch: a member's second tap waits for the next batch, so it sees the first.
      const batch: Waiting[] = []
      const members = new Set<number>()
      const later: Waiting[] = []
      while (queue.length > 0 && batch.length < this.maxBatch) {
        const w = queue.shift()!
        if (members.has(w.request.userId)) later.push(w)
        else {
          members.add(w.request.userId)
          batch.push(w)
        }
      }
      queue.unshift(...later)
      this.send(key, batch)
    }
    if (queue && queue.length > 0 && this.total >= this.maxTotal) this.starved.add(key)
    if (queue && queue.length === 0) this.settleKey(key)
  }

  /** Forget a key with nothing queued or in flight (campaigns come and go). */
  private settleKey(key: string): void {
    if (this.queues.get(key)?.length || this.inFlight.has(key) || this.paused.has(key) || this.scheduled.has(key) || this.starved.has(key)) return
    this.queues.delete(key)
    this.targets.delete(key)
  }

  private send(key: string, batch: Waiting[]): void {
    const target = this.targets.get(key)!
    this.inFlight.set(key, (this.inFlight.get(key) ?? 0) + 1)
    this.total++
    let retried = 0
    this.run(
      target.campaignId,
      batch.map((w) => w.request),
      target.venueId,
    )
      .then(
        (outcomes) => {
          const again: Waiting[] = []
          outcomes.forEach((o, i) => {
            const w = batch[i]
            if (o.outcome !== 'retry') return w.resolve(o)
            const round = (this.rounds.get(w) ?? 0) + 1
            if (round >= this.maxRounds) return w.reject(new Error(`voucher claim: still no free stock shard after ${round} rounds`))
            this.rounds.set(w, round)
            retried = Math.max(retried, round)
            again.push(w)
          })
          // ahead of later arrivals: they came first
          if (again.length > 0) this.queueOf(key).unshift(...again)
        },
        (err: unknown) => {
          // One bad tap must not fail the others: a failed batch is tried again tap by tap.
          if (batch.length === 1) return batch[0].reject(err)
          for (const w of batch) this.send(key, [w])
        },
      )
      .finally(() => {
        this.total--
        // Keys that waited for a slot go first, then this key's own next batch: campaigns take turns.
        this.wakeStarved()
        this.afterBatch(key, retried)
      })
  }

  private afterBatch(key: string, retried: number): void {
    const left = (this.inFlight.get(key) ?? 1) - 1
    if (left > 0) this.inFlight.set(key, left)
    else this.inFlight.delete(key)
    if (retried > 0 && left > 0) {
      // Every free shard was held by our other batches: wait for one of them to come back (no spinning).
      this.paused.add(key)
      return
    }
    this.paused.delete(key)
    if (!this.queues.get(key)?.length) return this.settleKey(key)
    if (retried > 0) {
      // Held by somebody else (another server, a return): try again shortly, backing off 2, 4, 8 … 50 ms.
      setTimeout(() => this.schedule(key), Math.min(50, 2 ** retried)).unref()
    } else this.schedule(key)
  }

  /**
   * Slots came free under the total cap: as many waiting keys as there are free slots go again, those with the
   * fewest batches in the database first (so a busy campaign cannot keep a quiet one waiting).
   */
  private wakeStarved(): void {
    let free = this.maxTotal - this.total
    if (free <= 0 || this.starved.size === 0) return
    const keys = [...this.starved].sort((a, b) => (this.inFlight.get(a) ?? 0) - (this.inFlight.get(b) ?? 0))
    for (const key of keys) {
      if (free-- <= 0) return
      this.starved.delete(key)
      this.schedule(key)
    }
  }
}
