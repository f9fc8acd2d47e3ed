/**
 * What each chart of the dashboard draws, from the figures (pure: tested without a canvas). Titles and the charts'
 * keys are the contract's (DASHBOARD_CHARTS), so the image, the card and the .xlsx agree.
 */
import type { EChartsCoreOption } from 'echarts/core'
import type { DashboardChart } from '@contract/dashboard/labels'
import type { Count, Dashboard } from '@contract/dashboard/schemas'

const bars = (xs: Count[], name: string, horizontal = false): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  grid: { left: horizontal ? 140 : 40, right: 20, top: 20, bottom: 40 },
  [horizontal ? 'yAxis' : 'xAxis']: { type: 'category', data: xs.map((x) => x.label), axisLabel: { interval: 0, width: horizontal ? 130 : 80, overflow: 'truncate' } },
  [horizontal ? 'xAxis' : 'yAxis']: { type: 'value', minInterval: 1 },
  series: [{ type: 'bar', name, data: xs.map((x) => x.count) }],
})

const pie = (xs: Count[], name: string): EChartsCoreOption => ({
  tooltip: { trigger: 'item', formatter: '{b}：{c}（{d}%）' },
  legend: { type: 'scroll', bottom: 0 },
  series: [{ type: 'pie', name, radius: ['35%', '65%'], data: xs.filter((x) => x.count > 0).map((x) => ({ name: x.label, value: x.count })) }],
})

const grouped = (categories: string[], series: { name: string; data: number[]; type?: 'bar' | 'line' }[]): EChartsCoreOption => ({
  tooltip: { trigger: 'axis' },
  legend: { top: 0 },
  grid: { left: 50, right: 20, top: 36, bottom: 60 },
  xAxis: { type: 'category', data: categories, axisLabel: { interval: 0, rotate: categories.length > 6 ? 30 : 0, width: 90, overflow: 'truncate' } },
  yAxis: { type: 'value', minInterval: 1 },
  series: series.map((s) => ({ type: s.type ?? 'bar', name: s.name, data: s.data })),
})

export function chartOption(d: Dashboard, chart: DashboardChart): EChartsCoreOption {
  switch (chart) {
    case 'members.byMonth':
      return grouped(d.members.byMonth.map((m) => m.month), [{ name: '新入会', data: d.members.byMonth.map((m) => m.count), type: 'line' }])
    case 'members.byEmploymentType':
      return pie(d.members.byEmploymentType, '会员人数')
    case 'members.byUnion':
      return bars(d.members.byUnion, '会员人数', true)
    case 'joining.byStatus':
      return pie(d.joining.byStatus, '申请数')
    case 'vouchers.byCampaign':
      return grouped(d.vouchers.byCampaign.map((c) => c.title), [
        { name: '已发放', data: d.vouchers.byCampaign.map((c) => c.issued) },
        { name: '已核销', data: d.vouchers.byCampaign.map((c) => c.redeemed) },
        { name: '已过期', data: d.vouchers.byCampaign.map((c) => c.expired) },
        { name: '已退回', data: d.vouchers.byCampaign.map((c) => c.returned) },
      ])
    case 'vouchers.byVenue':
      return {
        tooltip: { trigger: 'axis', valueFormatter: (v: number) => `${v}%` },
        grid: { left: 50, right: 20, top: 20, bottom: 60 },
        xAxis: { type: 'category', data: d.vouchers.byVenue.map((v) => v.name), axisLabel: { interval: 0, width: 90, overflow: 'truncate' } },
        yAxis: { type: 'value', max: 100, axisLabel: { formatter: '{value}%' } },
        series: [{ type: 'bar', name: '核销率', data: d.vouchers.byVenue.map((v) => Math.round(v.rate * 1000) / 10) }],
      }
    case 'events.byEvent':
      return grouped(d.events.byEvent.map((e) => e.title), [
        { name: '报名', data: d.events.byEvent.map((e) => e.registrations) },
        { name: '签到', data: d.events.byEvent.map((e) => e.checkedIn) },
        { name: '未到', data: d.events.byEvent.map((e) => e.noShows) },
      ])
    case 'relief.byStage':
      return bars(d.relief.byStage, '案件数', true)
    case 'relief.byType':
      return pie(d.relief.byType, '案件数')
    case 'relief.amountsByMonth':
      return grouped(d.relief.amountsByMonth.map((m) => m.month), [
        { name: '核定金额', data: d.relief.amountsByMonth.map((m) => m.approved) },
        { name: '发放金额', data: d.relief.amountsByMonth.map((m) => m.paid) },
      ])
    case 'legal.byStatus':
      return pie(d.legal.byStatus, '咨询数')
    case 'stations.byStatus':
      return pie(d.stations.byStatus, '驿站数')
  }
}

/** The numbers a chart draws, for its accessible name (a screen reader gets the figures, not a picture). */
export function chartSummary(d: Dashboard, chart: DashboardChart): string {
  const o = chartOption(d, chart) as { series: { name: string; data: (number | { name: string; value: number })[] }[] }
  return o.series.map((s) => `${s.name}：${s.data.map((x) => (typeof x === 'number' ? x : `${x.name} ${x.value}`)).join('，')}`).join('；')
}
