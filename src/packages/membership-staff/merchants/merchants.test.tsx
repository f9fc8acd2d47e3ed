import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import MerchantAdminPage from './index'
import { renderWithStores } from '../../../test/render'
import { captureReachBottom } from '../../../test/reachBottom'
import { json } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const reachBottom = captureReachBottom()

const offer = (id: number, validTo: string) => ({
  id, name: `签约商户${id}`, category: 'food', offer: '满 100 减 20', validFrom: '2026-01-01', validTo,
  address: '示例市云溪区老街 1 号', lat: 30.27, lng: 120.15, orgId: 1, distanceMeters: null, state: 'active',
})

describe('优惠商户管理', () => {
  it('shows a page of offers and the next ones on scrolling to the end or tapping 加载更多', async () => {
    const { container, transport } = renderWithStores(<MerchantAdminPage />)
    transport.fallback = (req) => {
      const url = (req as TransportRequest).url
      if (url === '/api/merchants/manage') return json(200, { items: [offer(1, '2026-12-31'), offer(2, '2026-12-30')], nextCursor: 'm2' })
      if (url === '/api/merchants/manage?cursor=m2') return json(200, { items: [offer(3, '2026-12-01')], nextCursor: 'm3' })
      if (url === '/api/merchants/manage?cursor=m3') return json(200, { items: [offer(3, '2026-12-01'), offer(4, '2026-11-30')], nextCursor: null })
      throw new Error(`unexpected ${url}`)
    }
    // The first page was asked for on mount, before the fallback existed.
    await act(async () => {
      transport.reply((req) => transport.fallback!(req))
    })
    await waitFor(() => expect(container.querySelectorAll('.merchant-item')).toHaveLength(2))
    await act(async () => {
      reachBottom()
    })
    await waitFor(() => expect(container.querySelectorAll('.merchant-item')).toHaveLength(3))
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
    })
    await waitFor(() => expect(container.querySelectorAll('.merchant-item')).toHaveLength(4))
    expect(Array.from(container.querySelectorAll('.merchant-name')).map((e) => e.textContent)).toEqual(['签约商户1', '签约商户2', '签约商户3', '签约商户4'])
    expect(screen.queryByText('加载更多')).toBeNull()
  })
})
