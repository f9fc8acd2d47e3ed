import { act, screen, waitFor } from '@testing-library/react'
import * as taro from '@tarojs/taro'
import WelfarePage from './index'
import { renderWithStores } from '../../test/render'
import { json, sampleSession } from '../../test/fakes'
import { formatDateTime } from '../../utils/date'

const campaign = (id: number, over: Record<string, unknown>) => ({
  id, kind: 'movie', title: `活动${id}`, rules: '', orgId: 1, orgName: '云溪区总工会', venues: [], totalStock: 10, remaining: 7, venueStock: null,
  opensAt: '2026-11-23T02:00:00.000Z', closesAt: '2099-01-01T00:00:00.000Z', voucherValidDays: 30, mode: 'first_come',
  perMemberLimit: { count: 1, period: 'calendar_month' }, eligibleEmploymentTypes: null, phase: 'open', lottery: null,
  waitlistLength: 0, myVouchers: [], myEntry: null, myWaitlist: null, ...over,
})

// Like useDidShow in setup-pages: the framework attaches page hooks at build time; no-ops here.
const t = taro as unknown as Record<string, unknown>
if (typeof t.usePullDownRefresh !== 'function') t.usePullDownRefresh = () => undefined
if (typeof t.useDidHide !== 'function') t.useDidHide = () => undefined

async function open() {
  const view = renderWithStores(<WelfarePage />)
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  return view
}

describe('福利 tab', () => {
  it('lists campaigns: stock left, the opening time of upcoming ones, and what the member already has', async () => {
    const { container, transport } = await open()
    await act(async () => {
      transport.reply(() =>
        json(200, {
          items: [
            campaign(1, {}),
            campaign(2, { phase: 'upcoming', opensAt: '2026-12-01T02:00:00.000Z' }),
            campaign(3, { myVouchers: [{ id: 9, code: 'X', state: 'unused' }] }),
          ],
          serverTime: '2026-11-23T03:00:00.000Z',
        }),
      )
    })
    await waitFor(() => expect(container.querySelectorAll('.campaign-item')).toHaveLength(3))
    expect(container.querySelector('.campaign-item[data-id="1"]')?.textContent).toContain('剩余 7 / 10 张')
    expect(container.querySelector('.campaign-item[data-id="2"]')?.textContent).toContain(`${formatDateTime('2026-12-01T02:00:00.000Z')} 开抢`)
    expect(container.querySelector('.campaign-item[data-id="3"] .campaign-item-phase')?.textContent).toBe('已领取')
    expect(screen.getByText('我的券')).toBeTruthy()
  })

  it('says what to do when there is nothing, and offers 重试 when loading fails', async () => {
    const { transport } = await open()
    await act(async () => {
      transport.reply(() => {
        throw new Error('offline')
      })
    })
    await screen.findByText('网络不给力，请检查网络后重试')
    transport.reply(() => json(200, { items: [], serverTime: '2026-11-23T03:00:00.000Z' }))
    await act(async () => {
      screen.getByText('重试').click()
    })
    await screen.findByText('暂时没有可领取的福利')
  })
})
