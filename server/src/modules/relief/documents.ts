/**
 * Documents (证明材料): uploaded one file at a time — a photo or a PDF judged by its bytes, at most
 * RELIEF_DOCUMENT_MAX_BYTES, stored by the file store under a generated name — then attached to a checklist item of
 * the caller's own draft (only the caller's own uploads), and shown through short-lived signed links.
 */
import type { FastifyRequest } from 'fastify'
import { and, eq, inArray } from 'drizzle-orm'
import { RELIEF_DOCUMENT_LINK_TTL_SECONDS, RELIEF_DOCUMENT_MAX_BYTES } from '@contract/relief/labels'
import { ReliefReasons } from '@contract/relief/reasons'
import type { AidTypeConfig, DocumentIds, DocumentSlot, UploadedDocument } from '@contract/relief/schemas'
import type { AppDeps } from '../../http/deps'
import { readUploadedFile } from '../../http/upload'
import type { DbOrTx, Tx } from '../../db'
import { files } from '../../db/schema/core'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { sniffDocument } from '../../files/sniff'

const DOC_KIND = 'relief_document'

/** The one file of a multipart upload (part `file`), size-checked and sniffed: its type and bytes. */
export async function readDocumentUpload(request: FastifyRequest): Promise<{ mime: string; bytes: Uint8Array }> {
  const bytes = await readUploadedFile(request, RELIEF_DOCUMENT_MAX_BYTES, {
    notMultipart: ReliefReasons.RELIEF_UPLOAD_NOT_MULTIPART,
    missing: ReliefReasons.RELIEF_FILE_REQUIRED,
    empty: ReliefReasons.RELIEF_FILE_EMPTY,
    tooLarge: ReliefReasons.RELIEF_DOCUMENT_TOO_LARGE,
  })
  const mime = sniffDocument(bytes)
  if (!mime) throw refuse(ReliefReasons.RELIEF_DOCUMENT_TYPE)
  return { mime, bytes }
}

/** Stores an uploaded document (already size-checked and sniffed) owned by the caller. */
export async function upload(deps: AppDeps, user: AuthUser, input: { mime: string; bytes: Uint8Array }): Promise<UploadedDocument> {
  const row = await deps.db.transaction(async (tx) =>
    deps.files.save(tx, { ownerUserId: user.userId, kind: DOC_KIND, mime: input.mime, bytes: input.bytes }),
  )
  return { id: row.id, mime: row.mime, size: row.size, url: deps.files.signedUrl(row.id, RELIEF_DOCUMENT_LINK_TTL_SECONDS) }
}

/**
 * The draft's documents after a save that names `given` checklist items (each replaced; an empty list clears it):
 * 400 beside `documents.<key>` for an item not on the checklist or a file that is not one of the caller's uploads.
 * The files become referenced (the sweep of unattached uploads keeps them).
 */
export async function attachDocuments(
  deps: AppDeps,
  tx: Tx,
  user: AuthUser,
  type: AidTypeConfig,
  current: DocumentIds,
  given: DocumentIds,
): Promise<DocumentIds> {
  const documents: DocumentIds = { ...current }
  const checklist = new Set(type.documents.map((d) => d.key))
  const ids = [...new Set(Object.values(given).flat())]
  const owned = ids.length
    ? await tx
        .select({ id: files.id })
        .from(files)
        .where(and(inArray(files.id, ids), eq(files.ownerUserId, user.userId), eq(files.kind, DOC_KIND)))
    : []
  const ownedIds = new Set(owned.map((f) => f.id))
  const problems: { field: string; def: typeof ReliefReasons.RELIEF_DOCUMENT_UNKNOWN }[] = []
  for (const [k, list] of Object.entries(given)) {
    if (!checklist.has(k)) problems.push({ field: `documents.${k}`, def: ReliefReasons.RELIEF_DOCUMENT_UNKNOWN })
    else if (list.some((f) => !ownedIds.has(f))) problems.push({ field: `documents.${k}`, def: ReliefReasons.RELIEF_FILE_UNAVAILABLE })
    else if (list.length === 0) delete documents[k]
    else documents[k] = [...new Set(list)]
  }
  if (problems.length > 0) {
    throw refuse(problems[0].def, undefined, Object.fromEntries(problems.map((p) => [p.field, p.def.message()])))
  }
  await deps.files.attach(tx, ids)
  return documents
}

/** Mime and size of every file named in these document sets, by id. */
export async function fileRowsOf(tx: DbOrTx, documentSets: DocumentIds[]): Promise<Map<string, { mime: string; size: number }>> {
  const ids = [...new Set(documentSets.flatMap((d) => Object.values(d).flat()))]
  const rows = ids.length ? await tx.select({ id: files.id, mime: files.mime, size: files.size }).from(files).where(inArray(files.id, ids)) : []
  return new Map(rows.map((r) => [r.id, { mime: r.mime, size: r.size }]))
}

/** The checklist with what is attached to each item (fresh short-lived links). */
export function documentSlots(deps: AppDeps, type: AidTypeConfig, documents: DocumentIds, fileRows: Map<string, { mime: string; size: number }>): DocumentSlot[] {
  return type.documents.map((d) => ({
    ...d,
    files: (documents[d.key] ?? [])
      .filter((id) => fileRows.has(id))
      .map((id) => ({ id, ...fileRows.get(id)!, url: deps.files.signedUrl(id, RELIEF_DOCUMENT_LINK_TTL_SECONDS) })),
  }))
}
