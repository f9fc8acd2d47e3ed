/**
 * Stored files: bytes under `<DATA_DIR>/uploads/<random name>` (never a public path), a row in `files`,
 * and short-lived signed URLs `/api/files/<id>?exp=..&sig=..` to fetch them (avatars now, relief documents later).
 */
import { randomBytes } from 'node:crypto'
import { mkdir, unlink, writeFile } from 'node:fs/promises'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../db'
import { files, type FileRow } from '../db/schema'
import { signFileUrl, verifyFileUrl } from '../auth/tokens'

export interface FileStoreOptions {
  uploadsDir: string
  secret: string
  urlTtlSeconds: number
  now: () => number
}

export class FileStore {
  constructor(private readonly options: FileStoreOptions) {}

  /** Writes the bytes, then inserts the row (in `tx` when given). Removes the bytes if the insert fails. */
  async save(
    db: DbOrTx,
    input: { ownerUserId: number | null; kind: string; mime: string; bytes: Uint8Array },
  ): Promise<FileRow> {
    const id = randomBytes(16).toString('base64url')
    const storedName = `${id}.bin`
    await mkdir(this.options.uploadsDir, { recursive: true })
    const full = this.pathOf(storedName)
    await writeFile(full, input.bytes, { mode: 0o600 })
    try {
      const [row] = await db
        .insert(files)
        .values({ id, ownerUserId: input.ownerUserId, kind: input.kind, mime: input.mime, size: input.bytes.length, storedName })
        .returning()
      return row
    } catch (err) {
      await unlink(full).catch(() => undefined)
      throw err
    }
  }

  async find(db: DbOrTx, id: string): Promise<FileRow | null> {
    const [row] = await db.select().from(files).where(eq(files.id, id)).limit(1)
    return row ?? null
  }

  /** Deletes the row; the caller removes the bytes with `removeBytes` after the transaction commits. */
  async deleteRow(db: DbOrTx, id: string): Promise<FileRow | null> {
    const [row] = await db.delete(files).where(eq(files.id, id)).returning()
    return row ?? null
  }

  async removeBytes(row: Pick<FileRow, 'storedName'>): Promise<void> {
    await unlink(this.pathOf(row.storedName)).catch(() => undefined)
  }

  pathOf(storedName: string): string {
    const full = path.join(this.options.uploadsDir, path.basename(storedName))
    return full
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
