import { ApiClient } from '../../../api/client'
import { FakeTransport, json } from '../../../test/fakes'
import type { DocumentRequest } from '../../../platform/types'
import { SecurityStore } from './SecurityStore'

const overview = (over: Record<string, unknown> = {}) => ({ isMember: true, erasure: null, departure: null, exports: [], ...over })
const copy = { id: 7, status: 'done', requestedAt: '2026-11-23T02:00:00.000Z', expiresAt: '2026-11-30T02:00:00.000Z', xlsxUrl: null, jsonUrl: null }

function setup() {
  const transport = new FakeTransport()
  const api = new ApiClient({ transport, timeoutMs: 1000 })
  const session = { logout: jest.fn(async () => undefined) }
  return { transport, session, store: new SecurityStore(api, session) }
}

describe('SecurityStore (账号与安全)', () => {
  it('注销账号: sends the confirmation, then logs out on this device at once (a later login would cancel it)', async () => {
    const { transport, session, store } = setup()
    transport.reply(() => json(200, { id: 1, status: 'pending', requestedAt: copy.requestedAt, dueAt: copy.expiresAt, cancelledAt: null, cancelledBy: null }))
    expect(await store.requestErasure()).toBe(true)
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/privacy/erasure', data: { confirm: true } })
    expect(session.logout).toHaveBeenCalledTimes(1)
  })

  it('注销账号 refused: the message beside it, and no logout', async () => {
    const { transport, session, store } = setup()
    transport.reply(() => json(429, { code: 'RATE_LIMITED', reason: 'RATE_LIMITED', message: '操作太频繁，请稍后再试（改写的文案）' }))
    expect(await store.requestErasure()).toBe(false)
    expect(session.logout).not.toHaveBeenCalled()
    expect(store.note).toEqual({ kind: 'error', text: '操作太频繁，请稍后再试（改写的文案）' })
    expect(store.lastAction).toBe('erasure')
  })

  it('下载我的数据: fresh signed links are fetched at the tap and the spreadsheet handed to the document opener', async () => {
    const { transport, store } = setup()
    transport.reply(() => json(200, { ...copy, xlsxUrl: '/api/files/abc?exp=1&sig=x', jsonUrl: '/api/files/def?exp=1&sig=y' }))
    const opened: DocumentRequest[] = []
    await store.download(copy as never, 'xlsx', async (req) => {
      opened.push(req)
      return { ok: true }
    })
    expect(transport.requests[0].url).toBe('/api/privacy/exports/7')
    expect(opened).toEqual([{ url: '/api/files/abc?exp=1&sig=x', headers: {}, fileName: '我的数据.xlsx', fileType: 'xlsx' }])
    expect(store.note).toEqual({ kind: 'ok', text: '已下载' })
  })

  it('退会: the reason is sent trimmed (none when blank) and the page reloads its state', async () => {
    const { transport, store } = setup()
    const departure = { id: 3, status: 'requested', reason: '换工作', requestedAt: copy.requestedAt, dueAt: copy.expiresAt, leftAt: null }
    transport.reply(
      () => json(200, departure),
      () => json(200, overview({ departure })),
    )
    await store.requestDeparture('  换工作 ')
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/privacy/departure', data: { reason: '换工作' } })
    expect(store.overview.data?.departure?.status).toBe('requested')
    transport.reply(
      () => json(200, departure),
      () => json(200, overview({ departure })),
    )
    await store.requestDeparture('   ')
    expect((transport.requests[2] as { data?: unknown }).data).toEqual({})
  })
})
