import { parseVoucherScan, voucherQrText } from './voucherQr'

describe('voucher QR text', () => {
  it('round-trips the campaign and code; a typed code has no campaign', () => {
    expect(parseVoucherScan(voucherQrText(12, 'ABCDEFGHJKLM'))).toEqual({ campaignId: 12, code: 'ABCDEFGHJKLM' })
    expect(parseVoucherScan(' abcd efgh ')).toEqual({ campaignId: null, code: 'abcd efgh' })
    expect(parseVoucherScan('UV1:x:ABC')).toEqual({ campaignId: null, code: 'UV1:x:ABC' })
  })
})
