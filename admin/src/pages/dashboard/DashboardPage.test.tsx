import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { forwardRef, useImperativeHandle } from 'react'
import type { Dashboard } from '@contract/dashboard/schemas'
import { DASHBOARD_CHART_KEYS } from '@contract/dashboard/labels'
import DashboardPage, { defaultRange } from './DashboardPage'
import { chartOption } from './charts'
import { FakeServer, refusal } from '../../../test/fake-server'
import { fakeFetch, renderPage } from '../../../test/render-page'

// No canvas in jsdom: the chart is a labelled stub that can still be exported as an image.
jest.mock('./EChart', () => ({
  EChart: forwardRef(function Stub({ label }: { label: string }, ref) {
    useImperativeHandle(ref, () => ({ dataUrl: () => 'data:image/png;base64,iVBORw0KGgo=' }))
    return <div role="img" aria-label={label} />
  }),
}))

const count = (key: string, label: string, n: number) => ({ key, label, count: n })
export const FIGURES: Dashboard = {
  org: { id: 1, name: '云溪区总工会' },
  posts: [{ id: 1, name: '云溪区总工会' }],
  from: '2026-06-01',
  to: '2026-11-20',
  generatedAt: '2026-11-20T02:00:00.000Z',
  members: {
    total: 1234, newInRange: 56, newFormsShare: 0.4321,
    byMonth: [{ month: '2026-10', count: 20 }, { month: '2026-11', count: 36 }],
    byEmploymentType: [count('employee', '在职职工', 700), count('delivery', '外卖配送员', 534)],
    byUnion: [count('2', '青禾街道总工会', 800), count('3', '云溪科技园区工会', 434)],
  },
  joining: { byStatus: [count('submitted', '审核中', 7), count('approved', '已通过', 40), count('rejected', '未通过', 3)], medianDecisionHours: 26.5, decidedInRange: 43, pendingNow: 7, overdueNow: 2 },
  vouchers: { byCampaign: [{ id: 1, title: '周末观影福利券', issued: 100, redeemed: 60, expired: 5, returned: 2 }], byVenue: [{ id: 1, name: '云溪影城', usable: 98, redeemed: 60, rate: 0.6122 }] },
  events: { events: 3, registrations: 90, checkedIn: 70, noShows: 12, byEvent: [{ id: 1, title: '叉车技能竞赛', registrations: 50, checkedIn: 40, noShows: 8 }] },
  relief: { byStage: [count('paid', '已发放', 4)], byType: [count('serious_illness', '大病医疗救助', 4)], amountsByMonth: [{ month: '2026-10', approved: 6000, paid: 3000 }], overdueNow: 1 },
  legal: { byStatus: [count('submitted', '待受理', 2)], overdueNow: 1 },
  stations: { total: 12, byStatus: [count('open', '正常开放', 10)] },
}

describe('数据看板', () => {
  it('shows the figures of the union and every chart, for the last six months by default', async () => {
    const server = new FakeServer().on('GET /api/dashboard', () => ({ body: FIGURES }))
    renderPage(<DashboardPage />, server)
    expect(await screen.findByText('数据看板 · 云溪区总工会', undefined, { timeout: 8000 })).toBeTruthy()
    expect(screen.getByText('1,234')).toBeTruthy()
    expect(screen.getByText('新就业形态占比').closest('.ant-statistic')!.textContent).toContain('43.2%')
    const charts = document.querySelectorAll('div[role="img"]')
    expect(charts).toHaveLength(DASHBOARD_CHART_KEYS.length)
    // A chart's accessible name carries its numbers.
    expect(Array.from(charts).some((c) => /福利券发放与核销.*已发放：100/.test(c.getAttribute('aria-label') ?? ''))).toBe(true)
    const [from, to] = defaultRange()
    expect(server.called('GET /api/dashboard')[0].url).toContain(`from=${from.format('YYYY-MM-DD')}&to=${to.format('YYYY-MM-DD')}`)
  })

  it('exports a chart’s data as .xlsx with the session’s token, and the chart as an image', async () => {
    const calls = fakeFetch()
    renderPage(<DashboardPage />, new FakeServer().on('GET /api/dashboard', () => ({ body: FIGURES })))
    await screen.findByText('数据看板 · 云溪区总工会', undefined, { timeout: 8000 })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('每月核定与发放金额（元）：导出数据'))
    })
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0].url).toMatch(/^\/api\/dashboard\/export\.xlsx\?from=.*&chart=relief\.amountsByMonth$/)
    expect(calls[0].headers.authorization).toBe('Bearer console-token-1')
    const before = (URL.createObjectURL as jest.Mock).mock.calls.length
    fireEvent.click(screen.getByLabelText('每月核定与发放金额（元）：导出图片'))
    expect((URL.createObjectURL as jest.Mock).mock.calls.length).toBe(before + 1)
  })

  it('tells a staff member without the dashboard that it is for admins', async () => {
    renderPage(<DashboardPage />, new FakeServer().on('GET /api/dashboard', () => refusal(403, 'FORBIDDEN', '没有权限执行此操作')))
    expect(await screen.findByText('数据看板仅对管理员开放')).toBeTruthy()
  })

  it('draws each chart from the figures (the option is built from the contract’s data)', () => {
    const o = chartOption(FIGURES, 'vouchers.byVenue') as { series: { data: number[] }[] }
    expect(o.series[0].data).toEqual([61.2])
    const m = chartOption(FIGURES, 'members.byMonth') as { xAxis: { data: string[] }; series: { data: number[] }[] }
    expect(m.xAxis.data).toEqual(['2026-10', '2026-11'])
    expect(m.series[0].data).toEqual([20, 36])
  })
})
