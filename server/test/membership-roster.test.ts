/**
 * 会员实名制台账 import: the dry run reports per row and writes nothing; the commit writes all rows in one
 * transaction or none; re-running a file changes nothing; changes update; nothing readable at rest; the admin's
 * subtree bounds the unions.
 */
import ExcelJS from 'exceljs'
import { rosterApi } from '@contract/roster/api'
import { ROSTER_MAX_BYTES } from '@contract/roster/labels'
import { RosterReasons } from '@contract/roster/reasons'
import { databases, useDatabase, type TestApp } from './harness'
import { newUser, rawRows, sql } from './builders/membership'
import { rosterCsv, rosterForm, rosterLine, rosterXlsx, toGbk, UNION_A, UNION_B } from './builders/roster'
import { PNG } from './relief-fixtures'

describe.each(databases())('roster import on %s', (target) => {
  const h = useDatabase(target)
  let app: TestApp
  let admin: string

  beforeAll(async () => {
    app = await h.app({ RATE_LIMIT_PER_MIN: '100000' })
    admin = await app.login('admin') // 云溪区总工会
  })

  const entries = () => rawRows<{ id: number; name: string; phone_enc: string; org_id: number; employment_type: string; updated_at: unknown }>(h, sql`select id, name, phone_enc, org_id, employment_type, updated_at from roster_entries order by id`)
  const dryRun = (bytes: Buffer, name: string, token = admin) => app.call(rosterApi.dryRun, { token, form: rosterForm(bytes, name) })
  const commit = (bytes: Buffer, name: string, token = admin) => app.call(rosterApi.commit, { token, form: rosterForm(bytes, name) })

  it('dry run: bad ID numbers, duplicates, phones, dates, unions — per row, in Chinese — and nothing written', async () => {
    const good = rosterLine(1)
    const badCheck = { ...rosterLine(2), idNumber: rosterLine(2).idNumber.slice(0, 17) + (rosterLine(2).idNumber[17] === '0' ? '1' : '0') }
    const lines = [
      good, // row 2
      badCheck, // row 3
      rosterLine(3, { idNumber: good.idNumber }), // row 4: the same person as row 2
      rosterLine(4, { phone: '1234' }), // row 5
      rosterLine(5, { joinedOn: '2020-13-40' }), // row 6
      rosterLine(6, { union: '不存在的工会' }), // row 7
      rosterLine(7, { employment: '新就业形态' }), // row 8: fine
      rosterLine(8, { memberNo: 'YX2026000001' }), // row 9: the generator's format
    ]
    const res = await dryRun(rosterCsv(lines), '台账.csv')
    expect(res.status).toBe(200)
    expect(res.body.committed).toBe(false)
    expect(res.body.counts).toEqual({ total: 8, new: 2, updated: 0, unchanged: 0, rejected: 6 })
    const at = (row: number) => res.body.problems.filter((p) => p.row === row)
    expect(at(3)).toEqual([{ row: 3, column: '身份证号', message: '身份证号码校验位不正确，请核对后重新输入' }])
    expect(at(4)).toEqual([{ row: 4, column: '身份证号', message: '与第 2 行的身份证号重复' }])
    expect(at(5)[0]).toMatchObject({ column: '手机号' })
    expect(at(6)[0]).toMatchObject({ column: '入会日期' })
    expect(at(7)[0]).toMatchObject({ column: '所属工会', message: '未找到名为“不存在的工会”的工会' })
    expect(at(9)[0]).toMatchObject({ column: '会员编号' })
    expect(res.body.summary).toContain('整份文件都不会导入')
    expect(await entries()).toEqual([])
    expect(await rawRows(h, sql`select 1 from audit_log where action like 'membership.roster%'`)).toEqual([])
  })

  it('commit writes every row (xlsx); the same file again changes nothing; a changed phone / employment updates', async () => {
    const lines = [rosterLine(11), rosterLine(12, { memberNo: 'XH-0012' }), rosterLine(13, { employment: '外卖配送员', union: UNION_A })]
    const file = await rosterXlsx(lines)
    const first = await commit(file, '星河物流台账.xlsx')
    expect(first.status).toBe(200)
    expect(first.body).toMatchObject({ committed: true, policy: 'all_or_nothing', counts: { total: 3, new: 3, updated: 0, unchanged: 0, rejected: 0 }, problems: [] })
    const written = await entries()
    expect(written.map((r) => r.name)).toEqual(['台账会员11', '台账会员12', '台账会员13'])
    expect(written[2].employment_type).toBe('delivery')

    const again = await commit(file, '星河物流台账.xlsx')
    expect(again.body).toMatchObject({ committed: true, counts: { total: 3, new: 0, updated: 0, unchanged: 3, rejected: 0 } })
    expect(await entries()).toEqual(written)

    // the dry run of the same file (as csv, no BOM) agrees
    const dry = await dryRun(rosterCsv(lines, { bom: false }), '星河物流台账.csv')
    expect(dry.body.counts).toEqual({ total: 3, new: 0, updated: 0, unchanged: 3, rejected: 0 })

    const changed = [rosterLine(11, { phone: '13700000011' }), rosterLine(12, { memberNo: 'XH-0012', employment: '新就业形态' }), lines[2]]
    const update = await commit(await rosterXlsx(changed), '星河物流台账-修订.xlsx')
    expect(update.body.counts).toEqual({ total: 3, new: 0, updated: 2, unchanged: 1, rejected: 0 })
    const after = await entries()
    expect(after[0].phone_enc).not.toBe(written[0].phone_enc)
    expect(after[1].employment_type).toBe('other_gig')
    expect(after[2]).toEqual(written[2])

    const [audit] = await rawRows<{ actor_user_id: number; detail: { fileName: string; counts: { new: number } } }>(
      h,
      sql`select actor_user_id, detail from audit_log where action = 'membership.roster_import' order by id limit 1`,
    )
    expect(audit.detail).toMatchObject({ fileName: '星河物流台账.xlsx', counts: { new: 3 } })
  })

  it('a commit with any problem writes nothing (all or nothing) and says so', async () => {
    const before = await entries()
    const res = await commit(rosterCsv([rosterLine(21), rosterLine(22, { idNumber: '110105199001011234' })]), '有错.csv')
    expect(res.status).toBe(200)
    expect(res.body).toMatchObject({ committed: false, counts: { total: 2, new: 1, rejected: 1 } })
    expect(await entries()).toEqual(before)
    expect(await rawRows(h, sql`select 1 from audit_log where action = 'membership.roster_import_refused'`)).toHaveLength(1)
  })

  it('no ID number or phone of the roster is readable in any table', async () => {
    const line = rosterLine(31, { phone: '13612345631' })
    expect((await commit(rosterCsv([line]), 'plain.csv')).body.committed).toBe(true)
    const tables = await rawRows<{ table_name: string }>(h, sql`select table_name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`)
    expect(tables.map((t) => t.table_name)).toContain('roster_entries')
    for (const { table_name } of tables) {
      for (const needle of [line.idNumber, line.phone, line.idNumber.slice(0, 17)]) {
        const hits = await rawRows(h, sql`select 1 from ${sql.identifier(table_name)} as t where t::text like ${'%' + needle + '%'}`)
        expect({ table_name, needle, hits: hits.length }).toEqual({ table_name, needle, hits: 0 })
      }
    }
  })

  it('an admin imports only into unions of their subtree; another person’s entry is not theirs to change', async () => {
    const adminA = await newUser(h, app, '星河物流管理员', { role: 'admin', orgName: UNION_A })
    const res = await dryRun(rosterCsv([rosterLine(41, { union: UNION_B }), rosterLine(42), rosterLine(11, { union: UNION_A })]), 'a.csv', adminA.token)
    expect(res.status).toBe(200)
    expect(res.body.problems).toEqual([{ row: 2, column: '所属工会', message: `“${UNION_B}”不在您管理的工会范围内` }])
    const adminB = await newUser(h, app, '联合工会管理员', { role: 'admin', orgName: UNION_B })
    const moved = await dryRun(rosterCsv([rosterLine(11, { union: UNION_B })]), 'b.csv', adminB.token)
    expect(moved.body.problems).toEqual([{ row: 2, column: '身份证号', message: '该身份证号已由其他工会导入台账' }])
    // no permission at all: the gate's 403
    const reviewer = await newUser(h, app, '审核员', { role: 'reviewer', orgName: UNION_A })
    expect((await dryRun(rosterCsv([rosterLine(43)]), 'c.csv', reviewer.token)).status).toBe(403)
  })

  it('reads a GBK csv (Excel on a Chinese Windows) like a UTF-8 one, with Chinese labels mapped', async () => {
    const lines = [rosterLine(51, { employment: '新就业形态劳动者' }), rosterLine(52, { employment: '在职职工', joinedOn: '2021年3月5日' })]
    const gbk = toGbk(rosterCsv(lines, { bom: false }).toString('utf8'))
    expect(gbk.includes(Buffer.from('姓名'))).toBe(false)
    const res = await dryRun(gbk, '台账-gbk.csv')
    expect(res.body.problems).toEqual([])
    expect(res.body.counts).toMatchObject({ total: 2, new: 2 })
  })

  it('refuses what is not a roster: a photo, missing columns, an empty file', async () => {
    const png = await dryRun(Buffer.from(PNG), 'photo.csv')
    expect(png.status).toBe(415)
    expect(png.body.reason).toBe('ROSTER_FILE_TYPE')
    const cols = await dryRun(Buffer.from('姓名,身份证号\r\n张三,1\r\n'), 'x.csv')
    expect(cols.status).toBe(400)
    expect(cols.body.message).toBe(RosterReasons.ROSTER_COLUMNS_MISSING.message({ columns: '手机号、所属工会、入会日期、就业形态' }))
    expect((await dryRun(rosterCsv([]), 'empty.csv')).body.reason).toBe('ROSTER_NO_ROWS')
    const big = await dryRun(Buffer.concat([rosterCsv([rosterLine(61)]), Buffer.alloc(ROSTER_MAX_BYTES, 0x20)]), 'big.csv')
    expect(big.status).toBe(413)
    expect(big.body.reason).toBe('ROSTER_FILE_TOO_LARGE')
  })

  it('an ID number Excel kept as a number (its last digits lost) is a problem of its row', async () => {
    const wb = new ExcelJS.Workbook()
    const ws = wb.addWorksheet('台账')
    ws.addRow(['姓名', '身份证号', '手机号', '所属工会', '入会日期', '就业形态'])
    ws.addRow(['数字身份证', Number('330106196001010010'), '13900000071', UNION_A, new Date('2020-05-01T00:00:00Z'), '职工'])
    const res = await dryRun(Buffer.from(await wb.xlsx.writeBuffer()), 'number.xlsx')
    expect(res.body.problems).toEqual([{ row: 2, column: '身份证号', message: expect.stringContaining('设为文本') }])
  })
})
