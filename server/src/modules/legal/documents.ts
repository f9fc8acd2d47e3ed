/**
 * Attachments (证据材料): uploaded one at a time — a photo or PDF judged by its bytes, at most
 * LEGAL_DOCUMENT_MAX_BYTES, stored by the file store (never a public path) — then attached to the caller's own case
 * or message (only the caller's own uploads), and read through short-lived signed links.
 */
import type { FastifyRequest } from 'fastify'
import { and, eq, inArray } from 'drizzle-orm'
import { LEGAL_DOCUMENT_LINK_TTL_SECONDS, LEGAL_DOCUMENT_MAX_BYTES } from '@contract/legal/labels'
import { LegalReasons } from '@contract/legal/reasons'
import type { LegalDocument } from '@contract/legal/schemas'
import type { AppDeps } from '../../http/deps'
import { readUploadedFile } from '../../http/upload'
import type { Tx } from '../../db'
import { files } from '../../db/schema/core'
import type { AuthUser } from '../../auth/sessions'
import { refuseAt, refuse } from '../../errors'
import { sniffDocument } from '../../files/sniff'

const DOC_KIND = 'legal_document'

export async function readLegalUpload(request: FastifyRequest): Promise<{ mime: string; bytes: Uint8Array }> {
  const bytes = await readUploadedFile(request, LEGAL_DOCUMENT_MAX_BYTES, {
    notMultipart: LegalReasons.LEGAL_UPLOAD_NOT_MULTIPART,
    missing: LegalReasons.LEGAL_FILE_REQUIRED,
    empty: LegalReasons.LEGAL_FILE_EMPTY,
    tooLarge: LegalReasons.LEGAL_DOCUMENT_TOO_LARGE,
  })
  const mime = sniffDocument(bytes)
  if (!mime) throw refuse(LegalReasons.LEGAL_DOCUMENT_TYPE)
  return { mime, bytes }
}

export async function upload(deps: AppDeps, user: AuthUser, input: { mime: string; bytes: Uint8Array }): Promise<LegalDocument> {
  const row = await deps.db.transaction(async (tx) => deps.files.save(tx, { ownerUserId: user.userId, kind: DOC_KIND, mime: input.mime, bytes: input.bytes }))
  return { id: row.id, mime: row.mime, size: row.size, url: deps.files.signedUrl(row.id, LEGAL_DOCUMENT_LINK_TTL_SECONDS) }
}

/** Attaches the caller's own uploads (400 beside `attachments` for any other id); returns them deduplicated. */
export async function attach(deps: AppDeps, tx: Tx, user: AuthUser, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)]
  if (unique.length === 0) return []
  const owned = await tx
    .select({ id: files.id })
    .from(files)
    .where(and(inArray(files.id, unique), eq(files.ownerUserId, user.userId), eq(files.kind, DOC_KIND)))
  if (owned.length !== unique.length) throw refuseAt('attachments', LegalReasons.LEGAL_FILE_UNAVAILABLE)
  await deps.files.attach(tx, unique)
  return unique
}
