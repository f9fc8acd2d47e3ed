/**
 * Re-encrypting the data at rest under a new DATA_KEY: `npm run admin -- rotate-data-key` (scripts/admin.ts).
 *
 * The keyring (`crypto/data.ts`): instances run with DATA_KEY=new and DATA_KEY_PREVIOUS=old, read both, write only
 * the new; during a rotation every new ciphertext names its key ('v2.<kid>.…'; 'v1.…' names none). This walks every column that
 * holds a ciphertext (SEALED_TABLES; `server/test/rotate-data-key.test.ts` checks the list against the schema) and
 * seals again, under the current key, each value that is not under it, recomputing the ID hash beside the ID
 * number (the hash is always of the same key as the ciphertext it stands beside).
 *
 * Per table, keyset batches in primary-key order (`key > last`), each its own transaction that locks its rows
 * (`FOR UPDATE`) while the app keeps running. Only rows with a value not under the current key are selected (a
 * prefix test on the kid, no decryption), so a finished row is never touched again: the command may be stopped at
 * any point (or `maxBatches`) and run again — it resumes where the work is, with no stored progress. A deadlock
 * with the app (both lock rows of one table) retries the batch. A value neither key opens, or an ID hash that
 * would collide with another row's (one person twice: something for a person to look at), stops the run with the
 * table and row named; the batches before it stay committed.
 *
 * Done when `countStale` is 0 everywhere: then DATA_KEY_PREVIOUS can go.
 */
import { getTableName, sql, type SQL } from 'drizzle-orm'
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core'
import type { Db, Tx } from '../db'
import { rowsOf } from '../db'
import { joinDrafts, membershipApplications, memberships, rosterEntries } from '../db/schema/membership'
import { reliefApplications, reliefSubmissions } from '../db/schema/relief'
import { legalCases, legalEntries } from '../db/schema/legal'
import { privacyRequests } from '../db/schema/privacy'
import { DecryptError, type DataCipher } from '../crypto/data'
import { isUniqueViolation } from '../db/unique'

/** A table with sealed values: its integer primary key, its ciphertext columns and the ID hash they carry. */
export interface SealedTable {
  table: PgTable
  key: PgColumn
  sealed: PgColumn[]
  /** `hash` is the keyed hash of the number sealed in `idNumber` (one of `sealed`). */
  idHash?: { hash: PgColumn; idNumber: PgColumn }
}

export const SEALED_TABLES: SealedTable[] = [
  { table: memberships, key: memberships.id, sealed: [memberships.idNumberEnc], idHash: { hash: memberships.idHash, idNumber: memberships.idNumberEnc } },
  {
    table: rosterEntries,
    key: rosterEntries.id,
    sealed: [rosterEntries.idNumberEnc, rosterEntries.phoneEnc],
    idHash: { hash: rosterEntries.idHash, idNumber: rosterEntries.idNumberEnc },
  },
  {
    table: membershipApplications,
    key: membershipApplications.id,
    sealed: [membershipApplications.idNumberEnc, membershipApplications.phoneEnc],
    idHash: { hash: membershipApplications.idHash, idNumber: membershipApplications.idNumberEnc },
  },
  { table: joinDrafts, key: joinDrafts.userId, sealed: [joinDrafts.idNumberEnc, joinDrafts.phoneEnc] },
  { table: reliefApplications, key: reliefApplications.id, sealed: [reliefApplications.sensitiveEnc] },
  { table: reliefSubmissions, key: reliefSubmissions.id, sealed: [reliefSubmissions.sensitiveEnc] },
  { table: legalCases, key: legalCases.id, sealed: [legalCases.descriptionEnc, legalCases.phoneEnc] },
  { table: legalEntries, key: legalEntries.id, sealed: [legalEntries.textEnc] },
  { table: privacyRequests, key: privacyRequests.id, sealed: [privacyRequests.payloadEnc] },
]

export const DEFAULT_BATCH = 500

export interface TableCount {
  table: string
  rows: number
}

export interface BatchDone {
  table: string
  /** Rows re-encrypted in this batch, and in this table so far in this run. */
  rows: number
  tableTotal: number
}

export interface RotationReport {
  /** Rows re-encrypted by this run. */
  rotated: number
  /** Rows still holding a value not under the current key, per table (after this run). */
  remaining: TableCount[]
  remainingTotal: number
  /** The run stopped at `maxBatches` (run again to go on). */
  stoppedEarly: boolean
}

export interface RotationOptions {
  batchSize?: number
  /** Stop after this many batches in all (an interruption on purpose); the next run goes on. */
  maxBatches?: number
  onBatch?: (done: BatchDone) => void
  onTable?: (table: string, rotated: number) => void
}

/** Thrown for a row the rotation cannot move; names the table and row. */
export class RotationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'RotationError'
  }
}

const name = (t: SealedTable) => getTableName(t.table)
const id = (c: PgColumn) => sql.identifier(c.name)

/** Some value of the row is not sealed under the current key (NULLs are nothing to seal). */
function stale(t: SealedTable, cipher: DataCipher): SQL {
  const prefix = cipher.currentPrefix
  return sql.join(
    t.sealed.map((c) => sql`(${id(c)} is not null and not starts_with(${id(c)}, ${prefix}::text))`),
    sql` or `,
  )
}

/** Per table, the rows with a value not under the current key of `cipher` (what is left to rotate). */
export async function countStale(db: Db, cipher: DataCipher): Promise<TableCount[]> {
  const counts: TableCount[] = []
  for (const t of SEALED_TABLES) {
    const [row] = rowsOf<{ n: string | number }>(
      await db.execute(sql`select count(*) as n from ${sql.identifier(name(t))} where ${stale(t, cipher)}`),
    )
    counts.push({ table: name(t), rows: Number(row.n) })
  }
  return counts
}

/**
 * Re-encrypts, under `cipher`'s current key, every value not under it (reading it under the current or previous
 * key). Resumable: see the file header.
 */
export async function rotateDataKey(db: Db, cipher: DataCipher, options: RotationOptions = {}): Promise<RotationReport> {
  const batchSize = options.batchSize ?? DEFAULT_BATCH
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError('batchSize must be a positive integer')
  let batches = 0
  let rotated = 0
  let stoppedEarly = false
  tables: for (const t of SEALED_TABLES) {
    let after: number | null = null
    let tableTotal = 0
    for (;;) {
      if (options.maxBatches !== undefined && batches >= options.maxBatches) {
        stoppedEarly = true
        break tables
      }
      const done = await withRetry(() => db.transaction((tx) => rotateBatch(tx, cipher, t, after, batchSize)))
      if (done.rows === 0) break
      batches++
      rotated += done.rows
      tableTotal += done.rows
      after = done.last
      options.onBatch?.({ table: name(t), rows: done.rows, tableTotal })
      if (done.rows < batchSize) break
    }
    options.onTable?.(name(t), tableTotal)
  }
  const remaining = await countStale(db, cipher)
  return { rotated, remaining, remainingTotal: remaining.reduce((n, c) => n + c.rows, 0), stoppedEarly }
}

/** One batch: up to `limit` stale rows after `after`, locked, re-sealed, written back by one UPDATE. */
async function rotateBatch(tx: Tx, cipher: DataCipher, t: SealedTable, after: number | null, limit: number): Promise<{ rows: number; last: number | null }> {
  const key = id(t.key)
  const rows = rowsOf<Record<string, string | number | null>>(
    await tx.execute(sql`
      select ${key} as k, ${sql.join(t.sealed.map(id), sql`, `)}
        from ${sql.identifier(name(t))}
       where ${after === null ? sql`true` : sql`${key} > ${after}`} and (${stale(t, cipher)})
       order by ${key}
       limit ${limit}
         for update`),
  )
  if (rows.length === 0) return { rows: 0, last: null }

  const columns = [...t.sealed, ...(t.idHash ? [t.idHash.hash] : [])]
  const values = rows.map((r) => {
    const k = Number(r.k)
    const open = (c: PgColumn): string => {
      try {
        return cipher.decrypt(String(r[c.name]))
      } catch (err) {
        if (err instanceof DecryptError) {
          throw new RotationError(`${name(t)} 表 ${t.key.name}=${k} 的 ${c.name} 无法用 DATA_KEY 或 DATA_KEY_PREVIOUS 解密（密钥不对或数据损坏），已停止；之前的批次已提交`)
        }
        throw err
      }
    }
    // null: leave the column as it is (empty, or already under the current key)
    const next = new Map<PgColumn, string | null>()
    for (const c of t.sealed) {
      const v = r[c.name]
      next.set(c, v === null || cipher.isCurrent(String(v)) ? null : cipher.encrypt(open(c)))
    }
    if (t.idHash) {
      const sealedId = r[t.idHash.idNumber.name]
      next.set(t.idHash.hash, sealedId === null ? null : cipher.idHash(open(t.idHash.idNumber)))
    }
    return sql`(${k}::integer, ${sql.join(
      columns.map((c) => sql`${next.get(c) ?? null}::text`),
      sql`, `,
    )})`
  })

  try {
    await tx.execute(sql`
      update ${sql.identifier(name(t))} as t
         set ${sql.join(
           columns.map((c) => sql`${id(c)} = coalesce(v.${id(c)}, t.${id(c)})`),
           sql`, `,
         )}
        from (values ${sql.join(values, sql`, `)}) as v(k, ${sql.join(columns.map(id), sql`, `)})
       where t.${key} = v.k`)
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new RotationError(
        `${name(t)} 表中有两行是同一身份证号（一行在旧密钥下、一行在新密钥下），重新计算哈希时冲突，已停止；请先人工核对这两行。之前的批次已提交`,
        { cause: err },
      )
    }
    throw err
  }
  return { rows: rows.length, last: Number(rows[rows.length - 1].k) }
}

/** A batch that lost a deadlock (or a serialization failure) with the app is run again, a few times. */
async function withRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run()
    } catch (err) {
      if (i >= attempts || !isRetryable(err)) throw err
      await new Promise((resolve) => setTimeout(resolve, 50 * i))
    }
  }
}

function isRetryable(err: unknown): boolean {
  type DbError = { code?: string; cause?: unknown }
  for (let e = err as DbError | undefined, i = 0; e && i < 5; e = e.cause as DbError | undefined, i++) {
    if (e.code === '40P01' || e.code === '40001') return true
  }
  return false
}
