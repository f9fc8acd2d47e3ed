import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import CampaignPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { classOfStatus } from '@contract/reasons'

const base = {
  id: 5, kind: 'movie', title: '周末观影福利券', rules: '每人每月限领 1 张', orgId: 1, orgName: '云溪区总工会',
  venues: [{ id: 1, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 }],
  totalStock: 10, remaining: 10, venueStock: null, closesAt: '2099-01-01T00:00:00.000Z', voucherValidDays: 30, mode: 'first_come',
  perMemberLimit: { count: 1, period: 'calendar_month' }, eligibleEmploymentTypes: null, lottery: null, waitlistLength: 0,
  myVouchers: [], myEntry: null, myWaitlist: null,
}

async function open(campaign: Record<string, unknown>, serverTime: string) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '5' }
  const view = renderWithStores(<CampaignPage />)
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  await act(async () => {
    view.transport.reply(() => json(200, { campaign: { ...base, ...campaign }, serverTime }))
  })
  return view
}

describe('福利活动 page', () => {
  afterEach(() => jest.useRealTimers())

  it('counts down on server time, then turns 立即领取 on without a reload and claims with an Idempotency-Key', async () => {
    const opensAt = new Date(Date.now() + 2000).toISOString()
    // The server says it is 2 s before opening, whatever the test machine's clock.
    const { container, transport } = await open({ opensAt, phase: 'upcoming' }, new Date(Date.now()).toISOString())
    await screen.findByText('距开抢还有')
    const btn = () => container.querySelector('.claim-btn') as HTMLElement
    expect(btn().textContent).toBe('未开始')
    expect(btn().hasAttribute('disabled')).toBe(true)
    await waitFor(() => expect(btn().textContent).toBe('立即领取'), { timeout: 4000 })
    expect(btn().hasAttribute('disabled')).toBe(false)
    const voucher = { id: 9, campaignId: 5, kind: 'movie', title: '周末观影福利券', code: 'ABCDEFGHJKLM', state: 'unused', venues: base.venues, venueId: null, claimedAt: opensAt, validUntil: '2099-01-01T00:00:00.000Z', usedAt: null, usedVenue: null, source: 'claim', confirmBy: null, returnedAt: null, returnReason: null }
    transport.reply(() => json(200, { voucher, replayed: false }))
    await act(async () => {
      fireEvent.click(btn())
    })
    await screen.findByText('领取成功')
    const claim = transport.requests.find((r) => (r as TransportRequest).url === '/api/vouchers/campaigns/5/claim') as TransportRequest
    expect(claim.headers['idempotency-key']).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(screen.getByText('查看我的券')).toBeTruthy()
  })

  it('split per venue: 请选择场馆 without a venue (nothing sent), a sold-out venue cannot be chosen, 星光影院 sends { venueId: 2 }', async () => {
    const venues = [
      { id: 1, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 },
      { id: 2, name: '星光影院', address: '示例市云溪区星光路 8 号', lat: 30.28, lng: 120.16 },
    ]
    const venueStock = [{ venueId: 1, stock: 1, remaining: 0 }, { venueId: 2, stock: 2, remaining: 2 }]
    const { container, transport } = await open({ opensAt: '2020-01-01T00:00:00.000Z', phase: 'open', venues, totalStock: 3, remaining: 2, venueStock }, new Date().toISOString())
    await screen.findByText('剩 2 张')
    const chip = (id: number) => container.querySelector(`.venue-choice[data-venue="${id}"]`) as HTMLElement
    expect(chip(1).textContent).toContain('云溪影城')
    expect(chip(1).textContent).toContain('已领完')
    expect(chip(1).getAttribute('aria-disabled')).toBe('true')
    const sent = () => transport.requests.filter((r) => (r as TransportRequest).url.endsWith('/claim'))

    await act(async () => {
      fireEvent.click(container.querySelector('.claim-btn') as HTMLElement)
    })
    expect(container.querySelector('.venue-choices .field-error')?.textContent).toBe('请选择场馆')
    expect(sent()).toHaveLength(0)

    await act(async () => {
      fireEvent.click(chip(1)) // sold out: stays unchosen
    })
    expect(chip(1).className).not.toContain('choice-active')
    await act(async () => {
      fireEvent.click(chip(2))
    })
    expect(chip(2).className).toContain('choice-active')
    expect(container.querySelector('.venue-choices .field-error')).toBeNull()
    const voucher = { id: 9, campaignId: 5, kind: 'movie', title: '周末观影福利券', code: 'ABCDEFGHJKLM', state: 'unused', venues: [venues[1]], venueId: 2, claimedAt: '2026-11-23T00:00:00.000Z', validUntil: '2099-01-01T00:00:00.000Z', usedAt: null, usedVenue: null, source: 'claim', confirmBy: null, returnedAt: null, returnReason: null }
    transport.reply(() => json(200, { voucher, replayed: false }))
    await act(async () => {
      fireEvent.click(container.querySelector('.claim-btn') as HTMLElement)
    })
    await screen.findByText('领取成功')
    expect(sent()).toHaveLength(1)
    expect((sent()[0] as TransportRequest).data).toEqual({ venueId: 2 })
    expect(container.querySelector('.claim-result-message')?.textContent).toContain('限「星光影院」使用')
    expect(container.querySelector('.stock-num')?.textContent).toBe('1')
    // 每人限领 1 张 reached: nothing left to choose.
    expect(container.querySelector('.venue-choices')).toBeNull()
  })

  it('sold out: offers 加入候补 and then shows the place in line', async () => {
    const { container, transport } = await open({ opensAt: '2020-01-01T00:00:00.000Z', remaining: 0, phase: 'sold_out', waitlistLength: 2 }, new Date().toISOString())
    await screen.findByText('加入候补')
    expect((container.querySelector('.claim-btn') as HTMLElement).textContent).toBe('已领完')
    transport.reply(() => json(200, { campaignId: 5, state: 'waiting', position: 3, length: 3, joinedAt: new Date().toISOString() }))
    await act(async () => {
      fireEvent.click(screen.getByText('加入候补'))
    })
    await waitFor(() => expect(container.querySelector('.waitlist-place')?.textContent).toBe('候补第 3 位'))
    expect(transport.requests.some((r) => (r as TransportRequest).url === '/api/vouchers/campaigns/5/waitlist')).toBe(true)
  })

  it('sold out by its reason: SOLD_OUT reworded as 抢光啦 still shows 已领完 and offers 加入候补', async () => {
    const { container, transport } = await open({ opensAt: '2020-01-01T00:00:00.000Z', phase: 'open', waitlistLength: 2 }, new Date().toISOString())
    await screen.findByText('立即领取')
    expect(screen.queryByText('加入候补')).toBeNull()
    const soldOut = VoucherReasons.SOLD_OUT
    transport.reply(() => json(soldOut.status, { code: classOfStatus(soldOut.status), reason: soldOut.reason, message: '抢光啦' }))
    await act(async () => {
      fireEvent.click(container.querySelector('.claim-btn') as HTMLElement)
    })
    await screen.findByText('加入候补')
    const result = container.querySelector('.claim-result') as HTMLElement
    expect(result.getAttribute('data-kind')).toBe('sold_out')
    expect(result.querySelector('.claim-result-title')?.textContent).toBe('已领完')
    expect(result.querySelector('.claim-result-message')?.textContent).toBe('抢光啦')
    expect((container.querySelector('.claim-btn') as HTMLElement).textContent).toBe('已领完')
    expect(container.querySelector('.stock-num')?.textContent).toBe('0')
    // the campaign is read again (our clock or stock was off); its answer keeps the page sold out
    await waitFor(() => expect(transport.requests.filter((r) => (r as TransportRequest).url === '/api/vouchers/campaigns/5')).toHaveLength(2))
    await act(async () => {
      transport.reply(() => json(200, { campaign: { ...base, opensAt: '2020-01-01T00:00:00.000Z', remaining: 0, phase: 'sold_out', waitlistLength: 2 }, serverTime: new Date().toISOString() }))
    })
    expect(screen.getByText('加入候补')).toBeTruthy()
  })

  it('lottery: an entered member can 撤销报名 while it is open, after confirming; then 参与抽签 is offered again', async () => {
    const lottery = { commitment: 'c0ffee'.padEnd(64, '0'), seed: null, drawnAt: null, entries: 7, confirmHours: 48 }
    const myEntry = { entryId: 4, state: 'entered', enteredAt: '2026-11-19T00:00:00.000Z', reason: null }
    const { container, transport } = await open({ mode: 'lottery', opensAt: '2020-01-01T00:00:00.000Z', phase: 'open', lottery, myEntry }, new Date().toISOString())
    await screen.findByText('已报名')
    transport.reply(() => json(200, { campaignId: 5, entries: 6 }))
    await act(async () => {
      fireEvent.click(container.querySelector('.withdraw-entry-btn') as HTMLElement)
    })
    // a sheet asks first; nothing is sent before confirming
    await screen.findByText('确定撤销本次抽签报名？')
    expect(transport.requests.some((r) => (r as TransportRequest).url.endsWith('/enter/withdraw'))).toBe(false)
    await act(async () => {
      fireEvent.click(container.querySelector('.withdraw-confirm-btn') as HTMLElement)
    })
    await waitFor(() => expect(transport.requests.some((r) => (r as TransportRequest).url === '/api/vouchers/campaigns/5/enter/withdraw')).toBe(true))
    await screen.findByText('参与抽签')
    expect(screen.getByText('已撤销报名，领取额度已退还；截止前可重新报名')).toBeTruthy()
    expect(container.querySelector('.withdraw-entry-btn')).toBeNull()
  })

  it('lottery: shows a lost entry with its reason and the fairness record (commitment and revealed seed)', async () => {
    const lottery = { commitment: 'c0ffee'.padEnd(64, '0'), seed: '5eed'.padEnd(64, '1'), drawnAt: '2026-11-20T00:00:00.000Z', entries: 120, confirmHours: 48 }
    const myEntry = { entryId: 4, state: 'lost', enteredAt: '2026-11-19T00:00:00.000Z', reason: '未中签：120 人报名 30 张券，已自动进入候补第 5 位' }
    const { container } = await open({ mode: 'lottery', opensAt: '2020-01-01T00:00:00.000Z', closesAt: '2026-11-20T00:00:00.000Z', phase: 'closed', lottery, myEntry }, '2026-11-21T00:00:00.000Z')
    await screen.findByText('未中签')
    expect(screen.getByText(myEntry.reason)).toBeTruthy()
    expect(screen.getByText('公平性说明')).toBeTruthy()
    expect(container.querySelector('.commitment')?.textContent).toBe(lottery.commitment)
    expect(container.querySelector('.seed')?.textContent).toBe(lottery.seed)
  })
})
