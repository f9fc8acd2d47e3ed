/** Image type by magic number (never by file name or declared content type). */
export type ImageMime = 'image/jpeg' | 'image/png' | 'image/webp'

export function sniffImage(bytes: Uint8Array): ImageMime | null {
  const b = bytes
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg'
  if (
    b.length >= 8 &&
    b[0] === 0x89 && b[1] === 0x50 && b[2] === 0x4e && b[3] === 0x47 &&
    b[4] === 0x0d && b[5] === 0x0a && b[6] === 0x1a && b[7] === 0x0a
  ) {
    return 'image/png'
  }
  if (
    b.length >= 12 &&
    b[0] === 0x52 && b[1] === 0x49 && b[2] === 0x46 && b[3] === 0x46 && // RIFF
    b[8] === 0x57 && b[9] === 0x45 && b[10] === 0x42 && b[11] === 0x50 // WEBP
  ) {
    return 'image/webp'
  }
  return null
}

export type DocumentMime = ImageMime | 'application/pdf'

/** A photo (JPEG/PNG/WebP) or a PDF (`%PDF-` header), by magic number; null for anything else. */
export function sniffDocument(bytes: Uint8Array): DocumentMime | null {
  const image = sniffImage(bytes)
  if (image) return image
  const b = bytes
  if (b.length >= 5 && b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46 && b[4] === 0x2d) return 'application/pdf'
  return null
}

export type SheetKind = 'xlsx' | 'csv'

/**
 * A spreadsheet upload by its bytes: a zip container (`PK\x03\x04`, what .xlsx is) or plain text (no NUL byte in
 * the first 4 KB, so no .xls, PDF or image); null for anything else. The workbook's own reader checks the zip further.
 */
export function sniffSheet(bytes: Uint8Array): SheetKind | null {
  const b = bytes
  if (b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04) return 'xlsx'
  if (sniffDocument(b)) return null
  const head = b.subarray(0, 4096)
  if (head.length === 0 || head.includes(0)) return null
  return 'csv'
}
