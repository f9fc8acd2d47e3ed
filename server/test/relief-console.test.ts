/**
 * The office console's 帮扶审核 (issue 16): the review queue filtered by union, type and overdue now; the 发放名单
 * (.xlsx) for the finance office — exactly the cases the caller may pay now, ID numbers masked unless revealed (then
 * audited per case), every export audited; staff of another branch or a lower level get none of it (attacker-style).
 */
import ExcelJS from 'exceljs'
import { eq } from 'drizzle-orm'
import { reliefApi } from '@contract/relief/api'
import { maskIdNumber } from '@contract/membership/idcard'
import { databases, useDatabase, type TestApp } from './harness'
import { newUser, orgIdOf, rawRows, sql, userIdOf } from './builders/membership'
import { at, caseRows, DAY, HOUR } from './builders/relief'
import { memberships, reliefApplications, reliefObjections, reliefRounds } from '../src/db/schema'

const UNION_A = '星河物流有限公司工会'
const UNION_B = '云溪区新就业形态劳动者联合工会'

describe.each(databases())('relief in the console on %s', (target) => {
  const h = useDatabase(target)
  const clock = at('2026-11-20T10:00:00')
  let app: TestApp
  let admin: string
  const ids: Record<string, number> = {}
  let idNumberA = ''

  beforeAll(async () => {
    app = await h.app({}, { now: () => clock })
    admin = await app.login('admin')
    const db = h.database.db
    const a = await orgIdOf(h, UNION_A)
    const b = await orgIdOf(h, UNION_B)
    const memberA = await userIdOf(h, 'member')
    const [m] = await db.select({ enc: memberships.idNumberEnc }).from(memberships).where(eq(memberships.userId, memberA))
    idNumberA = app.app.deps.cipher.decrypt(m.enc)
    const memberB = (await newUser(h, app, '联合工会会员')).id
    await db.insert(memberships).values({ userId: memberB, idHash: 'console-b', idNumberEnc: app.app.deps.cipher.encrypt('110105199001010034'), memberNo: 'CONSOLE-B', name: '赵四', orgId: b, employmentType: 'delivery', joinedAt: new Date(clock - 100 * DAY) })

    const district = await orgIdOf(h, '云溪区总工会')
    const [over] = await db.insert(reliefRounds).values({ title: '已期满', orgId: district, startsAt: new Date(clock - 8 * DAY), endsAt: new Date(clock - DAY) }).returning()
    const [running] = await db.insert(reliefRounds).values({ title: '公示中', orgId: district, startsAt: new Date(clock - DAY), endsAt: new Date(clock + 5 * DAY) }).returning()
    const insert = async (key: string, row: (typeof reliefApplications.$inferInsert)) => {
      ids[key] = (await db.insert(reliefApplications).values(row).returning({ id: reliefApplications.id }))[0].id
    }
    const one = (o: Parameters<typeof caseRows>[1]) => caseRows(1, o)[0]
    await insert('p1', { ...one({ userId: memberA, orgId: a, stage: 'publicity', since: clock - 8 * DAY, roundId: over.id }), amount: 3000 })
    await insert('p2', { ...one({ userId: memberB, orgId: b, stage: 'publicity', since: clock - 8 * DAY, roundId: over.id, typeKey: 'gig_accident' }), amount: 2000 })
    await insert('p3', { ...one({ userId: memberA, orgId: a, stage: 'publicity', since: clock - 8 * DAY, roundId: over.id }), amount: 1500 })
    await db.insert(reliefObjections).values({ applicationId: ids.p3, roundId: over.id, content: '情况不属实' })
    await insert('p4', { ...one({ userId: memberA, orgId: a, stage: 'publicity', since: clock - DAY, roundId: running.id }), amount: 1800 })
    await insert('b1', one({ userId: memberA, orgId: a, stage: 'base_review', since: clock - 14 * DAY }))
    await insert('b2', one({ userId: memberA, orgId: a, stage: 'base_review', since: clock - HOUR }))
    await insert('b3', one({ userId: memberB, orgId: b, stage: 'base_review', since: clock - 14 * DAY, typeKey: 'gig_accident' }))
  })

  const queue = async (token: string, query: Record<string, string | number>) =>
    (await app.ok(reliefApi.reviewQueue, { token, query: { level: 'base', limit: 50, ...query } as never })).items
      .map((i) => i.id)
      .filter((id) => Object.values(ids).includes(id))

  it('filters the 初审 queue by overdue now, union and type', async () => {
    expect(await queue(admin, {})).toEqual([ids.b1, ids.b3, ids.b2])
    expect(await queue(admin, { overdue: '1' })).toEqual([ids.b1, ids.b3])
    expect(await queue(admin, { overdue: '0' })).toEqual([ids.b2])
    expect(await queue(admin, { orgId: await orgIdOf(h, UNION_A) })).toEqual([ids.b1, ids.b2])
    expect(await queue(admin, { typeKey: 'gig_accident', overdue: '1' })).toEqual([ids.b3])
    const page = await app.ok(reliefApi.reviewQueue, { token: admin, query: { level: 'base', overdue: '1', limit: 50 } })
    expect(page.items.every((i) => i.overdue)).toBe(true)
  })

  it('refuses a union filter outside the caller’s post', async () => {
    const expressReviewer = await newUser(h, app, '快递工会审核员', { role: 'reviewer', orgName: '云溪区快递行业联合工会' })
    const res = await app.call(reliefApi.reviewQueue, { token: expressReviewer.token, query: { level: 'base', orgId: await orgIdOf(h, UNION_A) } })
    expect(res.status).toBe(403)
    expect(res.body.reason).toBe('RELIEF_UNION_OUTSIDE')
  })

  async function sheet(token: string, query = ''): Promise<{ status: number; rows: unknown[][] }> {
    const res = await fetch(`${app.baseUrl}${reliefApi.payoutList.path}${query}`, { headers: { authorization: `Bearer ${token}` } })
    if (res.status !== 200) return { status: res.status, rows: [] }
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer)
    const ws = wb.worksheets[0]
    const rows: unknown[][] = []
    ws.eachRow((row) => rows.push((row.values as unknown[]).slice(1)))
    return { status: 200, rows }
  }

  it('exports exactly the payable cases, ID numbers masked, and audits the export', async () => {
    const { status, rows } = await sheet(admin)
    expect(status).toBe(200)
    expect(rows[0]).toContain('身份证号（已脱敏）')
    const data = rows.slice(1).filter((r) => [ids.p1, ids.p2, ids.p3, ids.p4].includes(r[1] as number))
    expect(data.map((r) => r[1])).toEqual([ids.p1, ids.p2])
    expect(data[0]).toEqual([expect.any(Number), ids.p1, '李晓梅', expect.any(String), maskIdNumber(idNumberA), UNION_A, '大病医疗救助', 3000, '2026-11-19', ''])
    expect(JSON.stringify(rows)).not.toContain(idNumberA)
    const [row] = await rawRows<{ detail: { ids: number[]; revealed: boolean } }>(h, sql`select detail from audit_log where action = 'relief.payout_list.export' order by id desc limit 1`)
    expect(row.detail.revealed).toBe(false)
    expect(row.detail.ids).toEqual(expect.arrayContaining([ids.p1, ids.p2]))
    expect(row.detail.ids).not.toContain(ids.p3)

    const unionB = await sheet(admin, `?orgId=${await orgIdOf(h, UNION_B)}`)
    expect(unionB.rows.slice(1).map((r) => r[1])).toEqual([ids.p2])
  })

  it('reveals full ID numbers only when asked, auditing each case as a sensitive view', async () => {
    const { rows } = await sheet(admin, '?reveal=1')
    expect(rows[0]).toContain('身份证号')
    expect(rows.find((r) => r[1] === ids.p1)![4]).toBe(idNumberA)
    const views = await rawRows<{ subject_id: string }>(h, sql`select subject_id from audit_log where action = 'relief.application.view_sensitive' and detail->>'via' = 'payout_list'`)
    expect(views.map((v) => Number(v.subject_id))).toEqual(expect.arrayContaining([ids.p1, ids.p2]))
  })

  it('gives staff of another branch, a lower level or without 复核 authority nothing to pay', async () => {
    const parkAdmin = await newUser(h, app, '园区管理员', { role: 'admin', orgName: '云溪科技园区工会' })
    const streetAdmin = await newUser(h, app, '街道管理员', { role: 'admin', orgName: '青禾街道总工会' })
    for (const token of [parkAdmin.token, streetAdmin.token]) {
      const { status, rows } = await sheet(token)
      expect(status).toBe(200)
      expect(rows.slice(1)).toEqual([])
    }
    const outside = await sheet(streetAdmin.token, `?orgId=${await orgIdOf(h, UNION_B)}`)
    expect(outside.status).toBe(403)
    expect((await sheet(await app.login('reviewer'))).status).toBe(403)
    expect((await sheet(await app.login('member'))).status).toBe(403)
  })
})
