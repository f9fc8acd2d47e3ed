/** Union-tree test data: import files (.xlsx / .csv) with the columns of contract/unions/labels.ts. */
import ExcelJS from 'exceljs'
import { isCreditCode, UNION_IMPORT_COLUMNS } from '@contract/unions/labels'

export interface UnionLine {
  name: string
  parent: string
  kind: string
  address?: string
  contactName?: string
  contactPhone?: string
  creditCode?: string
}

const HEADER = Object.values(UNION_IMPORT_COLUMNS)
const cells = (l: UnionLine) => [l.name, l.parent, l.kind, l.address ?? `${l.name}办公地址 1 号`, l.contactName ?? '王主席', l.contactPhone ?? '0571-87654321', l.creditCode ?? '']

export async function unionsXlsx(lines: UnionLine[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('工会名单')
  ws.addRow(HEADER)
  for (const l of lines) ws.addRow(cells(l))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

export function unionsCsv(lines: UnionLine[]): Buffer {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  return Buffer.from('\ufeff' + [HEADER, ...lines.map(cells)].map((r) => r.map(quote).join(',')).join('\r\n') + '\r\n', 'utf8')
}

/** A valid 统一社会信用代码, distinct per `n` (the check character found by the contract's own check). */
export function creditCode(n: number): string {
  const body = `81330106MC${String(n).padStart(7, '0')}`
  return [...'0123456789ABCDEFGHJKLMNPQRTUWXY'].map((c) => body + c).find(isCreditCode)!
}
