/** 退会与信息更正: both queues with their empty states; 同意更正 and 不予更正 (a reason required) as the reviewer taps them. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import ChangesPage from './index'
import { renderWithStores } from '../../../test/render'
import { type FakeTransport, json } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const correction = {
  id: 4, status: 'pending', memberNo: 'YX2026000001', orgName: '云溪区新就业形态劳动者联合工会', currentName: '王小骑', currentPhoneMasked: '139****5678',
  newName: '王晓骑', newPhone: '13800138000', reason: '改名了', requestedAt: '2026-11-23T02:00:00.000Z', decidedAt: null, rejectNote: null,
}
const departure = {
  id: 9, status: 'requested', name: '李四', memberNo: 'YX2026000002', orgName: '星河物流有限公司工会', reason: null,
  requestedAt: '2026-11-23T02:00:00.000Z', dueAt: '2026-11-30T02:00:00.000Z', leftAt: null,
}

/** A server with the two queues; a decision empties its queue. */
function server(t: FakeTransport) {
  const state = { corrections: [correction], departures: [departure] }
  const handle = (req: TransportRequest) => {
    if (req.url === '/api/privacy/corrections') return json(200, { items: state.corrections })
    if (req.url === '/api/privacy/departures') return json(200, { items: state.departures })
    if (req.url === '/api/privacy/corrections/4/approve') {
      state.corrections = []
      return json(200, { ...correction, status: 'approved', currentName: '王晓骑' })
    }
    if (req.url === '/api/privacy/corrections/4/reject') {
      const note = (req.data as { note: string }).note
      if (!note) return json(400, { code: 'VALIDATION', reason: 'CORRECTION_REJECT_NOTE_REQUIRED', message: '改写：原因必填', fields: { note: '改写：原因必填' } })
      state.corrections = []
      return json(200, { ...correction, status: 'rejected', rejectNote: note })
    }
    if (req.url === '/api/privacy/departures/9/confirm') {
      state.departures = []
      return json(200, { ...departure, status: 'left' })
    }
    return json(404, { code: 'NOT_FOUND', message: '不存在' })
  }
  t.fallback = handle as never
  // the two queues the page asked for as it rendered
  t.reply(handle as never, handle as never)
  return state
}

describe('退会与信息更正', () => {
  it('shows what is on file beside what is asked; 同意更正 sends the approval and the queue says it is empty', async () => {
    const { container, transport } = renderWithStores(<ChangesPage />)
    server(transport)
    await waitFor(() => expect(container.querySelector('.correction-item[data-id="4"]')).toBeTruthy())
    expect(container.querySelector('.correction-name')?.textContent).toContain('王小骑 → 王晓骑')
    expect(container.querySelector('.correction-phone')?.textContent).toContain('139****5678 → 13800138000')
    expect(container.querySelector('.departure-item[data-id="9"]')?.textContent).toContain('李四')

    await act(async () => {
      fireEvent.click(screen.getByText('同意更正'))
    })
    await waitFor(() => expect(screen.getByText('暂无待审核的更正申请')).toBeTruthy())
    expect(screen.getByText('已为会员 YX2026000001 更正信息')).toBeTruthy()
    expect((transport.requests as TransportRequest[]).some((r) => r.method === 'POST' && r.url === '/api/privacy/corrections/4/approve')).toBe(true)
  })

  it('不予更正 needs a reason (the page says so first, then sends it); 确认退会 asks twice', async () => {
    const { container, transport } = renderWithStores(<ChangesPage />)
    server(transport)
    await waitFor(() => expect(container.querySelector('.correction-item')).toBeTruthy())
    await act(async () => {
      fireEvent.click(screen.getByText('不予更正'))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认不予更正'))
    })
    expect(screen.getByText('请填写不予更正的原因')).toBeTruthy()
    expect((transport.requests as TransportRequest[]).some((r) => r.url.endsWith('/reject'))).toBe(false)

    await act(async () => {
      fireEvent(container.querySelector('.correction-note') as HTMLElement, new CustomEvent('input', { detail: { value: '与身份证不符' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认不予更正'))
    })
    await waitFor(() => expect(screen.getByText('暂无待审核的更正申请')).toBeTruthy())
    const sent = (transport.requests as TransportRequest[]).find((r) => r.url.endsWith('/reject'))
    expect(sent?.data).toEqual({ note: '与身份证不符' })

    await act(async () => {
      fireEvent.click(screen.getByText('确认退会…'))
    })
    expect((transport.requests as TransportRequest[]).some((r) => r.url.endsWith('/confirm'))).toBe(false)
    await act(async () => {
      fireEvent.click(screen.getByText('确认退会'))
    })
    await waitFor(() => expect(screen.getByText('暂无待确认的退会申请')).toBeTruthy())
    expect(screen.getByText('已确认 李四 退会，其电子会员卡已失效')).toBeTruthy()
  })
})
