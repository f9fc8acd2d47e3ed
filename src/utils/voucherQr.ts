/**
 * What a voucher's QR code carries: `UV1:<campaignId>:<code>`. The code alone is what the member reads out or
 * the staff types; the campaign id lets the scanning phone check, before redeeming, that its chosen venue is one
 * of that campaign's venues (venue ids are numbered per campaign). Pure TS, shared by the member's 我的券 and
 * the staff's 券核销.
 */
const PREFIX = 'UV1:'

export function voucherQrText(campaignId: number, code: string): string {
  return `${PREFIX}${campaignId}:${code}`
}

/** A scan or a typed code → the code, and the campaign when the QR carried it. */
export function parseVoucherScan(raw: string): { campaignId: number | null; code: string } {
  const s = raw.trim()
  if (s.toUpperCase().startsWith(PREFIX)) {
    const [, id, code] = s.split(':')
    const campaignId = Number(id)
    if (Number.isInteger(campaignId) && campaignId > 0 && code) return { campaignId, code }
  }
  return { campaignId: null, code: s }
}
