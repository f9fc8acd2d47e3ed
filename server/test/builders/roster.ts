/**
 * Builders of the roster tests (会员实名制台账): roster lines, the same lines as .csv text or an .xlsx workbook
 * (exceljs), and the multipart form the import endpoints take.
 */
import ExcelJS from 'exceljs'
import { checkDigit } from '@contract/membership/idcard'
import { ROSTER_COLUMNS } from '@contract/roster/labels'

export interface RosterLine {
  name: string
  idNumber: string
  phone: string
  union: string
  memberNo?: string
  joinedOn: string
  employment: string
}

export const UNION_A = '星河物流有限公司工会'
export const UNION_B = '云溪区新就业形态劳动者联合工会'

/** A valid ID number for any n < 10,000,000: born 1960-01-01 + n / 1000 days, sequence n % 1000 (area 330106). */
export function rosterId(n: number): string {
  const born = new Date(Date.UTC(1960, 0, 1) + Math.floor(n / 1000) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '')
  const first17 = `330106${born}${String(n % 1000).padStart(3, '0')}`
  return first17 + checkDigit(first17)
}

/** The n-th person of a roster of union A: 职工, joined 2020-05-01. */
export function rosterLine(n: number, over: Partial<RosterLine> = {}): RosterLine {
  return {
    name: `台账会员${n}`,
    idNumber: rosterId(n),
    phone: `139${String(n).padStart(8, '0')}`,
    union: UNION_A,
    joinedOn: '2020-05-01',
    employment: '职工',
    ...over,
  }
}

const HEADER = [ROSTER_COLUMNS.name, ROSTER_COLUMNS.idNumber, ROSTER_COLUMNS.phone, ROSTER_COLUMNS.union, ROSTER_COLUMNS.memberNo, ROSTER_COLUMNS.joinedOn, ROSTER_COLUMNS.employment]
const cells = (l: RosterLine) => [l.name, l.idNumber, l.phone, l.union, l.memberNo ?? '', l.joinedOn, l.employment]

/** CSV text (quoted where needed), UTF-8, with a BOM unless `bom: false`, CRLF line ends. */
export function rosterCsv(lines: RosterLine[], options: { bom?: boolean } = {}): Buffer {
  const quote = (v: string) => (/[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v)
  const text = [HEADER, ...lines.map(cells)].map((row) => row.map(quote).join(',')).join('\r\n') + '\r\n'
  return Buffer.concat([Buffer.from(options.bom === false ? '' : '\ufeff'), Buffer.from(text, 'utf8')])
}

/** An .xlsx workbook: one sheet, ID numbers as text cells (as a careful office saves them). */
export async function rosterXlsx(lines: RosterLine[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook()
  const ws = wb.addWorksheet('会员台账')
  ws.addRow(HEADER)
  for (const l of lines) ws.addRow(cells(l))
  return Buffer.from(await wb.xlsx.writeBuffer())
}

/** The multipart form of the import endpoints. */
export function rosterForm(bytes: Buffer, fileName: string): FormData {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(bytes)]), fileName)
  return fd
}

let gbkTable: Map<string, Buffer> | null = null
/** Text in GBK (what Excel on a Chinese Windows saves as CSV): encoded through a table built from Node's GBK decoder. */
export function toGbk(text: string): Buffer {
  if (!gbkTable) {
    gbkTable = new Map()
    const decoder = new TextDecoder('gbk')
    for (let hi = 0x81; hi <= 0xfe; hi++) {
      for (let lo = 0x40; lo <= 0xfe; lo++) {
        if (lo === 0x7f) continue
        const ch = decoder.decode(Buffer.from([hi, lo]))
        if (ch.length === 1 && ch !== '\ufffd' && !gbkTable.has(ch)) gbkTable.set(ch, Buffer.from([hi, lo]))
      }
    }
  }
  const table = gbkTable
  return Buffer.concat(
    Array.from(text).map((ch) => {
      if (ch.charCodeAt(0) < 0x80) return Buffer.from(ch, 'latin1')
      const bytes = table.get(ch)
      if (!bytes) throw new Error(`not in GBK: ${ch}`)
      return bytes
    }),
  )
}
