import qrcode from 'qrcode-generator'

/**
 * A QR code of `text` as a GIF data URI (works in <Image> on weapp and H5): the e-member card, vouchers, event
 * check-in, team and staff invitations. Only subpackages import it.
 */
export function qrDataUrl(text: string, cell = 6): string {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  return qr.createDataURL(cell, 2)
}
