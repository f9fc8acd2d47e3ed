import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ServicePage from './index'
import MyBookingsPage from '../mine/index'
import { renderSignedIn, renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import { captureReachBottom } from '../../../test/reachBottom'
import type { TransportRequest } from '../../../api/client'
import type { SubscribeResult } from '../../../platform/types'

captureReachBottom()

const slot = (id: number, over: Record<string, unknown> = {}) => ({
  id, serviceId: 3, startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', place: '云溪科技园区东门停车场',
  capacity: 10, taken: 4, myBookingId: null, ...over,
})
const service = (slots: unknown[]) => ({
  id: 3, orgId: 1, orgName: '云溪区总工会', kind: 'health_bus', title: '流动体检车进园区', description: '免费体检', closed: false,
  nextSlotAt: '2026-12-05T01:00:00.000Z', openSlots: 2, slots,
})
const booking = (id: number, status: string) => ({
  id, status, slot: { id: 7, serviceId: 3, startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', place: '云溪科技园区东门停车场', capacity: 10, taken: 5 },
  service: { id: 3, kind: 'health_bus', title: '流动体检车进园区', orgName: '云溪区总工会' },
  createdAt: '2026-12-04T01:00:00.000Z', cancelUntil: '2026-12-05T01:00:00.000Z', checkedInAt: null,
})

describe('在线预约', () => {
  const t = Taro as unknown as { showToast?: unknown }
  const saved = t.showToast
  beforeEach(() => {
    t.showToast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
  })
  afterEach(() => {
    t.showToast = saved
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('books a slot with places left, then cancels it; a full slot cannot be tapped; a slot filled meanwhile is told by its reason', async () => {
    ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '3' }
    let booked = false
    const { container, requests } = await renderSignedIn(<ServicePage />, 'member', (req) => {
      const r = req as TransportRequest
      if (r.method === 'GET' && r.url === '/api/bookings/services/3') {
        return json(200, service([slot(7, booked ? { taken: 5, myBookingId: 21 } : {}), slot(8, { taken: 10, startsAt: '2026-12-06T01:00:00.000Z', endsAt: '2026-12-06T03:00:00.000Z' }), slot(9, { startsAt: '2026-12-07T01:00:00.000Z', endsAt: '2026-12-07T03:00:00.000Z' })]))
      }
      if (r.method === 'POST' && r.url === '/api/bookings/slots/7/book') {
        booked = true
        return json(200, booking(21, 'booked'))
      }
      if (r.method === 'POST' && r.url === '/api/bookings/slots/9/book') {
        // reworded on purpose: the page branches on `reason`
        return json(409, { code: 'CONFLICT', reason: 'SLOT_FULL', message: '名额刚被约完', requestId: 'r' })
      }
      if (r.method === 'POST' && r.url === '/api/bookings/21/cancel') {
        booked = false
        return json(200, booking(21, 'cancelled'))
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(container.querySelectorAll('.slot-row')).toHaveLength(3))
    expect(screen.getByText('流动体检车进园区')).toBeTruthy()
    expect(screen.getAllByText('余 6 / 10')).toHaveLength(2)
    const fullBtn = container.querySelector('.slot-row[data-id="8"] .book-btn')!
    expect(fullBtn.textContent).toBe('已约满')

    await act(async () => {
      fireEvent.click(container.querySelector('.slot-row[data-id="7"] .book-btn')!)
    })
    await waitFor(() => expect(container.querySelector('.slot-row[data-id="7"]')!.getAttribute('data-mine')).toBe('yes'))
    expect(t.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '预约成功' }))
    expect(container.querySelector('.slot-row[data-id="7"] .slot-left')!.textContent).toBe('已预约')

    await act(async () => {
      fireEvent.click(container.querySelector('.slot-row[data-id="9"] .book-btn')!)
    })
    await waitFor(() => expect(t.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '该时段已约满' })))

    await act(async () => {
      fireEvent.click(container.querySelector('.slot-row[data-id="7"] .cancel-btn')!)
    })
    await waitFor(() => expect(container.querySelector('.slot-row[data-id="7"]')!.getAttribute('data-mine')).toBe('no'))
    expect(t.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消预约' }))
    expect(requests.map((r) => `${(r as TransportRequest).method} ${(r as TransportRequest).url}`)).toEqual(
      expect.arrayContaining(['POST /api/bookings/slots/7/book', 'POST /api/bookings/21/cancel']),
    )
  })

  it('预约 asks WeChat for the day-before reminder from the tap (取消 does not), and the booking does not wait for the answer', async () => {
    ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '3' }
    let answer: (r: SubscribeResult) => void = () => undefined
    const request = jest.fn((_ids: string[]) => new Promise<SubscribeResult>((resolve) => (answer = resolve)))
    const view = renderWithStores(<ServicePage />, { subscribe: { supported: true, request } })
    const posts: string[] = []
    let booked = false
    view.transport.fallback = (req) => {
      const r = req as TransportRequest
      if (r.url === '/api/notifications/subscribe-templates') return json(200, { templates: [{ key: 'booking_reminder', templateId: 'tmpl_booking', label: '预约提醒' }] })
      if (r.url === '/api/bookings/services/3') return json(200, service([slot(7, booked ? { taken: 5, myBookingId: 21 } : {})]))
      if (r.method === 'POST') posts.push(r.url)
      if (r.url === '/api/bookings/slots/7/book') {
        booked = true
        return json(200, booking(21, 'booked'))
      }
      if (r.url === '/api/bookings/21/cancel') {
        booked = false
        return json(200, booking(21, 'cancelled'))
      }
      if (r.url === '/api/notifications/subscriptions') return json(200, { credits: [{ templateId: 'tmpl_booking', remaining: 1 }] })
      throw new Error(`unexpected ${r.method} ${r.url}`)
    }
    view.transport.reply(() => json(200, sampleSession('tok-1')))
    await act(async () => {
      await view.root.session.devLogin('member')
    })
    const { container } = view
    await waitFor(() => expect(container.querySelector('.slot-row[data-id="7"] .book-btn')).toBeTruthy())
    await act(async () => {
      await new Promise((r) => setTimeout(r, 20)) // the templates, fetched ahead of the tap
    })
    await act(async () => {
      fireEvent.click(container.querySelector('.slot-row[data-id="7"] .book-btn')!)
    })
    expect(request).toHaveBeenCalledWith(['tmpl_booking'])
    // the dialog is still open: booked all the same
    await waitFor(() => expect(container.querySelector('.slot-row[data-id="7"]')!.getAttribute('data-mine')).toBe('yes'))
    await act(async () => {
      answer({ ok: true, accepted: ['tmpl_booking'], rejected: [] })
      await new Promise((r) => setTimeout(r, 20))
    })
    expect(posts).toEqual(['/api/bookings/slots/7/book', '/api/notifications/subscriptions'])
    await act(async () => {
      fireEvent.click(container.querySelector('.slot-row[data-id="7"] .cancel-btn')!)
    })
    await waitFor(() => expect(container.querySelector('.slot-row[data-id="7"]')!.getAttribute('data-mine')).toBe('no'))
    expect(request).toHaveBeenCalledTimes(1)
  })

  it('我的预约 lists upcoming bookings and cancels one; the empty state says where to book', async () => {
    let cancelled = false
    const { container } = await renderSignedIn(<MyBookingsPage />, 'member', (req) => {
      const r = req as TransportRequest
      if (r.method === 'GET' && r.url === '/api/bookings/mine?scope=upcoming') return json(200, { items: cancelled ? [] : [booking(21, 'booked')], nextCursor: null })
      if (r.method === 'POST' && r.url === '/api/bookings/21/cancel') {
        cancelled = true
        return json(200, booking(21, 'cancelled'))
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(container.querySelectorAll('.booking-item')).toHaveLength(1))
    expect(container.querySelector('.booking-status')!.textContent).toBe('已预约')
    await act(async () => {
      fireEvent.click(screen.getByText('取消预约'))
    })
    await waitFor(() => expect(screen.getByText('暂无待参加的预约')).toBeTruthy())
    expect(screen.getByText('去预约')).toBeTruthy()
  })

  it('我的预约, past: a booking the union cancelled with its slot says so, with the reason; one the member cancelled does not', async () => {
    const byUnion = { ...booking(22, 'cancelled'), slot: { ...booking(22, 'cancelled').slot, cancelled: true, cancelReason: '体检车故障，改期另行通知' } }
    const { container } = await renderSignedIn(<MyBookingsPage />, 'member', (req) => {
      const r = req as TransportRequest
      if (r.method === 'GET' && r.url === '/api/bookings/mine?scope=upcoming') return json(200, { items: [], nextCursor: null })
      if (r.method === 'GET' && r.url === '/api/bookings/mine?scope=past') return json(200, { items: [byUnion, booking(23, 'cancelled')], nextCursor: null })
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(screen.getByText('暂无待参加的预约')).toBeTruthy())
    await act(async () => {
      fireEvent.click(container.querySelector('.scope-past') as HTMLElement)
    })
    await waitFor(() => expect(container.querySelectorAll('.booking-item')).toHaveLength(2))
    expect(container.querySelector('.booking-item[data-id="22"] .booking-slot-cancelled')?.textContent).toBe('工会已取消该时段：体检车故障，改期另行通知')
    expect(container.querySelector('.booking-item[data-id="23"] .booking-slot-cancelled')).toBeNull()
  })
})
