import { act, fireEvent, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import EditPage from './index'
import { renderSignedIn } from '../../../test/render'
import { stubToast } from '../../../test/toast'
import { json, sampleMe, sampleSession } from '../../../test/fakes'
import type { TransportRequest, TransportUpload } from '../../../api/client'
import { media } from '../../../platform/media'

const adminSession = () => ({
  ...sampleSession('tok-admin'),
  user: { ...sampleMe, id: 5, nickname: '管理员·周', roles: [{ role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' }] },
})

const w = (open: string, close: string) => ({ open, close })
const detail = {
  id: 7, name: '云溪路骑手暖心驿站', address: '示例市云溪区云溪路 18 号', lat: 30.2745, lng: 120.1557, orgName: '云溪区总工会', orgId: 1,
  facilities: ['water'], openNow: true, todayHours: '今日 08:00–20:00', liveStatus: 'open', status: 'open', confirmedAt: null, openReports: 0,
  distanceMeters: null,
  hours: { allDay: false, days: [w('08:00', '20:00'), w('08:00', '20:00'), w('22:00', '06:00'), w('00:00', '24:00'), w('08:00', '20:00'), w('09:00', '17:00'), null], closedDates: [] },
  photos: [{ id: 'p1', url: '/api/files/p1?exp=1&sig=a' }, { id: 'p2', url: '/api/files/p2?exp=1&sig=b' }],
  keeperName: '孙站长', keeperPhone: '0571-86001234', reports: [],
}

const type = async (el: Element | null, value: string) => {
  await act(async () => {
    fireEvent(el as HTMLElement, new CustomEvent('input', { detail: { value } }))
  })
}
const tap = async (el: Element | null) => {
  await act(async () => {
    fireEvent.click(el as HTMLElement)
  })
}
const row = (c: HTMLElement, i: number) => c.querySelector(`.weekday-${i}`) as HTMLElement
const modeOf = (c: HTMLElement, i: number) => row(c, i).querySelector('.choice-active')?.textContent
const times = (c: HTMLElement, i: number) =>
  [row(c, i).querySelector('.weekday-open'), row(c, i).querySelector('.weekday-close')].map((el) => (el as (HTMLElement & { value?: string }) | null)?.value)

describe('编辑驿站: hours per weekday and photos', () => {
  const toast = stubToast()
  afterEach(() => {
    jest.restoreAllMocks()
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('edits each weekday (休息 / 全天 / across midnight), copies Monday to all, checks the times, and saves photos in their order', async () => {
    ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '7' }
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }) as never)
    jest.spyOn(media, 'pickDocument').mockResolvedValue({ ok: true, filePath: 'blob:new', name: 'p.png', size: 20_000, mime: 'image/png' } as never)
    const view = await renderSignedIn(<EditPage />, 'admin', (req) => {
      const r = req as TransportRequest | TransportUpload
      if ('method' in r && r.method === 'GET' && r.url === '/api/stations/7') return json(200, detail)
      if (r.url === '/api/stations/photos') return json(200, { id: 'p3', mime: 'image/png', size: 20_000, url: '/api/files/p3?exp=1&sig=c' })
      if ('method' in r && r.method === 'PUT' && r.url === '/api/stations/7') return json(200, detail)
      throw new Error(`unexpected ${r.url}`)
    }, adminSession())
    const c = view.container
    await waitFor(() => expect(c.querySelectorAll('.weekday-row')).toHaveLength(7))

    // the week as stored: Wednesday past midnight, Thursday whole day, Sunday closed
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => modeOf(c, i))).toEqual(['时段', '时段', '时段', '全天 24 小时', '时段', '时段', '休息'])
    expect(times(c, 2)).toEqual(['22:00', '06:00'])
    expect(row(c, 2).querySelector('.weekday-overnight')?.textContent).toBe('次日')
    expect(row(c, 0).querySelector('.weekday-overnight')).toBeNull()
    expect(row(c, 6).querySelector('.weekday-open')).toBeNull()

    // Monday becomes a night window, then every day copies it
    await type(row(c, 0).querySelector('.weekday-open'), '21:30')
    await type(row(c, 0).querySelector('.weekday-close'), '6:00')
    expect(row(c, 0).querySelector('.weekday-overnight')?.textContent).toBe('次日')
    await tap(c.querySelector('.copy-monday'))
    expect([0, 1, 2, 3, 4, 5, 6].map((i) => times(c, i).join('–'))).toEqual(Array(7).fill('21:30–6:00'))
    // then Saturday 全天 and Sunday 休息 again
    await tap(row(c, 5).querySelector('.choice-allDay'))
    await tap(row(c, 6).querySelector('.choice-closed'))

    // a wrong time is said beside its weekday, and nothing is sent
    await type(row(c, 1).querySelector('.weekday-close'), '25:00')
    await tap(c.querySelector('.station-save'))
    expect(row(c, 1).querySelector('.field-error')?.textContent).toBe('周二结束时间应写作 HH:mm，如 20:00（全天结束写 24:00）')
    expect(view.requests.some((r) => 'method' in r && r.method === 'PUT')).toBe(false)
    await type(row(c, 1).querySelector('.weekday-close'), '06:00')
    expect(row(c, 1).querySelector('.field-error')).toBeNull()

    // photos: add one, move it to the front (the cover), remove the old cover
    expect(Array.from(c.querySelectorAll('.edit-photo-label')).map((e) => e.textContent)).toEqual(['封面', '第 2 张'])
    await tap(c.querySelector('.uploader-photo-btn'))
    await waitFor(() => expect(c.querySelectorAll('.edit-photo')).toHaveLength(3))
    expect((view.requests.find((r) => r.url === '/api/stations/photos') as TransportUpload).filePath).toBe('blob:new')
    await tap(c.querySelectorAll('.edit-photo-left')[1]) // the third photo one place left
    await tap(c.querySelectorAll('.edit-photo-left')[0]) // and again: now the cover
    await tap(c.querySelectorAll('.edit-photo-remove')[1]) // the old cover (p1) is second now
    expect(c.querySelectorAll('.edit-photo')).toHaveLength(2)

    await tap(c.querySelector('.station-save'))
    const put = view.requests.find((r) => 'method' in r && r.method === 'PUT') as TransportRequest
    const body = put.data as { hours: unknown; photoIds: string[] }
    expect(body.photoIds).toEqual(['p3', 'p2'])
    expect(body.hours).toEqual({
      allDay: false,
      days: [...Array(5).fill(w('21:30', '06:00')), w('00:00', '24:00'), null],
      closedDates: [],
    })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已保存' }))
    expect(redirect).toHaveBeenCalledWith({ url: '/packages/stations/station/index?id=7' })
  })

  it('puts the server’s refusal beside the weekday it names', async () => {
    ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '7' }
    const view = await renderSignedIn(<EditPage />, 'admin', (req) => {
      const r = req as TransportRequest
      if (r.method === 'GET') return json(200, detail)
      return json(400, { code: 'VALIDATION', message: '开始与结束时间相同（措辞已改）', fields: { 'hours.days.6.close': '开始与结束时间相同（措辞已改）' }, requestId: 'r1' })
    }, adminSession())
    const c = view.container
    await waitFor(() => expect(c.querySelectorAll('.weekday-row')).toHaveLength(7))
    await tap(c.querySelector('.station-save'))
    await waitFor(() => expect(row(c, 6).querySelector('.field-error')?.textContent).toBe('开始与结束时间相同（措辞已改）'))
  })
})
