/**
 * Where the bytes of an uploaded file live. One interface, chosen by FILE_STORE:
 *
 * - `db` (default): a `file_blobs` row written in the same transaction as the `files` row. Works on PGlite and
 *   PostgreSQL, and every server instance sees every file (Cloud Hosting runs several replicas and replaces
 *   containers at will: a local folder would be neither shared nor kept).
 * - `s3`: an S3-compatible object store (Tencent COS, the object storage of WeChat Cloud Hosting, MinIO…), see s3.ts.
 *
 * Plus `disk`, read-only: files uploaded before issue 11 under `DATA_DIR/uploads`, still served from there (and
 * removed from there when their row goes) wherever that folder survived (a local `npm start` install).
 */
import { readFile, unlink } from 'node:fs/promises'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import type { DbOrTx } from '../db'
import { fileBlobs, type FileRow } from '../db/schema'

export type StorageKind = FileRow['storage']

export interface BlobBackend {
  readonly kind: StorageKind
  /**
   * True when the bytes go outside the database (written before the row's transaction, removed after it commits);
   * false when they are rows written with `tx`.
   */
  readonly external: boolean
  put(tx: DbOrTx, key: string, bytes: Uint8Array, mime: string): Promise<void>
  /** The bytes, or null when they are gone. */
  get(db: DbOrTx, key: string): Promise<Buffer | null>
  /** Removes the bytes (after the row is gone); idempotent. Database blobs go with their row (cascade). */
  remove(key: string): Promise<void>
}

/** Bytes in `file_blobs`, keyed by the file id. */
export class DbBlobs implements BlobBackend {
  readonly kind = 'db' as const
  readonly external = false

  async put(tx: DbOrTx, key: string, bytes: Uint8Array): Promise<void> {
    await tx.insert(fileBlobs).values({ fileId: key, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) })
  }

  async get(db: DbOrTx, key: string): Promise<Buffer | null> {
    const [row] = await db.select({ bytes: fileBlobs.bytes }).from(fileBlobs).where(eq(fileBlobs.fileId, key)).limit(1)
    return row?.bytes ?? null
  }

  async remove(): Promise<void> {
    // ON DELETE CASCADE from files took the blob with the row.
  }
}

/** The pre-issue-11 layout: `<DATA_DIR>/uploads/<stored_name>`. Never written any more. */
export class LegacyDiskBlobs implements BlobBackend {
  readonly kind = 'disk' as const
  readonly external = true

  constructor(private readonly uploadsDir: string) {}

  async put(): Promise<void> {
    throw new Error('files: the disk layout is read-only')
  }

  async get(_db: DbOrTx, key: string): Promise<Buffer | null> {
    try {
      return await readFile(this.pathOf(key))
    } catch {
      return null
    }
  }

  async remove(key: string): Promise<void> {
    await unlink(this.pathOf(key)).catch(() => undefined)
  }

  private pathOf(storedName: string): string {
    return path.join(this.uploadsDir, path.basename(storedName))
  }
}
