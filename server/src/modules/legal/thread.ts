/**
 * A case's thread: every step writes an entry (text encrypted) and, when it concerns the member, an in-app message
 * in the same transaction — so a message exists exactly when the change does.
 */
import { asc, eq, inArray } from 'drizzle-orm'
import { LEGAL_ENTRY_KINDS, LEGAL_NOTIFICATION_KIND, type LegalEntryKind } from '@contract/legal/labels'
import { pages } from '@contract/pages'
import type { LegalDocument, LegalEntry } from '@contract/legal/schemas'
import { LEGAL_DOCUMENT_LINK_TTL_SECONDS } from '@contract/legal/labels'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx, Tx } from '../../db'
import { files } from '../../db/schema/core'
import { legalEntries, type LegalCaseRow, type LegalEntryRow } from '../../db/schema/legal'
import { notify } from '../notifications'

export interface NewEntry {
  kind: LegalEntryKind
  author: 'member' | 'staff'
  actorUserId: number
  byLabel: string
  text?: string | null
  attachments?: string[]
}

/** Appends an entry; with `tell`, the member's message centre gets `tell` (title after 法律援助：, body). */
export async function addEntry(deps: AppDeps, tx: Tx, c: LegalCaseRow, entry: NewEntry, tell?: { body: string }): Promise<void> {
  await tx.insert(legalEntries).values({
    caseId: c.id,
    kind: entry.kind,
    author: entry.author,
    actorUserId: entry.actorUserId,
    byLabel: entry.byLabel,
    textEnc: entry.text ? deps.cipher.encrypt(entry.text) : null,
    attachments: entry.attachments ?? [],
    at: new Date(deps.now()),
  })
  if (tell) {
    await notify(tx, {
      userId: c.userId,
      kind: LEGAL_NOTIFICATION_KIND,
      title: `法律援助：${LEGAL_ENTRY_KINDS[entry.kind]}`,
      body: tell.body,
      link: pages.legal.case.url({ id: c.id }),
    })
  }
}

/** Mime and size of these files, by id (for links). */
export async function fileRows(tx: DbOrTx, ids: string[]): Promise<Map<string, { mime: string; size: number }>> {
  const unique = [...new Set(ids)]
  const rows = unique.length ? await tx.select({ id: files.id, mime: files.mime, size: files.size }).from(files).where(inArray(files.id, unique)) : []
  return new Map(rows.map((r) => [r.id, { mime: r.mime, size: r.size }]))
}

export function documents(deps: AppDeps, ids: string[], rows: Map<string, { mime: string; size: number }>): LegalDocument[] {
  return ids
    .filter((id) => rows.has(id))
    .map((id) => ({ id, ...rows.get(id)!, url: deps.files.signedUrl(id, LEGAL_DOCUMENT_LINK_TTL_SECONDS) }))
}

/** The thread, oldest first, decrypted; `as` decides how the member is named. */
export async function entriesOf(deps: AppDeps, tx: DbOrTx, caseId: number, as: 'member' | 'staff'): Promise<LegalEntry[]> {
  const rows: LegalEntryRow[] = await tx.select().from(legalEntries).where(eq(legalEntries.caseId, caseId)).orderBy(asc(legalEntries.at), asc(legalEntries.id))
  const fileMap = await fileRows(tx, rows.flatMap((r) => r.attachments))
  return rows.map((r) => ({
    id: r.id,
    at: r.at.toISOString(),
    kind: r.kind,
    author: r.author,
    by: as === 'member' && r.author === 'member' ? '您' : r.byLabel,
    text: r.textEnc ? deps.cipher.decrypt(r.textEnc) : null,
    attachments: documents(deps, r.attachments, fileMap),
  }))
}
