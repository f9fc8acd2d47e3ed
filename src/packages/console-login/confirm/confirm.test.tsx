import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import ConfirmPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const TICKET = 'AbCdEfGhIjKlMnOpQrStUv'
const view = { ticket: TICKET, state: 'scanned', place: '来自 Chrome · Linux · IP 10.0.0.8', requestedAt: '2026-12-04T05:30:00.000Z', expiresAt: '2026-12-04T05:32:00.000Z' }

async function open(params: Record<string, string>, handle: (r: TransportRequest) => ReturnType<typeof json>) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = params
  const rendered = renderWithStores(<ConfirmPage />)
  const requests: TransportRequest[] = []
  rendered.transport.fallback = (req) => {
    requests.push(req as TransportRequest)
    return handle(req as TransportRequest)
  }
  rendered.transport.reply(() => json(200, sampleSession('tok-2')))
  await act(async () => {
    await rendered.root.session.devLogin('admin')
  })
  await act(async () => {
    await new Promise((r) => setTimeout(r, 30))
  })
  return { ...rendered, requests }
}

describe('扫码登录 on the phone', () => {
  afterEach(() => {
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('asks "在电脑上登录工会工作台？" with where and when; 确认登录 confirms that ticket; 退出电脑登录 ends the console', async () => {
    let consoles = [] as { place: string; startedAt: string; expiresAt: string }[]
    const { container, requests } = await open({ ticket: TICKET }, (r) => {
      if (r.url === `/api/console/login-tickets/${TICKET}`) return json(200, view)
      if (r.url === `/api/console/login-tickets/${TICKET}/confirm`) {
        consoles = [{ place: view.place, startedAt: '2026-12-04T05:31:00.000Z', expiresAt: '2026-12-04T07:31:00.000Z' }]
        return json(200, { ok: true })
      }
      if (r.url === '/api/console/sessions') return json(200, { sessions: consoles })
      if (r.url === '/api/console/sessions/logout') {
        consoles = []
        return json(200, { ended: 1 })
      }
      throw new Error(`unexpected ${r.url}`)
    })
    await waitFor(() => expect(container.querySelector('.console-login-ask')?.textContent).toContain('在电脑上登录工会工作台？'))
    expect(container.querySelector('.console-login-place')?.textContent).toBe('来自 Chrome · Linux · IP 10.0.0.8')
    expect(container.querySelector('.console-login-ask')?.textContent).toContain('2026')
    await act(async () => {
      fireEvent.click(screen.getByText('确认登录'))
    })
    await waitFor(() => expect(container.querySelector('.console-login-done')?.textContent).toContain('已确认'))
    expect(requests.some((r) => r.method === 'POST' && r.url === `/api/console/login-tickets/${TICKET}/confirm`)).toBe(true)
    await waitFor(() => expect(container.querySelector('.console-login-sessions')).toBeTruthy())
    await act(async () => {
      fireEvent.click(screen.getByText('退出电脑登录'))
    })
    await waitFor(() => expect(container.querySelector('.console-login-sessions')).toBeNull())
    expect(requests.filter((r) => r.url === '/api/console/sessions/logout')).toHaveLength(1)
  })

  it('a refusal (expired QR, not staff) is shown as the server words it, with nothing to confirm', async () => {
    const { container } = await open({ ticket: TICKET }, (r) => {
      if (r.url === `/api/console/login-tickets/${TICKET}`) return json(410, { code: 'NOT_FOUND', reason: 'TICKET_EXPIRED', message: '二维码已过期（改写的提示）', requestId: 't' })
      if (r.url === '/api/console/sessions') return json(200, { sessions: [] })
      throw new Error(`unexpected ${r.url}`)
    })
    await waitFor(() => expect(container.querySelector('.error-box')?.textContent).toContain('二维码已过期（改写的提示）'))
    expect(container.querySelector('.console-login-confirm')).toBeNull()
  })
})
