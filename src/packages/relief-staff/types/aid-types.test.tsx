import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import AidTypesPage from './index'
import { renderSignedIn } from '../../../test/render'
import { json, sampleMe } from '../../../test/fakes'
import { captureReachBottom } from '../../../test/reachBottom'
import type { TransportRequest } from '../../../api/client'

const admin = {
  token: 'tok-admin',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { ...sampleMe, id: 5, nickname: '管理员·周', roles: [{ role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' }] },
}
const schoolAid = {
  ...DEFAULT_AID_TYPES.school_aid,
  key: 'school_aid',
  org: { id: 1, name: '云溪区总工会' },
  reviewLevel: 1,
  openNow: false,
  windowLabel: '每年 07-01 至 09-30 受理',
  amountLabel: '按就读阶段定额，¥1000–¥4000',
}
const streetWinter = {
  ...DEFAULT_AID_TYPES.hardship,
  name: '青禾街道冬季慰问',
  active: false,
  key: 'street_winter',
  org: { id: 2, name: '青禾街道总工会' },
  reviewLevel: 2,
  openNow: true,
  windowLabel: '全年受理',
  amountLabel: '由区总工会核定，¥200–¥1000',
}
const gig = { ...streetWinter, name: '新就业形态劳动者意外伤害', active: true, key: 'gig_accident', org: { id: 1, name: '云溪区总工会' } }

const reachBottom = captureReachBottom()

describe('救助类型管理', () => {
  it('lists the types of the unions the admin manages — owner, state, window and amount rule — and opens one to edit', async () => {
    const { container, requests } = await renderSignedIn(
      <AidTypesPage />,
      'admin',
      (r) => {
        if (r.url.startsWith('/api/relief/manage/types')) return json(200, { items: [gig, schoolAid, streetWinter], nextCursor: null })
        throw new Error(`unexpected ${(r as TransportRequest).method} ${r.url}`)
      },
      admin,
    )
    await waitFor(() => expect(container.querySelectorAll('.aid-type-item')).toHaveLength(3))
    const card = (key: string) => container.querySelector(`.aid-type-${key}`) as HTMLElement
    expect(card('street_winter').querySelector('.aid-type-name')?.textContent).toBe('青禾街道冬季慰问')
    expect(card('street_winter').querySelector('.aid-type-org')?.textContent).toBe('青禾街道总工会')
    expect(card('street_winter').querySelector('.aid-type-state')?.textContent).toBe('已暂停')
    expect(card('school_aid').querySelector('.aid-type-state')?.textContent).toBe('未到受理期')
    expect(card('gig_accident').querySelector('.aid-type-state')?.textContent).toBe('受理中')
    expect(card('school_aid').querySelector('.aid-type-window')?.textContent).toBe('每年 07-01 至 09-30 受理')
    expect(card('school_aid').querySelector('.aid-type-amount')?.textContent).toBe('按就读阶段定额，¥1000–¥4000')
    expect(card('street_winter').getAttribute('aria-label')).toBe('编辑救助类型：青禾街道冬季慰问（已暂停）')
    expect((requests[0] as TransportRequest).url).toBe('/api/relief/manage/types')

    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
    await act(async () => {
      fireEvent.click(card('street_winter'))
    })
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/relief-staff/type-edit/index?key=street_winter' })
    await act(async () => {
      fireEvent.click(screen.getByText('新建救助类型'))
    })
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/relief-staff/type-edit/index' })
    navigate.mockRestore()
  })

  it('with no types yet, says what to do', async () => {
    const { container } = await renderSignedIn(
      <AidTypesPage />,
      'admin',
      (r) => {
        if (r.url.startsWith('/api/relief/manage/types')) return json(200, { items: [], nextCursor: null })
        throw new Error(`unexpected ${r.url}`)
      },
      admin,
    )
    await waitFor(() => expect(container.querySelector('.state-empty')).toBeTruthy())
    expect(container.querySelector('.state-empty .state-title')?.textContent).toBe('您管理的工会还没有救助类型')
    expect(container.querySelector('.state-empty .state-hint')?.textContent).toContain('点击“新建救助类型”')
    expect(container.querySelectorAll('.aid-type-item')).toHaveLength(0)
  })

  it('pages: 加载更多 (or scrolling to the end) fetches the next page with the cursor', async () => {
    const { container, requests } = await renderSignedIn(
      <AidTypesPage />,
      'admin',
      (r) => {
        if (r.url === '/api/relief/manage/types') return json(200, { items: [gig], nextCursor: 'c1' })
        if (r.url === '/api/relief/manage/types?cursor=c1') return json(200, { items: [schoolAid], nextCursor: 'c2' })
        if (r.url === '/api/relief/manage/types?cursor=c2') return json(200, { items: [streetWinter], nextCursor: null })
        throw new Error(`unexpected ${r.url}`)
      },
      admin,
    )
    await waitFor(() => expect(container.querySelectorAll('.aid-type-item')).toHaveLength(1))
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
    })
    await waitFor(() => expect(container.querySelectorAll('.aid-type-item')).toHaveLength(2))
    await act(async () => {
      reachBottom()
    })
    await waitFor(() => expect(container.querySelectorAll('.aid-type-item')).toHaveLength(3))
    expect(requests.map((r) => r.url)).toEqual(['/api/relief/manage/types', '/api/relief/manage/types?cursor=c1', '/api/relief/manage/types?cursor=c2'])
    expect(screen.queryByText('加载更多')).toBeNull()
  })
})
