/**
 * 编辑活动 / 结束发放 of a published campaign: before it opens every field changes and the stock rows are rebuilt as
 * creation lays them out; once open only the wording, the closing time and the number (追加库存; fewer only down to
 * what is issued) — the rest is refused per field with its reason; after it closed nothing. 结束发放 closes it for the
 * very next claim (issued vouchers stay valid), draws a lottery at once. Admins of other unions, venue staff and
 * members are refused. A stock increase racing a crowd of claims: never one voucher more than the stock, and every
 * added unit claimable.
 */
import { randomUUID } from 'node:crypto'
import { and, eq, sql } from 'drizzle-orm'
import { vouchersApi } from '@contract/vouchers/api'
import { LOCKED_WHY } from '@contract/vouchers/edit-rules'
import { rowsOf } from '../src/db'
import { claimBatch } from '../src/modules/vouchers/claim'
import { auditLog, voucherStock, vouchers } from '../src/db/schema'
import { databases, useDatabase, type TestApp } from './harness'
import { newUser } from './builders/membership'
import { DAY, HOUR, MIN, T0, VENUES, campaign, createCampaign, createMembers, iso, lottery, voucherOrgIds, type CampaignBody, type LoadMember } from './builders/vouchers'

describe.each(databases())('editing and ending campaigns on %s', (target) => {
  jest.setTimeout(120_000)
  const h = useDatabase(target)
  let clock = T0
  let app: TestApp
  let admin: string
  let orgIds: { district: number; grassroots: number }

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '1000000' }, { now: () => clock })
    admin = await app.login('admin')
    orgIds = await voucherOrgIds(h.database.db)
  })
  afterEach(() => {
    clock = T0
  })

  const edit = (token: string, id: number, body: CampaignBody) => app.call(vouchersApi.editCampaign, { token, params: { id }, body })
  const end = (token: string, id: number) => app.call(vouchersApi.endCampaign, { token, params: { id } })
  const claim = (m: LoadMember, id: number, venueId?: number) =>
    app.call(vouchersApi.claim, { token: m.token, params: { id }, headers: { 'idempotency-key': randomUUID() }, body: venueId ? { venueId } : undefined })
  const stockRows = async (id: number) =>
    (await h.database.db.select().from(voucherStock).where(eq(voucherStock.campaignId, id))).sort((a, b) => a.shard - b.shard)
  const issued = async (id: number) => (await h.database.db.select().from(vouchers).where(eq(vouchers.campaignId, id))).length
  /** The body that re-sends a campaign as created, venues by their registry ids (what the forms send). */
  const asCreated = (body: CampaignBody, c: { venues: { id: number }[] }, over: Partial<CampaignBody> = {}): CampaignBody => ({
    ...body,
    venues: body.venues.map((v, i) => ({ venueId: c.venues[i].id, ...(v.stock !== undefined ? { stock: v.stock } : {}) })),
    ...over,
  })

  it('before opening: every field changes, the stock is rebuilt as creation lays it out, audited before/after', async () => {
    const body = campaign({ orgId: orgIds.district, title: '未开始电影券', totalStock: 40, opensAt: iso(T0 + DAY), closesAt: iso(T0 + 3 * DAY) })
    const c = await createCampaign(app, admin, body)
    expect((await stockRows(c.id)).length).toBe(32)
    // a gym campaign of 星河物流 split 5 + 7 between the two venues, one a week later, valid 10 days, 2 a campaign
    const changed = asCreated(body, c, {
      kind: 'gym',
      title: '改后健身券',
      rules: '改后的说明',
      orgId: orgIds.grassroots,
      venues: [
        { venueId: c.venues[0].id, stock: 5 },
        { venueId: c.venues[1].id, stock: 7 },
      ],
      totalStock: 12,
      opensAt: iso(T0 + 7 * DAY),
      closesAt: iso(T0 + 9 * DAY),
      voucherValidDays: 10,
      perMemberLimit: { count: 2, period: 'campaign' },
    })
    const res = await edit(admin, c.id, changed)
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ kind: 'gym', title: '改后健身券', orgId: orgIds.grassroots, totalStock: 12, remaining: 12, voucherValidDays: 10, phase: 'upcoming' })
    expect(res.body.venueStock).toEqual([
      { venueId: c.venues[0].id, stock: 5, remaining: 5 },
      { venueId: c.venues[1].id, stock: 7, remaining: 7 },
    ])
    const rows = await stockRows(c.id)
    expect(rows.reduce((t, r) => t + r.remaining, 0)).toBe(12)
    expect(rows.filter((r) => r.venueId === c.venues[0].id).reduce((t, r) => t + r.remaining, 0)).toBe(5)
    expect(rows.map((r) => r.shard)).toEqual(rows.map((_, i) => i))
    // a lottery now: one row, a fresh commitment
    const asLottery = await edit(admin, c.id, { ...changed, mode: 'lottery', venues: changed.venues.map((v) => ({ venueId: v.venueId })), totalStock: 3 })
    expect(asLottery.status).toBe(200)
    expect(asLottery.body.lottery?.commitment).toMatch(/^[0-9a-f]{64}$/)
    expect((await stockRows(c.id)).map((r) => [r.shard, r.remaining, r.venueId])).toEqual([[0, 3, null]])
    const [log] = await h.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'campaigns.edit'), eq(auditLog.subjectId, String(c.id))))
      .orderBy(auditLog.id)
      .limit(1)
    expect(log.detail).toMatchObject({ stage: 'before_open', before: { title: '未开始电影券', kind: 'movie', totalStock: 40 }, after: { title: '改后健身券', kind: 'gym', totalStock: 12 } })
  })

  it('an earlier opening time counts from the very next claim; a later one shuts claims out again', async () => {
    const body = campaign({ orgId: orgIds.district, title: '提前开抢券', totalStock: 5, opensAt: iso(T0 + HOUR), closesAt: iso(T0 + DAY) })
    const c = await createCampaign(app, admin, body)
    const [m1, m2] = await createMembers(h.database.db, app.app.deps.sessions, { count: 2, orgId: orgIds.grassroots })
    expect((await claim(m1, c.id)).body.reason).toBe('NOT_OPEN')
    expect((await edit(admin, c.id, asCreated(body, c, { opensAt: iso(T0 - MIN) }))).status).toBe(200)
    expect((await claim(m1, c.id)).status).toBe(200)
    // open now: the opening time is fixed, and the edit says so beside the field
    const later = await edit(admin, c.id, asCreated(body, c, { opensAt: iso(T0 + HOUR) }))
    expect(later.status).toBe(409)
    expect(later.body.reason).toBe('CAMPAIGN_STARTED_LOCKED')
    expect(later.body.fields).toEqual({ opensAt: LOCKED_WHY })
    expect((await claim(m2, c.id)).status).toBe(200)
  })

  it('while open: wording, closing time and more stock change; kind, mode, venues, limit, validity are refused with why', async () => {
    const body = campaign({ orgId: orgIds.district, title: '进行中电影券', totalStock: 3 })
    const c = await createCampaign(app, admin, body)
    const ms = await createMembers(h.database.db, app.app.deps.sessions, { count: 6, orgId: orgIds.grassroots })
    for (const m of ms.slice(0, 3)) expect((await claim(m, c.id)).status).toBe(200)
    expect((await claim(ms[3], c.id)).body.reason).toBe('SOLD_OUT')

    const locked = await edit(admin, c.id, asCreated(body, c, { kind: 'gym', mode: 'lottery', voucherValidDays: 5, perMemberLimit: { count: 2, period: 'campaign' }, venues: [{ venueId: c.venues[0].id }] }))
    expect(locked.status).toBe(409)
    expect(locked.body.reason).toBe('CAMPAIGN_STARTED_LOCKED')
    expect(locked.body.message).toContain('已开始发放的活动不能修改券种、发放方式、可用场馆、有效天数、每人限领')
    expect(Object.keys(locked.body.fields ?? {}).sort()).toEqual(['kind', 'mode', 'perMemberLimit.count', 'venues', 'voucherValidDays'])
    // a split after opening is a venue change too
    const split = await edit(admin, c.id, asCreated(body, c, { venues: [{ venueId: c.venues[0].id, stock: 2 }, { venueId: c.venues[1].id, stock: 1 }] }))
    expect(split.body.fields).toEqual({ venues: LOCKED_WHY })

    // 追加库存 2 and a new name: the member's page shows it, and both units can be claimed
    const more = await edit(admin, c.id, asCreated(body, c, { title: '进行中电影券（加场）', rules: '加场说明', totalStock: 5, closesAt: iso(T0 + 10 * DAY) }))
    expect(more.status).toBe(200)
    expect(more.body).toMatchObject({ title: '进行中电影券（加场）', totalStock: 5, remaining: 2, phase: 'open', closesAt: iso(T0 + 10 * DAY) })
    const seen = await app.ok(vouchersApi.campaign, { token: ms[4].token, params: { id: c.id } })
    expect(seen.campaign.title).toBe('进行中电影券（加场）')
    expect((await claim(ms[3], c.id)).status).toBe(200)
    expect((await claim(ms[4], c.id)).status).toBe(200)
    expect((await claim(ms[5], c.id)).body.reason).toBe('SOLD_OUT')

    // fewer than issued: refused beside the number; a closing time in the past: refused beside it
    const fewer = await edit(admin, c.id, asCreated(body, c, { totalStock: 4 }))
    expect(fewer.status).toBe(409)
    expect(fewer.body.reason).toBe('STOCK_BELOW_ISSUED')
    expect(fewer.body.fields).toEqual({ totalStock: '已发出 5 张，数量不能少于 5 张' })
    clock = T0 + 5 * MIN
    const past = await edit(admin, c.id, asCreated(body, c, { totalStock: 5, closesAt: iso(T0 + 2 * MIN) }))
    expect(past.status).toBe(400)
    expect(past.body.reason).toBe('CLOSES_AT_PAST')
    expect(past.body.fields).toHaveProperty('closesAt')
    // nothing of the refused edits stuck
    expect((await stockRows(c.id)).reduce((t, r) => t + r.remaining, 0)).toBe(0)
    expect(await issued(c.id)).toBe(5)
  })

  it('while open: the unclaimed part may be cut, per venue too, never below what is issued', async () => {
    const body = campaign({
      orgId: orgIds.district,
      title: '分场馆减量券',
      venues: [
        { ...VENUES.cinema, stock: 4 },
        { ...VENUES.starlight, stock: 4 },
      ],
      totalStock: 8,
    })
    const c = await createCampaign(app, admin, body)
    const ms = await createMembers(h.database.db, app.app.deps.sessions, { count: 3, orgId: orgIds.grassroots })
    for (const m of ms) expect((await claim(m, c.id, c.venues[0].id)).status).toBe(200)
    const cut = await edit(admin, c.id, asCreated(body, c, { venues: [{ venueId: c.venues[0].id, stock: 3 }, { venueId: c.venues[1].id, stock: 6 }], totalStock: 9 }))
    expect(cut.status).toBe(200)
    expect(cut.body.venueStock).toEqual([
      { venueId: c.venues[0].id, stock: 3, remaining: 0 },
      { venueId: c.venues[1].id, stock: 6, remaining: 6 },
    ])
    const tooFew = await edit(admin, c.id, asCreated(body, c, { venues: [{ venueId: c.venues[0].id, stock: 2 }, { venueId: c.venues[1].id, stock: 6 }], totalStock: 8 }))
    expect(tooFew.status).toBe(409)
    expect(tooFew.body.fields).toEqual({ 'venues.0.stock': '「云溪影城」已发出 3 张，数量不能少于 3 张' })
    for (const r of await stockRows(c.id)) expect(r.remaining).toBeGreaterThanOrEqual(0)
  })

  it('结束发放: the next claim is refused as closed, issued vouchers stay usable, and nothing changes after', async () => {
    const body = campaign({ orgId: orgIds.district, title: '提前结束券', totalStock: 10 })
    const c = await createCampaign(app, admin, body)
    const [m1, m2] = await createMembers(h.database.db, app.app.deps.sessions, { count: 2, orgId: orgIds.grassroots })
    expect((await claim(m1, c.id)).status).toBe(200)
    clock = T0 + 5 * MIN
    const ended = await end(admin, c.id)
    expect(ended.status).toBe(200)
    expect(ended.body).toMatchObject({ phase: 'closed', closesAt: iso(T0 + 5 * MIN) })
    const refused = await claim(m2, c.id)
    expect(refused.status).toBe(409)
    expect(refused.body).toMatchObject({ reason: 'CLOSED', message: '活动已结束' })
    const mine = await app.ok(vouchersApi.myVouchers, { token: m1.token })
    expect(mine.items.find((v) => v.campaignId === c.id)).toMatchObject({ state: 'unused' })
    const again = await end(admin, c.id)
    expect(again.status).toBe(409)
    expect(again.body.reason).toBe('CAMPAIGN_ENDED')
    const edited = await edit(admin, c.id, asCreated(body, c, { title: '结束后改名', closesAt: iso(T0 + 7 * DAY) }))
    expect(edited.status).toBe(409)
    expect(edited.body.reason).toBe('CAMPAIGN_ENDED')
    const [log] = await h.database.db.select().from(auditLog).where(and(eq(auditLog.action, 'campaigns.end'), eq(auditLog.subjectId, String(c.id))))
    expect(log.detail).toMatchObject({ before: { closesAt: iso(T0 + 7 * DAY) }, after: { closesAt: iso(T0 + 5 * MIN) } })
  })

  it('a closing time brought forward counts from the very next claim', async () => {
    const body = campaign({ orgId: orgIds.district, title: '提前截止券', totalStock: 10 })
    const c = await createCampaign(app, admin, body)
    const [m] = await createMembers(h.database.db, app.app.deps.sessions, { count: 1, orgId: orgIds.grassroots })
    expect((await edit(admin, c.id, asCreated(body, c, { closesAt: iso(T0 + 10 * MIN) }))).status).toBe(200)
    clock = T0 + 10 * MIN
    expect((await claim(m, c.id)).body.reason).toBe('CLOSED')
  })

  it('a lottery ended early is drawn at once with the entries it has; ended before opening, nobody can enter', async () => {
    const l = await createCampaign(app, admin, lottery({ orgId: orgIds.district, title: '提前开奖抽签', totalStock: 1 }))
    const ms = await createMembers(h.database.db, app.app.deps.sessions, { count: 2, orgId: orgIds.grassroots })
    clock = T0 + 20 * MIN
    for (const m of ms) expect((await app.call(vouchersApi.enter, { token: m.token, params: { id: l.id } })).status).toBe(200)
    const ended = await end(admin, l.id)
    expect(ended.status).toBe(200)
    expect(ended.body.lottery?.drawnAt).toBe(iso(T0 + 20 * MIN))
    expect(await issued(l.id)).toBe(1)
    const record = await app.ok(vouchersApi.drawRecord, { token: ms[0].token, params: { id: l.id } })
    expect(record.winners).toHaveLength(1)
    expect(record.entries).toHaveLength(2)

    const upcoming = await createCampaign(app, admin, lottery({ orgId: orgIds.district, title: '未开始即结束', opensAt: iso(T0 + 2 * HOUR), closesAt: iso(T0 + 3 * HOUR) }))
    const cancelled = await end(admin, upcoming.id)
    expect(cancelled.body).toMatchObject({ phase: 'closed', opensAt: iso(T0 + 20 * MIN), closesAt: iso(T0 + 20 * MIN) })
    clock = T0 + 2 * HOUR + MIN
    const late = await app.call(vouchersApi.enter, { token: ms[0].token, params: { id: upcoming.id } })
    expect(late.status).toBe(409)
    expect(late.body.reason).toBe('CLOSED')
  })

  it('refuses a sibling union’s admin, a lower level’s admin, venue staff and members', async () => {
    const body = campaign({ orgId: orgIds.district, title: '区级活动' })
    const c = await createCampaign(app, admin, body)
    const park = await newUser(h, app, '园区管理员', { role: 'admin', orgName: '云溪科技园区工会' })
    const street = await newUser(h, app, '街道管理员', { role: 'admin', orgName: '青禾街道总工会' })
    const venue = await app.login('venue')
    const member = await app.login('member')
    const change = asCreated(body, c, { title: '越权改名' })
    for (const [token, status, reason] of [
      [park.token, 404, 'CAMPAIGN_NOT_FOUND'],
      [street.token, 404, 'CAMPAIGN_NOT_FOUND'],
      [venue, 403, 'FORBIDDEN'],
      [member, 403, 'FORBIDDEN'],
    ] as const) {
      for (const res of [await edit(token, c.id, change), await end(token, c.id)]) {
        expect([res.status, res.body.reason]).toEqual([status, reason])
        expect(res.body.message).toBeTruthy()
      }
    }
    // the street's admin may edit its own subtree's campaign, not move it to the district above
    const own = campaign({ orgId: orgIds.grassroots, title: '基层活动', opensAt: iso(T0 + DAY), closesAt: iso(T0 + 2 * DAY) })
    const g = await createCampaign(app, admin, own)
    const moved = await edit(street.token, g.id, asCreated(own, g, { orgId: orgIds.district }))
    expect(moved.status).toBe(403)
    expect((await edit(street.token, g.id, asCreated(own, g, { title: '基层活动·改' }))).status).toBe(200)
    const [row] = rowsOf<{ title: string }>(await h.database.db.execute(sql`select title from voucher_campaigns where id = ${c.id}`))
    expect(row.title).toBe('区级活动')
  })

  // PostgreSQL only (PGlite has one connection): the claim function waits for an edit holding the campaign and then
  // decides by the edited row — never by the old window against the new stock rows (migration 0037's FOR KEY SHARE).
  ;(target.name === 'postgres' ? it : it.skip)('a claim during an edit waits for it and decides by the edited campaign', async () => {
    const body = campaign({ orgId: orgIds.district, title: '锁内改期券', totalStock: 5 })
    const c = await createCampaign(app, admin, body)
    const [m] = await createMembers(h.database.db, app.app.deps.sessions, { count: 1, orgId: orgIds.grassroots })
    const tap = { sessionId: m.sessionId, userId: m.userId, key: null, code: 'LOCKTEST0001' }
    let claimed: Promise<unknown> | null = null
    await h.database.db.transaction(async (tx) => {
      await tx.execute(sql`select id from voucher_campaigns where id = ${c.id} for update`)
      await tx.execute(sql`update voucher_campaigns set opens_at = ${new Date(T0 + HOUR)} where id = ${c.id}`)
      // the campaign was open at T0 when this claim started; it must wait, then see the later opening
      claimed = claimBatch(h.database.db, c.id, [tap], { now: new Date(T0), month: '2026-11' })
      await new Promise((r) => setTimeout(r, 300))
    })
    const [outcome] = (await claimed!) as { outcome: string }[]
    expect(outcome.outcome).toBe('not_open')
    expect(await issued(c.id)).toBe(0)
  })

  it('追加库存 racing a crowd of claims: never more vouchers than stock, and every added unit is claimed', async () => {
    const body = campaign({ orgId: orgIds.district, title: '抢券中加库存', totalStock: 20, perMemberLimit: { count: 1, period: 'campaign' } })
    const c = await createCampaign(app, admin, body)
    const crowd = await createMembers(h.database.db, app.app.deps.sessions, { count: 80, orgId: orgIds.grassroots })
    const claims = crowd.map((m) => claim(m, c.id))
    const edits = [25, 30, 40].map((totalStock) => edit(admin, c.id, asCreated(body, c, { totalStock })))
    const results = await Promise.all(claims)
    const edited = await Promise.all(edits)
    for (const e of edited) expect(e.status).toBe(200)
    // the last edit to commit decided the total; the crowd of 80 then takes the rest
    const [{ total }] = rowsOf<{ total: number }>(await h.database.db.execute(sql`select total_stock as total from voucher_campaigns where id = ${c.id}`))
    const late = await Promise.all(crowd.map((m) => claim(m, c.id)))
    const ok = results.filter((r) => r.status === 200).length + late.filter((r) => r.status === 200).length
    const rows = await stockRows(c.id)
    for (const r of rows) expect(r.remaining).toBeGreaterThanOrEqual(0)
    const left = rows.reduce((t, r) => t + r.remaining, 0)
    expect(await issued(c.id)).toBe(ok)
    expect(ok + left).toBe(Number(total))
    expect(left).toBe(0)
    for (const r of [...results, ...late]) if (r.status !== 200) expect(['SOLD_OUT', 'LIMIT_REACHED']).toContain(r.body.reason)
  })

  it('a cut racing a crowd of claims never takes stock below zero, and stock + issued stays the total', async () => {
    const body = campaign({ orgId: orgIds.district, title: '抢券中减库存', totalStock: 60, perMemberLimit: { count: 1, period: 'campaign' } })
    const c = await createCampaign(app, admin, body)
    const crowd = await createMembers(h.database.db, app.app.deps.sessions, { count: 50, orgId: orgIds.grassroots })
    const claims = Promise.all(crowd.map((m) => claim(m, c.id)))
    const cut = await edit(admin, c.id, asCreated(body, c, { totalStock: 30 }))
    const results = await claims
    const ok = results.filter((r) => r.status === 200).length
    const rows = await stockRows(c.id)
    for (const r of rows) expect(r.remaining).toBeGreaterThanOrEqual(0)
    const left = rows.reduce((t, r) => t + r.remaining, 0)
    const [{ total }] = rowsOf<{ total: number }>(await h.database.db.execute(sql`select total_stock as total from voucher_campaigns where id = ${c.id}`))
    if (cut.status === 200) expect(Number(total)).toBe(30)
    else expect([cut.body.reason, Number(total)]).toEqual(['STOCK_BELOW_ISSUED', 60])
    expect(ok).toBe(await issued(c.id))
    expect(ok + left).toBe(Number(total))
  })
})
