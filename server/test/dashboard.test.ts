/**
 * 数据看板: every figure of the dashboard equals the test's own count of the seeded rows (builders/dashboard.ts, plain
 * rows counted in JS), for the district, a street (level 2) and a grassroots union of another branch; nobody sees
 * outside their subtree (a sibling's or a lower admin asking for a union above or beside them is refused); members
 * and reviewers get 403; each chart's data comes as .xlsx with the same numbers.
 */
import ExcelJS from 'exceljs'
import { dashboardApi } from '@contract/dashboard/api'
import { DASHBOARD_CHARTS } from '@contract/dashboard/labels'
import type { Count, Dashboard } from '@contract/dashboard/schemas'
import { databases, useDatabase, type TestApp } from './harness'
import { newUser, orgIdOf, rawRows, sql } from './builders/membership'
import { NOW, RANGE, UNIONS, oracle, seedDashboardWorld } from './builders/dashboard'

const asMap = (xs: Count[]) => new Map(xs.filter((x) => x.count > 0).map((x) => [x.key, x.count]))

describe.each(databases())('dashboard on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  let admin: string

  beforeAll(async () => {
    await seedDashboardWorld(h)
    app = await h.app({}, { now: () => NOW })
    admin = await app.login('admin')
  })

  const pathOf = async (name: string) => (await rawRows<{ path: string }>(h, sql`select path from orgs where name = ${name}`))[0].path

  /** Every figure of `d` against the oracle's count for the subtree at `path`. */
  async function expectFigures(d: Dashboard, path: string) {
    const o = await oracle(h, path)
    expect(d.members.total).toBe(o.members.total)
    expect(d.members.newInRange).toBe(o.members.newInRange)
    expect(d.members.newFormsShare).toBeCloseTo(o.members.total ? o.members.gig / o.members.total : 0, 4)
    expect(new Map(d.members.byMonth.filter((m) => m.count > 0).map((m) => [m.month, m.count]))).toEqual(o.members.byMonth)
    expect(d.members.byMonth.map((m) => m.month)).toEqual(['2026-09', '2026-10', '2026-11'])
    expect(asMap(d.members.byEmploymentType)).toEqual(o.members.byType)
    expect(asMap(d.members.byUnion)).toEqual(o.members.byUnion)

    expect(asMap(d.joining.byStatus)).toEqual(o.joining.byStatus)
    expect(d.joining.medianDecisionHours).toBe(o.joining.medianDecisionHours)
    expect(d.joining.decidedInRange).toBe(o.joining.decidedInRange)
    expect(d.joining.pendingNow).toBe(o.joining.pendingNow)
    expect(d.joining.overdueNow).toBe(o.joining.overdueNow)

    expect(new Map(d.vouchers.byCampaign.map((c) => [c.id, { issued: c.issued, redeemed: c.redeemed, expired: c.expired, returned: c.returned }]))).toEqual(o.vouchers.byCampaign)
    expect(new Map(d.vouchers.byVenue.map((v) => [v.id, { name: v.name, usable: v.usable, redeemed: v.redeemed }]))).toEqual(o.vouchers.byVenue)
    for (const v of d.vouchers.byVenue) expect(v.rate).toBeCloseTo(v.usable ? v.redeemed / v.usable : 0, 4)

    expect({ events: d.events.events, registrations: d.events.registrations, checkedIn: d.events.checkedIn, noShows: d.events.noShows }).toEqual(o.events)
    expect(d.events.byEvent.reduce((s, e) => s + e.registrations, 0)).toBeLessThanOrEqual(o.events.registrations)

    expect(asMap(d.relief.byStage)).toEqual(o.relief.byStage)
    expect(asMap(d.relief.byType)).toEqual(o.relief.byType)
    expect(new Map(d.relief.amountsByMonth.filter((m) => m.approved > 0).map((m) => [m.month, m.approved]))).toEqual(o.relief.approvedByMonth)
    expect(new Map(d.relief.amountsByMonth.filter((m) => m.paid > 0).map((m) => [m.month, m.paid]))).toEqual(o.relief.paidByMonth)
    expect(d.relief.overdueNow).toBe(o.relief.overdueNow)

    expect(asMap(d.legal.byStatus)).toEqual(o.legal.byStatus)
    expect(d.legal.overdueNow).toBe(o.legal.overdueNow)
    expect(d.stations.total).toBe(o.stations.total)
    expect(asMap(d.stations.byStatus)).toEqual(o.stations.byStatus)
  }

  it('gives the district admin the figures of the whole district, each equal to an independent count', async () => {
    const d = await app.ok(dashboardApi.figures, { token: admin, query: RANGE })
    expect(d.org.name).toBe(UNIONS.district)
    expect(d.posts.map((p) => p.name)).toEqual([UNIONS.district])
    await expectFigures(d, await pathOf(UNIONS.district))
    // The seeded world is not empty: the comparison above compared something.
    expect(d.members.newInRange).toBeGreaterThanOrEqual(6)
    expect(d.joining.overdueNow).toBeGreaterThanOrEqual(2)
    expect(d.joining.medianDecisionHours).not.toBeNull()
    expect(d.vouchers.byVenue.some((v) => v.redeemed > 0 && v.rate < 1)).toBe(true)
    expect(d.events.noShows).toBeGreaterThanOrEqual(1)
    expect(d.relief.amountsByMonth.find((m) => m.month === '2026-10')!.paid).toBeGreaterThanOrEqual(3000)
    expect(d.relief.overdueNow).toBeGreaterThanOrEqual(1)
    expect(d.legal.overdueNow).toBeGreaterThanOrEqual(1)
  })

  it('narrows to a union of the subtree, and an admin lower down sees only their own subtree', async () => {
    const street = await orgIdOf(h, UNIONS.street)
    const narrowed = await app.ok(dashboardApi.figures, { token: admin, query: { ...RANGE, orgId: street } })
    expect(narrowed.org.name).toBe(UNIONS.street)
    await expectFigures(narrowed, await pathOf(UNIONS.street))

    const streetAdmin = await newUser(h, app, '街道管理员', { role: 'admin', orgName: UNIONS.street })
    const own = await app.ok(dashboardApi.figures, { token: streetAdmin.token, query: RANGE })
    expect(own.org.name).toBe(UNIONS.street)
    expect(own.members.total).toBe(narrowed.members.total)
    // Above and beside: refused, whatever the orgId.
    for (const name of [UNIONS.district, UNIONS.park, UNIONS.gig]) {
      const res = await app.call(dashboardApi.figures, { token: streetAdmin.token, query: { ...RANGE, orgId: await orgIdOf(h, name) } })
      expect(res.status).toBe(403)
      expect(res.body.members).toBeUndefined()
    }
  })

  it('gives an admin of another branch their union only, never the district’s or a sibling’s figures', async () => {
    const gigAdmin = await newUser(h, app, '联合工会管理员', { role: 'admin', orgName: UNIONS.gig })
    const own = await app.ok(dashboardApi.figures, { token: gigAdmin.token, query: RANGE })
    expect(own.org.name).toBe(UNIONS.gig)
    await expectFigures(own, await pathOf(UNIONS.gig))
    const district = await app.ok(dashboardApi.figures, { token: admin, query: RANGE })
    expect(own.members.total).toBeLessThan(district.members.total)
    for (const name of [UNIONS.district, UNIONS.park, UNIONS.logistics]) {
      const res = await app.call(dashboardApi.figures, { token: gigAdmin.token, query: { ...RANGE, orgId: await orgIdOf(h, name) } })
      expect(res.status).toBe(403)
      const file = await app.call(dashboardApi.exportXlsx, { token: gigAdmin.token, query: { ...RANGE, orgId: await orgIdOf(h, name) } })
      expect(file.status).toBe(403)
    }
  })

  it('refuses members, reviewers and anonymous callers; bad ranges are told beside the field', async () => {
    for (const persona of ['member', 'reviewer', 'legal', 'venue']) {
      const res = await app.call(dashboardApi.figures, { token: await app.login(persona), query: RANGE })
      expect(res.status).toBe(403)
    }
    expect((await app.call(dashboardApi.figures, { query: RANGE })).status).toBe(401)
    const backwards = await app.call(dashboardApi.figures, { token: admin, query: { from: '2026-11-30', to: '2026-09-01' } })
    expect(backwards.status).toBe(400)
    expect(backwards.body.fields?.to).toBe('结束日期不能早于开始日期')
    const bogus = await app.call(dashboardApi.figures, { token: admin, query: { from: '2026-02-30', to: '2026-03-01' } })
    expect(bogus.status).toBe(400)
    expect(bogus.body.fields).toHaveProperty('from')
    expect((await app.call(dashboardApi.figures, { token: admin, query: { ...RANGE, orgId: 999_999 } })).status).toBe(404)
  })

  it('exports each chart’s data as .xlsx with the same numbers as the figures', async () => {
    const d = await app.ok(dashboardApi.figures, { token: admin, query: RANGE })
    const res = await fetch(`${app.baseUrl}${dashboardApi.exportXlsx.path}?from=${RANGE.from}&to=${RANGE.to}&chart=relief.amountsByMonth`, { headers: { authorization: `Bearer ${admin}` } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    expect(wb.worksheets).toHaveLength(1)
    const ws = wb.worksheets[0]
    expect(ws.getRow(1).values).toEqual([undefined, ...DASHBOARD_CHARTS['relief.amountsByMonth'].columns])
    const rows = d.relief.amountsByMonth.map((_, i) => ws.getRow(i + 2).values)
    expect(rows).toEqual(d.relief.amountsByMonth.map((m) => [undefined, m.month, m.approved, m.paid]))

    const all = await fetch(`${app.baseUrl}${dashboardApi.exportXlsx.path}?from=${RANGE.from}&to=${RANGE.to}`, { headers: { authorization: `Bearer ${admin}` } })
    const book = new ExcelJS.Workbook()
    await book.xlsx.load((await all.arrayBuffer()) as ArrayBuffer)
    expect(book.worksheets).toHaveLength(Object.keys(DASHBOARD_CHARTS).length)
    const members = book.worksheets.find((w) => w.name.includes('会员就业形态'))!
    expect(members.getRow(2).values).toEqual([undefined, d.members.byEmploymentType[0].label, d.members.byEmploymentType[0].count])
  })
})
