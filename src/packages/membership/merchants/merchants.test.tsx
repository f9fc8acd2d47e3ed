import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import MerchantsPage, { NO_OFFERS_HINT } from './index'
import { renderWithStores } from '../../../test/render'
import { captureReachBottom } from '../../../test/reachBottom'
import { json, sampleMe, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const reachBottom = captureReachBottom()

const origin = { lat: 30.2741, lng: 120.1551, source: 'union_city' }
const merchant = (id: number, distanceMeters: number) => ({
  id, name: `商户${id}`, category: 'food', offer: '会员 9 折', validFrom: '2026-01-01', validTo: '2026-12-31',
  address: '示例市云溪区老街 1 号', lat: 30.27, lng: 120.15, orgId: 1, distanceMeters,
})

async function open(pages: Record<string, unknown>) {
  const view = renderWithStores(<MerchantsPage />)
  view.transport.fallback = (req) => {
    const url = (req as TransportRequest).url
    const page = pages[url]
    if (!page) throw new Error(`unexpected ${url}`)
    return json(200, page)
  }
  view.transport.reply(() => json(200, { ...sampleSession('tok-1'), user: sampleMe }))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  return view
}

describe('工会卡优惠', () => {
  it('lists offers nearest first and loads the next page on scrolling to the end or tapping 加载更多', async () => {
    const { container, transport } = await open({
      '/api/merchants': { items: [merchant(1, 120), merchant(2, 800)], origin, nextCursor: 'c2' },
      '/api/merchants?cursor=c2': { items: [merchant(3, 1500)], origin, nextCursor: 'c3' },
      '/api/merchants?cursor=c3': { items: [merchant(4, 2500)], origin, nextCursor: null },
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
    const names = Array.from(container.querySelectorAll('.merchant-name')).map((e) => e.textContent)
    expect(names).toEqual(['商户1', '商户2', '商户3', '商户4'])
    expect(container.querySelector('.merchant-distance')?.textContent).toBe('120 米')
    expect(screen.queryByText('加载更多')).toBeNull()
    expect(transport.requests.map((r) => (r as TransportRequest).url).filter((u) => u.startsWith('/api/merchants'))).toEqual([
      '/api/merchants',
      '/api/merchants?cursor=c2',
      '/api/merchants?cursor=c3',
    ])
  })

  it('says where offers come from when there are none', async () => {
    await open({ '/api/merchants': { items: [], origin, nextCursor: null } })
    await screen.findByText(NO_OFFERS_HINT)
  })
})
