/** Renders one console page as the shell would (antd App, the console context over a FakeServer, a router). */
import { render } from '@testing-library/react'
import { MemoryRouter } from 'react-router-dom'
import { App as AntApp, ConfigProvider } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import type { ReactElement } from 'react'
import { ConsoleProvider } from '../src/console'
import { ConsoleSession, TOKEN_KEY } from '../src/session'
import { FakeServer, memoryStorage } from './fake-server'
import { MessageChannel } from 'node:worker_threads'

// antd's Select dropdown schedules with MessageChannel, which jsdom lacks.
if (!(globalThis as { MessageChannel?: unknown }).MessageChannel) Object.assign(globalThis, { MessageChannel })

export const ADMIN_ME = { id: 7, nickname: '管理员·周', avatarUrl: null, roles: [{ role: 'admin', orgId: 1, orgName: '云溪区总工会' }] }

export function renderPage(page: ReactElement, server = new FakeServer()) {
  const storage = memoryStorage()
  storage.setItem(TOKEN_KEY, 'console-token-1')
  const session = new ConsoleSession({ transport: server, storage })
  session.setUser(ADMIN_ME as never)
  render(
    <ConfigProvider locale={zhCN}>
      <AntApp>
        <MemoryRouter>
          <ConsoleProvider session={session}>{page}</ConsoleProvider>
        </MemoryRouter>
      </AntApp>
    </ConfigProvider>,
  )
  return { server, session }
}

/** A fetch the export buttons call (downloads): records the request, answers with an .xlsx-like blob. */
export function fakeFetch(status = 200) {
  const calls: { url: string; headers: Record<string, string> }[] = []
  const fn = jest.fn(async (url: string, init: RequestInit) => {
    calls.push({ url, headers: (init.headers ?? {}) as Record<string, string> })
    return new Response(status === 200 ? 'xlsx-bytes' : JSON.stringify({ code: 'FORBIDDEN', reason: 'RELIEF_QUEUE_FORBIDDEN', message: '您没有复核权限' }), {
      status,
      headers: status === 200 ? { 'content-disposition': "attachment; filename=\"x.xlsx\"; filename*=UTF-8''%E5%8F%91%E6%94%BE%E5%90%8D%E5%8D%95.xlsx" } : { 'content-type': 'application/json' },
    })
  })
  ;(globalThis as { fetch: unknown }).fetch = fn
  URL.createObjectURL = jest.fn(() => 'blob:x')
  URL.revokeObjectURL = jest.fn()
  return calls
}
