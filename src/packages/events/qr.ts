import qrcode from 'qrcode-generator'

/** A GIF data URI (works in <Image> on weapp and H5) — the same approach as the membership card. */
export function qrDataUrl(text: string, cell = 6): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cell, 2)
}
