/**
 * Reading the one file of a multipart upload (part `file`, at most `maxBytes`), refused in the endpoint's own words.
 * Every upload route reads its file here, so the size limit holds the same way everywhere.
 *
 * @fastify/multipart cuts a file at `fileSize`, and flags it by checking `truncated` after each chunk it hands out:
 * when exactly `maxBytes` have been read and the bytes past the limit come in a packet of their own, the parser
 * drops them without another chunk and `toBuffer()` returns the first `maxBytes` with no error. The stream's own
 * `truncated` flag is checked as well, so such a file is refused rather than stored cut short.
 */
import type { FastifyRequest } from 'fastify'
import type { ReasonDef } from '@contract/reasons'
import { refuse, refuseAt } from '../errors'

export interface UploadReasons {
  /** The request is not multipart/form-data (415). */
  notMultipart: ReasonDef
  /** No part named `file` (shown beside `file`). */
  missing: ReasonDef
  /** A `file` part of no bytes (shown beside `file`). */
  empty: ReasonDef
  /** Over `maxBytes`. Without it: the parser's own 413 (`FST_REQ_FILE_TOO_LARGE`, answered in app.ts). */
  tooLarge?: ReasonDef
}

/** The bytes of the upload's `file` part: present, not empty, not over `maxBytes`. Not yet sniffed. */
export async function readUploadedFile(request: FastifyRequest, maxBytes: number, reasons: UploadReasons): Promise<Buffer> {
  return (await readUpload(request, maxBytes, reasons)).bytes
}

/** As readUploadedFile, with the file name the client gave (for an audit row; never used as a path). */
export async function readUpload(
  request: FastifyRequest,
  maxBytes: number,
  reasons: UploadReasons,
): Promise<{ bytes: Buffer; fileName: string }> {
  if (!request.isMultipart()) throw refuse(reasons.notMultipart)
  const tooLarge = (): Error => (reasons.tooLarge ? refuse(reasons.tooLarge) : new request.server.multipartErrors.RequestFileTooLargeError())
  let bytes: Buffer
  let fileName = ''
  try {
    const part = await request.file({ limits: { fileSize: maxBytes, files: 1, fields: 5, parts: 6 } })
    if (!part || part.fieldname !== 'file') throw refuseAt('file', reasons.missing)
    fileName = part.filename ?? ''
    bytes = await part.toBuffer()
    // Cut at the limit without an error (the bytes past it came in a packet of their own): still too large.
    if (part.file.truncated) throw tooLarge()
  } catch (err) {
    if (reasons.tooLarge && isTooLarge(err)) throw tooLarge()
    throw err
  }
  if (bytes.length === 0) throw refuseAt('file', reasons.empty)
  return { bytes, fileName }
}

/** The parser's file-size error, or any 413 on the way (the route's body limit). */
function isTooLarge(err: unknown): boolean {
  const e = err as { code?: string; statusCode?: number }
  return e.code === 'FST_REQ_FILE_TOO_LARGE' || e.statusCode === 413
}
