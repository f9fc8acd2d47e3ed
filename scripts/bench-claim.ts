/**
 * npm run bench:claim — voucher claims under a flash crowd, on PostgreSQL (DATABASE_URL: a fresh throwaway database,
 * created and dropped here) and on PGlite (temp dir). Three designs, each on its own campaign with the same members:
 *   - naive: the textbook claim (scripts/lib/naive-claim.ts) — one stock row locked FOR UPDATE for the whole
 *     transaction, every check a round trip while the lock is held;
 *   - ours, one stock row: the production claim (the taps that arrive together gathered into one call of
 *     voucher_claim_batch(), the session checks included; server/src/modules/vouchers/claim.ts) with the stock in a
 *     single row;
 *   - ours, sharded: the production claim with the stock over up to 32 rows.
 * Over HTTP (the real server, buildApp + listen on 127.0.0.1, load from a worker thread) and, on PostgreSQL, with the
 * HTTP tier taken away (the same statements from a connection pool). Prints claims/s, p50/p99, issued vs stock,
 * sold out, duplicates and oversell; exits 1 on any oversell, duplicate or unexpected error.
 *
 * Env: BENCH_MEMBERS (4000), BENCH_STOCK (3000), BENCH_CONCURRENCY (200 requests in flight), BENCH_POOL (12: the
 * server's PostgreSQL pool; on 2 cores more connections only add context switches), BENCH_DB_CLIENTS (12),
 * BENCH_MAX_SECONDS (60 per run), BENCH_TARGETS (postgres,pglite), BENCH_TRACE=1 (latency per 100 ms of each run).
 */
import { randomBytes } from 'node:crypto'
import { Worker } from 'node:worker_threads'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import type { AddressInfo } from 'node:net'
import { eq, sql } from 'drizzle-orm'
import { openDatabase, type Database, type DbOrTx } from '../server/src/db'
import { seedDemo } from '../server/src/seed'
import { buildApp } from '../server/src/app'
import { orgs, voucherStock, vouchers } from '../server/src/db/schema'
import { insertCampaign } from '../server/src/modules/vouchers/campaigns'
import { newVoucherCode } from '../server/src/modules/vouchers/common'
import { ClaimBatcher, claimBatch } from '../server/src/modules/vouchers/claim'
import { drizzle } from 'drizzle-orm/node-postgres'
import { CampaignInput } from '../contract/vouchers/schemas'
import { createMembers, type LoadMember } from '../server/test/builders/vouchers'
import { NAIVE_CLAIM_PATH, registerNaiveClaim } from './lib/naive-claim'
import { benchConfig, throwawayPostgres } from './lib/bench-env'

const num = (name: string, fallback: number) => {
  const v = Number(process.env[name])
  return Number.isFinite(v) && v > 0 ? Math.floor(v) : fallback
}
const MEMBERS = num('BENCH_MEMBERS', 4000)
const STOCK = num('BENCH_STOCK', 3000)
const CONCURRENCY = num('BENCH_CONCURRENCY', 200)
const POOL = num('BENCH_POOL', 12)
const MAX_MS = num('BENCH_MAX_SECONDS', 60) * 1000
/** Connections of the database-only section (the HTTP section uses BENCH_POOL through the server). */
const DB_CLIENTS = num('BENCH_DB_CLIENTS', 12)
const DATA_KEY = randomBytes(32)

interface RunResult {
  design: string
  shards: number
  requests: number
  ok: number
  soldOut: number
  otherErrors: number
  seconds: number
  claimsPerSec: number
  requestsPerSec: number
  p50: number
  p99: number
  issued: number
  stockLeft: number
  duplicates: number
  oversold: boolean
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
}

/** Sends the crowd at `url` from a worker thread (its own event loop), `CONCURRENCY` requests in flight. */
function fire(url: string, crowd: LoadMember[]) {
  return new Promise<{ latencies: number[]; ok: number; soldOut: number; otherErrors: number; samples: string[]; seconds: number }>(
    (resolve, reject) => {
      const worker = new Worker(path.join(__dirname, 'lib/bench-load-worker.mjs'), {
        workerData: { url, tokens: crowd.map((m) => m.token), concurrency: CONCURRENCY, maxMs: MAX_MS },
      })
      worker.once('message', resolve)
      worker.once('error', reject)
    },
  )
}

interface Design {
  name: string
  /** Campaign title (≤ 40 characters). */
  title: string
  shards: number
  /** The claim route: the app's own, or the textbook baseline registered only by this script. */
  path: (campaignId: number) => string
}
const OURS = (id: number) => `/api/vouchers/campaigns/${id}/claim`
const NAIVE = (id: number) => NAIVE_CLAIM_PATH.replace(':id', String(id))
const DESIGNS: Design[] = [
  { name: 'naive: one stock row, locked for the whole transaction', title: '压测券（朴素单行库存）', shards: 1, path: NAIVE },
  { name: 'ours, one stock row', title: '压测券（本方案·单行库存）', shards: 1, path: OURS },
  { name: 'ours, sharded stock', title: '压测券（本方案·分片库存）', shards: 32, path: OURS },
]

async function runDesign(database: Database, baseUrl: string, orgId: number, crowd: LoadMember[], design: Design, stock: number) {
  const { shards } = design
  const { db } = database
  const now = Date.now()
  const input = CampaignInput.parse({
    kind: 'movie',
    title: design.title,
    orgId,
    venues: [{ name: '压测影城', address: '示例市云溪区压测路 1 号', lat: 30.27, lng: 120.15 }],
    totalStock: stock,
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 3_600_000).toISOString(),
    voucherValidDays: 30,
    perMemberLimit: { count: 1, period: 'campaign' },
  })
  const campaign = await db.transaction((tx) => insertCampaign(tx, input, null, { shards }))
  const r = await fire(baseUrl + design.path(campaign.id), crowd)
  for (const sample of r.samples) console.error(`    unexpected ${sample}`)
  r.latencies.sort((a, b) => a - b)
  return tally(database, campaign.id, design.name, campaign.shards, r, stock)
}

/** What a run did to the database: vouchers issued vs stock, duplicates, oversell. */
async function tally(
  database: Database,
  campaignId: number,
  design: string,
  shards: number,
  r: { latencies: number[]; ok: number; soldOut: number; otherErrors: number; seconds: number },
  stock: number,
): Promise<RunResult> {
  const { db } = database
  const [check] = (
    (await db.execute(sql`
      select count(*)::int as issued, count(distinct user_id)::int as holders
      from ${vouchers} where campaign_id = ${campaignId}`)) as unknown as { rows: { issued: number; holders: number }[] }
  ).rows
  const [{ left, negative }] = await db
    .select({ left: sql<number>`sum(${voucherStock.remaining})::int`, negative: sql<number>`count(*) filter (where ${voucherStock.remaining} < 0)::int` })
    .from(voucherStock)
    .where(eq(voucherStock.campaignId, campaignId))
  return {
    design,
    shards,
    requests: r.latencies.length,
    ok: r.ok,
    soldOut: r.soldOut,
    otherErrors: r.otherErrors,
    seconds: r.seconds,
    claimsPerSec: r.ok / r.seconds,
    requestsPerSec: r.latencies.length / r.seconds,
    p50: percentile(r.latencies, 50),
    p99: percentile(r.latencies, 99),
    issued: check.issued,
    stockLeft: left,
    duplicates: check.issued - check.holders,
    oversold: check.issued > stock || negative > 0 || check.issued + left !== stock || check.issued !== r.ok,
  } satisfies RunResult
}
/**
 * The same three designs with the HTTP tier taken away: `DB_CLIENTS` connections call the database directly, one
 * claim per member. This isolates what the inventory design changes (how claims queue on stock rows) from what a
 * 2-core machine spends on HTTP, JSON and the load generator.
 */
async function dbOnly(databaseUrl: string, database: Database, orgId: number, crowd: LoadMember[]): Promise<RunResult[]> {
  const { Pool } = await import('pg')
  const results: RunResult[] = []
  for (const design of DESIGNS) {
    const { db } = database
    const now = Date.now()
    const campaign = await db.transaction((tx) =>
      insertCampaign(
        tx,
        CampaignInput.parse({
          kind: 'movie',
          title: design.title.replace('压测券', '库内压测'),
          orgId,
          venues: [{ name: '压测影城', address: '示例市云溪区压测路 1 号', lat: 30.27, lng: 120.15 }],
          totalStock: STOCK,
          opensAt: new Date(now - 60_000).toISOString(),
          closesAt: new Date(now + 3_600_000).toISOString(),
          voucherValidDays: 30,
          perMemberLimit: { count: 1, period: 'campaign' },
        }),
        null,
        { shards: design.shards },
      ),
    )
    const pool = new Pool({ connectionString: databaseUrl, max: DB_CLIENTS })
    const latencies: number[] = []
    let ok = 0
    let soldOut = 0
    let otherErrors = 0
    let next = 0
    const month = new Date().toISOString().slice(0, 7)
    const claimNaive = async (userId: number): Promise<'ok' | 'sold_out'> => {
      const client = await pool.connect()
      try {
        await client.query('BEGIN')
        const stock = await client.query('select remaining from voucher_stock where campaign_id = $1 and shard = 0 for update', [campaign.id])
        await client.query('select * from voucher_campaigns where id = $1', [campaign.id])
        await client.query('select user_id from memberships where user_id = $1', [userId])
        if (stock.rows[0].remaining <= 0) {
          await client.query('ROLLBACK')
          return 'sold_out'
        }
        await client.query('select count(*) from vouchers where campaign_id = $1 and user_id = $2', [campaign.id, userId])
        await client.query('update voucher_stock set remaining = remaining - 1 where campaign_id = $1 and shard = 0', [campaign.id])
        await client.query(
          `insert into vouchers (campaign_id, user_id, code, shard, quota_scope, claimed_at, valid_until)
           values ($1, $2, $3, 0, $4, now(), now() + interval '30 days')`,
          [campaign.id, userId, newVoucherCode(), `naive:${campaign.id}`],
        )
        await client.query('COMMIT')
        return 'ok'
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined)
        throw err
      } finally {
        client.release()
      }
    }
    const direct = drizzle(pool) as unknown as DbOrTx
    const batcher = new ClaimBatcher((id, requests) => claimBatch(direct, id, requests, { now: new Date(), month }))
    const claimOurs = async (m: LoadMember): Promise<'ok' | 'sold_out'> => {
      const outcome = await batcher.claim(campaign.id, { sessionId: m.sessionId, userId: m.userId, key: null, code: newVoucherCode() })
      return outcome.outcome === 'ok' ? 'ok' : 'sold_out'
    }
    const started = performance.now()
    await Promise.all(
      Array.from({ length: DB_CLIENTS }, async () => {
        while (next < crowd.length) {
          const m = crowd[next++]
          const t = performance.now()
          try {
            const r = design.path === NAIVE ? await claimNaive(m.userId) : await claimOurs(m)
            if (r === 'ok') ok++
            else soldOut++
          } catch (err) {
            otherErrors++
            if (otherErrors <= 3) console.error(`    unexpected: ${String(err)}`)
          }
          latencies.push(performance.now() - t)
        }
      }),
    )
    const seconds = (performance.now() - started) / 1000
    await pool.end()
    latencies.sort((a, b) => a - b)
    results.push(await tally(database, campaign.id, design.name, campaign.shards, { latencies, ok, soldOut, otherErrors, seconds }, STOCK))
  }
  return results
}

async function benchOn(kind: 'postgres' | 'pglite'): Promise<{ http: RunResult[]; db: RunResult[] | null; warmup: RunResult[] }> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ums-bench-'))
  const pg = kind === 'postgres' ? await throwawayPostgres(process.env.DATABASE_URL!, 'ums_bench') : null
  const database = await openDatabase({ databaseUrl: pg?.url ?? null, dataDir, poolSize: POOL })
  try {
    await seedDemo(database.db, { dataKey: DATA_KEY })
    const config = await benchConfig(dataDir, DATA_KEY)
    const app = await buildApp({ config, db: database })
    registerNaiveClaim(app)
    await app.listen({ host: '127.0.0.1', port: 0 })
    const baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`
    try {
      const [org] = await database.db.select({ id: orgs.id }).from(orgs).where(sql`${orgs.name} like '%星河物流%'`)
      const district = (await database.db.select({ id: orgs.id }).from(orgs).where(eq(orgs.kind, 'district')))[0].id
      const crowd = await createMembers(database.db, app.deps.sessions, { count: MEMBERS, orgId: org.id })
      // warm-up (JIT, pool, plans) on a throwaway campaign; not printed, but checked like the runs
      const warmup: RunResult[] = []
      for (const design of DESIGNS) warmup.push(await runDesign(database, baseUrl, district, crowd.slice(0, Math.min(600, MEMBERS)), design, 400))
      const results: RunResult[] = []
      for (const design of DESIGNS) results.push(await runDesign(database, baseUrl, district, crowd, design, STOCK))
      // PostgreSQL only: PGlite is one in-process session, there is nothing to queue on.
      const db = pg ? await dbOnly(pg.url, database, district, crowd) : null
      return { http: results, db, warmup }
    } finally {
      await app.close()
    }
  } finally {
    await database.close()
    await pg?.drop()
    await rm(dataDir, { recursive: true, force: true })
  }
}

function print(title: string, results: RunResult[]): void {
  console.log(`\n${title}`)
  console.table(
    results.map((r) => ({
      design: r.design,
      shards: r.shards,
      requests: r.requests,
      'claims/s': Math.round(r.claimsPerSec),
      'req/s': Math.round(r.requestsPerSec),
      'p50 ms': +r.p50.toFixed(1),
      'p99 ms': +r.p99.toFixed(1),
      issued: r.issued,
      stock: STOCK,
      'sold out': r.soldOut,
      errors: r.otherErrors,
      'stock left': r.stockLeft,
      duplicates: r.duplicates,
      oversold: r.oversold,
    })),
  )
  const [naive, oneRow, sharded] = results
  console.log(`  ours (sharded) / naive single row: ${(sharded.claimsPerSec / naive.claimsPerSec).toFixed(2)}× claims/s`)
  console.log(`  ours (sharded) / ours on one row:  ${(sharded.claimsPerSec / oneRow.claimsPerSec).toFixed(2)}× claims/s`)
}

async function main(): Promise<void> {
  const all: ('postgres' | 'pglite')[] = process.env.DATABASE_URL ? ['postgres', 'pglite'] : ['pglite']
  const only = process.env.BENCH_TARGETS?.split(',')
  const targets = all.filter((t) => !only || only.includes(t))
  if (!process.env.DATABASE_URL) console.log('DATABASE_URL is not set: PGlite only (the sharding only matters on a PostgreSQL server).')
  let failed = false
  for (const kind of targets) {
    const { http, db, warmup } = await benchOn(kind)
    print(`${kind}, over HTTP: ${MEMBERS} members, stock ${STOCK}, ${CONCURRENCY} in flight${kind === 'postgres' ? `, pool ${POOL}` : ''}`, http)
    if (db) print(`${kind}, database only: ${MEMBERS} members, stock ${STOCK}, ${DB_CLIENTS} connections`, db)
    if ([...warmup, ...http, ...(db ?? [])].some((r) => r.oversold || r.duplicates > 0 || r.otherErrors > 0)) failed = true
  }
  if (failed) {
    console.error('\nFAILED: oversell, duplicates or unexpected errors (see above)')
    process.exit(1)
  }
}

main().catch((err: unknown) => {
  console.error(err)
  process.exit(1)
})
