import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import * as taro from '@tarojs/taro'
import Taro from '@tarojs/taro'
import CampaignNewPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleMe } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import { stubToast } from '../../../test/toast'

const t = taro as unknown as Record<string, unknown>
if (typeof t.useDidHide !== 'function') t.useDidHide = () => undefined

const adminSession = {
  token: 'tok-a',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { ...sampleMe, id: 5, nickname: '管理员·周', roles: [{ role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' }] },
}
const campaign = (over: Record<string, unknown> = {}) => ({
  id: 7, kind: 'movie', title: '十二月观影福利券', rules: '每人一张', orgId: 1, orgName: '云溪区总工会',
  venues: [{ id: 5, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 }],
  totalStock: 100, remaining: 96, venueStock: null, opensAt: '2026-12-01T02:00:00.000Z', closesAt: '2026-12-08T02:00:00.000Z', voucherValidDays: 30,
  mode: 'first_come', perMemberLimit: { count: 1, period: 'calendar_month' }, eligibleEmploymentTypes: null, phase: 'open', lottery: null, waitlistLength: 0,
  myVouchers: [], myEntry: null, myWaitlist: null, ...over,
})
const typeInto = (container: HTMLElement, field: string, value: string) =>
  fireEvent(container.querySelector(`.field-${field} .form-input`) as HTMLElement, new CustomEvent('input', { detail: { value } }))

/** The page at ?id=7, signed in as an admin; every request answered by `route` (recorded). */
async function openEdit(route: (req: TransportRequest) => ReturnType<typeof json> | null) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '7' }
  const view = renderWithStores(<CampaignNewPage />)
  const requests: TransportRequest[] = []
  const answer = (req: TransportRequest) => {
    requests.push(req)
    if (req.url.startsWith('/api/auth')) return json(200, adminSession)
    if (req.url.startsWith('/api/vouchers/manage/venues')) return json(200, { items: [] })
    return route(req) ?? json(404, { code: 'NOT_FOUND', message: '不存在' })
  }
  view.transport.fallback = (req) => answer(req as TransportRequest)
  // the campaign's read went out at the first render, before the answers were set: it waits for this one
  view.transport.reply((req) => answer(req as TransportRequest))
  await act(async () => {
    await view.root.session.devLogin('admin')
  })
  return { ...view, requests }
}

describe('编辑活动', () => {
  stubToast()
  afterEach(() => {
    delete (globalThis as { __routerParams?: unknown }).__routerParams
    jest.restoreAllMocks()
  })

  it('an open campaign: filled in, the fixed fields read-only with why, the server’s refusal beside the number, then saved', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }) as never)
    let puts = 0
    const { container, requests } = await openEdit((req) => {
      if (req.method === 'GET' && req.url.startsWith('/api/vouchers/campaigns/7')) return json(200, { campaign: campaign(), serverTime: '2026-12-02T02:00:00.000Z' })
      if (req.method === 'PUT') {
        puts += 1
        if (puts === 1) return json(409, { code: 'CONFLICT', reason: 'STOCK_BELOW_ISSUED', message: '已发出 4 张，数量不能少于 4 张', fields: { totalStock: '已发出 4 张，数量不能少于 4 张' } })
        return json(200, campaign({ title: '十二月观影福利券（加场）', totalStock: 150 }))
      }
      return null
    })
    await screen.findByText('保存修改')
    await waitFor(() => expect((container.querySelector('.field-title input') as HTMLInputElement | null)?.value).toBe('十二月观影福利券'))
    for (const field of ['kind', 'opensAt', 'voucherValidDays', 'limitCount', 'limitPeriod']) {
      expect(container.querySelector(`.field-${field} .locked-why`)?.textContent).toBe('已开始发放，不能修改：已领到券的会员是按原条件领取的')
    }
    expect(container.querySelector('.field-title .locked-why')).toBeNull()
    expect(container.querySelector('.venue-locked')?.textContent).toContain('云溪影城')
    await act(async () => {
      typeInto(container, 'totalStock', '2')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    await waitFor(() => expect(container.querySelector('.field-totalStock .field-error')?.textContent).toBe('已发出 4 张，数量不能少于 4 张'))
    await act(async () => {
      typeInto(container, 'title', '十二月观影福利券（加场）')
      typeInto(container, 'totalStock', '150')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    await waitFor(() => expect(redirect).toHaveBeenCalled())
    const sent = requests.filter((r) => r.method === 'PUT')
    expect(sent[1].url).toBe('/api/vouchers/manage/campaigns/7')
    expect(sent[1].data).toMatchObject({ title: '十二月观影福利券（加场）', totalStock: 150, kind: 'movie', venues: [{ venueId: 5 }], voucherValidDays: 30, eligibleEmploymentTypes: null })
  })

  it('before it opens: nothing is read-only', async () => {
    const { container } = await openEdit((req) =>
      req.method === 'GET' && req.url.startsWith('/api/vouchers/campaigns/7') ? json(200, { campaign: campaign({ phase: 'upcoming' }), serverTime: '2026-11-30T02:00:00.000Z' }) : null,
    )
    await screen.findByText('保存修改')
    expect(container.querySelector('.locked-why')).toBeNull()
    expect(container.querySelector('.venue-locked')).toBeNull()
  })
})
