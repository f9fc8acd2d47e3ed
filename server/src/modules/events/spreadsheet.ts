/** .xlsx export: the platform's one writer (files/workbook.ts), shared by every capability that exports a sheet. */
export { writeWorkbook, XLSX_MIME, type Cell, type SheetSpec } from '../../files/workbook'
