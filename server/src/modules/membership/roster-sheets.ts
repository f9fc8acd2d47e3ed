/**
 * What the roster import shows and hands back besides the counts: the preview row by row (masked: the table is on an
 * office screen), the problem rows as .xlsx (the admin's own cells as written, with 问题说明, to fix and upload
 * again), and the empty template.
 */
import ExcelJS from 'exceljs'
import { maskIdNumber, maskPhone } from '@contract/membership/idcard'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import { ROSTER_COLUMNS, ROSTER_MAX_ROWS, ROSTER_OPTIONAL_COLUMNS, ROSTER_PREVIEW_MAX_ROWS, ROSTER_PROBLEM_COLUMN, type RosterColumn } from '@contract/roster/labels'
import type { RosterPreviewRow, RosterProblem } from '@contract/roster/schemas'
import { cellText } from '../../files/sheet'
import type { RawRow } from './roster-file'
import type { RosterPlan } from './roster-check'

const KEYS = Object.keys(ROSTER_COLUMNS) as RosterColumn[]

function byRow(problems: readonly RosterProblem[]): Map<number, RosterProblem[]> {
  const out = new Map<number, RosterProblem[]>()
  for (const p of problems) out.set(p.row, [...(out.get(p.row) ?? []), p])
  return out
}

/** Every row (up to ROSTER_PREVIEW_MAX_ROWS) with its outcome; a row that failed on its own cells is an error. */
export function previewRows(raw: readonly RawRow[], plan: Pick<RosterPlan, 'outcomes' | 'unionNames' | 'problems'>): RosterPreviewRow[] {
  const problems = byRow(plan.problems)
  return raw.slice(0, ROSTER_PREVIEW_MAX_ROWS).map((r) => {
    const id = cellText(r.cells.idNumber).replace(/\s+/g, '').toUpperCase()
    const phone = cellText(r.cells.phone).replace(/[\s-]/g, '')
    return {
      row: r.row,
      name: cellText(r.cells.name),
      idNumber: maskIdNumber(id),
      phone: maskPhone(phone),
      unionName: plan.unionNames.get(r.row) ?? cellText(r.cells.union),
      outcome: plan.outcomes.get(r.row) ?? 'error',
      problems: (problems.get(r.row) ?? []).map((p) => ({ column: p.column, message: p.message })),
    }
  })
}

/** The rows that were or would be left out (members already, errors), as written, with their problems in one cell. */
export async function problemWorkbook(raw: readonly RawRow[], problems: readonly RosterProblem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '工会会员服务'
  const ws = wb.addWorksheet('问题行')
  ws.columns = [...KEYS.map((k) => ({ header: ROSTER_COLUMNS[k], width: k === 'union' ? 28 : k === 'idNumber' ? 22 : 14 })), { header: ROSTER_PROBLEM_COLUMN, width: 60 }, { header: '原行号', width: 8 }]
  ws.getRow(1).font = { bold: true }
  textColumns(ws)
  const at = byRow(problems)
  for (const r of raw) {
    const ps = at.get(r.row)
    if (!ps) continue
    ws.addRow([...KEYS.map((k) => cellText(r.cells[k])), ps.map((p) => (p.column ? `${p.column}：${p.message}` : p.message)).join('；'), r.row])
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The empty template: the header row (ID number, phone and 会员编号 as text, so Excel keeps every digit) and 填写说明. */
export async function templateWorkbook(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '工会会员服务'
  const ws = wb.addWorksheet('会员台账')
  ws.columns = KEYS.map((k) => ({ header: ROSTER_COLUMNS[k], width: k === 'union' ? 28 : k === 'idNumber' ? 22 : 14 }))
  ws.getRow(1).font = { bold: true }
  textColumns(ws)
  const employment = ['职工', '新就业形态', ...Object.values(EMPLOYMENT_TYPES)]
  const help = wb.addWorksheet('填写说明')
  help.columns = [{ header: '列', width: 12 }, { header: '怎么填', width: 80 }]
  help.getRow(1).font = { bold: true }
  help.addRows([
    [ROSTER_COLUMNS.name, '会员的真实姓名'],
    [ROSTER_COLUMNS.idNumber, '18 位居民身份证号（该列已设为文本，请勿改为数字格式，否则末几位会丢失）'],
    [ROSTER_COLUMNS.phone, '11 位中国大陆手机号码；会员认证时核对后 4 位'],
    [ROSTER_COLUMNS.union, '工会的全称；在工作台选择了导入到的工会时，可留空表示该工会'],
    [ROSTER_COLUMNS.memberNo, `${ROSTER_OPTIONAL_COLUMNS.includes('memberNo') ? '可选；' : ''}字母、数字和“-”，最长 32 位；留空由系统编号`],
    [ROSTER_COLUMNS.joinedOn, '如 2024-03-01'],
    [ROSTER_COLUMNS.employment, `以下之一：${[...new Set(employment)].join('、')}`],
    ['', `一次最多 ${ROSTER_MAX_ROWS} 行；第 1 行为表头，请勿修改；第 2 行起每行一人`],
  ])
  return Buffer.from(await wb.xlsx.writeBuffer())
}

function textColumns(ws: ExcelJS.Worksheet): void {
  for (const k of ['idNumber', 'phone', 'memberNo'] as const) ws.getColumn(KEYS.indexOf(k) + 1).numFmt = '@'
}
