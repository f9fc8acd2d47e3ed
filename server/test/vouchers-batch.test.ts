/**
 * First-come taps gathered into batches (claim.ts ClaimBatcher → voucher_claim_batch, migration 0009).
 * The batcher's scheduling on its own (a recording runner), then the database function on PGlite and PostgreSQL:
 * every tap of a mixed batch gets its own answer, and a batch that finds every other stock shard busy keeps what it
 * took and sends the rest round again (PostgreSQL: a second connection holds a shard).
 */
import { randomUUID } from 'node:crypto'
import { eq, sql } from 'drizzle-orm'
import { Client } from 'pg'
import { databases, useDatabase } from './harness'
import { rowsOf } from '../src/db'
import { users, voucherQuotas, voucherStock, vouchers } from '../src/db/schema'
import { CampaignInput } from '@contract/vouchers/schemas'
import { CLAIM_OUTCOMES } from '@contract/vouchers/claim-outcomes'
import { insertCampaign } from '../src/modules/vouchers/campaigns'
import { newVoucherCode } from '../src/modules/vouchers/common'
import { ClaimBatcher, claimBatch, pgTextArray, type BatchOutcome, type ClaimRequest } from '../src/modules/vouchers/claim'
import { SessionService } from '../src/auth/sessions'
import { campaign as campaignInput, createMembers, iso, voucherOrgIds } from './builders/vouchers'
import { TEST_SECRET } from './harness'

const tap = (userId: number): ClaimRequest => ({ sessionId: `s${userId}`, userId, key: null, code: `C${userId}` })
const ok = (userId: number): BatchOutcome => ({ outcome: 'ok', voucherId: userId, shard: 0, claimedAt: new Date(0), validUntil: new Date(0) })

/** A runner that records each batch and answers after `delayMs`, as the database would. */
function recordingRunner(answer: (r: ClaimRequest) => BatchOutcome = (r) => ok(r.userId), delayMs = 5) {
  const batches: number[][] = []
  let inFlight = 0
  let maxInFlight = 0
  const run = async (_campaignId: number, requests: ClaimRequest[]) => {
    batches.push(requests.map((r) => r.userId))
    inFlight++
    maxInFlight = Math.max(maxInFlight, inFlight)
    await new Promise((resolve) => setTimeout(resolve, delayMs))
    inFlight--
    return requests.map(answer)
  }
  return { run, batches, maxInFlight: () => maxInFlight }
}

describe('ClaimBatcher', () => {
  it('a tap alone goes at once as a batch of one', async () => {
    const r = recordingRunner()
    const b = new ClaimBatcher(r.run)
    await expect(b.claim(1, tap(7))).resolves.toMatchObject({ outcome: 'ok', voucherId: 7 })
    expect(r.batches).toEqual([[7]])
  })

  it('200 taps at once: a few batches, never more in flight than allowed, each tap its own answer', async () => {
    const r = recordingRunner()
    const b = new ClaimBatcher(r.run, { maxInFlight: 2, maxBatch: 64 })
    const answers = await Promise.all(Array.from({ length: 200 }, (_, i) => b.claim(1, tap(i + 1))))
    expect(answers.map((a) => (a.outcome === 'ok' ? a.voucherId : null))).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
    expect(r.maxInFlight()).toBeLessThanOrEqual(2)
    expect(r.batches.length).toBeLessThanOrEqual(Math.ceil(200 / 64) + 2)
    expect(r.batches.every((x) => x.length <= 64)).toBe(true)
    // arrival order is kept: batches carry consecutive taps
    expect(r.batches.flat()).toEqual(Array.from({ length: 200 }, (_, i) => i + 1))
  })

  it('all campaigns together stay under the total cap, and a second campaign is not starved by a busy first', async () => {
    const order: number[] = []
    let now = 0
    let max = 0
    const b = new ClaimBatcher(
      async (campaignId, requests) => {
        order.push(campaignId)
        max = Math.max(max, ++now)
        await new Promise((resolve) => setTimeout(resolve, 3))
        now--
        return requests.map((q) => ok(q.userId))
      },
      { maxBatch: 5, maxInFlight: 6, maxTotalInFlight: 2 },
    )
    const taps = [
      ...Array.from({ length: 60 }, (_, i) => b.claim(1, tap(i + 1))),
      ...Array.from({ length: 60 }, (_, i) => b.claim(2, tap(i + 101))),
    ]
    const answers = await Promise.all(taps)
    expect(answers.every((a) => a.outcome === 'ok')).toBe(true)
    expect(max).toBe(2)
    expect(order.filter((c) => c === 1)).toHaveLength(12)
    expect(order.filter((c) => c === 2)).toHaveLength(12)
    // campaign 2 got going long before campaign 1 was done
    expect(order.indexOf(2)).toBeLessThan(order.lastIndexOf(1) - 4)
  })

  it('campaigns are batched apart', async () => {
    const seen: [number, number[]][] = []
    const b = new ClaimBatcher(async (campaignId, requests) => {
      seen.push([campaignId, requests.map((r) => r.userId)])
      return requests.map((q) => ok(q.userId))
    })
    await Promise.all([b.claim(1, tap(1)), b.claim(2, tap(2)), b.claim(1, tap(3))])
    expect(seen.sort((x, y) => x[0] - y[0])).toEqual([
      [1, [1, 3]],
      [2, [2]],
    ])
  })

  it("a member's second tap never shares a batch with the first: it goes in the next one", async () => {
    const r = recordingRunner()
    const b = new ClaimBatcher(r.run, { maxInFlight: 1 })
    await Promise.all([b.claim(1, tap(5)), b.claim(1, tap(6)), b.claim(1, tap(5)), b.claim(1, tap(5))])
    expect(r.batches).toEqual([[5, 6], [5], [5]])
  })

  it('a failed batch is tried again tap by tap: only the bad tap fails', async () => {
    const calls: number[][] = []
    const b = new ClaimBatcher(async (_id, requests) => {
      calls.push(requests.map((r) => r.userId))
      if (requests.some((r) => r.userId === 13)) throw new Error('bad tap')
      return requests.map((q) => ok(q.userId))
    })
    const settled = await Promise.allSettled([11, 12, 13, 14].map((u) => b.claim(1, tap(u))))
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'rejected', 'fulfilled'])
    expect(calls[0]).toEqual([11, 12, 13, 14])
    expect(calls.slice(1).sort()).toEqual([[11], [12], [13], [14]])
  })

  it("'retry' puts a tap back ahead of later arrivals until it is answered", async () => {
    let first = true
    const calls: number[][] = []
    const b = new ClaimBatcher(
      async (_id, requests) => {
        calls.push(requests.map((r) => r.userId))
        const out = requests.map((q): BatchOutcome => (first && q.userId === 2 ? { outcome: 'retry' } : ok(q.userId)))
        first = false
        await new Promise((resolve) => setTimeout(resolve, 5))
        return out
      },
      { maxInFlight: 1 },
    )
    const early = Promise.all([b.claim(1, tap(1)), b.claim(1, tap(2))])
    await new Promise((resolve) => setImmediate(resolve))
    const late = b.claim(1, tap(3)) // arrives while the first batch is in the database
    const [[a1, a2], a3] = await Promise.all([early, late])
    expect([a1.outcome, a2.outcome, a3.outcome]).toEqual(['ok', 'ok', 'ok'])
    expect(calls).toEqual([[1, 2], [2, 3]])
  })

  it("when every free shard is held by our other batches, the retried taps wait for one of them to come back", async () => {
    const sent: { at: number; users: number[] }[] = []
    const t0 = Date.now()
    let slowDone = 0
    const b = new ClaimBatcher(
      async (_id, requests) => {
        sent.push({ at: Date.now() - t0, users: requests.map((r) => r.userId) })
        if (requests.some((r) => r.userId === 1)) {
          // the slow batch holds the stock for 40 ms
          await new Promise((resolve) => setTimeout(resolve, 40))
          slowDone = Date.now() - t0
          return requests.map((q) => ok(q.userId))
        }
        // any batch sent while the slow one is out finds nothing free
        return requests.map((q): BatchOutcome => (slowDone ? ok(q.userId) : { outcome: 'retry' }))
      },
      { maxInFlight: 2, maxBatch: 1 },
    )
    const first = b.claim(1, tap(1))
    await new Promise((resolve) => setImmediate(resolve))
    const second = b.claim(1, tap(2))
    await new Promise((resolve) => setTimeout(resolve, 10))
    const third = b.claim(1, tap(3)) // arrives while paused: queued behind the retried tap
    const answers = await Promise.all([first, second, third])
    expect(answers.map((a) => a.outcome)).toEqual(['ok', 'ok', 'ok'])
    // tap 2 went once, was told to retry, and went again only after the slow batch came back — no spinning
    const twos = sent.filter((x) => x.users.includes(2))
    expect(twos).toHaveLength(2)
    expect(twos[1].at).toBeGreaterThanOrEqual(slowDone)
    expect(sent.filter((x) => x.at < slowDone)).toHaveLength(2)
  })

  it('the PostgreSQL array literal quotes every element', () => {
    expect(pgTextArray(['a', null, 'x"y', 'back\\slash', 'comma,{}'])).toBe('{"a",NULL,"x\\"y","back\\\\slash","comma,{}"}')
  })
})

describe.each(databases())('voucher_claim_batch on %s', (target) => {
  const h = useDatabase(target)
  const at = () => ({ now: new Date(), month: new Date().toISOString().slice(0, 7) })
  const sessions = () => new SessionService({ db: h.database.db, secret: TEST_SECRET, ttlHours: 24, now: Date.now })

  async function campaign(over: { totalStock: number; shards: number; title: string }) {
    const { district } = await voucherOrgIds(h.database.db)
    const now = Date.now()
    return h.database.db.transaction((tx) =>
      insertCampaign(
        tx,
        CampaignInput.parse(
          campaignInput({
            kind: 'swim',
            title: over.title,
            orgId: district,
            venues: [{ name: '云溪游泳馆', address: '示例市云溪区青禾路 9 号', lat: 30.27, lng: 120.15 }],
            totalStock: over.totalStock,
            opensAt: iso(now - 60_000),
            closesAt: iso(now + 3_600_000),
            perMemberLimit: { count: 1, period: 'campaign' },
          }),
        ),
        null,
        { shards: over.shards },
      ),
    )
  }

  const stockLeft = async (campaignId: number) =>
    (
      await h.database.db
        .select({ left: sql<number>`sum(${voucherStock.remaining})::int` })
        .from(voucherStock)
        .where(eq(voucherStock.campaignId, campaignId))
    )[0].left

  it("the function answers in the contract's words (CLAIM_OUTCOMES), and learns who is a member from membership's published view", async () => {
    const [fn] = rowsOf<{ src: string }>(await h.database.db.execute(sql`select prosrc as src from pg_proc where proname = 'voucher_claim_batch'`))
    // every word an outcome is set to (o_out[i] := '…', also inside CASE … THEN '…' ELSE '…'), but its own working state
    const said = new Set(
      fn.src
        .split('\n')
        .filter((line) => /o_out\[i\] :=/.test(line))
        .flatMap((line) => [...line.matchAll(/'([a-z_]+)'/g)].map((m) => m[1]))
        .filter((word) => word !== 'candidate'),
    )
    expect([...said].sort()).toEqual([...CLAIM_OUTCOMES].sort())
    expect(fn.src).toContain('FROM member_directory ms')
    expect(fn.src).not.toMatch(/\bmemberships\b/)
  })

  it('one batch, every kind of tap: each gets its own answer; the unserved give their limit back', async () => {
    const { grassroots } = await voucherOrgIds(h.database.db)
    const c = await campaign({ totalStock: 2, shards: 2, title: '混合批次测试' })
    const [m1, m2, m3, m4] = await createMembers(h.database.db, sessions(), { count: 4, orgId: grassroots })
    const [outsider] = await h.database.db.insert(users).values({ openid: `batch:${randomUUID()}`, nickname: '未入会' }).returning()
    const outsiderSession = await sessions().create(h.database.db, outsider.id)
    const key = randomUUID()
    const taps: ClaimRequest[] = [
      { sessionId: m1.sessionId, userId: m1.userId, key, code: newVoucherCode() },
      { sessionId: 'no-such-session', userId: m2.userId, key: null, code: newVoucherCode() },
      { sessionId: outsiderSession.sessionId, userId: outsider.id, key: null, code: newVoucherCode() },
      { sessionId: m3.sessionId, userId: m3.userId, key: null, code: newVoucherCode() },
      { sessionId: m4.sessionId, userId: m4.userId, key: null, code: newVoucherCode() },
      { sessionId: m1.sessionId, userId: m1.userId, key: null, code: newVoucherCode() },
    ]
    const out = await claimBatch(h.database.db, c.id, taps, at())
    expect(out.map((o) => o.outcome)).toEqual(['ok', 'unauthenticated', 'not_member', 'ok', 'sold_out', 'limit'])
    expect(await stockLeft(c.id)).toBe(0)
    const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
    expect(issued.map((v) => v.userId).sort()).toEqual([m1.userId, m3.userId].sort())
    // m4 was told sold out: the limit unit taken for the tap went back
    const [q4] = await h.database.db.select().from(voucherQuotas).where(eq(voucherQuotas.userId, m4.userId))
    expect(q4?.used ?? 0).toBe(0)
    // the same key again, in a later batch: the first voucher, not a second one
    const [again] = await claimBatch(h.database.db, c.id, [taps[0]], at())
    expect(again).toMatchObject({ outcome: 'replay', voucherId: issued.find((v) => v.userId === m1.userId)!.id })
    // a campaign that does not exist
    const [none] = await claimBatch(h.database.db, 999_999, [taps[3]], at())
    expect(none.outcome).toBe('not_found')
  })

  it('400 taps through small concurrent batches on 8 shards with 300 units: no error, exactly 300 issued, one per member', async () => {
    const { grassroots } = await voucherOrgIds(h.database.db)
    const c = await campaign({ totalStock: 300, shards: 8, title: '并发批次压力测试' })
    const crowd = await createMembers(h.database.db, sessions(), { count: 400, orgId: grassroots })
    const batcher = new ClaimBatcher((id, requests) => claimBatch(h.database.db, id, requests, at()), { maxBatch: 10, maxInFlight: 5 })
    const answers = await Promise.all(
      crowd.map((m) => batcher.claim(c.id, { sessionId: m.sessionId, userId: m.userId, key: randomUUID(), code: newVoucherCode() })),
    )
    const tally = answers.reduce<Record<string, number>>((t, a) => ({ ...t, [a.outcome]: (t[a.outcome] ?? 0) + 1 }), {})
    expect(tally).toEqual({ ok: 300, sold_out: 100 })
    expect(await stockLeft(c.id)).toBe(0)
    const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
    expect(issued).toHaveLength(300)
    expect(new Set(issued.map((v) => v.userId)).size).toBe(300)
  })

  if (target.name === 'postgres') {
    it('every other shard busy: the batch keeps what it took and sends the rest round again; they are served once the shard is free', async () => {
      const { grassroots } = await voucherOrgIds(h.database.db)
      const c = await campaign({ totalStock: 4, shards: 2, title: '分片占用测试' })
      const shards = await h.database.db.select().from(voucherStock).where(eq(voucherStock.campaignId, c.id))
      expect(shards.map((s) => s.remaining)).toEqual([2, 2])
      const crowd = await createMembers(h.database.db, sessions(), { count: 4, orgId: grassroots })
      const taps = crowd.map((m) => ({ sessionId: m.sessionId, userId: m.userId, key: null, code: newVoucherCode() }))

      // another transaction holds shard 1 (as a concurrent batch would)
      const other = new Client({ connectionString: await databaseUrlOf(h) })
      await other.connect()
      await other.query('begin')
      await other.query('select * from voucher_stock where campaign_id = $1 and shard = 1 for update', [c.id])
      try {
        const first = await claimBatch(h.database.db, c.id, taps, at())
        expect(first.map((o) => o.outcome)).toEqual(['ok', 'ok', 'retry', 'retry'])
        const quotas = await h.database.db.select().from(voucherQuotas).where(sql`${voucherQuotas.userId} in (${crowd[2].userId}, ${crowd[3].userId})`)
        expect(quotas.every((q) => q.used === 0)).toBe(true)

        // through the batcher: the two go round again (backing off) until the shard is free, then are served
        const batcher = new ClaimBatcher((id, requests) => claimBatch(h.database.db, id, requests, at()))
        const pending = Promise.all(taps.slice(2).map((t) => batcher.claim(c.id, t)))
        await new Promise((resolve) => setTimeout(resolve, 150))
        await other.query('commit')
        const later = await pending
        expect(later.map((o) => o.outcome)).toEqual(['ok', 'ok'])
      } finally {
        await other.query('rollback').catch(() => undefined)
        await other.end()
      }
      expect(await stockLeft(c.id)).toBe(0)
      const issued = await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, c.id))
      expect(new Set(issued.map((v) => v.userId)).size).toBe(4)
    })
  }
})

/** The throwaway database's URL (the pool's connection string). */
async function databaseUrlOf(h: ReturnType<typeof useDatabase>): Promise<string> {
  const rows = (await h.database.db.execute(sql`select current_database() as name`)) as unknown as { rows: { name: string }[] }
  const url = new URL(process.env.DATABASE_URL!)
  url.pathname = `/${rows.rows[0].name}`
  return url.toString()
}
