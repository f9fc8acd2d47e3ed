import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import LegalCasesPage from './LegalCasesPage'
import { FakeServer } from '../../../test/fake-server'
import { renderPage } from '../../../test/render-page'
import { expectSortNewest, sortedList } from '../../../test/queue-sort'

const item = (id: number, over: Record<string, unknown> = {}) => ({
  id, kind: 'unpaid_wages', employer: '云溪速达配送站', status: 'submitted', createdAt: '2026-11-23T02:00:00.000Z', updatedAt: '2026-11-23T02:00:00.000Z',
  firstResponseDue: '2026-11-24T02:00:00.000Z', overdue: true, outcome: null, memberName: '李*梅', orgName: '星河物流有限公司工会', handlerName: null, ...over,
})
const view = (over: Record<string, unknown> = {}) => ({
  ...item(31), amount: 6800, description: '站点拖欠我 9 月和 10 月的工资，共 6800 元，多次催讨未果。', contactPref: 'phone', contactTime: 'weekday_evening',
  phone: '13812345678', attachments: [], firstResponseAt: null, session: null, amountRecovered: null, closedAt: null, rating: null, nextStep: '等待受理',
  entries: [{ id: 1, at: '2026-11-23T02:00:00.000Z', kind: 'submitted', author: 'member', by: '李晓梅', text: null, attachments: [] }],
  memberName: '李晓梅', mine: false, ...over,
})
const list = (items: unknown[], overdueCount = 1) => ({ body: { items, nextCursor: null, overdueCount } })

/** A button by its text (antd spaces out two-character labels: 受 理); getByRole is too slow on antd's DOM here. */
const button = (name: string) => Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s/g, '') === name)!

const pick = async (label: string, option: string) => {
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText(label))
  })
  await act(async () => {
    fireEvent.click(await screen.findByText(option, { selector: '.ant-select-item-option-content' }))
  })
}

describe('法律援助', () => {
  it('lists the open cases, and sends the overdue tab and each filter to the server', async () => {
    const s = new FakeServer().on('GET /api/legal/manage/cases', () => list([item(31)]))
    renderPage(<LegalCasesPage />, s)
    expect(await screen.findByText('李*梅', undefined, { timeout: 20_000 })).toBeTruthy()
    expect(screen.getByText('已超时', { selector: '.ant-tag' })).toBeTruthy()
    expect(s.called('GET /api/legal/manage/cases')[0].url).toContain('filter=open')
    await act(async () => {
      fireEvent.click(screen.getByText('已超时', { selector: '.ant-segmented-item-label *' }))
    })
    await waitFor(() => expect(s.called('GET /api/legal/manage/cases').some((r) => r.url.includes('filter=overdue'))).toBe(true))
    await pick('纠纷类型', '工伤')
    await waitFor(() => expect(s.called('GET /api/legal/manage/cases').some((r) => r.url.includes('filter=overdue') && r.url.includes('kind=injury'))).toBe(true))
    await pick('办理状态', '待会员补充')
    await waitFor(() => expect(s.called('GET /api/legal/manage/cases').some((r) => r.url.includes('status=awaiting_member'))).toBe(true))
  }, 120_000)

  it('排序: oldest request first by default; 最新提交在前 asks the server for newest first from the first page, and 加载更多 keeps that order', async () => {
    const older = item(31, { memberName: '李*梅', createdAt: '2026-11-23T02:00:00.000Z' })
    const newer = item(32, { memberName: '王*强', createdAt: '2026-11-25T02:00:00.000Z' })
    const s = new FakeServer().on('GET /api/legal/manage/cases', sortedList([older, newer], (items, nextCursor) => ({ ...list(items).body, nextCursor })))
    renderPage(<LegalCasesPage />, s)
    await screen.findByText('李*梅', undefined, { timeout: 20_000 })
    await expectSortNewest(s, 'GET /api/legal/manage/cases', '最新提交在前', '李*梅', '王*强')
  }, 120_000)

  it('says so when nothing is open', async () => {
    renderPage(<LegalCasesPage />, new FakeServer().on('GET /api/legal/manage/cases', () => list([], 0)))
    expect(await screen.findByText('暂无符合条件的咨询', undefined, { timeout: 20_000 })).toBeTruthy()
  }, 120_000)

  it('opens the case (audited staff view), takes it, replies, and shows a refusal beside its field', async () => {
    let current = view()
    const s = new FakeServer()
      .on('GET /api/legal/manage/cases', () => list([item(31)]))
      .on('GET /api/legal/manage/cases/31', () => ({ body: current }))
      .on('POST /api/legal/manage/cases/31/take', () => {
        current = view({ status: 'in_progress', handlerName: '法律援助专员·孙', mine: true })
        return { body: current }
      })
      .on('POST /api/legal/manage/cases/31/messages', (req) => ({ body: { ...current, entries: [...current.entries, { id: 2, at: '2026-11-23T03:00:00.000Z', kind: (req.data as { kind: string }).kind, author: 'staff', by: '法律援助专员·孙', text: (req.data as { text: string }).text, attachments: [] }] } }))
      .on('POST /api/legal/manage/cases/31/close', () => ({ status: 400, body: { code: 'VALIDATION', reason: 'LEGAL_RECOVERED_REQUIRED', message: '调解成功请填写追回金额', fields: { amountRecovered: '调解成功请填写追回金额' }, requestId: 't' } }))
    renderPage(<LegalCasesPage />, s)
    await screen.findByText('李*梅', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('办理 31 号咨询'))
    })
    expect(await screen.findByText('13812345678')).toBeTruthy()
    expect(screen.getByText('本次查看含会员联系方式，已记入审计日志')).toBeTruthy()

    await act(async () => {
      fireEvent.click(button('受理'))
    })
    await waitFor(() => expect(s.called('POST /api/legal/manage/cases/31/take')).toHaveLength(1))
    expect(await screen.findByText('法律援助专员·孙')).toBeTruthy()

    fireEvent.click(screen.getByText('请会员补充情况'))
    fireEvent.change(screen.getByLabelText('内容'), { target: { value: '请补充考勤记录截图。' } })
    await act(async () => {
      fireEvent.click(button('发送'))
    })
    await waitFor(() => expect(s.called('POST /api/legal/manage/cases/31/messages')).toHaveLength(1))
    expect(s.called('POST /api/legal/manage/cases/31/messages')[0].data).toEqual({ kind: 'request_info', text: '请补充考勤记录截图。', attachments: [] })
    expect(await screen.findByText('请补充考勤记录截图。')).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByText('结案', { selector: '.ant-tabs-tab-btn' }))
    })
    await pick('结案结果', '调解成功')
    fireEvent.change(screen.getByLabelText('结案说明'), { target: { value: '经调解，用人单位同意支付。' } })
    await act(async () => {
      fireEvent.click(button('结案'))
    })
    expect(await screen.findByText('调解成功请填写追回金额')).toBeTruthy()
    expect(s.called('POST /api/legal/manage/cases/31/close')[0].data).toEqual({ outcome: 'mediated', amountRecovered: null, note: '经调解，用人单位同意支付。' })
  }, 120_000)
})
