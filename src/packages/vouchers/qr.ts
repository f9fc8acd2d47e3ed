import qrcode from 'qrcode-generator'

/** A GIF data URI of `text` (works in <Image> on weapp and H5); the same library as the e-member card. */
export function qrDataUrl(text: string): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(6, 2)
}
