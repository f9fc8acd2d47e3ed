/** 数据看板 → .xlsx: each chart's data as the table behind it (one sheet per chart), titles and columns from the contract. */
import { DASHBOARD_CHARTS, DASHBOARD_CHART_KEYS, type DashboardChart } from '@contract/dashboard/labels'
import type { Count, Dashboard } from '@contract/dashboard/schemas'
import { writeWorkbook, type Cell, type SheetSpec } from '../../files/workbook'

const counts = (xs: Count[]): Cell[][] => xs.map((x) => [x.label, x.count])
const percent = (r: number): string => `${(r * 100).toFixed(1)}%`

/** The rows of one chart, in the order of its contract columns. */
export function chartRows(d: Dashboard, chart: DashboardChart): Cell[][] {
  switch (chart) {
    case 'members.byMonth':
      return d.members.byMonth.map((m) => [m.month, m.count])
    case 'members.byEmploymentType':
      return counts(d.members.byEmploymentType)
    case 'members.byUnion':
      return counts(d.members.byUnion)
    case 'joining.byStatus':
      return counts(d.joining.byStatus)
    case 'vouchers.byCampaign':
      return d.vouchers.byCampaign.map((c) => [c.title, c.issued, c.redeemed, c.expired, c.returned])
    case 'vouchers.byVenue':
      return d.vouchers.byVenue.map((v) => [v.name, v.usable, v.redeemed, percent(v.rate)])
    case 'events.byEvent':
      return d.events.byEvent.map((e) => [e.title, e.registrations, e.checkedIn, e.noShows])
    case 'relief.byStage':
      return counts(d.relief.byStage)
    case 'relief.byType':
      return counts(d.relief.byType)
    case 'relief.amountsByMonth':
      return d.relief.amountsByMonth.map((m) => [m.month, m.approved, m.paid])
    case 'legal.byStatus':
      return counts(d.legal.byStatus)
    case 'stations.byStatus':
      return counts(d.stations.byStatus)
  }
}

/** Sheet names: ≤ 31 characters, none of []:*?/\ (Excel's rules). */
const sheetName = (title: string, i: number) => `${i + 1}.${title}`.replace(/[[\]:*?/\\]/g, ' ').slice(0, 31)

export async function dashboardWorkbook(d: Dashboard, chart: DashboardChart | undefined): Promise<{ bytes: Buffer; filename: string }> {
  const keys = chart ? [chart] : DASHBOARD_CHART_KEYS
  const sheets: SheetSpec[] = keys.map((k, i) => ({
    name: sheetName(DASHBOARD_CHARTS[k].title, i),
    columns: DASHBOARD_CHARTS[k].columns.map((header, c) => ({ header, width: c === 0 ? 28 : 14 })),
    rows: chartRows(d, k),
  }))
  const what = chart ? DASHBOARD_CHARTS[chart].title : '数据看板'
  return { bytes: await writeWorkbook(sheets), filename: `${d.org.name}-${what}-${d.from}至${d.to}.xlsx` }
}
