import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import App from '../../App'
import { ConsoleSession, TOKEN_KEY } from '../../session'
import { FakeServer, memoryStorage } from '../../../test/fake-server'

const admin = { id: 7, nickname: '管理员·周', avatarUrl: null, roles: [{ role: 'admin', orgId: 1, orgName: '云溪区总工会' }] }
const later = () => new Date(Date.now() + 120_000).toISOString()

function ticketServer() {
  let n = 0
  const polls: string[][] = []
  const server = new FakeServer()
    .on('GET /api/auth/options', () => ({ body: { mode: 'wechat', devLogin: false, personas: [] } }))
    .on('POST /api/console/login-tickets', () => {
      n += 1
      return { body: { ticket: `ticket-number-${n}-abcdefgh`, qr: `http://localhost/packages/console-login/confirm/index?ticket=ticket-number-${n}-abcdefgh`, secret: `secret-${n}-0123456789abcdef`, expiresAt: later(), pollMs: 5 } }
    })
    .on('GET /api/me', () => ({ body: admin }))
  return { server, polls, tickets: () => n }
}

function start(server: FakeServer) {
  window.history.pushState({}, '', '/admin/login')
  const storage = memoryStorage()
  render(<App session={new ConsoleSession({ transport: server, storage })} />)
  return storage
}

const pollRoute = (n: number) => `POST /api/console/login-tickets/ticket-number-${n}-abcdefgh/poll`

describe('the console login page', () => {
  it('shows the QR, says when the phone has scanned it, and logs in when the phone confirms', async () => {
    const { server } = ticketServer()
    const answers = [
      { state: 'pending', scannedBy: null, session: null },
      { state: 'scanned', scannedBy: '管理员·周', session: null },
      { state: 'confirmed', scannedBy: '管理员·周', session: { token: 'console-token', expiresAt: later(), user: admin } },
    ]
    server.on(pollRoute(1), (req) => {
      expect(req.data).toEqual({ secret: 'secret-1-0123456789abcdef' })
      return { body: { expiresAt: later(), ...(answers.length > 1 ? answers.shift()! : answers[0]) } }
    })
    const storage = start(server)
    await waitFor(() => expect(screen.getByTestId('login-qr').dataset.qr).toContain('ticket=ticket-number-1-abcdefgh'))
    expect(await screen.findByText('管理员·周 已扫码，请在手机上确认登录')).toBeTruthy()
    await waitFor(() => expect(window.location.pathname).toBe('/admin/dashboard'))
    expect(storage.getItem(TOKEN_KEY)).toBe('console-token')
    expect(await screen.findByTestId('console-user')).toHaveProperty('textContent', '管理员·周 · 云溪区总工会')
  })

  it('an expired QR is replaced by a fresh one; a declined one too, saying so', async () => {
    const { server, tickets } = ticketServer()
    server.on(pollRoute(1), () => ({ body: { state: 'expired', expiresAt: later(), scannedBy: null, session: null } }))
    server.on(pollRoute(2), () => ({ body: { state: 'cancelled', expiresAt: later(), scannedBy: '管理员·周', session: null } }))
    server.on(pollRoute(3), () => ({ body: { state: 'pending', expiresAt: later(), scannedBy: null, session: null } }))
    start(server)
    await waitFor(() => expect(tickets()).toBe(3))
    await waitFor(() => expect(screen.getByTestId('login-qr').dataset.qr).toContain('ticket-number-3'))
    expect((await screen.findByRole('alert')).textContent).toContain('手机上已取消登录')
    expect(window.location.pathname).toBe('/admin/login')
  })

  it('offers the demo personas in dev mode only, logging in as one', async () => {
    const { server } = ticketServer()
    server.on(pollRoute(1), () => ({ body: { state: 'pending', expiresAt: later(), scannedBy: null, session: null } }))
    server.on('GET /api/auth/options', () => ({ body: { mode: 'dev', devLogin: true, personas: [{ key: 'admin', nickname: '管理员·周', description: '管理员' }] } }))
    server.on('POST /api/console/dev-login', (req) => {
      expect(req.data).toEqual({ persona: 'admin' })
      return { body: { token: 'dev-console-token', expiresAt: later(), user: admin } }
    })
    const storage = start(server)
    const button = await screen.findByRole('button', { name: '以 管理员·周 登录' })
    await act(async () => {
      fireEvent.click(button)
    })
    await waitFor(() => expect(window.location.pathname).toBe('/admin/dashboard'))
    expect(storage.getItem(TOKEN_KEY)).toBe('dev-console-token')
  })

  it('no demo personas outside dev mode', async () => {
    const { server } = ticketServer()
    server.on(pollRoute(1), () => ({ body: { state: 'pending', expiresAt: later(), scannedBy: null, session: null } }))
    start(server)
    await waitFor(() => expect(server.called('GET /api/auth/options')).toHaveLength(1))
    await waitFor(() => expect(screen.getByTestId('login-qr').dataset.qr).not.toBe(''))
    expect(screen.queryByText('演示登录（仅开发环境）')).toBeNull()
  })
})
