import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import NewServicePage from './new/index'
import StaffServicePage from './service/index'
import SlotPage from './slot/index'
import StaffServicesPage from './services/index'
import { renderSignedIn, renderWithStores } from '../../test/render'
import { json, sampleMe, sampleSession } from '../../test/fakes'
import { stubToast } from '../../test/toast'
import { captureReachBottom } from '../../test/reachBottom'
import type { TransportRequest } from '../../api/client'

const adminSession = () => ({
  ...sampleSession('tok-admin'),
  user: {
    ...sampleMe,
    id: 5,
    nickname: '管理员·周',
    roles: [
      { role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' },
      { role: 'admin' as const, orgId: 2, orgName: '青禾街道总工会' },
    ],
  },
})
const venueSession = () => ({
  ...sampleSession('tok-venue'),
  user: { ...sampleMe, id: 6, nickname: '场馆核销员·陈', roles: [{ role: 'venue_staff' as const, orgId: 1, orgName: '云溪区总工会' }] },
})
const at = (params: Record<string, string>) => {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = params
}
const type = async (container: HTMLElement, selector: string, value: string) => {
  await act(async () => {
    fireEvent(container.querySelector(selector) as HTMLElement, new CustomEvent('input', { detail: { value } }))
  })
}
const tap = async (el: Element | null) => {
  await act(async () => {
    fireEvent.click(el as HTMLElement)
  })
}
const sent = (requests: unknown[], method: string, url: string) => (requests as TransportRequest[]).filter((r) => r.method === method && r.url === url)

const service = {
  id: 7, orgId: 1, orgName: '云溪区总工会', kind: 'health_bus', title: '流动体检车·云溪站', description: '空腹前来',
  closed: false, nextSlotAt: null, openSlots: 0,
}
const slot = (id: number, over: Record<string, unknown> = {}) => ({
  id, serviceId: 7, startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', place: '云溪广场东侧', capacity: 10, taken: 2, myBookingId: null, ...over,
})

describe('在线预约 staff pages', () => {
  const toast = stubToast()
  captureReachBottom()
  afterEach(() => {
    jest.restoreAllMocks()
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('预约服务管理: the list, and 发布预约服务 only for admins; empty states say what to do', async () => {
    const nav = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
    const admin = await renderSignedIn(<StaffServicesPage />, 'admin', (req) => {
      const r = req as TransportRequest
      if (r.url.startsWith('/api/bookings/manage/services')) return json(200, { items: [{ ...service, closed: true }], nextCursor: null })
      throw new Error(`unexpected ${r.url}`)
    }, adminSession())
    await waitFor(() => expect(admin.container.querySelector('.staff-service-item')).toBeTruthy())
    expect(admin.container.querySelector('.staff-service-item')?.getAttribute('aria-label')).toBe('流动体检车·云溪站，流动体检车，已停止预约')
    await tap(admin.container.querySelector('.new-service-btn'))
    expect(nav).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/bookings-staff/new/index' }))
    admin.unmount()

    const venue = await renderSignedIn(<StaffServicesPage />, 'venue', () => json(200, { items: [], nextCursor: null }), venueSession())
    await screen.findByText('还没有预约服务')
    expect(venue.container.querySelector('.new-service-btn')).toBeNull()
  })

  it('发布预约服务: checked beside each field first; a refusal goes beside its field by reason; what was typed survives a reload', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }) as never)
    const view = await renderSignedIn(<NewServicePage />, 'admin', (req) => {
      const r = req as TransportRequest
      if (r.method === 'POST' && r.url === '/api/bookings/manage/services') {
        // reworded and without `fields`: the page goes by the reason
        return json(400, { code: 'VALIDATION', reason: 'SERVICE_ORG_UNKNOWN', message: '工会不存在（措辞已改）', requestId: 'r1' })
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    }, adminSession())
    const { container } = view
    await tap(container.querySelector('.publish-service-btn'))
    expect(container.querySelector('.field-kind .field-error')?.textContent).toBe('请选择服务类别')
    expect(container.querySelector('.field-title .field-error')?.textContent).toBe('请填写服务名称')
    expect(container.querySelector('.field-orgId .field-error')?.textContent).toBe('请选择所属工会')
    expect(sent(view.requests, 'POST', '/api/bookings/manage/services')).toHaveLength(0)

    await tap(container.querySelector('.kind-legal_consult'))
    await type(container, '.field-title .form-input', '劳动法律咨询面谈')
    await type(container, '.field-description .form-textarea', '带上劳动合同和工资条')
    await tap(container.querySelector('.org-2'))
    expect(container.querySelector('.org-2')?.getAttribute('aria-checked')).toBe('true')
    await tap(container.querySelector('.publish-service-btn'))
    expect(sent(view.requests, 'POST', '/api/bookings/manage/services')[0].data).toEqual({
      orgId: 2, kind: 'legal_consult', title: '劳动法律咨询面谈', description: '带上劳动合同和工资条',
    })
    expect(container.querySelector('.field-orgId .field-error')?.textContent).toBe('工会不存在（措辞已改）')
    expect(redirect).not.toHaveBeenCalled()

    // Everything typed is kept on the device (the page reopens on it), and still on the page.
    expect((container.querySelector('.field-title .form-input') as HTMLInputElement & { value?: string }).value).toBe('劳动法律咨询面谈')
    const stored = JSON.parse(view.storage.getItem('bookings-staff.service-draft.5') as string)
    expect(stored.draft).toMatchObject({ title: '劳动法律咨询面谈', orgId: 2, kind: 'legal_consult', description: '带上劳动合同和工资条' })
    view.unmount()
    // Reopened (the form mounts once signed in): it opens on the device copy.
    const again = renderWithStores(<NewServicePage />)
    again.storage.setItem('bookings-staff.service-draft.5', JSON.stringify(stored))
    again.transport.reply(() => json(200, adminSession()))
    await act(async () => {
      await again.root.session.devLogin('admin')
    })
    expect(again.container.querySelector('.restored-note')).toBeTruthy()
    expect((again.container.querySelector('.field-title .form-input') as HTMLInputElement & { value?: string }).value).toBe('劳动法律咨询面谈')
    expect(again.container.querySelector('.org-2')?.getAttribute('aria-checked')).toBe('true')
    again.unmount()
  })

  it('发布预约服务 succeeds: the draft is forgotten and the service page opens', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }) as never)
    const view = await renderSignedIn(<NewServicePage />, 'admin', (req) => {
      const r = req as TransportRequest
      if (r.method === 'POST' && r.url === '/api/bookings/manage/services') return json(200, { ...service, id: 12 })
      throw new Error(`unexpected ${r.method} ${r.url}`)
    }, { ...adminSession(), user: { ...adminSession().user, roles: [adminSession().user.roles[0]] } })
    const { container } = view
    expect(container.querySelector('.field-orgId .form-readonly')?.textContent).toBe('云溪区总工会')
    await tap(container.querySelector('.kind-health_bus'))
    await type(container, '.field-title .form-input', '流动体检车·云溪站')
    await tap(container.querySelector('.publish-service-btn'))
    expect(sent(view.requests, 'POST', '/api/bookings/manage/services')[0].data).toMatchObject({ orgId: 1, kind: 'health_bus' })
    await waitFor(() => expect(redirect).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/bookings-staff/service/index?id=12' })))
    expect(view.storage.getItem('bookings-staff.service-draft.5')).toBeFalsy()
  })

  it('a service: its slots, and 添加时段 with the server refusal beside 开始时间 (reason SLOT_IN_PAST), typed values kept', async () => {
    at({ id: '7' })
    let past = true
    const view = await renderSignedIn(<StaffServicePage />, 'admin', (req) => {
      const r = req as TransportRequest
      if (r.method === 'GET' && r.url === '/api/bookings/manage/services/7') return json(200, { ...service, slots: [slot(31)] })
      if (r.method === 'POST' && r.url === '/api/bookings/manage/services/7/slots') {
        if (past) return json(400, { code: 'VALIDATION', reason: 'SLOT_IN_PAST', message: '开始时间已过（措辞已改）', requestId: 'r2' })
        return json(200, slot(32, { startsAt: '2026-12-06T01:00:00.000Z', endsAt: '2026-12-06T02:00:00.000Z', taken: 0, capacity: 5, place: '青禾社区' }))
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    }, adminSession())
    const { container } = view
    await waitFor(() => expect(container.querySelectorAll('.staff-slot-item')).toHaveLength(1))
    expect(container.querySelector('.staff-slot-item')?.textContent).toContain('已约 2 人 · 余 8 / 10')

    await type(container, '.field-endsAt .form-input', '2026-12-06 08:00')
    await type(container, '.field-startsAt .form-input', '2026-12-06 09:00')
    await type(container, '.field-capacity .form-input', '')
    await tap(container.querySelector('.add-slot-btn'))
    expect(container.querySelector('.field-endsAt .field-error')?.textContent).toBe('结束时间应晚于开始时间')
    expect(container.querySelector('.field-place .field-error')?.textContent).toBe('请填写地点')
    expect(container.querySelector('.field-capacity .field-error')?.textContent).toBe('请填写名额（整数）')
    expect(sent(view.requests, 'POST', '/api/bookings/manage/services/7/slots')).toHaveLength(0)

    await type(container, '.field-endsAt .form-input', '2026-12-06 10:00')
    await type(container, '.field-place .form-input', '青禾社区')
    await type(container, '.field-capacity .form-input', '5')
    await tap(container.querySelector('.add-slot-btn'))
    const body = sent(view.requests, 'POST', '/api/bookings/manage/services/7/slots')[0].data as Record<string, unknown>
    expect(body).toMatchObject({ place: '青禾社区', capacity: 5 })
    expect(Date.parse(body.endsAt as string) - Date.parse(body.startsAt as string)).toBe(3_600_000)
    expect(container.querySelector('.field-startsAt .field-error')?.textContent).toBe('开始时间已过（措辞已改）')
    expect((container.querySelector('.field-place .form-input') as HTMLInputElement & { value?: string }).value).toBe('青禾社区')

    past = false
    await tap(container.querySelector('.add-slot-btn'))
    await waitFor(() => expect(container.querySelectorAll('.staff-slot-item')).toHaveLength(2))
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '时段已添加' }))
  })

  it('check-in staff see a service without 添加时段', async () => {
    at({ id: '7' })
    const { container } = await renderSignedIn(<StaffServicePage />, 'venue', () => json(200, { ...service, slots: [] }), venueSession())
    await screen.findByText('暂无时段')
    expect(container.querySelector('.add-slot')).toBeNull()
    expect(container.querySelector('.service-settings')).toBeNull()
  })

  it('a service: 编辑服务 (checked, refusals beside the field), 停止预约 asks once and keeps the bookings, 恢复预约', async () => {
    at({ id: '7' })
    const puts: Record<string, unknown>[] = []
    let refuseTitle = true
    const view = await renderSignedIn(<StaffServicePage />, 'admin', (req) => {
      const r = req as TransportRequest
      if (r.method === 'GET' && r.url === '/api/bookings/manage/services/7') return json(200, { ...service, slots: [slot(31)] })
      if (r.method === 'PUT' && r.url === '/api/bookings/manage/services/7') {
        const body = r.data as Record<string, unknown>
        puts.push(body)
        if (refuseTitle && body.title === '流动体检车·园区站') {
          refuseTitle = false
          return json(400, { code: 'VALIDATION', message: '名称不可用（措辞已改）', fields: { title: '名称不可用（措辞已改）' }, requestId: 'r3' })
        }
        return json(200, { ...service, ...body })
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    }, adminSession())
    const { container } = view
    await waitFor(() => expect(container.querySelectorAll('.staff-slot-item')).toHaveLength(1))

    // 编辑服务: a name too short is said beside it, nothing sent; the server's refusal goes beside it too
    await tap(container.querySelector('.service-edit-btn'))
    expect((container.querySelector('.service-edit .field-title .form-input') as HTMLInputElement & { value?: string }).value).toBe('流动体检车·云溪站')
    await type(container, '.service-edit .field-title .form-input', '车')
    await tap(container.querySelector('.service-save-btn'))
    expect(container.querySelector('.service-edit .field-title .field-error')?.textContent).toBe('请填写服务名称')
    expect(puts).toHaveLength(0)
    await type(container, '.service-edit .field-title .form-input', '流动体检车·园区站')
    await tap(container.querySelector('.service-edit .kind-counselling'))
    await tap(container.querySelector('.service-save-btn'))
    expect(container.querySelector('.service-edit .field-title .field-error')?.textContent).toBe('名称不可用（措辞已改）')
    await tap(container.querySelector('.service-save-btn'))
    await waitFor(() => expect(container.querySelector('.service-title')?.textContent).toBe('流动体检车·园区站'))
    expect(puts[1]).toEqual({ orgId: 1, kind: 'counselling', title: '流动体检车·园区站', description: '空腹前来', closed: false })
    expect(container.querySelector('.service-edit')).toBeNull()
    expect(container.querySelectorAll('.staff-slot-item')).toHaveLength(1) // the slots stay

    // 停止预约: asks first, says the bookings stay valid; cancelling the question sends nothing
    await tap(container.querySelector('.service-close-btn'))
    expect(container.querySelector('.service-close-confirm')?.textContent).toContain('已经预约的仍然有效')
    await tap(screen.getByText('取消'))
    expect(puts).toHaveLength(2)
    await tap(container.querySelector('.service-close-btn'))
    await tap(container.querySelector('.service-close-confirm-btn'))
    await waitFor(() => expect(container.querySelector('.service-closed')?.textContent).toBe('已停止预约'))
    expect(puts[2]).toMatchObject({ title: '流动体检车·园区站', closed: true })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已停止预约' }))

    // 恢复预约 in one tap
    await tap(container.querySelector('.service-reopen-btn'))
    await waitFor(() => expect(container.querySelector('.service-closed')).toBeNull())
    expect(puts[3]).toMatchObject({ closed: false })
    expect(container.querySelector('.service-close-btn')).not.toBeNull()
  })

  it('a slot: masked names in arrival order; 签到 from the list; a refusal shown beside the row', async () => {
    at({ id: '31' })
    const booking = (id: number, name: string, over: Record<string, unknown> = {}) => ({
      id, status: 'booked', name, memberNo: `YX00${id}`, createdAt: '2026-12-01T02:00:00.000Z', checkedInAt: null, ...over,
    })
    const view = await renderSignedIn(<SlotPage />, 'venue', (req) => {
      const r = req as TransportRequest
      if (r.method === 'GET' && r.url.startsWith('/api/bookings/manage/slots/31/bookings')) {
        return json(200, {
          slot: { id: 31, serviceId: 7, startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', place: '云溪广场东侧', capacity: 10, taken: 2 },
          service: { id: 7, kind: 'health_bus', title: '流动体检车·云溪站' },
          items: [booking(1, '李*梅'), booking(2, '王*骑')],
          nextCursor: null,
        })
      }
      if (r.method === 'POST' && r.url === '/api/bookings/manage/bookings/1/checkin') {
        return json(200, { ...booking(1, '李*梅'), status: 'checked_in', checkedInAt: '2026-12-05T00:50:00.000Z', alreadyCheckedIn: false })
      }
      if (r.method === 'POST' && r.url === '/api/bookings/manage/bookings/2/checkin') {
        return json(409, { code: 'CONFLICT', reason: 'CHECKIN_NOT_OPEN', message: '签到将于 12月5日 08:00 开始', requestId: 'r3' })
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    }, venueSession())
    const { container } = view
    await waitFor(() => expect(container.querySelectorAll('.slot-booking-item')).toHaveLength(2))
    expect(Array.from(container.querySelectorAll('.booking-name')).map((n) => n.textContent)).toEqual(['李*梅', '王*骑'])
    expect(container.querySelector('.slot-checkin-count')?.textContent).toBe('0 / 2')
    expect(container.querySelector('.cancel-slot-btn')).toBeNull() // door staff check in; only admins cancel

    await tap(screen.getByLabelText('为 李*梅 签到'))
    await waitFor(() => expect(container.querySelector('.slot-booking-item[data-id="1"]')?.getAttribute('data-status')).toBe('checked_in'))
    expect(container.querySelector('.slot-booking-item[data-id="1"] .booking-status')?.textContent).toBe('已签到')
    expect(container.querySelector('.slot-checkin-count')?.textContent).toBe('1 / 2')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '李*梅 签到成功' }))

    await tap(screen.getByLabelText('为 王*骑 签到'))
    await waitFor(() => expect(container.querySelector('.slot-booking-item[data-id="2"] .booking-checkin-error')?.textContent).toBe('签到将于 12月5日 08:00 开始'))
    expect(container.querySelector('.slot-booking-item[data-id="2"]')?.getAttribute('data-status')).toBe('booked')
  })

  it('取消该时段 (admins): asks why, says who will be told, then shows the slot as cancelled', async () => {
    at({ id: '31' })
    let cancelled = false
    const head = { id: 31, serviceId: 7, startsAt: '2099-12-05T01:00:00.000Z', endsAt: '2099-12-05T03:00:00.000Z', place: '云溪广场东侧', capacity: 10, taken: 2, cancelled: false, cancelReason: null }
    const booking = (id: number, name: string) => ({ id, status: 'booked', name, memberNo: `YX00${id}`, createdAt: '2026-12-01T02:00:00.000Z', checkedInAt: null })
    const view = await renderSignedIn(<SlotPage />, 'admin', (req) => {
      const r = req as TransportRequest
      if (r.method === 'GET' && r.url.startsWith('/api/bookings/manage/slots/31/bookings')) {
        return json(200, {
          slot: cancelled ? { ...head, taken: 0, cancelled: true, cancelReason: '体检车故障' } : head,
          service: { id: 7, kind: 'health_bus', title: '流动体检车·云溪站' },
          items: cancelled ? [] : [booking(1, '李*梅'), booking(2, '王*骑')],
          nextCursor: null,
        })
      }
      if (r.method === 'POST' && r.url === '/api/bookings/manage/slots/31/cancel') {
        cancelled = true
        return json(200, { ...head, taken: 0, cancelled: true, cancelReason: (r.data as { reason: string }).reason, cancelledBookings: 2 })
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    }, adminSession())
    const { container } = view
    await waitFor(() => expect(container.querySelectorAll('.slot-booking-item')).toHaveLength(2))
    await tap(container.querySelector('.cancel-slot-btn'))
    expect(container.querySelector('.cancel-slot-form')?.textContent).toContain('已预约的 2 位会员的预约将一并取消')
    await tap(container.querySelector('.cancel-slot-confirm'))
    expect(container.querySelector('.cancel-slot-form .field-error')?.textContent).toBe('请写明取消原因（至少 2 个字），会员会收到')
    expect(sent(view.requests, 'POST', '/api/bookings/manage/slots/31/cancel')).toHaveLength(0)
    await act(async () => {
      fireEvent(container.querySelector('.cancel-slot-reason') as HTMLElement, new CustomEvent('input', { detail: { value: '体检车故障' } }))
    })
    await tap(container.querySelector('.cancel-slot-confirm'))
    await waitFor(() => expect(container.querySelector('.slot-cancelled')?.textContent).toContain('取消原因：体检车故障'))
    expect(sent(view.requests, 'POST', '/api/bookings/manage/slots/31/cancel')[0].data).toEqual({ reason: '体检车故障' })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已取消，已通知 2 位会员' }))
    await waitFor(() => expect(container.querySelectorAll('.slot-booking-item')).toHaveLength(0))
    expect(container.querySelector('.cancel-slot-btn')).toBeNull()
  })

  it('a slot nobody booked says so', async () => {
    at({ id: '31' })
    await renderSignedIn(<SlotPage />, 'venue', () => json(200, {
      slot: { id: 31, serviceId: 7, startsAt: '2026-12-05T01:00:00.000Z', endsAt: '2026-12-05T03:00:00.000Z', place: '云溪广场东侧', capacity: 10, taken: 0 },
      service: { id: 7, kind: 'health_bus', title: '流动体检车·云溪站' }, items: [], nextCursor: null,
    }), venueSession())
    await screen.findByText('该时段还没有人预约')
  })
})
