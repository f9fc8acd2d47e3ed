import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { stubToast } from '../../../test/toast'
import type { TransportRequest } from '../../../api/client'
import * as taro from '@tarojs/taro'
import CampaignStatsPage from './index'
import { renderWithStores } from '../../../test/render'
import { json } from '../../../test/fakes'

// Like useDidShow in setup-pages: attached by the framework at build time; a no-op here.
const t = taro as unknown as Record<string, unknown>
if (typeof t.useDidHide !== 'function') t.useDidHide = () => undefined

const stats = (perVenue: unknown[]) => ({
  campaignId: 7, totalStock: 3, remaining: 2, claims: 1, unused: 1, redemptions: 0, returned: 0, expired: 0,
  serverTime: '2026-11-23T08:00:00.000Z', waitlist: 0, entries: 0, drawnAt: null, perVenue,
})

async function open(perVenue: unknown[]) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '7', title: encodeURIComponent('分场馆观影福利券') }
  const view = renderWithStores(<CampaignStatsPage />)
  await act(async () => {
    view.transport.reply(() => json(200, stats(perVenue)))
  })
  await screen.findByText('分场馆观影福利券')
  return view
}

describe('活动数据', () => {
  it('split per venue: shows 库存 N · 剩余 M beside each venue’s redemptions', async () => {
    const { container } = await open([
      { venueId: 1, venueName: '云溪影城', redemptions: 0, stock: 1, remaining: 1 },
      { venueId: 2, venueName: '星光影院', redemptions: 1, stock: 2, remaining: 1 },
    ])
    const row = (id: number) => container.querySelector(`.venue-stat[data-venue="${id}"]`) as HTMLElement
    expect(row(1).querySelector('.venue-stock')?.textContent).toContain('库存 1 · 剩余 1')
    expect(row(2).querySelector('.venue-stock')?.textContent).toContain('库存 2 · 剩余 1')
    expect(row(2).querySelector('.venue-redemptions')?.textContent).toBe('核销 1 张')
    expect(screen.getByText('各场馆库存与核销')).toBeTruthy()
  })

  it('shared stock: redemptions only, no per-venue stock', async () => {
    const { container } = await open([{ venueId: 1, venueName: '云溪影城', redemptions: 2, stock: null, remaining: null }])
    expect(container.querySelector('.venue-stock')).toBeNull()
    expect(container.querySelector('.venue-redemptions')?.textContent).toBe('核销 2 张')
    expect(screen.getByText('各场馆核销')).toBeTruthy()
  })

  describe('编辑 / 追加库存 / 结束发放', () => {
    stubToast()
    const campaign = {
      id: 7, kind: 'movie', title: '分场馆观影福利券', rules: '', orgId: 1, orgName: '云溪区总工会',
      venues: [{ id: 1, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 }],
      totalStock: 3, remaining: 2, venueStock: null, opensAt: '2026-11-23T01:00:00.000Z', closesAt: '2026-11-30T01:00:00.000Z', voucherValidDays: 30,
      mode: 'first_come', perMemberLimit: { count: 1, period: 'calendar_month' }, eligibleEmploymentTypes: null, phase: 'open', lottery: null,
      waitlistLength: 0, myVouchers: [], myEntry: null, myWaitlist: null,
    }
    const t2 = Taro as unknown as { showModal?: unknown }
    const hadModal = t2.showModal
    afterEach(() => {
      t2.showModal = hadModal
    })

    it('结束发放 asks first, saying issued vouchers stay valid, then shows the campaign as ended', async () => {
      const modal = jest.fn(async () => ({ confirm: true, cancel: false }))
      t2.showModal = modal
      const view = await open([])
      const sent: TransportRequest[] = []
      view.transport.fallback = (req) => {
        sent.push(req as TransportRequest)
        if (req.url.startsWith('/api/vouchers/campaigns/7')) return json(200, { campaign, serverTime: '2026-11-23T08:00:00.000Z' })
        if (req.url.endsWith('/end')) return json(200, { ...campaign, phase: 'closed' })
        return json(200, stats([]))
      }
      await act(async () => {
        fireEvent.click(screen.getByText('结束发放'))
      })
      await waitFor(() => expect(view.container.querySelector('.campaign-ended')).toBeTruthy())
      expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '结束发放「分场馆观影福利券」？', content: expect.stringContaining('已发出的券不受影响') }))
      expect(sent.some((r) => r.method === 'POST' && r.url === '/api/vouchers/manage/campaigns/7/end')).toBe(true)
    })

    it('追加库存 sends the campaign as it is with that many more', async () => {
      const view = await open([])
      const sent: TransportRequest[] = []
      view.transport.fallback = (req) => {
        sent.push(req as TransportRequest)
        if (req.url.startsWith('/api/vouchers/campaigns/7')) return json(200, { campaign, serverTime: '2026-11-23T08:00:00.000Z' })
        if ((req as TransportRequest).method === 'PUT') return json(200, { ...campaign, totalStock: 23, remaining: 22 })
        return json(200, stats([]))
      }
      await act(async () => {
        fireEvent.click(screen.getByText('追加库存'))
      })
      await act(async () => {
        fireEvent(view.container.querySelector('.field-addStock .form-input') as HTMLElement, new CustomEvent('input', { detail: { value: '20' } }))
      })
      await act(async () => {
        fireEvent.click(screen.getByText('确定追加'))
      })
      await waitFor(() => expect(sent.some((r) => r.method === 'PUT')).toBe(true))
      expect(sent.find((r) => r.method === 'PUT')?.data).toMatchObject({ totalStock: 23, title: '分场馆观影福利券', venues: [{ venueId: 1 }] })
    })
  })
})
