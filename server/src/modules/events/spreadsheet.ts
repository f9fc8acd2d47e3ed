/**
 * .xlsx export behind a small interface, so the spreadsheet library is one file away.
 *
 * The implementation uses `exceljs` (a well-kept library; no hand-written XML). It is loaded lazily:
 * when the package is not installed, `loadSpreadsheetWriter()` returns null and the roster endpoint
 * answers 503 with a Chinese message instead of crashing the server at start.
 */
export type Cell = string | number | null

export interface SheetSpec {
  name: string
  columns: { header: string; width?: number }[]
  rows: Cell[][]
}

export interface SpreadsheetWriter {
  /** The workbook's bytes (.xlsx). */
  write(sheets: SheetSpec[]): Promise<Buffer>
}

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** The minimal part of the exceljs API used here. */
interface ExcelJsModule {
  Workbook: new () => {
    creator: string
    addWorksheet(name: string): {
      columns: { header: string; width?: number }[]
      addRows(rows: Cell[][]): void
      getRow(n: number): { font: unknown }
    }
    xlsx: { writeBuffer(): Promise<ArrayBuffer | Uint8Array> }
  }
}

let cached: Promise<SpreadsheetWriter | null> | undefined

/** The exceljs-backed writer, or null when exceljs is not installed. */
export function loadSpreadsheetWriter(): Promise<SpreadsheetWriter | null> {
  cached ??= (async () => {
    const name = 'exceljs'
    try {
      const mod = (await import(name)) as ExcelJsModule & { default?: ExcelJsModule }
      const ExcelJS = mod.default?.Workbook ? mod.default : mod
      return {
        async write(sheets) {
          const wb = new ExcelJS.Workbook()
          wb.creator = '工会会员服务'
          for (const sheet of sheets) {
            const ws = wb.addWorksheet(sheet.name)
            ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 14 }))
            ws.getRow(1).font = { bold: true }
            ws.addRows(sheet.rows)
          }
          const out = await wb.xlsx.writeBuffer()
          return Buffer.from(out instanceof Uint8Array ? out : new Uint8Array(out))
        },
      }
    } catch {
      return null
    }
  })()
  return cached
}
