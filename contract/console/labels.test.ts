import { consoleQrContent, ticketFromQr } from './labels'

describe('the console login QR', () => {
  const ticket = 'AbCdEfGhIjKlMnOpQrStUv'
  it('is the H5 confirm page for the ticket, and the scanner reads the ticket back', () => {
    const qr = consoleQrContent('https://union.example.cn/', ticket)
    expect(qr).toBe(`https://union.example.cn/packages/console-login/confirm/index?ticket=${ticket}`)
    expect(ticketFromQr(qr)).toBe(ticket)
    expect(ticketFromQr(`/packages/console-login/confirm/index?ticket=${ticket}`)).toBe(ticket)
  })
  it('ignores any other QR (a station, a voucher, a lookalike page)', () => {
    expect(ticketFromQr('https://union.example.cn/packages/stations/station/index?id=3')).toBeNull()
    expect(ticketFromQr(`https://evil.example/packages/console-login/confirm/index2?ticket=${ticket}`)).toBeNull()
    expect(ticketFromQr(`https://union.example.cn/packages/console-login/confirm/index?ticket=short`)).toBeNull()
    expect(ticketFromQr('VOUCHER-1234')).toBeNull()
  })
})
