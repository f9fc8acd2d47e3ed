import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import StationListPage from './index'
import { renderWithStores } from '../../../test/render'
import { json } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import { captureReachBottom } from '../../../test/reachBottom'

captureReachBottom()

const station = (id: number, name: string, distanceMeters: number, over: Record<string, unknown> = {}) => ({
  id, name, address: '示例市云溪区云溪路 18 号', lat: 30.27, lng: 120.15, orgName: '云溪区总工会',
  facilities: ['water', 'microwave'], openNow: true, todayHours: '24 小时开放', liveStatus: 'open',
  confirmedAt: '2026-12-04T02:00:00.000Z', openReports: 0, distanceMeters, ...over,
})
const origin = { lat: 30.2738, lng: 120.1549, source: 'device' }

function withGeolocation(ok: boolean) {
  Object.defineProperty(navigator, 'geolocation', {
    configurable: true,
    value: {
      getCurrentPosition: (success: (p: unknown) => void, fail: (e: unknown) => void) =>
        ok ? success({ coords: { latitude: 30.2738, longitude: 120.1549, accuracy: 30 } }) : fail({ code: 1, PERMISSION_DENIED: 1 }),
    },
  })
}

async function open(handle: (url: string) => unknown) {
  const view = renderWithStores(<StationListPage />)
  const urls: string[] = []
  view.transport.fallback = (req) => {
    const url = (req as TransportRequest).url
    urls.push(url)
    return json(200, handle(url))
  }
  // The page asks for the position as it mounts; let that answer (and the list it fetches) land inside act().
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, 0))
  })
  return { ...view, urls }
}

describe('爱心驿站 list', () => {
  it('shows the nearest stations without login, from the device position, and filters by 开放中 and facility', async () => {
    withGeolocation(true)
    const { container, urls } = await open((url) =>
      url.includes('openNow=1')
        ? { items: [station(2, '云溪路骑手暖心驿站', 95)], origin, nextCursor: null }
        : { items: [station(1, '星河广场爱心驿站', 12, { openNow: false, todayHours: '今日 22:00–次日 06:00' }), station(2, '云溪路骑手暖心驿站', 95)], origin, nextCursor: null },
    )
    await waitFor(() => expect(container.querySelectorAll('.station-item')).toHaveLength(2))
    expect(Array.from(container.querySelectorAll('.station-name')).map((e) => e.textContent)).toEqual(['星河广场爱心驿站', '云溪路骑手暖心驿站'])
    expect(container.querySelector('.station-distance')?.textContent).toBe('12 米')
    expect(screen.getByText('休息中')).toBeTruthy()
    expect(urls[0]).toMatch(/^\/api\/stations\?lat=30\.2738&lng=120\.1549/)

    await act(async () => {
      fireEvent.click(screen.getByRole('radio', { name: '热饭/微波炉' }))
    })
    await waitFor(() => expect(urls.some((u) => u.includes('facility=microwave'))).toBe(true))
    const toggle = container.querySelector('[aria-label="只看开放中"]') as HTMLElement
    await act(async () => {
      fireEvent(toggle, new CustomEvent('change', { detail: { value: true }, bubbles: true }))
    })
    await waitFor(() => expect(container.querySelectorAll('.station-item')).toHaveLength(1))
    expect(urls[urls.length - 1]).toContain('openNow=1')
    expect(container.querySelector('[aria-label="导航到云溪路骑手暖心驿站"]')?.textContent).toBe('导航')
  })

  it('offers areas when the location is refused, and says so when nothing matches', async () => {
    withGeolocation(false)
    const { urls } = await open((url) =>
      url === '/api/stations/areas'
        ? { items: [{ id: 3, name: '云溪科技园区工会', lat: 30.2655, lng: 120.1402 }] }
        : { items: [], origin: { lat: 30.2655, lng: 120.1402, source: 'area' }, nextCursor: null },
    )
    const hint = await screen.findByText('未获得位置权限，可选择区域按距离排序')
    await screen.findByText('附近暂无符合条件的驿站')
    // Below the facility filters, not pushed in above them after they were drawn (the page's layout shift).
    const facilities = screen.getByRole('radio', { name: '全部设施' })
    expect(facilities.compareDocumentPosition(hint) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy()
    await act(async () => {
      fireEvent.click(await screen.findByRole('radio', { name: '云溪科技园区工会' }))
    })
    await waitFor(() => expect(urls).toContain('/api/stations?areaId=3'))
  })
})
