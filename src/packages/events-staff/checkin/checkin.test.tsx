import { act, fireEvent, waitFor } from '@testing-library/react'
import EventCheckinPage from './index'
import { renderWithStores } from '../../../test/render'
import { json } from '../../../test/fakes'
import { stubToast } from '../../../test/toast'
import type { TransportRequest } from '../../../api/client'

const counts = { taken: 2, pending: 0, confirmed: 1, checkedIn: 1, waitlisted: 0, noShow: 0 }
const stats = { eventId: 4, counts, recent: [], serverTime: '2026-12-05T05:00:00.000Z' }
const CODE = 'rc1.AbCdEfGhIjKlMnOp'

describe('活动签到: 签退 for volunteer activities', () => {
  stubToast()
  beforeEach(() => {
    ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '4' }
  })
  afterEach(() => {
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  const open = (kind: string, checkout: (r: TransportRequest) => ReturnType<typeof json>) => {
    const view = renderWithStores(<EventCheckinPage />)
    view.transport.fallback = (req) => {
      const r = req as TransportRequest
      if (r.url === '/api/events/manage/events/4') return json(200, { id: 4, kind, title: '交通安全劝导', counts })
      if (r.url === '/api/events/manage/events/4/checkin-stats') return json(200, stats)
      if (r.url === '/api/events/manage/events/4/checkout') return checkout(r)
      throw new Error(`unexpected ${r.url}`)
    }
    return view
  }
  const submit = async (container: HTMLElement) => {
    await act(async () => {
      fireEvent(container.querySelector('.checkin-input') as HTMLElement, new CustomEvent('input', { detail: { value: CODE } }))
    })
    await act(async () => {
      fireEvent.click(container.querySelector('.checkin-btn') as HTMLElement)
    })
  }

  it('a volunteer activity offers 签退: the code checks the volunteer out and the hours are shown; a refusal by reason beside the field', async () => {
    let notIn = true
    const { container, transport } = open('volunteer', () =>
      notIn
        ? json(409, { code: 'CONFLICT', reason: 'CHECKOUT_NOT_CHECKED_IN', message: '尚未签到（措辞已改）', requestId: 'r1' })
        : json(200, {
            registrationId: 8, eventId: 4, name: '李晓梅', memberNo: 'YX0008', alreadyCheckedOut: false,
            checkedInAt: '2026-12-05T01:00:00.000Z', checkedOutAt: '2026-12-05T04:30:00.000Z', minutes: 210,
          }),
    )
    await act(async () => {
      transport.reply(transport.fallback!, transport.fallback!)
    })
    await waitFor(() => expect(container.querySelector('.checkin-mode')).toBeTruthy())
    await act(async () => {
      fireEvent.click(container.querySelector('.mode-checkout') as HTMLElement)
    })
    expect(container.querySelector('.mode-checkout')?.getAttribute('aria-checked')).toBe('true')
    expect(container.querySelector('.checkin-btn')?.textContent).toBe('签退')

    await submit(container)
    await waitFor(() => expect(container.querySelector('.field-code .field-error')?.textContent).toBe('尚未签到（措辞已改）'))
    const post = transport.requests.find((r) => r.url.endsWith('/checkout')) as TransportRequest
    expect(post).toMatchObject({ method: 'POST', data: { code: CODE } })

    notIn = false
    await submit(container)
    await waitFor(() => expect(container.querySelector('.checkout-result')).toBeTruthy())
    expect(container.querySelector('.checkout-result .verify-title')?.textContent).toBe('签退成功')
    expect(container.querySelector('.checkout-hours')?.textContent).toBe('服务时长 3 小时 30 分钟')
    expect(transport.requests.some((r) => r.url.endsWith('/checkin') && (r as TransportRequest).method === 'POST')).toBe(false)
  })

  it('other kinds of event have no 签退 mode', async () => {
    const { container, transport } = open('competition', () => json(500, {}))
    await act(async () => {
      transport.reply(transport.fallback!, transport.fallback!)
    })
    await waitFor(() => expect(container.querySelector('.live-count .checkin-count')?.textContent).toBe('1 / 2'))
    expect(container.querySelector('.checkin-mode')).toBeNull()
    expect(container.querySelector('.checkin-btn')?.textContent).toBe('签到')
  })
})
