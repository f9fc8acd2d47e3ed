/**
 * Judging one roster row on its own (no database): each cell → its value or a problem in Chinese, beside its column.
 * What needs the database or the whole file (unions, duplicates, who is already in) is roster-check.ts.
 */
import { EMPLOYMENT_TYPES, type EmploymentType } from '@contract/membership/labels'
import { parseIdNumber, PHONE_PATTERN } from '@contract/membership/idcard'
import { ROSTER_COLUMNS, ROSTER_EMPLOYMENT_ALIASES } from '@contract/roster/labels'
import type { RosterProblem } from '@contract/roster/schemas'
import { chinaDate } from '../../time'
import type { RawCell, RawRow } from './roster-file'

export interface RosterRow {
  row: number
  name: string
  /** Normalised (upper-case X). */
  idNumber: string
  phone: string
  /** '' when the file leaves 所属工会 empty and a union was chosen for it (the row goes there). */
  unionName: string
  memberNo: string | null
  /** YYYY-MM-DD */
  joinedOn: string
  employmentType: EmploymentType
}

const EMPLOYMENT_BY_LABEL: Record<string, EmploymentType> = {
  ...Object.fromEntries(Object.entries(EMPLOYMENT_TYPES).map(([k, label]) => [label, k as EmploymentType])),
  ...Object.fromEntries(Object.keys(EMPLOYMENT_TYPES).map((k) => [k, k as EmploymentType])),
  ...ROSTER_EMPLOYMENT_ALIASES,
}

const text = (c: RawCell): string => (c === null ? '' : c instanceof Date ? c.toISOString() : String(c)).trim()

/** The row's values, or its problems (one per bad cell). `unionOptional`: a union was chosen for the whole file. */
export function judgeRow(raw: RawRow, today: Date, unionOptional = false): { ok: RosterRow } | { problems: RosterProblem[] } {
  const problems: RosterProblem[] = []
  const bad = (column: keyof typeof ROSTER_COLUMNS, message: string) => problems.push({ row: raw.row, column: ROSTER_COLUMNS[column], message })
  const c = raw.cells

  const name = text(c.name).replace(/\s+/g, '')
  if (!name) bad('name', '请填写姓名')
  else if (name.length > 50) bad('name', '姓名过长')

  let idNumber = ''
  if (typeof c.idNumber === 'number') bad('idNumber', '身份证号被 Excel 当作数字保存，末几位已丢失，请将该列设为文本后重新填写')
  else {
    const id = parseIdNumber(text(c.idNumber), today)
    if (id.ok) idNumber = id.normalized
    else bad('idNumber', id.message)
  }

  const phone = text(c.phone).replace(/[\s-]/g, '').replace(/^\+?86(?=1\d{10}$)/, '')
  if (!phone) bad('phone', '请填写手机号')
  else if (!PHONE_PATTERN.test(phone)) bad('phone', '手机号应为 11 位中国大陆手机号码')

  const unionName = text(c.union)
  if (!unionName && !unionOptional) bad('union', '请填写所属工会')

  const memberNo = text(c.memberNo) || null
  if (memberNo && !/^[A-Za-z0-9-]{1,32}$/.test(memberNo)) bad('memberNo', '会员编号只能包含字母、数字和“-”，最长 32 位')
  // The generator's own format (member-numbers.ts) is reserved: an imported YX… number could collide with a later one.
  else if (memberNo && /^YX\d{10}$/i.test(memberNo)) bad('memberNo', '会员编号不能使用系统自动编号的格式（YX + 年份 + 6 位序号），可留空由系统编号')

  const joinedOn = parseDate(c.joinedOn)
  if (!joinedOn) bad('joinedOn', text(c.joinedOn) ? '入会日期格式不正确，请填写如 2024-03-01' : '请填写入会日期')
  else if (joinedOn > chinaDate(today.getTime())) bad('joinedOn', '入会日期不能晚于今天')
  else if (joinedOn < '1949-10-01') bad('joinedOn', '入会日期不正确，请核对')

  const employmentText = text(c.employment)
  const employmentType = EMPLOYMENT_BY_LABEL[employmentText] ?? EMPLOYMENT_BY_LABEL[employmentText.toLowerCase()]
  if (!employmentType) bad('employment', employmentText ? '就业形态应为“职工”或“新就业形态”' : '请填写就业形态')

  if (problems.length > 0) return { problems }
  return { ok: { row: raw.row, name, idNumber, phone, unionName, memberNo, joinedOn: joinedOn!, employmentType: employmentType! } }
}

/** 2024-03-01, 2024/3/1, 2024.3.1, 2024年3月1日, 20240301, an Excel date cell or serial number → YYYY-MM-DD. */
export function parseDate(c: RawCell): string | null {
  if (c === null) return null
  if (c instanceof Date) return Number.isNaN(c.getTime()) ? null : c.toISOString().slice(0, 10)
  if (typeof c === 'number') {
    if (!Number.isInteger(c) || c < 1 || c > 100_000) return null
    // Excel's day 1 is 1900-01-01, with the fictitious 1900-02-29 counted.
    return new Date(Date.UTC(1899, 11, 30) + c * 86_400_000).toISOString().slice(0, 10)
  }
  const t = c.trim()
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t)
  if (!m) return null
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null
  return date.toISOString().slice(0, 10)
}
