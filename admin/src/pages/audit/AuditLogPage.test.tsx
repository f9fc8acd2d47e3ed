import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import AuditLogPage from './AuditLogPage'
import { FakeServer } from '../../../test/fake-server'
import { fakeFetch, renderPage } from '../../../test/render-page'

const row = (id: number, over: Record<string, unknown> = {}) => ({
  id,
  at: '2026-11-20T02:00:00.000Z',
  actor: { id: 9, name: '审核员·陈' },
  action: 'membership.approve',
  subjectType: 'membership_application',
  subjectId: String(100 + id),
  org: { id: 5, name: '星河物流有限公司工会' },
  ip: '10.0.0.8',
  userAgent: 'Mozilla/5.0 Chrome/120',
  device: 'Chrome · Windows',
  channel: 'console',
  detail: { employmentType: 'delivery' },
  sensitive: false,
  ...over,
})

describe('审计日志', () => {
  it('shows who did what to which record, when and from where; highlights sensitive views; pages by cursor', async () => {
    const server = new FakeServer().on('GET /api/audit', (req) =>
      req.url.includes('cursor=c2')
        ? { body: { items: [row(1, { action: 'relief.payout_list.export', subjectType: 'relief_payout_list', subjectId: null, sensitive: true })], nextCursor: null } }
        : { body: { items: [row(3, { action: 'membership.application.view_sensitive', sensitive: true }), row(2, { actor: null, channel: null, ip: null, device: null, org: null })], nextCursor: 'c2' } },
    )
    renderPage(<AuditLogPage />, server)
    expect(await screen.findByText('查看入会申请敏感信息', undefined, { timeout: 8000 })).toBeTruthy()
    // who, the record, the union, from where (channel · device · address), when (China time)
    expect(screen.getByText('审核员·陈')).toBeTruthy()
    expect(screen.getByText('入会申请 #103')).toBeTruthy()
    expect(screen.getByText('工作台 · Chrome · Windows · 10.0.0.8')).toBeTruthy()
    expect(screen.getAllByText('2026/11/20 10:00:00').length).toBe(2)
    // a row of no person and no union
    expect(screen.getByText('系统')).toBeTruthy()
    expect(screen.getByText('平台')).toBeTruthy()
    // the sensitive view stands out; the other row does not
    const sensitiveRow = screen.getByText('查看入会申请敏感信息').closest('tr')!
    expect(sensitiveRow.className).toContain('audit-sensitive')
    expect(sensitiveRow.textContent).toContain('敏感信息')
    expect(screen.getByText('入会申请 #102').closest('tr')!.className).not.toContain('audit-sensitive')

    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
    })
    expect(await screen.findByText('导出发放名单')).toBeTruthy()
    expect(server.called('GET /api/audit')[1].url).toContain('cursor=c2')
    expect(screen.getByText('导出发放名单').closest('tr')!.className).toContain('audit-sensitive')
    expect(screen.getByText('已显示全部 3 条')).toBeTruthy()
  })

  it('filters by person (只看此人), sensitivity and record, starting again from the first page; exports the same filters', async () => {
    const server = new FakeServer().on('GET /api/audit', () => ({ body: { items: [row(2)], nextCursor: null } }))
    renderPage(<AuditLogPage />, server)
    await screen.findByText('审核员·陈', undefined, { timeout: 8000 })
    await act(async () => {
      fireEvent.click(screen.getByText('只看此人'))
    })
    await waitFor(() => expect(server.called('GET /api/audit')).toHaveLength(2))
    expect(server.called('GET /api/audit')[1].url).toContain('actorId=9')
    expect(screen.getByText('操作人：审核员·陈')).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByRole('switch', { name: '只看敏感操作' }))
    })
    await waitFor(() => expect(server.called('GET /api/audit')).toHaveLength(3))
    const url = server.called('GET /api/audit')[2].url
    expect(url).toContain('sensitive=1')
    expect(url).toContain('actorId=9')
    expect(url).not.toContain('cursor=')

    const search = screen.getByRole('searchbox', { name: '对象编号' })
    await act(async () => {
      fireEvent.change(search, { target: { value: '102' } })
      fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 })
    })
    await waitFor(() => expect(server.called('GET /api/audit')).toHaveLength(4))
    expect(server.called('GET /api/audit')[3].url).toContain('subjectId=102')

    const calls = fakeFetch()
    await act(async () => {
      fireEvent.click(screen.getByText('导出 Excel'))
    })
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0].url).toMatch(/^\/api\/audit\/export\.xlsx\?/)
    expect(calls[0].url).toContain('actorId=9')
    expect(calls[0].url).toContain('sensitive=1')
    expect(calls[0].url).toContain('subjectId=102')
    expect(calls[0].headers.authorization).toBe('Bearer console-token-1')
  })

  it('filters by a union of the subtree (所属工会), from the first page, and exports the same union', async () => {
    const server = new FakeServer()
      .on('GET /api/audit', () => ({ body: { items: [row(2)], nextCursor: null } }))
      .on('GET /api/staff/unions', () => ({ body: { items: [{ id: 1, name: '云溪区总工会', parentName: null }, { id: 5, name: '星河物流有限公司工会', parentName: '青禾街道总工会' }], nextCursor: null } }))
    renderPage(<AuditLogPage />, server)
    await screen.findByText('审核员·陈', undefined, { timeout: 8000 })
    expect(server.called('GET /api/audit')[0].url).not.toContain('orgId=')
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('所属工会'))
    })
    await act(async () => {
      fireEvent.click(await screen.findByText('星河物流有限公司工会（青禾街道总工会）', { selector: '.ant-select-item-option-content' }))
    })
    await waitFor(() => expect(server.called('GET /api/audit')).toHaveLength(2))
    expect(server.called('GET /api/audit')[1].url).toContain('orgId=5')
    expect(server.called('GET /api/audit')[1].url).not.toContain('cursor=')
    const calls = fakeFetch()
    await act(async () => {
      fireEvent.click(screen.getByText('导出 Excel'))
    })
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0].url).toContain('orgId=5')
  })

  it('says why when the server refuses, with 重试', async () => {
    let refuse = true
    const server = new FakeServer().on('GET /api/audit', () =>
      refuse ? { status: 403, body: { code: 'FORBIDDEN', reason: 'FORBIDDEN', message: '没有权限执行此操作' } } : { body: { items: [], nextCursor: null } },
    )
    renderPage(<AuditLogPage />, server)
    expect(await screen.findByText('没有权限执行此操作', undefined, { timeout: 8000 })).toBeTruthy()
    refuse = false
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: /重\s*试/ }))
    })
    expect(await screen.findByText('没有符合条件的操作记录')).toBeTruthy()
  })
})
