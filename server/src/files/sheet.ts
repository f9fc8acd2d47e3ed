/**
 * Reading an uploaded spreadsheet (.xlsx / .csv) into rows of cells, for every import (会员台账, 工会组织): .xlsx
 * through exceljs (the first worksheet), .csv by a small RFC 4180 reader in UTF-8 (with or without BOM) or, when
 * the bytes are not UTF-8, GBK (what Excel on a Chinese Windows saves). The header row maps columns by their Chinese
 * titles; nothing here judges the values (each import's rows file does). Each import brings its own refusals.
 */
import ExcelJS from 'exceljs'
import type { ReasonDef } from '@contract/reasons'
import { refuse } from '../errors'
import { sniffSheet } from './sniff'

/** A cell as read: text, or for .xlsx a date or a number the sheet typed (judged by the column's rules). */
export type RawCell = string | number | Date | null

export interface SheetRow<C extends string> {
  /** As Excel numbers it: the header is row 1. */
  row: number
  cells: Record<C, RawCell>
}

export interface SheetSpec<C extends string> {
  /** Column key → its header title, in this spelling (any order). */
  columns: Record<C, string>
  /** Columns the header may leave out (their cells read as null). */
  optional: readonly C[]
  maxRows: number
  refusals: {
    fileType: ReasonDef<void>
    unreadable: ReasonDef<void>
    noRows: ReasonDef<void>
    columnsMissing: ReasonDef<{ columns: string }>
    tooManyRows: ReasonDef<{ max: number }>
  }
}

/** The data rows of the file (blank rows skipped), refused by the spec's reasons when it cannot be an import. */
export async function readSheet<C extends string>(bytes: Buffer, spec: SheetSpec<C>): Promise<SheetRow<C>[]> {
  const kind = sniffSheet(bytes)
  if (!kind) throw refuse(spec.refusals.fileType)
  const table = kind === 'xlsx' ? await readXlsx(bytes, spec) : readCsv(decodeText(bytes, spec), spec)
  const [header, ...rows] = table
  if (!header) throw refuse(spec.refusals.noRows)
  const titles = header.map((c) => (c === null ? '' : String(c).trim()))
  const keys = Object.keys(spec.columns) as C[]
  const index = {} as Record<C, number>
  const missing: string[] = []
  for (const key of keys) {
    index[key] = titles.indexOf(spec.columns[key])
    if (index[key] < 0 && !spec.optional.includes(key)) missing.push(spec.columns[key])
  }
  if (missing.length > 0) throw refuse(spec.refusals.columnsMissing, { columns: missing.join('、') })
  const out: SheetRow<C>[] = []
  rows.forEach((cells, i) => {
    if (cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))) return
    const picked = {} as Record<C, RawCell>
    for (const key of keys) picked[key] = index[key] < 0 ? null : (cells[index[key]] ?? null)
    out.push({ row: i + 2, cells: picked })
  })
  if (out.length === 0) throw refuse(spec.refusals.noRows)
  if (out.length > spec.maxRows) throw refuse(spec.refusals.tooManyRows, { max: spec.maxRows })
  return out
}

/** A cell as trimmed text ('' when empty); numbers as Excel shows them, dates as yyyy-mm-dd. */
export function cellText(c: RawCell): string {
  if (c === null) return ''
  if (c instanceof Date) return c.toISOString().slice(0, 10)
  return String(c).trim()
}

async function readXlsx<C extends string>(bytes: Buffer, spec: SheetSpec<C>): Promise<RawCell[][]> {
  const wb = new ExcelJS.Workbook()
  try {
    // exceljs' own typing predates Node's generic Buffer
    await wb.xlsx.load(bytes as unknown as ArrayBuffer)
  } catch {
    throw refuse(spec.refusals.unreadable)
  }
  const ws = wb.worksheets[0]
  if (!ws) throw refuse(spec.refusals.noRows)
  if (ws.rowCount > spec.maxRows + 1) throw refuse(spec.refusals.tooManyRows, { max: spec.maxRows })
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
function decodeText<C extends string>(bytes: Buffer, spec: SheetSpec<C>): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    try {
      return new TextDecoder('gbk', { fatal: true }).decode(bytes)
    } catch {
      throw refuse(spec.refusals.unreadable)
    }
  }
}

/** RFC 4180: commas, double quotes ("" inside quotes), CRLF or LF line ends. */
export function readCsv<C extends string>(text: string, spec: Pick<SheetSpec<C>, 'maxRows' | 'refusals'>): RawCell[][] {
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
      if (rows.length > spec.maxRows + 1) throw refuse(spec.refusals.tooManyRows, { max: spec.maxRows })
    } else cell += ch
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell)
    rows.push(row)
  }
  return rows
}
