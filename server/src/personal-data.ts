/**
 * What a capability gives the privacy module (issue 19), through its public face: a remover and a copier of one
 * person's data. Platform code (like audit.ts): the capability modules implement it, `modules/privacy` orchestrates.
 *
 * A remover runs inside the caller's transaction and erases or anonymises one user's data of its capability; it
 * keeps what the union must keep (amounts paid, counts, audit rows) without the person's identity. Files it deletes go
 * through `ctx.deleteFiles` (rows now, inside the transaction; bytes in an object store after the commit).
 */
import type { DbOrTx, Tx } from './db'
import type { FileStore } from './files/store'
import type { DataCipher } from './crypto/data'
import type { FileRow } from './db/schema/core'
import { ERASED_NAME } from '@contract/privacy/labels'

export { ERASED_NAME }

export interface EraseContext {
  userId: number
  now: Date
  cipher: DataCipher
  /** Deletes these file rows (database bytes with them) in the transaction; other bytes are removed after commit. */
  deleteFiles(tx: DbOrTx, ids: readonly (string | null | undefined)[]): Promise<number>
}

/** One sheet of a person's data copy: a title and rows of plain cells (the .xlsx sheet, a key of the JSON). */
export interface DataSheet {
  title: string
  rows: Record<string, string | number | boolean | null>[]
}

export interface CopyContext {
  userId: number
  cipher: DataCipher
}

export interface PersonalData {
  /** Erases / anonymises the user's data of this capability; returns counts for the audit entry (no personal data). */
  erase(tx: Tx, ctx: EraseContext): Promise<Record<string, number>>
  /** Every record of the user this capability holds, readable (sensitive numbers masked: the copy is a file). */
  copy(db: DbOrTx, ctx: CopyContext): Promise<DataSheet[]>
}

/** A FileStore-backed `deleteFiles` whose object-store bytes are removed once `flush()` runs after the commit. */
export function fileDisposal(files: FileStore): { deleteFiles: EraseContext['deleteFiles']; flush(): Promise<void> } {
  const pending: Pick<FileRow, 'storage' | 'storedName'>[] = []
  return {
    async deleteFiles(tx, ids) {
      let n = 0
      for (const id of new Set(ids.filter((x): x is string => !!x))) {
        const row = await files.deleteRow(tx, id)
        if (row) {
          n++
          if (row.storage !== 'db') pending.push(row)
        }
      }
      return n
    },
    async flush() {
      for (const row of pending.splice(0)) await files.removeBytes(row).catch(() => undefined)
    },
  }
}

export const iso = (d: Date | string | null | undefined): string | null => (d ? new Date(d).toISOString() : null)
