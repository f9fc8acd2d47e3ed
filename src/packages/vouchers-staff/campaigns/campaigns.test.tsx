import { act, screen } from '@testing-library/react'
import * as taro from '@tarojs/taro'
import CampaignAdminPage from './index'
import { renderWithStores } from '../../../test/render'
import { json } from '../../../test/fakes'

// Like useDidShow in setup-pages: attached by the framework at build time; a no-op here.
const t = taro as unknown as Record<string, unknown>
if (typeof t.useDidHide !== 'function') t.useDidHide = () => undefined

const campaign = {
  id: 7, kind: 'movie', title: '周末观影福利券', rules: '', orgId: 1, orgName: '云溪区总工会', venues: [], totalStock: 100, remaining: 40,
  venueStock: null, opensAt: '2026-11-23T02:00:00.000Z', closesAt: '2026-11-30T02:00:00.000Z', voucherValidDays: 30, mode: 'first_come',
  perMemberLimit: { count: 1, period: 'calendar_month' }, eligibleEmploymentTypes: null, phase: 'open', lottery: null, waitlistLength: 3,
}

describe('福利活动管理', () => {
  it('lists the campaigns with stock and waitlist; a failed load offers 重试', async () => {
    const { container, transport } = renderWithStores(<CampaignAdminPage />)
    await act(async () => {
      transport.reply(() => {
        throw new Error('offline')
      })
    })
    await screen.findByText('网络不给力，请检查网络后重试')
    transport.reply(() => json(200, { items: [campaign] }))
    await act(async () => {
      screen.getByText('重试').click()
    })
    const item = await screen.findByText('周末观影福利券')
    expect(container.querySelector('.campaign-admin-item[data-id="7"]')?.textContent).toContain('剩余 40 / 100 张 · 候补 3 人')
    expect(item).toBeTruthy()
    expect(screen.getByText('新建福利活动')).toBeTruthy()
  })

  it('says how to start when there is none yet', async () => {
    const { transport } = renderWithStores(<CampaignAdminPage />)
    await act(async () => {
      transport.reply(() => json(200, { items: [] }))
    })
    await screen.findByText('还没有福利活动')
    expect(screen.getByText('新建福利活动')).toBeTruthy()
  })
})
