import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import App from './App'
import { ConsoleSession, TOKEN_KEY } from './session'
import { THEME_KEY } from './theme'
import { FakeServer, memoryStorage } from '../test/fake-server'

const admin = { id: 7, nickname: '管理员·周', avatarUrl: null, roles: [{ role: 'admin', orgId: 1, orgName: '云溪区总工会' }] }
const legal = { id: 8, nickname: '法律援助专员·孙', avatarUrl: null, roles: [{ role: 'legal_staff', orgId: 3, orgName: '青禾街道总工会' }] }

function start(path: string, user: typeof admin | null, server = new FakeServer()) {
  window.history.pushState({}, '', path)
  const storage = memoryStorage()
  if (user) storage.setItem(TOKEN_KEY, 'console-token-1')
  server.on('GET /api/me', () => (user ? { body: user } : { status: 401, body: { code: 'UNAUTHENTICATED', reason: 'UNAUTHENTICATED', message: '请先登录', requestId: 't' } }))
  server.on('GET /api/console/login-tickets/options', () => ({ body: { devLogin: false, personas: [] } }))
  server.on('POST /api/console/login-tickets', () => ({ body: { ticket: 'x', qr: 'https://example/x', expiresAt: new Date(Date.now() + 120000).toISOString() } }))
  server.on('GET /api/console/login-tickets/:ticket', () => ({ body: { state: 'pending', expiresAt: new Date(Date.now() + 120000).toISOString() } }))
  const session = new ConsoleSession({ transport: server, storage })
  render(<App session={session} />)
  return { server, session, storage }
}

afterEach(() => localStorage.clear())

/** Pages are lazy chunks: on a cold jest cache and a busy machine the first one can take seconds to arrive. */
const LAZY = { timeout: 8000 }

describe('the console shell', () => {
  it('sends a visitor without a session to the login page', async () => {
    start('/admin/dashboard', null)
    expect(await screen.findByRole('heading', { name: '工会工作台' }, LAZY)).toBeTruthy()
    expect(window.location.pathname).toBe('/admin/login')
  })

  it('shows who is logged in and the menu their roles open, sending the token as Bearer', async () => {
    const { server } = start('/admin/', admin)
    expect(await screen.findByTestId('console-user', undefined, LAZY)).toHaveProperty('textContent', '管理员·周 · 云溪区总工会')
    const nav = screen.getByRole('navigation', { name: '主菜单' })
    for (const label of ['数据看板', '入会审核', '帮扶审核', '活动审批', '法律援助', '福利活动', '活动管理', '救助类型', '组织架构', '工作人员', '会员名册导入', '审计日志']) expect(nav.textContent).toContain(label)
    expect(server.called('GET /api/me')[0].headers.authorization).toBe('Bearer console-token-1')
    await waitFor(() => expect(window.location.pathname).toBe('/admin/dashboard'))
  })

  it('a legal-aid officer sees no review or audit entries (the server still decides)', async () => {
    start('/admin/legal', legal)
    const nav = await screen.findByRole('navigation', { name: '主菜单' }, LAZY)
    expect(nav.textContent).toContain('法律援助')
    expect(nav.textContent).not.toContain('入会审核')
    expect(nav.textContent).not.toContain('审计日志')
    expect(nav.textContent).not.toContain('福利活动')
    expect(nav.textContent).not.toContain('组织架构')
    expect(nav.textContent).not.toContain('工作人员')
    expect(nav.textContent).not.toContain('救助类型')
  })

  it('remembers dark mode', async () => {
    start('/admin/dashboard', admin)
    const toggle = await screen.findByRole('switch', { name: '深色模式' }, LAZY)
    await act(async () => {
      fireEvent.click(toggle)
    })
    expect(localStorage.getItem(THEME_KEY)).toBe('dark')
    expect(document.documentElement.dataset.theme).toBe('dark')
  })

  it('a session the server no longer accepts (expired, 退出电脑登录) ends at the login page and is forgotten', async () => {
    window.history.pushState({}, '', '/admin/dashboard')
    const storage = memoryStorage()
    storage.setItem(TOKEN_KEY, 'revoked-token')
    const server = new FakeServer()
      .on('GET /api/me', () => ({ status: 401, body: { code: 'UNAUTHENTICATED', reason: 'SESSION_REVOKED', message: '登录已失效', requestId: 't' } }))
      .on('POST /api/console/login-tickets', () => ({ body: { ticket: 'x', qr: 'https://example/x', expiresAt: new Date(Date.now() + 120000).toISOString() } }))
    render(<App session={new ConsoleSession({ transport: server, storage })} />)
    await waitFor(() => expect(window.location.pathname).toBe('/admin/login'))
    expect(storage.getItem(TOKEN_KEY)).toBeNull()
  })
})
