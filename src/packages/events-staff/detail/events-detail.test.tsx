import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import * as taro from '@tarojs/taro'
import Taro from '@tarojs/taro'
import ManageEventPage from './index'
import { renderWithStores } from '../../../test/render'
import { json } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const counts = { taken: 3, pending: 2, confirmed: 1, checkedIn: 0, waitlisted: 1, noShow: 0 }
const event = {
  id: 9, kind: 'recuperation', title: '一线职工疗休养', description: '', orgId: 1, orgName: '云溪区总工会',
  startsAt: '2026-12-20T00:00:00Z', endsAt: '2026-12-22T10:00:00Z', place: { name: '千岛湖基地', address: '湖滨路 1 号', lat: 29, lng: 119 },
  capacity: 3, registrationOpensAt: '2026-11-01T00:00:00Z', registrationClosesAt: '2026-12-10T10:00:00Z',
  eligibleEmploymentTypes: null, eligibleIndustries: null, entryMode: 'individual', teamMinSize: null, teamMaxSize: null,
  approvalMode: 'manual', cancelCutoffHours: 72, cancelUntil: '2026-12-17T00:00:00Z', checkinOpensMinutes: 30,
  checkinOpensAt: '2026-12-19T23:30:00Z', scored: false, scoreUnit: '分', higherScoreWins: true,
  questions: [{ id: 'q1', label: '本单位工龄（年）', type: 'number', required: true, options: [], hint: '' }],
  counts, placesLeft: 0, phase: 'registering',
}
const reg = (id: number, name: string, years: number) => ({
  id, status: 'pending', waitlistPosition: null, name, memberNo: `YX00${id}`, employmentType: 'employee', orgName: '星河物流有限公司工会',
  answers: [{ questionId: 'q1', label: '本单位工龄（年）', type: 'number', value: years, files: [] }],
  team: null, rejectReason: null, createdAt: '2026-11-20T02:00:00Z', decidedAt: null, checkedInAt: null, score: null,
})

describe('报名管理', () => {
  const t = Taro as unknown as { showToast?: unknown }
  const hooks = taro as unknown as Record<string, unknown>
  const had = { toast: t.showToast, reach: hooks.useReachBottom }
  beforeEach(() => {
    t.showToast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
    if (typeof hooks.useReachBottom !== 'function') hooks.useReachBottom = () => undefined
    ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '9' }
  })
  afterEach(() => {
    t.showToast = had.toast
    hooks.useReachBottom = had.reach
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('rejects the selected registrations in bulk only with a reason, then reloads the queue', async () => {
    const { container, transport } = renderWithStores(<ManageEventPage />)
    let decided = false
    transport.fallback = (req) => {
      const r = req as TransportRequest
      if (r.url === '/api/events/manage/events/9') return json(200, event)
      if (r.url.startsWith('/api/events/manage/events/9/registrations')) {
        return json(200, { items: decided ? [] : [reg(1, '张建国', 12), reg(2, '王丽', 4)], nextCursor: null, serverTime: '2026-11-23T02:00:00Z', counts })
      }
      if (r.url === '/api/events/manage/events/9/decisions') {
        decided = true
        return json(200, {
          results: [{ id: 1, ok: true, status: 'rejected', message: null }, { id: 2, ok: true, status: 'rejected', message: null }],
          promoted: 1,
          counts: { ...counts, pending: 1, waitlisted: 0 },
        })
      }
      throw new Error(`unexpected ${r.url}`)
    }
    // The page asked for the event and its registrations while rendering: answer both.
    await act(async () => {
      transport.reply(transport.fallback!, transport.fallback!)
    })
    await waitFor(() => expect(container.querySelectorAll('.manage-reg-item')).toHaveLength(2))
    expect(container.querySelector('.manage-reg-item[data-id="1"]')?.textContent).toContain('本单位工龄（年）：12')
    await act(async () => {
      fireEvent.click(screen.getByText(/全选待审核/))
    })
    expect(screen.getByText('全选待审核（已选 2/2）')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('不通过'))
    })
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过（2）'))
    })
    expect(container.querySelector('.reject-sheet .field-error')?.textContent).toBe('请填写不通过的原因')
    expect(transport.requests.some((r) => r.url.endsWith('/decisions'))).toBe(false)
    await act(async () => {
      fireEvent(container.querySelector('.reject-reason') as HTMLElement, new CustomEvent('input', { detail: { value: '在职未满 3 年' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过（2）'))
    })
    const post = transport.requests.find((r) => r.url.endsWith('/decisions')) as TransportRequest
    expect(post).toMatchObject({ method: 'POST', data: { ids: [1, 2], decision: 'reject', reason: '在职未满 3 年' } })
    await screen.findByText('没有待审核的报名')
    expect(t.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已拒绝 2 条，候补递补 1 人' }))
    expect(container.querySelector('.count-pending')?.textContent).toBe('待审核 1')
  })
})
