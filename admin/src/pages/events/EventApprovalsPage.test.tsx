import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import EventApprovalsPage from './EventApprovalsPage'
import { FakeServer } from '../../../test/fake-server'
import { renderPage } from '../../../test/render-page'
import { expectSortNewest, sortedList } from '../../../test/queue-sort'

const counts = (pending: number) => ({ taken: 3 + pending, pending, confirmed: 3, checkedIn: 0, waitlisted: 1, noShow: 0 })
const ev = (id: number, title: string, pending: number, kind = 'skills_competition') => ({
  id, kind, title, description: '全区职工技能比武', orgId: 1, orgName: '云溪区总工会',
  startsAt: '2026-11-30T00:00:00.000Z', endsAt: '2026-11-30T08:00:00.000Z', place: { name: '全民健身中心', address: '示例市云溪区青禾路 20 号', lat: 30.27, lng: 120.15 },
  capacity: 20, registrationOpensAt: '2026-11-20T00:00:00.000Z', registrationClosesAt: '2026-11-28T00:00:00.000Z', eligibleEmploymentTypes: null, eligibleIndustries: null,
  entryMode: 'individual', teamMinSize: null, teamMaxSize: null, approvalMode: 'manual', cancelCutoffHours: 24, cancelUntil: '2026-11-29T00:00:00.000Z',
  checkinOpensMinutes: 60, checkinOpensAt: '2026-11-29T23:00:00.000Z', scored: true, scoreUnit: '分', higherScoreWins: true, questions: [],
  counts: counts(pending), placesLeft: 16, phase: 'registering',
})
const reg = (id: number, name: string) => ({
  id, status: 'pending', waitlistPosition: null, name, memberNo: `YX20260000${id}`, employmentType: 'employee', orgName: '星河物流有限公司工会',
  answers: [{ questionId: 'q1', label: '参赛工种', type: 'short_text', value: '电工', files: [] }], team: null, rejectReason: null,
  createdAt: '2026-11-21T02:00:00.000Z', decidedAt: null, checkedInAt: null, checkedOutAt: null, minutes: null, score: null,
})
const page = (items: unknown[]) => ({ body: { items, nextCursor: null, serverTime: '2026-11-23T02:00:00.000Z' } })

function server(pendingRegs = [reg(11, '李晓梅'), reg(12, '王强')]) {
  return new FakeServer()
    .on('GET /api/events/manage/events', () => page([ev(5, '全区职工技能大赛', pendingRegs.length)]))
    .on('GET /api/events/manage/events/5', () => ({ body: ev(5, '全区职工技能大赛', pendingRegs.length) }))
    .on('GET /api/events/manage/events/5/registrations', () => ({ body: { ...page(pendingRegs).body, counts: counts(pendingRegs.length) } }))
}

const pick = async (label: string, option: string) => {
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText(label))
  })
  await act(async () => {
    fireEvent.click(await screen.findByText(option, { selector: '.ant-select-item-option-content' }))
  })
}

describe('活动审批', () => {
  it('lists events with registrations waiting by default, and sends each chosen filter', async () => {
    const s = server()
    renderPage(<EventApprovalsPage />, s)
    expect(await screen.findByText('全区职工技能大赛', undefined, { timeout: 20_000 })).toBeTruthy()
    expect(screen.getByText('2 人待审核')).toBeTruthy()
    expect(s.called('GET /api/events/manage/events')[0].url).toContain('pending=1')
    await pick('活动类型', '培训课程')
    await waitFor(() => expect(s.called('GET /api/events/manage/events').some((r) => r.url.includes('kind=training'))).toBe(true))
    await pick('活动状态', '已结束')
    await waitFor(() => expect(s.called('GET /api/events/manage/events').some((r) => r.url.includes('phase=ended') && r.url.includes('kind=training'))).toBe(true))
  }, 120_000)

  it('排序: earliest start first by default; 最晚开始在前 asks the server for newest first from the first page, and 加载更多 keeps that order', async () => {
    const early = { ...ev(5, '全区职工技能大赛', 2), startsAt: '2026-11-30T00:00:00.000Z' }
    const late = { ...ev(6, '新春游园会', 1, 'sports_culture'), startsAt: '2027-01-20T00:00:00.000Z' }
    const s = new FakeServer().on('GET /api/events/manage/events', sortedList([early, late], (items, nextCursor) => ({ ...page(items).body, nextCursor })))
    renderPage(<EventApprovalsPage />, s)
    await screen.findByText('全区职工技能大赛', undefined, { timeout: 20_000 })
    await expectSortNewest(s, 'GET /api/events/manage/events', '最晚开始在前', '全区职工技能大赛', '新春游园会')
  }, 120_000)

  it('says so when nothing waits', async () => {
    renderPage(<EventApprovalsPage />, new FakeServer().on('GET /api/events/manage/events', () => page([])))
    expect(await screen.findByText('暂无待审核的活动报名', undefined, { timeout: 20_000 })).toBeTruthy()
  }, 120_000)

  it('shows the load error with 重试', async () => {
    let fail = true
    const s = new FakeServer().on('GET /api/events/manage/events', () =>
      fail ? { status: 500, body: { code: 'INTERNAL', reason: 'INTERNAL', message: '服务器开小差了', requestId: 't' } } : page([ev(5, '全区职工技能大赛', 0)]))
    renderPage(<EventApprovalsPage />, s)
    expect(await screen.findByText('服务器开小差了', undefined, { timeout: 20_000 })).toBeTruthy()
    fail = false
    await act(async () => {
      fireEvent.click(Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s/g, '') === '重试')!)
    })
    expect(await screen.findByText('全区职工技能大赛')).toBeTruthy()
  }, 120_000)

  it('opens the event with its waiting registrations; a rejection without reason shows the server’s message beside the field; approving sends the selected ids', async () => {
    const s = server()
      .on('POST /api/events/manage/events/5/decisions', (req) => {
        const body = req.data as { ids: number[]; decision: string; reason?: string }
        if (body.decision === 'reject' && !body.reason) return { status: 400, body: { code: 'VALIDATION', reason: 'VALIDATION', message: '请检查填写的内容', fields: { reason: '请填写不通过的原因' }, requestId: 't' } }
        return { body: { results: body.ids.map((id) => ({ id, ok: true, status: 'confirmed', message: null })), promoted: 0, counts: counts(0) } }
      })
    renderPage(<EventApprovalsPage />, s)
    await screen.findByText('全区职工技能大赛', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('审批 全区职工技能大赛'))
    })
    expect(await screen.findByText('李晓梅')).toBeTruthy()
    expect(screen.getByText('全民健身中心（示例市云溪区青禾路 20 号）')).toBeTruthy()
    expect(screen.getAllByText('参赛工种：电工')).toHaveLength(2)
    expect(s.called('GET /api/events/manage/events/5/registrations')[0].url).toContain('status=pending')

    const boxes = () => Array.from(document.querySelectorAll<HTMLInputElement>('.ant-drawer tbody input[type="checkbox"]'))
    fireEvent.click(boxes()[0])
    await act(async () => {
      fireEvent.click(screen.getByText('不通过（1）'))
    })
    expect(await screen.findByText('请填写不通过的原因')).toBeTruthy()

    await act(async () => {
      fireEvent.click(screen.getByText('通过（1）'))
    })
    await waitFor(() => expect(s.called('POST /api/events/manage/events/5/decisions')).toHaveLength(2))
    expect(s.called('POST /api/events/manage/events/5/decisions')[1].data).toEqual({ ids: [11], decision: 'approve' })
  }, 120_000)
})
