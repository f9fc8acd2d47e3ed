/** .xlsx export through exceljs (a well-kept library; no hand-written XML), behind one small function. */
import ExcelJS from 'exceljs'

export type Cell = string | number | null

export interface SheetSpec {
  name: string
  columns: { header: string; width?: number }[]
  rows: Cell[][]
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The workbook's bytes: one worksheet per spec, bold header row. */
export async function writeWorkbook(sheets: SheetSpec[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  wb.creator = '工会会员服务'
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.name)
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 14 }))
    ws.getRow(1).font = { bold: true }
    ws.addRows(sheet.rows)
  }
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** `attachment` with an ASCII fallback name and the UTF-8 one (Chinese file names). */
export function attachmentHeader(asciiName: string, filename: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(filename)}`
}
