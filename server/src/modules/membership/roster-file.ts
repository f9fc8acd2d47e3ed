/**
 * Reading a roster file into rows of text cells: .xlsx through exceljs (the first worksheet), .csv by a small RFC 4180
 * reader in UTF-8 (with or without BOM) or, when the bytes are not UTF-8, GBK (what Excel on a Chinese Windows saves).
 * The header row maps columns by their Chinese titles; nothing here judges the values (roster-rows.ts does).
 */
import ExcelJS from 'exceljs'
import { ROSTER_COLUMNS, ROSTER_MAX_ROWS, ROSTER_OPTIONAL_COLUMNS, type RosterColumn } from '@contract/roster/labels'
import { RosterReasons } from '@contract/roster/reasons'
import { refuse } from '../../errors'
import type { SheetKind } from '../../files/sniff'

/** A cell as read: text, or for .xlsx a date or a number the sheet typed (judged by the column's rules). */
export type RawCell = string | number | Date | null

export interface RawRow {
  /** As Excel numbers it: the header is row 1. */
  row: number
  cells: Record<RosterColumn, RawCell>
}

export async function readRosterFile(bytes: Buffer, kind: SheetKind): Promise<RawRow[]> {
  const table = kind === 'xlsx' ? await readXlsx(bytes) : readCsv(decodeText(bytes))
  const [header, ...rows] = table
  if (!header) throw refuse(RosterReasons.ROSTER_NO_ROWS)
  const titles = header.map((c) => (c === null ? '' : String(c).trim()))
  const index = {} as Record<RosterColumn, number>
  const missing: string[] = []
  for (const [key, title] of Object.entries(ROSTER_COLUMNS) as [RosterColumn, string][]) {
    index[key] = titles.indexOf(title)
    if (index[key] < 0 && !ROSTER_OPTIONAL_COLUMNS.includes(key)) missing.push(title)
  }
  if (missing.length > 0) throw refuse(RosterReasons.ROSTER_COLUMNS_MISSING, { columns: missing.join('、') })
  const out: RawRow[] = []
  rows.forEach((cells, i) => {
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return
    const picked = {} as Record<RosterColumn, RawCell>
    for (const key of Object.keys(ROSTER_COLUMNS) as RosterColumn[]) picked[key] = index[key] < 0 ? null : (cells[index[key]] ?? null)
    out.push({ row: i + 2, cells: picked })
  })
  if (out.length === 0) throw refuse(RosterReasons.ROSTER_NO_ROWS)
  if (out.length > ROSTER_MAX_ROWS) throw refuse(RosterReasons.ROSTER_TOO_MANY_ROWS, { max: ROSTER_MAX_ROWS })
  return out
}

async function readXlsx(bytes: Buffer): Promise<RawCell[][]> {
  const wb = new ExcelJS.Workbook()
  try {
    // exceljs' own typing predates Node's generic Buffer
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw refuse(RosterReasons.ROSTER_FILE_UNREADABLE)
  }
  const ws = wb.worksheets[0]
  if (!ws) throw refuse(RosterReasons.ROSTER_NO_ROWS)
  if (ws.rowCount > ROSTER_MAX_ROWS + 1) throw refuse(RosterReasons.ROSTER_TOO_MANY_ROWS, { max: ROSTER_MAX_ROWS })
  const table: RawCell[][] = []
  for (let r = 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r)
    const cells: RawCell[] = []
    for (let c = 1; c <= Math.max(row.cellCount, 1); c++) cells.push(cellValue(row.getCell(c).value))
    table.push(cells)
  }
  return table
}

function cellValue(v: ExcelJS.CellValue): RawCell {
  if (v === null || v === undefined) return null
  if (typeof v === 'string' || typeof v === 'number' || v instanceof Date) return v
  if (typeof v === 'boolean') return String(v)
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('')
    if ('text' in v) return String(v.text)
    if ('result' in v) return v.result === undefined ? null : cellValue(v.result as ExcelJS.CellValue)
  }
  return String(v)
}

/** UTF-8 (a BOM dropped) when the bytes are valid UTF-8, else GBK. */
function decodeText(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    try {
      return new TextDecoder('gbk', { fatal: true }).decode(bytes)
    } catch {
      throw refuse(RosterReasons.ROSTER_FILE_UNREADABLE)
    }
  }
}

/** RFC 4180: commas, double quotes ("" inside quotes), CRLF or LF line ends. */
export function readCsv(text: string): RawCell[][] {
  const rows: RawCell[][] = []
  let row: RawCell[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"'
          i++
        } else quoted = false
      } else cell += ch
    } else if (ch === '"' && cell === '') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
      if (rows.length > ROSTER_MAX_ROWS + 1) throw refuse(RosterReasons.ROSTER_TOO_MANY_ROWS, { max: ROSTER_MAX_ROWS })
    } else cell += ch
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
