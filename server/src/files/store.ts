/**
 * Stored files: a `files` row per upload, the bytes in the configured backend (backends.ts: the database by
 * default, or an S3-compatible object store), and short-lived signed URLs `/api/files/<id>?exp=..&sig=..` to fetch
 * them. Every server instance reads what any other stored.
 *
 * Life of an upload: `save` (within the owner's daily quota) → the capability that uses it calls `attach(tx, ids)`
 * in the transaction that records the reference (avatar, registration answers, relief draft) → otherwise `sweep`
 * (a background job) removes it 24 hours after the upload.
 */
import { randomBytes } from 'node:crypto'
import { and, count, eq, gt, inArray, isNull, lt, sql, sum } from 'drizzle-orm'
import { FileReasons } from '@contract/files/reasons'
import type { Db, DbOrTx } from '../db'
import { files, type FileRow } from '../db/schema'
import { signFileUrl, verifyFileUrl } from '../auth/tokens'
import { refuse } from '../errors'
import type { BlobBackend, StorageKind } from './backends'

/** An upload nobody referenced is removed this long after it was made. */
export const UNATTACHED_TTL_MS = 24 * 3600 * 1000
const QUOTA_WINDOW_MS = 24 * 3600 * 1000
/** First key of the advisory lock that serialises one user's uploads while their quota is checked. */
const QUOTA_LOCK = 0x66696c65 // 'file'
const SWEEP_BATCH = 200

export interface FileStoreOptions {
  /** Where new bytes go. */
  backend: BlobBackend
  /** Readers of other layouts still present in the table (the pre-issue-11 disk folder). */
  readers?: BlobBackend[]
  secret: string
  urlTtlSeconds: number
  quota: { filesPerDay: number; bytesPerDay: number }
  now: () => number
}

export class FileStore {
  private readonly backends = new Map<StorageKind, BlobBackend>()

  constructor(private readonly options: FileStoreOptions) {
    for (const b of options.readers ?? []) this.backends.set(b.kind, b)
    this.backends.set(options.backend.kind, options.backend)
  }

  get kind(): StorageKind {
    return this.options.backend.kind
  }

  /**
   * Stores the bytes and inserts the row, unattached, within the owner's quota (429 UPLOAD_QUOTA_EXCEEDED past it).
   * Database blobs are written in the row's transaction; object-store bytes before it (removed again if it fails).
   */
  async save(
    db: DbOrTx,
    input: { ownerUserId: number | null; kind: string; mime: string; bytes: Uint8Array },
  ): Promise<FileRow> {
    const { backend } = this.options
    const id = randomBytes(16).toString('base64url')
    const size = input.bytes.length
    if (backend.external && input.ownerUserId !== null) {
      // Refuse before sending bytes anywhere; checked again under the lock below.
      await this.checkQuota(db, input.ownerUserId, size)
    }
    if (backend.external) await backend.put(db, id, input.bytes, input.mime)
    try {
      return await db.transaction(async (tx) => {
        if (input.ownerUserId !== null) {
          await tx.execute(sql`select pg_advisory_xact_lock(${QUOTA_LOCK}, ${input.ownerUserId})`)
          await this.checkQuota(tx, input.ownerUserId, size)
        }
        const [row] = await tx
          .insert(files)
          .values({
            id,
            ownerUserId: input.ownerUserId,
            kind: input.kind,
            mime: input.mime,
            size,
            storedName: id,
            storage: backend.kind,
            createdAt: new Date(this.options.now()),
          })
          .returning()
        if (!backend.external) await backend.put(tx, id, input.bytes, input.mime)
        return row
      })
    } catch (err) {
      if (backend.external) await backend.remove(id).catch(() => undefined)
      throw err
    }
  }

  private async checkQuota(db: DbOrTx, ownerUserId: number, size: number): Promise<void> {
    const { filesPerDay, bytesPerDay } = this.options.quota
    const since = new Date(this.options.now() - QUOTA_WINDOW_MS)
    const [used] = await db
      .select({ n: count(), bytes: sum(files.size) })
      .from(files)
      .where(and(eq(files.ownerUserId, ownerUserId), gt(files.createdAt, since)))
    if (used.n + 1 > filesPerDay || Number(used.bytes ?? 0) + size > bytesPerDay) {
      throw refuse(FileReasons.UPLOAD_QUOTA_EXCEEDED, { files: filesPerDay, mb: Math.floor(bytesPerDay / 1024 / 1024) })
    }
  }

  /**
   * Marks files as referenced (inside the transaction that records the reference), so the sweep keeps them.
   * The caller has checked they are the user's own; one already swept → 400 (upload again).
   */
  async attach(tx: DbOrTx, fileIds: readonly string[]): Promise<void> {
    const ids = [...new Set(fileIds)]
    if (ids.length === 0) return
    const rows = await tx
      .update(files)
      .set({ attachedAt: sql`coalesce(${files.attachedAt}, ${new Date(this.options.now())})` })
      .where(inArray(files.id, ids))
      .returning({ id: files.id })
    if (rows.length !== ids.length) throw refuse(FileReasons.FILE_EXPIRED)
  }

  async find(db: DbOrTx, id: string): Promise<FileRow | null> {
    const [row] = await db.select().from(files).where(eq(files.id, id)).limit(1)
    return row ?? null
  }

  /** The bytes of a row, wherever its storage says they are; null when they are gone. */
  async read(db: DbOrTx, row: Pick<FileRow, 'storage' | 'storedName'>): Promise<Buffer | null> {
    const backend = this.backends.get(row.storage)
    return backend ? backend.get(db, row.storedName) : null
  }

  /** Deletes the row (and database blobs with it); the caller removes other bytes with `removeBytes` after commit. */
  async deleteRow(db: DbOrTx, id: string): Promise<FileRow | null> {
    const [row] = await db.delete(files).where(eq(files.id, id)).returning()
    return row ?? null
  }

  async removeBytes(row: Pick<FileRow, 'storage' | 'storedName'>): Promise<void> {
    await this.backends.get(row.storage)?.remove(row.storedName)
  }

  /**
   * Removes uploads nobody attached within UNATTACHED_TTL_MS. Safe with several instances sweeping at once
   * (SKIP LOCKED) and against a concurrent `attach` (the row lock decides: attached rows no longer match).
   */
  async sweep(db: Db, onError?: (err: unknown, row: Pick<FileRow, 'id'>) => void): Promise<{ removed: number }> {
    const cutoff = new Date(this.options.now() - UNATTACHED_TTL_MS)
    let removed = 0
    for (;;) {
      const rows = await db.transaction(async (tx) => {
        const due = await tx
          .select({ id: files.id })
          .from(files)
          .where(and(isNull(files.attachedAt), lt(files.createdAt, cutoff)))
          .orderBy(files.createdAt)
          .limit(SWEEP_BATCH)
          .for('update', { skipLocked: true })
        if (due.length === 0) return []
        return tx
          .delete(files)
          .where(and(inArray(files.id, due.map((d) => d.id)), isNull(files.attachedAt)))
          .returning({ id: files.id, storage: files.storage, storedName: files.storedName })
      })
      for (const row of rows) {
        await this.removeBytes(row).catch((err: unknown) => onError?.(err, row))
      }
      removed += rows.length
      if (rows.length < SWEEP_BATCH) return { removed }
    }
  }

  /**
   * A URL valid for `urlTtlSeconds` (rounded up to a minute boundary so repeated calls give cacheable URLs);
   * `ttlSeconds` asks for a shorter life (e.g. relief documents), never a longer one.
   */
  signedUrl(fileId: string, ttlSeconds?: number): string {
    const nowSec = Math.floor(this.options.now() / 1000)
    const ttl = Math.min(this.options.urlTtlSeconds, ttlSeconds ?? this.options.urlTtlSeconds)
    const exp = Math.ceil((nowSec + ttl) / 60) * 60
    const sig = signFileUrl(fileId, exp, this.options.secret)
    return `/api/files/${encodeURIComponent(fileId)}?exp=${exp}&sig=${sig}`
  }

  verify(fileId: string, exp: number, sig: string): boolean {
    return verifyFileUrl(fileId, exp, sig, this.options.secret, this.options.now())
  }
}
