/**
 * 审计日志 (issue 16): the writer places each row in a union (the subject's, else detail.orgId, else the actor's
 * highest post; a member's own acts in none) and records where the request came from; the viewer shows staff the
 * rows of their subtree only — attacker-style: an admin of a sibling branch or of a lower level never sees another
 * branch's or a higher union's rows (asked for by union, or hidden in the full list), reviewers and members get 403;
 * newest-first keyset paging with every filter; sensitive views flagged; the .xlsx holds the same rows and is
 * itself audited; the migration's backfill places old rows exactly as the writer does; every action the server
 * writes has a label.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs'
import path from 'node:path'
import ExcelJS from 'exceljs'
import { auditApi } from '@contract/audit/api'
import { AUDIT_ACTION_LABELS } from '@contract/audit/labels'
import type { AuditRow } from '@contract/audit/schemas'
import { membershipApi } from '@contract/membership/api'
import { databases, useDatabase, type TestApp } from './harness'
import { idNumber, joinForm, newUser, orgIdOf, rawRows, sql } from './builders/membership'

const UNION_A = '星河物流有限公司工会'
const UNION_B = '云溪区新就业形态劳动者联合工会'
const CHROME_WIN = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36'

describe.each(databases())('audit log on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  const tokens: Record<string, string> = {}
  const users: Record<string, number> = {}
  const apps: Record<string, number> = {}
  let orgA = 0
  let orgB = 0

  beforeAll(async () => {
    app = await h.app({})
    orgA = await orgIdOf(h, UNION_A)
    orgB = await orgIdOf(h, UNION_B)
    tokens.district = await app.login('admin')
    const seats: [string, 'admin' | 'reviewer', string][] = [
      ['street', 'admin', '青禾街道总工会'],
      ['park', 'admin', '云溪科技园区工会'],
      ['adminA', 'admin', UNION_A],
      ['adminB', 'admin', UNION_B],
      ['reviewerA', 'reviewer', UNION_A],
    ]
    for (const [key, role, orgName] of seats) {
      const u = await newUser(h, app, `审计·${key}`, { role, orgName })
      tokens[key] = u.token
      users[key] = u.id
    }
    tokens.member = await app.login('member')
    // Two applications, one per branch; each decided by that branch's staff (from a Windows Chrome).
    let n = 400
    for (const [key, orgId] of [['a', orgA], ['b', orgB]] as const) {
      n += 1
      const u = await newUser(h, app, `审计申请人${key}`)
      users[`applicant${key}`] = u.id
      apps[key] = (await app.ok(membershipApi.submit, { token: u.token, body: joinForm({ name: key === 'a' ? '张审甲' : '李审乙', idNumber: idNumber(n), phone: `1390000${n}0`, orgId }) })).id
    }
    await app.ok(membershipApi.reviewDetail, { token: tokens.reviewerA, params: { id: apps.a }, headers: { 'user-agent': CHROME_WIN } })
    await app.ok(membershipApi.approve, { token: tokens.reviewerA, params: { id: apps.a }, headers: { 'user-agent': CHROME_WIN } })
    await app.ok(membershipApi.approve, { token: tokens.adminB, params: { id: apps.b } })
  })

  /** Every row `token` may read with `query`, following the cursor `limit` rows at a time. */
  async function all(token: string, query: Record<string, string | number> = {}, limit = 3): Promise<AuditRow[]> {
    const out: AuditRow[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const page: { items: AuditRow[]; nextCursor: string | null } = await app.ok(auditApi.list, { token, query: { ...query, limit, ...(cursor ? { cursor } : {}) } as never })
      expect(page.items.length).toBeLessThanOrEqual(limit)
      out.push(...page.items)
      cursor = page.nextCursor
      pages += 1
      expect(pages).toBeLessThan(500)
    } while (cursor)
    return out
  }
  const key = (r: AuditRow) => `${r.action}:${r.subjectId}`
  const subtreeIds = async (name: string) =>
    new Set((await rawRows<{ id: number }>(h, sql`select o.id from orgs o, orgs r where r.name = ${name} and o.path like r.path || '%'`)).map((r) => r.id))

  it('records the union, the person, the record and where the request came from', async () => {
    const rows = await all(tokens.district, { subjectType: 'membership_application', subjectId: String(apps.a) }, 100)
    expect(rows.map((r) => r.action)).toEqual(['membership.approve', 'membership.application.view_sensitive', 'membership.apply'])
    const [approve, view, apply] = rows
    expect(approve).toMatchObject({
      actor: { id: users.reviewerA, name: '审计·reviewerA' },
      subjectType: 'membership_application',
      subjectId: String(apps.a),
      org: { id: orgA, name: UNION_A },
      ip: '127.0.0.1',
      userAgent: CHROME_WIN,
      device: 'Chrome · Windows',
      channel: 'app',
      sensitive: false,
    })
    expect(view).toMatchObject({ sensitive: true, org: { id: orgA } })
    // The applicant is no staff member: the row still belongs to the application's union.
    expect(apply).toMatchObject({ actor: { id: users.applicanta }, org: { id: orgA } })
    // A member's own login belongs to no union: only the root's admins see it.
    const logins = await all(tokens.district, { action: 'auth.login' }, 100)
    expect(logins.some((r) => r.org === null && r.actor?.name === '李晓梅')).toBe(true)
  })

  it('shows each admin the rows of their subtree only: never a sibling branch, a higher union or the platform’s own', async () => {
    const districtRows = await all(tokens.district, {}, 50)
    const [{ n }] = await rawRows<{ n: number }>(h, sql`select count(*)::int as n from audit_log`)
    // The root's admin reads every row, the platform's own included, each once, newest first.
    expect(districtRows).toHaveLength(n)
    expect(new Set(districtRows.map((r) => r.id)).size).toBe(n)
    expect(districtRows.map((r) => r.id)).toEqual([...districtRows.map((r) => r.id)].sort((x, y) => y - x))

    for (const [who, union] of [['street', '青禾街道总工会'], ['park', '云溪科技园区工会'], ['adminA', UNION_A], ['adminB', UNION_B]] as const) {
      const inside = await subtreeIds(union)
      const mine = await all(tokens[who], {}, 50)
      // exactly the rows of the subtree: none outside, none missing
      expect(mine.every((r) => r.org !== null && inside.has(r.org.id))).toBe(true)
      expect(mine.map((r) => r.id)).toEqual(districtRows.filter((r) => r.org !== null && inside.has(r.org.id)).map((r) => r.id))
    }
    const street = (await all(tokens.street, {}, 50)).map(key)
    expect(street).toContain(`membership.approve:${apps.a}`)
    expect(street).not.toContain(`membership.approve:${apps.b}`)
    const park = (await all(tokens.park, {}, 50)).map(key)
    expect(park).toContain(`membership.approve:${apps.b}`)
    expect(park).not.toContain(`membership.approve:${apps.a}`)
    expect((await all(tokens.adminA, {}, 50)).map(key)).not.toContain(`membership.approve:${apps.b}`)
    // The staff of union B see nothing of the district's own acts (its admin's logins belong to the district).
    expect((await all(tokens.adminB, {}, 50)).some((r) => r.actor?.name === '管理员·周' && r.action === 'auth.login')).toBe(false)
  })

  it('refuses a union outside the caller’s posts, and everyone without audit.view (attacker-style)', async () => {
    const district = await orgIdOf(h, '云溪区总工会')
    const street = await orgIdOf(h, '青禾街道总工会')
    // a sibling branch, a higher union, a lower admin asking for the level above
    for (const [who, orgId] of [['adminB', orgA], ['park', orgA], ['park', street], ['street', district], ['adminA', street], ['street', orgB]] as const) {
      const res = await app.call(auditApi.list, { token: tokens[who], query: { orgId } })
      expect([who, orgId, res.status]).toEqual([who, orgId, 403])
      const xlsx = await app.call(auditApi.exportXlsx, { token: tokens[who], query: { orgId } })
      expect([who, orgId, xlsx.status]).toEqual([who, orgId, 403])
    }
    for (const who of ['reviewerA', 'member']) {
      expect((await app.call(auditApi.list, { token: tokens[who] })).status).toBe(403)
      expect((await app.call(auditApi.exportXlsx, { token: tokens[who] })).status).toBe(403)
    }
    expect((await app.call(auditApi.list, {})).status).toBe(401)
    // A union inside the post narrows to it; the root's admin asking for union A gets no platform rows.
    const a = await all(tokens.district, { orgId: orgA }, 50)
    expect(a.length).toBeGreaterThan(0)
    expect(a.every((r) => r.org?.id === orgA)).toBe(true)
  })

  it('filters by person, action, record, sensitivity and China calendar days', async () => {
    const byActor = await all(tokens.district, { actorId: users.reviewerA }, 50)
    expect(byActor.map((r) => r.action).sort()).toEqual(['membership.application.view_sensitive', 'membership.approve'])
    expect((await all(tokens.district, { actor: 'reviewerA' }, 50)).map((r) => r.id)).toEqual(byActor.map((r) => r.id))
    const approvals = await all(tokens.district, { action: 'membership.approve' }, 50)
    expect(approvals.map((r) => r.subjectId).sort()).toEqual([String(apps.a), String(apps.b)].sort())
    const sensitive = await all(tokens.district, { sensitive: '1' }, 50)
    expect(sensitive.length).toBeGreaterThan(0)
    expect(sensitive.every((r) => r.sensitive)).toBe(true)
    expect(sensitive.map(key)).toContain(`membership.application.view_sensitive:${apps.a}`)
    expect((await all(tokens.district, { sensitive: '0' }, 50)).every((r) => !r.sensitive)).toBe(true)

    // Dates: the approval of A moved to 2026-03-01 00:10 China time (2026-02-28 16:10 UTC).
    const [approveA] = approvals.filter((r) => r.subjectId === String(apps.a))
    await rawRows(h, sql`update audit_log set created_at = '2026-02-28T16:10:00Z' where id = ${approveA.id}`)
    expect((await all(tokens.district, { from: '2026-03-01', to: '2026-03-01' })).map((r) => r.id)).toEqual([approveA.id])
    expect((await all(tokens.district, { from: '2026-02-28', to: '2026-02-28' })).map((r) => r.id)).toEqual([])
    expect((await all(tokens.district, { to: '2026-03-01' })).map((r) => r.id)).toContain(approveA.id)

    const bad = await app.call(auditApi.list, { token: tokens.district, query: { from: '2026-03-02', to: '2026-03-01' } })
    expect(bad.status).toBe(400)
    expect(bad.body.fields?.to).toBe('结束日期不能早于开始日期')
    expect((await app.call(auditApi.list, { token: tokens.district, query: { cursor: 'nonsense' } })).status).toBe(400)
  })

  it('exports the filtered rows as .xlsx and audits the export', async () => {
    const rows = await all(tokens.street, {}, 100)
    const res = await app.request('GET', '/api/audit/export.xlsx', { token: tokens.street })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    const raw = await (await fetch(`${app.baseUrl}/api/audit/export.xlsx?action=membership.approve`, { headers: { authorization: `Bearer ${tokens.street}` } })).arrayBuffer()
    const wb = new ExcelJS.Workbook()
    await wb.xlsx.load(raw)
    const ws = wb.getWorksheet('审计日志')!
    const values = ws.getSheetValues().slice(1).map((r) => (r as unknown[]).slice(1))
    expect(values[0].slice(0, 5)).toEqual(['时间', '操作人', '操作人编号', '操作', '操作代码'])
    expect(values.slice(1).map((v) => [v[1], v[3], v[6], v[7], v[8]])).toEqual([['审计·reviewerA', '入会审核通过', String(apps.a), UNION_A, '127.0.0.1']])
    // Both exports are in the log, in the street's union (the exporter's post), and flagged.
    const exports = await all(tokens.street, { action: 'audit.export' }, 50)
    expect(exports).toHaveLength(2)
    expect(exports[0]).toMatchObject({ actor: { id: users.street }, org: { name: '青禾街道总工会' }, sensitive: true, detail: { action: 'membership.approve', rows: 1 } })
    expect(exports[1].detail).toMatchObject({ rows: rows.length })
    // The park's admin does not see the street's exports.
    expect(await all(tokens.park, { action: 'audit.export' })).toEqual([])
  })

  it('the migration’s backfill places every row where the writer did', async () => {
    const before = await rawRows<{ id: number; org_id: number | null }>(h, sql`select id, org_id from audit_log order by id`)
    expect(before.filter((r) => r.org_id !== null).length).toBeGreaterThan(3)
    const file = readdirSync(path.resolve(__dirname, '../migrations')).find((f) => f.endsWith('_audit_scope.sql'))!
    const backfill = readFileSync(path.resolve(__dirname, '../migrations', file), 'utf8').split('--> statement-breakpoint').at(-1)!
    await rawRows(h, sql`update audit_log set org_id = null`)
    await rawRows(h, sql.raw(backfill))
    expect(await rawRows(h, sql`select id, org_id from audit_log order by id`)).toEqual(before)
  })

  it('every action the server writes has a label', () => {
    const root = path.resolve(__dirname, '../src')
    const files: string[] = []
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const p = path.join(dir, name)
        if (statSync(p).isDirectory()) walk(p)
        else if (p.endsWith('.ts') && !p.endsWith('.test.ts')) files.push(p)
      }
    }
    walk(root)
    const written = new Set<string>()
    for (const f of files) {
      const text = readFileSync(f, 'utf8')
      if (!text.includes('audit(')) continue
      // every quoted dotted action in an audit call: `action: 'x.y'` or `action: cond ? 'x.y' : 'x.z'`
      for (const m of text.matchAll(/action:\s*([^,\n]+)/g)) for (const q of m[1].matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) written.add(q[1])
    }
    expect(written.size).toBeGreaterThan(60)
    expect([...written].filter((a) => !AUDIT_ACTION_LABELS[a]).sort()).toEqual([])
  })
})
