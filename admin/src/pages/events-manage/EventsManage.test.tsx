import { act, cleanup, fireEvent, screen, waitFor } from '@testing-library/react'
import EventsManagePage from './EventsManagePage'
import EventFormPage from './EventFormPage'
import { FakeServer } from '../../../test/fake-server'
import { fakeFetch, renderPage } from '../../../test/render-page'

const counts = (over: Partial<Record<string, number>> = {}) => ({ taken: 2, pending: 1, confirmed: 1, checkedIn: 0, waitlisted: 0, noShow: 0, ...over })
const ev = (id: number, title: string, over: Record<string, unknown> = {}) => ({
  id, kind: 'training', title, description: '安全生产培训', orgId: 1, orgName: '云溪区总工会',
  startsAt: '2099-11-30T00:00:00.000Z', endsAt: '2099-11-30T08:00:00.000Z', place: { name: '职工文化中心', address: '示例市云溪区青禾路 20 号', lat: 30.27, lng: 120.15 },
  capacity: 30, registrationOpensAt: '2026-11-20T00:00:00.000Z', registrationClosesAt: '2099-11-28T00:00:00.000Z', eligibleEmploymentTypes: null, eligibleIndustries: null,
  entryMode: 'individual', teamMinSize: null, teamMaxSize: null, approvalMode: 'manual', cancelCutoffHours: 24, cancelUntil: '2099-11-29T00:00:00.000Z',
  checkinOpensMinutes: 30, checkinOpensAt: '2099-11-29T23:30:00.000Z', scored: false, scoreUnit: '分', higherScoreWins: true, questions: [],
  counts: counts(), placesLeft: 28, phase: 'registering', ...over,
})
const reg = (id: number, name: string, status = 'pending') => ({
  id, status, waitlistPosition: null, name, memberNo: `YX20260000${id}`, employmentType: 'courier', orgName: '星河物流有限公司工会',
  answers: [], team: null, rejectReason: null, createdAt: '2026-11-21T02:00:00.000Z', decidedAt: null, checkedInAt: null, checkedOutAt: null, minutes: null, score: null,
})
const page = (items: unknown[]) => ({ body: { items, nextCursor: null, serverTime: '2026-11-23T02:00:00.000Z' } })
const unions = () => ({ body: { items: [{ id: 1, name: '云溪区总工会', parentName: null }, { id: 3, name: '星河物流有限公司工会', parentName: '青禾街道总工会' }], nextCursor: null } })

const pick = async (label: string, option: string) => {
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText(label))
  })
  await act(async () => {
    fireEvent.click(await screen.findByText(option, { selector: '.ant-select-item-option-content' }))
  })
}
const button = (text: string) => Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s/g, '') === text)!
/** The message antd shows under a field (Form.Item help), by the field's label. */
const helpOf = (label: string) => {
  const item = Array.from(document.querySelectorAll('.ant-form-item')).find((el) => el.querySelector('label')?.textContent === label)
  return item?.querySelector('.ant-form-item-explain')?.textContent ?? null
}
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })

beforeEach(() => localStorage.clear())

describe('活动管理: the table', () => {
  it('lists the events of the subtree and sends each chosen filter, 报名中 included', async () => {
    const s = new FakeServer().on('GET /api/events/manage/events', () => page([ev(5, '安全生产培训班')])).on('GET /api/staff/unions', unions)
    renderPage(<EventsManagePage />, s)
    expect(await screen.findByText('安全生产培训班', undefined, { timeout: 20_000 })).toBeTruthy()
    expect(screen.getByText('待审核 1 · 已签到 0 · 候补 0')).toBeTruthy()
    await pick('活动状态', '报名中')
    await waitFor(() => expect(s.called('GET /api/events/manage/events').some((r) => r.url.includes('phase=registering'))).toBe(true))
    await pick('活动类型', '疗休养')
    await waitFor(() => expect(s.called('GET /api/events/manage/events').some((r) => r.url.includes('phase=registering') && r.url.includes('kind=recuperation'))).toBe(true))
  }, 120_000)

  it('says what to do when there is nothing, and shows a load error with 重试', async () => {
    let fail = true
    const s = new FakeServer()
      .on('GET /api/staff/unions', unions)
      .on('GET /api/events/manage/events', () => (fail ? { status: 500, body: { code: 'INTERNAL', reason: 'INTERNAL', message: '服务器开小差了', requestId: 't' } } : page([])))
    renderPage(<EventsManagePage />, s)
    expect(await screen.findByText('服务器开小差了', undefined, { timeout: 20_000 })).toBeTruthy()
    fail = false
    await act(async () => {
      fireEvent.click(button('重试'))
    })
    expect(await screen.findByText('暂无符合条件的活动，可点击“新建活动”发布')).toBeTruthy()
  }, 120_000)

  it('opens the registrations: states in a table, 通过 of the chosen pending one, 签到 refused until check-in opens, and the roster export with the token', async () => {
    const s = new FakeServer()
      .on('GET /api/staff/unions', unions)
      .on('GET /api/events/manage/events', () => page([ev(5, '安全生产培训班')]))
      .on('GET /api/events/manage/events/5', () => ({ body: ev(5, '安全生产培训班') }))
      .on('GET /api/events/manage/events/5/registrations', () => ({ body: { ...page([reg(11, '李晓梅'), reg(12, '王强', 'confirmed')]).body, counts: counts() } }))
      .on('POST /api/events/manage/events/5/decisions', (req) => {
        const body = req.data as { ids: number[] }
        return { body: { results: body.ids.map((id) => ({ id, ok: true, status: 'confirmed', message: null })), promoted: 0, counts: counts({ pending: 0, confirmed: 2 }) } }
      })
    const calls = fakeFetch()
    renderPage(<EventsManagePage />, s)
    await screen.findByText('安全生产培训班', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('报名名单 安全生产培训班'))
    })
    expect(await screen.findByText('李晓梅')).toBeTruthy()
    expect(screen.getAllByText('待审核').length).toBeGreaterThan(0)
    // check-in opens 30 minutes before the start (2099): no 签到 button yet
    expect(screen.queryByLabelText('为 王强 签到')).toBeNull()
    fireEvent.click(screen.getByLabelText('选择 李晓梅'))
    await act(async () => {
      fireEvent.click(button('通过（1）'))
    })
    await waitFor(() => expect(s.called('POST /api/events/manage/events/5/decisions')).toHaveLength(1))
    expect(s.called('POST /api/events/manage/events/5/decisions')[0].data).toEqual({ ids: [11], decision: 'approve' })

    await act(async () => {
      fireEvent.click(button('导出名单（.xlsx）'))
    })
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0].url).toBe('/api/events/manage/events/5/roster.xlsx')
    expect(calls[0].headers.authorization).toBe('Bearer console-token-1')
  }, 120_000)
})

describe('活动管理: 新建活动', () => {
  // The server's own refusal (its clock ahead of this browser's): 400 ENDS_IN_PAST beside 活动结束, the first time.
  const server = () => {
    let refused = false
    return new FakeServer()
      .on('GET /api/staff/unions', unions)
      .on('POST /api/events/manage/events', (req) => {
        const body = req.data as { title: string }
        if (!refused) {
          refused = true
          return { status: 400, body: { code: 'VALIDATION', reason: 'ENDS_IN_PAST', message: '结束时间须晚于当前时间', fields: { endsAt: '结束时间须晚于当前时间' }, requestId: 't' } }
        }
        return { body: ev(9, body.title) }
      })
  }

  it('shows the schema’s message beside the field and sends nothing; then the server’s field refusal beside its field; then publishes', async () => {
    const s = server()
    renderPage(<EventFormPage />, s)
    await screen.findByLabelText('活动名称', undefined, { timeout: 20_000 })
    type('活动名称', '培')
    await act(async () => {
      fireEvent.click(button('发布活动'))
    })
    expect(helpOf('活动名称')).toBe('请填写活动名称')
    expect(helpOf('活动类型')).toBe('请选择活动类型')
    expect(s.called('POST /api/events/manage/events')).toHaveLength(0)
    // the first refused field has the focus
    expect(document.activeElement?.getAttribute('type')).toBe('radio')

    fireEvent.click(screen.getByLabelText('培训课程'))
    type('活动名称', '安全生产培训班')
    type('活动地点', '云溪区职工文化中心')
    type('详细地址', '示例市云溪区青禾路 20 号')
    type('纬度', '30.27')
    type('经度', '120.15')
    type('名额（人数）', '40')
    expect(helpOf('活动名称')).toBeNull()
    await act(async () => {
      fireEvent.click(button('发布活动'))
    })
    await waitFor(() => expect(s.called('POST /api/events/manage/events')).toHaveLength(1))
    await waitFor(() => expect(helpOf('活动结束')).toBe('结束时间须晚于当前时间'))
    expect(screen.getByText('结束时间须晚于当前时间（见标红的项）')).toBeTruthy()

    await act(async () => {
      fireEvent.click(button('发布活动'))
    })
    await waitFor(() => expect(s.called('POST /api/events/manage/events')).toHaveLength(2))
    const body = s.called('POST /api/events/manage/events')[1].data as Record<string, unknown>
    expect(body).toMatchObject({ kind: 'training', title: '安全生产培训班', orgId: 1, capacity: 40, place: { name: '云溪区职工文化中心', lat: 30.27, lng: 120.15 } })
    // published: the draft is gone
    expect(Object.keys(localStorage).filter((k) => k.startsWith('union.eventEdit.v1.'))).toEqual([])
  }, 120_000)

  it('keeps what was typed across a reload (the draft in this browser)', async () => {
    renderPage(<EventFormPage />, server())
    await screen.findByLabelText('活动名称', undefined, { timeout: 20_000 })
    type('活动名称', '职工疗休养（第二批）')
    type('活动地点', '千岛湖职工疗休养基地')
    cleanup()
    renderPage(<EventFormPage />, server())
    expect(((await screen.findByLabelText('活动名称')) as HTMLInputElement).value).toBe('职工疗休养（第二批）')
    expect((screen.getByLabelText('活动地点') as HTMLInputElement).value).toBe('千岛湖职工疗休养基地')
    expect(screen.getByText('已恢复上次未发布的草稿（草稿保存在本浏览器）。')).toBeTruthy()
  }, 120_000)
})
