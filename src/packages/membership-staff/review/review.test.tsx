import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ReviewQueuePage from './index'
import { waitingText } from '../../../utils/date'
import ReviewDetailPage from '../review-detail/index'
import { renderWithStores } from '../../../test/render'
import { captureReachBottom } from '../../../test/reachBottom'
import { json } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const item = (id: number, submittedAt: string, overdue: boolean) => ({
  id, name: `申请人${id}`, employmentType: 'courier', org: { id: 11, name: '星河物流有限公司工会' }, submittedAt, waitingHours: 5, overdue, resubmission: false,
})

const reachBottom = captureReachBottom()

describe('入会审核', () => {
  it('lists the queue oldest first with waiting time and 已超时', async () => {
    const { container, transport } = renderWithStores(<ReviewQueuePage />)
    await act(async () => {
      transport.reply(() => json(200, { items: [item(2, '2026-11-23T08:00:00Z', false), item(1, '2026-11-18T08:00:00Z', true)] }))
    })
    await waitFor(() => expect(container.querySelectorAll('.review-item')).toHaveLength(2))
    const names = Array.from(container.querySelectorAll('.review-item .review-name')).map((e) => e.textContent)
    expect(names).toEqual(['申请人1', '申请人2'])
    expect(container.querySelector('.review-item[data-id="1"] .tag-overdue')?.textContent).toBe('已超时')
    expect(container.querySelector('.review-item[data-id="2"] .tag-overdue')).toBeNull()
    expect(screen.getAllByText('已等待 5 小时')).toHaveLength(2)
    expect(waitingText(50)).toBe('已等待 2 天 2 小时')
  })

  it('loads the next page on scrolling to the end or tapping 加载更多, oldest first throughout', async () => {
    const { container, transport } = renderWithStores(<ReviewQueuePage />)
    const page = (ids: number[], day: number) => ids.map((id) => item(id, `2026-11-${day}T08:00:${String(id).padStart(2, '0')}Z`, false))
    await act(async () => {
      transport.reply(() => json(200, { items: page([1, 2, 3], 18), nextCursor: 'c2' }))
    })
    await waitFor(() => expect(container.querySelectorAll('.review-item')).toHaveLength(3))
    expect(screen.getByText('加载更多')).toBeTruthy()

    // Scrolled to the end: the second page, asked for with the cursor.
    await act(async () => {
      reachBottom()
      transport.reply(() => json(200, { items: page([4, 5], 19), nextCursor: 'c3' }))
    })
    await waitFor(() => expect(container.querySelectorAll('.review-item')).toHaveLength(5))
    // A tap on 加载更多: the last page (a row seen already is not shown twice); then no more footer.
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
      transport.reply(() => json(200, { items: page([5, 6], 19), nextCursor: null }))
    })
    await waitFor(() => expect(container.querySelectorAll('.review-item')).toHaveLength(6))
    const urls = transport.requests.map((r) => (r as TransportRequest).url)
    expect(urls).toEqual(['/api/membership/review', '/api/membership/review?cursor=c2', '/api/membership/review?cursor=c3'])
    const names = Array.from(container.querySelectorAll('.review-item .review-name')).map((e) => e.textContent)
    expect(names).toEqual(['申请人1', '申请人2', '申请人3', '申请人4', '申请人5', '申请人6'])
    expect(screen.queryByText('加载更多')).toBeNull()
  })

  it('says so when the queue is empty', async () => {
    const { transport } = renderWithStores(<ReviewQueuePage />)
    await act(async () => {
      transport.reply(() => json(200, { items: [] }))
    })
    await screen.findByText('暂无待审核的入会申请')
  })

  it('不通过 needs a reason, then goes back to the queue', async () => {
    ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '7' }
    // Taro's H5 default export lacks showToast under jest (the build merges it in).
    const t = Taro as unknown as { showToast?: unknown }
    const hadToast = t.showToast
    t.showToast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
    const navigateBack = jest.spyOn(Taro, 'navigateBack').mockResolvedValue({ errMsg: 'navigateBack:ok' })
    jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never)
    const { container, transport } = renderWithStores(<ReviewDetailPage />)
    await act(async () => {
      transport.reply(() =>
        json(200, {
          id: 7, status: 'submitted', name: '李晓梅', idNumberMasked: '1101**********002X', idNumber: '11010519491231002X', birthDate: '1949-12-31', gender: 'female',
          phoneMasked: '138****8000', phone: '13800138000', employer: null, employmentType: 'delivery', org: { id: 1, name: '区总工会' }, districtFallback: true,
          submittedAt: '2026-11-23T08:00:00Z', decidedAt: null, rejectReason: null, expectedBy: '2026-11-26T08:00:00Z', timeline: [],
        }),
      )
    })
    await screen.findByText('11010519491231002X')
    await act(async () => {
      fireEvent.click(screen.getByText('不通过'))
    })
    await act(async () => {
      await new Promise((r) => setTimeout(r, 50))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过'))
    })
    expect(container.querySelector('.field-reason .field-error')?.textContent).toBe('请填写不通过的原因')
    await act(async () => {
      fireEvent(container.querySelector('.reject-reason') as HTMLElement, new CustomEvent('input', { detail: { value: '单位名称不完整' } }))
    })
    transport.reply(() => json(200, {}))
    await act(async () => {
      fireEvent.click(screen.getByText('确认不通过'))
    })
    await waitFor(() => expect(navigateBack).toHaveBeenCalled())
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/membership/review/7/reject', data: { reason: '单位名称不完整' } })
    jest.restoreAllMocks()
    t.showToast = hadToast
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })
})
