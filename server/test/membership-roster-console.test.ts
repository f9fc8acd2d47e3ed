/**
 * 会员台账导入 in the office console: the preview row by row (masked, with what each row becomes), a union chosen for
 * the file (an empty 所属工会 means it; names looked up inside it), the admin's explicit skip_rejected commit, the
 * problem rows as .xlsx, the template — and the chosen union refused outside the caller's post (attacker-style).
 */
import ExcelJS from 'exceljs'
import { membershipApi } from '@contract/membership/api'
import { rosterApi } from '@contract/roster/api'
import { ROSTER_COLUMNS, ROSTER_PROBLEM_COLUMN } from '@contract/roster/labels'
import { RosterReasons } from '@contract/roster/reasons'
import { databases, useDatabase, type TestApp } from './harness'
import { joinForm, newUser, orgIdOf, rawRows, sql } from './builders/membership'
import { rosterCsv, rosterForm, rosterLine, rosterXlsx, UNION_A, UNION_B } from './builders/roster'

const STREET = '青禾街道总工会'

describe.each(databases())('roster import in the console on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  let district: string
  let orgA = 0
  let orgB = 0
  let memberId = ''

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' })
    district = await app.login('admin') // 云溪区总工会
    orgA = await orgIdOf(h, UNION_A)
    orgB = await orgIdOf(h, UNION_B)
    // someone who joined through the mini-program: a member already
    memberId = rosterLine(900).idNumber
    const joiner = await newUser(h, app, '已入会')
    const applied = await app.ok(membershipApi.submit, { token: joiner.token, body: joinForm({ name: '已入会者', idNumber: memberId, phone: '13900000900', orgId: orgA }) })
    await app.ok(membershipApi.approve, { token: district, params: { id: applied.id } })
  })

  const file = () => [
    rosterLine(701), // new
    rosterLine(702, { union: '' }), // new: the chosen union
    rosterLine(703), // new
    rosterLine(704, { idNumber: rosterLine(704).idNumber.slice(0, 17) + (rosterLine(704).idNumber[17] === '1' ? '2' : '1') }), // bad check digit
    rosterLine(705, { idNumber: memberId }), // a member already
  ]
  /** An .xlsx the server answers with, as bytes (the harness reads bodies as text). */
  const fetchXlsx = async (path: string, init: { token: string; query?: string; form?: FormData }) => {
    const res = await fetch(`${app.baseUrl}${path}${init.query ? `?${init.query}` : ''}`, {
      method: init.form ? 'POST' : 'GET',
      headers: { authorization: `Bearer ${init.token}` },
      body: init.form,
    })
    const wb = new ExcelJS.Workbook()
    const bytes = Buffer.from(await res.arrayBuffer())
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
    return { res, wb, bytes }
  }
  const entries = () => rawRows<{ name: string; org_id: number }>(h, sql`select name, org_id from roster_entries order by name`)

  it('the dry run describes every row: masked, the union it goes to, what it becomes, the problems by column', async () => {
    const bytes = await rosterXlsx(file())
    const res = await app.call(rosterApi.dryRun, { token: district, query: { orgId: orgA }, form: rosterForm(bytes, '星河台账.xlsx') })
    expect(res.status).toBe(200)
    expect(res.body.counts).toEqual({ total: 5, new: 3, updated: 0, unchanged: 0, rejected: 2 })
    expect(res.body.members).toBe(1)
    expect(res.body.rows.map((r) => [r.row, r.name, r.outcome])).toEqual([
      [2, '台账会员701', 'new'],
      [3, '台账会员702', 'new'],
      [4, '台账会员703', 'new'],
      [5, '台账会员704', 'error'],
      [6, '台账会员705', 'member'],
    ])
    const [first, second, , bad, member] = res.body.rows
    expect(first.idNumber).toBe(rosterLine(701).idNumber.slice(0, 4) + '**********' + rosterLine(701).idNumber.slice(-4))
    expect(first.phone).toBe('139****0701')
    expect(first.unionName).toBe(UNION_A)
    expect(second.unionName).toBe(UNION_A) // empty 所属工会: the chosen union
    expect(bad.problems).toEqual([{ column: '身份证号', message: '身份证号码校验位不正确，请核对后重新输入' }])
    expect(member.problems).toEqual([{ column: '身份证号', message: '该身份证号已是工会会员' }])
    expect(JSON.stringify(res.body)).not.toContain(rosterLine(701).idNumber)
    expect(await entries()).toEqual([])

    // Without a chosen union an empty 所属工会 is a problem of its row; a union outside the chosen one is too.
    const plain = await app.call(rosterApi.dryRun, { token: district, form: rosterForm(bytes, '星河台账.xlsx') })
    expect(plain.body.rows[1]).toMatchObject({ outcome: 'error', problems: [{ column: '所属工会', message: '请填写所属工会' }] })
    const elsewhere = await app.call(rosterApi.dryRun, { token: district, query: { orgId: orgB }, form: rosterForm(await rosterXlsx([rosterLine(706)]), 'b.xlsx') })
    expect(elsewhere.body.rows[0]).toMatchObject({ outcome: 'error', problems: [{ column: '所属工会', message: `“${UNION_A}”不在您管理的工会范围内` }] })
  })

  it('the problem rows come back as .xlsx, as written, with 问题说明', async () => {
    const { res, wb } = await fetchXlsx(rosterApi.problemRows.path, { token: district, query: `orgId=${orgA}`, form: rosterForm(await rosterXlsx(file()), '星河台账.xlsx') })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-disposition')).toContain(encodeURIComponent('星河台账-问题行.xlsx'))
    const ws = wb.worksheets[0]
    const rows = ws.getSheetValues().slice(1) as unknown[][]
    expect(rows[0].slice(1)).toEqual([...Object.values(ROSTER_COLUMNS), ROSTER_PROBLEM_COLUMN, '原行号'])
    expect(rows.slice(1).map((r) => [r[1], r[2], r[8], r[9]])).toEqual([
      ['台账会员704', file()[3].idNumber, '身份证号：身份证号码校验位不正确，请核对后重新输入', 5],
      ['台账会员705', memberId, '身份证号：该身份证号已是工会会员', 6],
    ])
  })

  it('all or nothing by default; skipRejected=1 writes the 3 good rows, skips 2, audited in the chosen union', async () => {
    const bytes = await rosterXlsx(file())
    const refused = await app.call(rosterApi.commit, { token: district, query: { orgId: orgA }, form: rosterForm(bytes, '星河台账.xlsx') })
    expect(refused.body).toMatchObject({ committed: false, policy: 'all_or_nothing', skipped: 0 })
    expect(await entries()).toEqual([])

    const res = await app.call(rosterApi.commit, { token: district, query: { orgId: orgA, skipRejected: '1' }, form: rosterForm(bytes, '星河台账.xlsx') })
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ committed: true, policy: 'skip_rejected', skipped: 2, counts: { new: 3, rejected: 2 } })
    expect(res.body.summary).toContain('跳过 2 行')
    expect(await entries()).toEqual(['台账会员701', '台账会员702', '台账会员703'].map((name) => ({ name, org_id: orgA })))
    const [row] = await rawRows<{ org_id: number; detail: Record<string, unknown> }>(h, sql`select org_id, detail from audit_log where action = 'membership.roster_import' order by id desc limit 1`)
    expect(row).toMatchObject({ org_id: orgA, detail: { fileName: '星河台账.xlsx', policy: 'skip_rejected', skipped: 2, orgId: orgA } })

    // The same file again: the 3 are in the roster now (unchanged), the 2 still left out.
    const again = await app.call(rosterApi.dryRun, { token: district, query: { orgId: orgA }, form: rosterForm(bytes, '星河台账.xlsx') })
    expect(again.body.rows.map((r) => r.outcome)).toEqual(['unchanged', 'unchanged', 'unchanged', 'error', 'member'])
  })

  it('the template is an empty roster with the columns as text, and reads back as one', async () => {
    const { res, wb, bytes } = await fetchXlsx(rosterApi.template.path, { token: district })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toContain('spreadsheetml')
    expect(wb.worksheets.map((w) => w.name)).toEqual(['会员台账', '填写说明'])
    expect((wb.worksheets[0].getRow(1).values as unknown[]).slice(1)).toEqual(Object.values(ROSTER_COLUMNS))
    expect(wb.worksheets[0].getColumn(2).numFmt).toBe('@')
    const empty = await app.call(rosterApi.dryRun, { token: district, form: rosterForm(bytes, '会员台账模板.xlsx') })
    expect(empty.body.reason).toBe('ROSTER_NO_ROWS')
  })

  it('a union outside the caller’s post is refused by name: a sibling’s admin, a lower admin, venue staff, a member', async () => {
    const adminA = await newUser(h, app, '星河管理员', { role: 'admin', orgName: UNION_A })
    const adminB = await newUser(h, app, '联合工会管理员', { role: 'admin', orgName: UNION_B })
    const street = await newUser(h, app, '街道管理员', { role: 'admin', orgName: STREET })
    const venue = await newUser(h, app, '场馆核销员', { role: 'venue_staff', orgName: UNION_A })
    const member = await app.login('member')
    const districtId = await orgIdOf(h, '云溪区总工会')
    const streetId = await orgIdOf(h, STREET)
    const bytes = rosterCsv([rosterLine(801)])
    const before = await entries()
    // sibling branch; a lower admin asking for the level above; a street admin asking for a union of another branch
    for (const [token, orgId] of [[adminB.token, orgA], [adminA.token, streetId], [adminA.token, districtId], [street.token, orgB]] as const) {
      for (const e of [rosterApi.dryRun, rosterApi.problemRows] as const) {
        const res = await app.call(e, { token, query: { orgId }, form: rosterForm(bytes, 'x.csv') })
        expect([e.path, orgId, res.status, res.body.reason]).toEqual([e.path, orgId, 403, 'ROSTER_UNION_OUTSIDE'])
        expect(res.body.message).toBe(RosterReasons.ROSTER_UNION_OUTSIDE.message())
      }
      const res = await app.call(rosterApi.commit, { token, query: { orgId, skipRejected: '1' }, form: rosterForm(bytes, 'x.csv') })
      expect([orgId, res.status, res.body.reason]).toEqual([orgId, 403, 'ROSTER_UNION_OUTSIDE'])
    }
    // no import permission anywhere: the gate's 403 before the file is read
    for (const token of [venue.token, member]) {
      expect((await app.call(rosterApi.commit, { token, query: { orgId: orgA, skipRejected: '1' }, form: rosterForm(bytes, 'x.csv') })).status).toBe(403)
      expect((await app.call(rosterApi.template, { token })).status).toBe(403)
    }
    expect((await app.call(rosterApi.template, {})).status).toBe(401)
    expect(await entries()).toEqual(before)
    // inside the post: the street's admin may choose the street's own union A
    const ok = await app.call(rosterApi.dryRun, { token: street.token, query: { orgId: orgA }, form: rosterForm(bytes, 'x.csv') })
    expect(ok.status).toBe(200)
    // a union that does not exist: 404
    expect((await app.call(rosterApi.dryRun, { token: district, query: { orgId: 999999 }, form: rosterForm(bytes, 'x.csv') })).status).toBe(404)
  })
})
