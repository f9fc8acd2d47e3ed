/**
 * The office console's 福利活动 table (issue 16): the managers' campaign list takes the console's filters (union,
 * phase, kind, opening days) and a keyset cursor, and gives admins of a sibling branch or a lower level nothing of
 * another subtree — a union filter outside the post is a 403 with its reason; venue staff and members are refused.
 */
import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import ExcelJS from 'exceljs'
import { vouchersApi } from '@contract/vouchers/api'
import { databases, useDatabase, type TestApp } from './harness'
import { auditLog } from '../src/db/schema'
import { newUser, orgIdOf } from './builders/membership'
import { DAY, HOUR, T0, campaign, createCampaign, createMembers, iso, voucherOrgIds } from './builders/vouchers'

describe.each(databases())('console campaigns on %s', (target) => {
  const h = useDatabase(target)
  let clock = T0
  let app: TestApp
  let admin: string
  let orgIds: { district: number; grassroots: number }
  const ids: Record<string, number> = {}

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' }, { now: () => clock })
    admin = await app.login('admin')
    orgIds = await voucherOrgIds(h.database.db)
    // open now: district movie; upcoming: 星河物流 gym opening 2026-12-01; sold out: district swim of 1, claimed
    ids.open = (await createCampaign(app, admin, campaign({ orgId: orgIds.district, title: '控制台电影券' }))).id
    ids.upcoming = (
      await createCampaign(app, admin, campaign({ orgId: orgIds.grassroots, kind: 'gym', title: '控制台健身券', opensAt: iso(T0 + 8 * DAY), closesAt: iso(T0 + 15 * DAY) }))
    ).id
    ids.soldOut = (await createCampaign(app, admin, campaign({ orgId: orgIds.district, kind: 'swim', title: '控制台游泳券', totalStock: 1, opensAt: iso(T0 - 2 * HOUR) }))).id
    const [m] = await createMembers(h.database.db, app.app.deps.sessions, { count: 1, orgId: orgIds.grassroots })
    expect((await app.call(vouchersApi.claim, { token: m.token, params: { id: ids.soldOut }, headers: { 'idempotency-key': randomUUID() } })).status).toBe(200)
  })

  const listed = async (token: string, query: Record<string, string | number> = {}) =>
    (await app.ok(vouchersApi.manageCampaigns, { token, query: query as never })).items.map((c) => c.id).filter((id) => Object.values(ids).includes(id))

  it('filters by phase, kind, union and opening days, newest opening first', async () => {
    expect(await listed(admin)).toEqual([ids.upcoming, ids.open, ids.soldOut])
    expect(await listed(admin, { phase: 'upcoming' })).toEqual([ids.upcoming])
    expect(await listed(admin, { phase: 'open' })).toEqual([ids.open])
    expect(await listed(admin, { phase: 'sold_out' })).toEqual([ids.soldOut])
    expect(await listed(admin, { phase: 'closed' })).toEqual([])
    expect(await listed(admin, { kind: 'gym' })).toEqual([ids.upcoming])
    expect(await listed(admin, { orgId: orgIds.grassroots })).toEqual([ids.upcoming])
    // the upcoming one opens on 2026-12-01 10:00 China time, the others on 2026-11-23
    expect(await listed(admin, { from: '2026-12-01', to: '2026-12-01' })).toEqual([ids.upcoming])
    expect(await listed(admin, { to: '2026-11-30' })).toEqual([ids.open, ids.soldOut])
    // the phase follows the server's clock: eight days later the movie and swim campaigns have closed (a session of
    // that day: the first one has expired by then)
    clock = T0 + 8 * DAY
    try {
      const later = await app.login('admin')
      expect(await listed(later, { phase: 'closed' })).toEqual([ids.open, ids.soldOut])
      expect(await listed(later, { phase: 'open' })).toEqual([ids.upcoming])
    } finally {
      clock = T0
    }
    const bad = await app.call(vouchersApi.manageCampaigns, { token: admin, query: { from: '23-11-2026' } as never })
    expect(bad.status).toBe(400)
    expect(bad.body.fields).toHaveProperty('from')
  })

  it('pages by cursor, every campaign once, under a filter', async () => {
    const seen: number[] = []
    let cursor: string | null | undefined
    do {
      const page = await app.ok(vouchersApi.manageCampaigns, { token: admin, query: { limit: 1, kind: 'movie', ...(cursor ? { cursor } : {}) } })
      expect(page.items.length).toBeLessThanOrEqual(1)
      for (const c of page.items) {
        expect(c.kind).toBe('movie')
        expect(seen).not.toContain(c.id)
        seen.push(c.id)
      }
      cursor = page.nextCursor
    } while (cursor)
    expect(seen).toContain(ids.open)
    const forged = await app.call(vouchersApi.manageCampaigns, { token: admin, query: { cursor: 'not-a-cursor' } })
    expect(forged.status).toBe(400)
    expect(forged.body.fields).toHaveProperty('cursor')
  })

  it('gives a sibling branch’s or a lower level’s admin none of the district’s campaigns, and refuses their union filter', async () => {
    const park = await newUser(h, app, '园区管理员', { role: 'admin', orgName: '云溪科技园区工会' })
    const street = await newUser(h, app, '街道管理员', { role: 'admin', orgName: '青禾街道总工会' })
    expect(await listed(park.token)).toEqual([])
    // the street sees 星河物流's campaign (its subtree), never the district's own
    expect(await listed(street.token)).toEqual([ids.upcoming])
    for (const [token, orgId] of [
      [park.token, orgIds.grassroots],
      [street.token, orgIds.district],
      [park.token, 999_999],
    ] as const) {
      const res = await app.call(vouchersApi.manageCampaigns, { token, query: { orgId } })
      expect(res.status).toBe(403)
      expect(res.body.reason).toBe('CAMPAIGNS_UNION_OUTSIDE')
    }
    // nor read the figures of the district's campaign
    expect((await app.call(vouchersApi.campaignStats, { token: park.token, params: { id: ids.open } })).status).toBe(404)
  })

  it('refuses venue staff and members the list, whatever the filter', async () => {
    const venue = await app.login('venue')
    const member = await app.login('member')
    const reviewer = await newUser(h, app, '审核员', { role: 'reviewer', orgName: await orgName(orgIds.district) })
    for (const token of [venue, member, reviewer.token]) {
      const res = await app.call(vouchersApi.manageCampaigns, { token, query: { orgId: orgIds.district } })
      expect(res.status).toBe(403)
    }
  })

  it('exports the claims and the figures as .xlsx for the managers only (masked, audited)', async () => {
    const get = (token: string, id: number) => fetch(`${app.baseUrl}/api/vouchers/manage/campaigns/${id}/export.xlsx`, { headers: { authorization: `Bearer ${token}` } })
    const res = await get(admin, ids.soldOut)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(decodeURIComponent(res.headers.get('content-disposition') ?? '')).toContain('控制台游泳券-领取明细-')
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    const claims = wb.getWorksheet('领取明细')!
    expect(claims.getRow(1).values).toEqual([undefined, '券码', '领取人', '状态', '领取时间', '使用时间', '使用场馆'])
    expect(claims.rowCount).toBe(2)
    const code = String(claims.getRow(2).getCell(1).value)
    expect(code).toMatch(/^[A-Z0-9]{4}\*+[A-Z0-9]{2}$/)
    const figures = wb.getWorksheet('活动数据')!
    const figure = (label: string) => figures.getRows(2, figures.rowCount)!.find((r) => r.getCell(1).value === label)?.getCell(2).value
    expect(figure('已发放')).toBe(1)
    expect(figure('剩余库存')).toBe(0)
    expect(figure('已核销')).toBe(0)
    const [row] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'vouchers.export'), eq(auditLog.subjectId, String(ids.soldOut))))
    expect(row.detail).toMatchObject({ rows: 1, format: 'xlsx' })
    // a sibling branch's admin: 404; the venue's staff of the union: 403 with its reason; a member: 403
    const park = await newUser(h, app, '园区管理员', { role: 'admin', orgName: '云溪科技园区工会' })
    expect((await get(park.token, ids.soldOut)).status).toBe(404)
    const venueRes = await get(await app.login('venue'), ids.soldOut)
    expect(venueRes.status).toBe(403)
    expect(((await venueRes.json()) as { reason: string }).reason).toBe('CAMPAIGN_MANAGERS_ONLY')
    expect((await get(await app.login('member'), ids.soldOut)).status).toBe(403)
  })

  const orgName = async (id: number) => {
    for (const name of ['云溪区总工会']) if ((await orgIdOf(h, name)) === id) return name
    throw new Error('unknown union')
  }
})
