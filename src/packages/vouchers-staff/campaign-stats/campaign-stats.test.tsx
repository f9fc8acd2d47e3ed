import { act, screen } from '@testing-library/react'
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
})
