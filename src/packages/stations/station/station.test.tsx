import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import StationPage from './index'
import { renderWithStores } from '../../../test/render'
import { json } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const detail = (over: Record<string, unknown> = {}) => ({
  id: 7, name: '云溪路骑手暖心驿站', address: '示例市云溪区云溪路 18 号', lat: 30.2745, lng: 120.1557, orgName: '云溪区总工会', orgId: 1,
  facilities: ['water', 'microwave'], openNow: true, todayHours: '24 小时开放', liveStatus: 'full', status: 'full',
  confirmedAt: new Date(Date.now() - 12 * 60_000).toISOString(), openReports: 1, distanceMeters: null,
  hours: { allDay: true, days: [null, null, null, null, null, null, null], closedDates: [] },
  photos: [], keeperName: '孙站长', keeperPhone: '0571-86001234',
  reports: [
    { id: 2, description: '饮水机坏了', createdAt: '2026-12-04T01:00:00.000Z', resolvedAt: '2026-12-04T01:30:00.000Z', resolutionNote: '已更换新饮水机', photo: null, notice: null },
    { id: 1, description: '门锁着', createdAt: '2026-12-04T00:00:00.000Z', resolvedAt: null, resolutionNote: null, photo: null, notice: null },
  ],
  ...over,
})

async function open(body: unknown) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '7' }
  const view = renderWithStores(<StationPage />)
  const urls: string[] = []
  const handle = (req: TransportRequest) => {
    const url = req.url
    urls.push(`${req.method} ${url}`)
    if (url === '/api/stations/7/checkins') return json(200, { ok: true, checkinsToday: 3 })
    return json(200, body)
  }
  view.transport.fallback = (req) => handle(req as TransportRequest)
  // the page asked before the fallback was set: answer that first request (no login needed)
  view.transport.reply((req) => handle(req as TransportRequest))
  return { ...view, urls }
}

afterEach(() => {
  delete (globalThis as { __routerParams?: unknown }).__routerParams
})

describe('驿站详情', () => {
  it('a report’s photo shows; the reporter reads why others do not see theirs (内容审核), others read nothing of it', async () => {
    const { container } = await open(
      detail({
        reports: [
          { id: 3, description: '门口积水', createdAt: '2026-12-04T02:00:00.000Z', resolvedAt: null, resolutionNote: null, photo: { id: 'f1', url: '/api/files/f1?exp=1&sig=s' }, notice: '图片未通过审核' },
          { id: 1, description: '门锁着', createdAt: '2026-12-04T00:00:00.000Z', resolvedAt: null, resolutionNote: null, photo: null, notice: null },
        ],
      }),
    )
    await screen.findByText('门口积水')
    const reports = container.querySelectorAll('.station-report')
    expect(reports[0].querySelector('.report-photo')?.getAttribute('src')).toBe('/api/files/f1?exp=1&sig=s')
    expect(reports[0].querySelector('.report-notice')?.textContent).toBe('图片未通过审核')
    expect(reports[1].querySelector('.report-photo')).toBeNull()
    expect(reports[1].querySelector('.report-notice')).toBeNull()
  })

  it('shows the live status with its age, the problems (resolved ones with the answer) and takes a check-in without login', async () => {
    const { container, urls } = await open(detail())
    await screen.findByText('云溪路骑手暖心驿站')
    expect(container.querySelector('.station-live')?.textContent).toBe('已满')
    expect(container.querySelector('.station-confirmed')?.textContent).toBe('12 分钟前确认')
    expect(screen.getByText('已处理：已更换新饮水机')).toBeTruthy()
    expect(screen.getByText('待处理')).toBeTruthy()
    expect(screen.getByText('站长：孙站长 0571-86001234')).toBeTruthy()
    expect(container.querySelector('.keeper-controls')).toBeNull() // not a keeper
    await act(async () => {
      fireEvent.click(container.querySelector('.checkin-btn') as HTMLElement)
    })
    await waitFor(() => expect(container.querySelector('.checkin-count')?.textContent).toBe('已打卡 · 今日 3 人'))
    expect(urls).toContain('POST /api/stations/7/checkins')
  })

  it('shows 未确认 when nobody confirmed the status for a week', async () => {
    const { container } = await open(detail({ liveStatus: 'unconfirmed', confirmedAt: new Date(Date.now() - 8 * 86_400_000).toISOString(), reports: [] }))
    await screen.findByText('云溪路骑手暖心驿站')
    expect(container.querySelector('.station-live')?.textContent).toBe('未确认')
    expect(container.querySelector('.station-confirmed')?.textContent).toBe('8 天前确认')
    expect(screen.getByText('暂无问题反馈')).toBeTruthy()
  })

  it('shows the station’s photos in their order (signed links), and each weekday’s hours', async () => {
    const w = (open: string, close: string) => ({ open, close })
    const { container } = await open(
      detail({
        photos: [{ id: 'p3', url: '/api/files/p3?exp=60&sig=c' }, { id: 'p1', url: '/api/files/p1?exp=60&sig=a' }],
        hours: { allDay: false, days: [w('08:00', '20:00'), w('08:00', '20:00'), w('22:00', '06:00'), w('00:00', '24:00'), w('08:00', '20:00'), w('09:00', '17:00'), null], closedDates: [] },
      }),
    )
    await screen.findByText('云溪路骑手暖心驿站')
    const photos = Array.from(container.querySelectorAll('.station-photo'))
    expect(photos.map((p) => p.getAttribute('src') ?? (p as HTMLElement & { src?: string }).src)).toEqual(['/api/files/p3?exp=60&sig=c', '/api/files/p1?exp=60&sig=a'])
    expect(Array.from(container.querySelectorAll('.hours-row')).map((r) => r.textContent)).toEqual([
      '周一08:00–20:00', '周二08:00–20:00', '周三22:00–次日 06:00', '周四全天 24 小时', '周五08:00–20:00', '周六09:00–17:00', '周日闭站',
    ])
  })
})
