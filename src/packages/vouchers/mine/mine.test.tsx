import { act, screen } from '@testing-library/react'
import MyVouchersPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'

const yunxi = { id: 1, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 }
const xingguang = { id: 2, name: '星光影院', address: '示例市云溪区星光路 8 号', lat: 30.28, lng: 120.16 }
const voucher = (id: number, over: Record<string, unknown>) => ({
  id, campaignId: 5, kind: 'movie', title: `观影券${id}`, code: `CODE${id}XXXXXXX`, state: 'unused', venues: [yunxi, xingguang], venueId: null,
  claimedAt: '2026-11-20T00:00:00.000Z', validUntil: '2099-01-01T00:00:00.000Z', usedAt: null, usedVenue: null, source: 'claim',
  confirmBy: null, returnedAt: null, returnReason: null, ...over,
})

describe('我的券', () => {
  it('a voucher of a per-venue stock says 仅限「星光影院」使用; a shared one lists every venue', async () => {
    const view = renderWithStores(<MyVouchersPage />)
    view.transport.reply(() => json(200, sampleSession('tok-1')))
    await act(async () => {
      await view.root.session.devLogin('member')
    })
    await act(async () => {
      view.transport.reply(() =>
        json(200, { items: [voucher(1, { venueId: 2, venues: [xingguang] }), voucher(2, {})], serverTime: '2026-11-23T00:00:00.000Z' }),
      )
    })
    await screen.findByText('仅限「星光影院」使用')
    const venuesOf = (code: string) => view.container.querySelector(`.voucher-item[data-code="${code}"] .voucher-venues`)?.textContent
    expect(venuesOf('CODE1XXXXXXX')).toBe('仅限「星光影院」使用')
    expect(venuesOf('CODE2XXXXXXX')).toBe('云溪影城、星光影院')
  })
})
