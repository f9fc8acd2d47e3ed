/**
 * One row of a union file, judged on its own: every cell's problem in Chinese, beside its column (the file's own
 * header title). Whether the parent exists, the name is free and the kind fits is import-plan.ts's (it needs the tree).
 */
import {
  isCreditCode,
  UNION_IMPORT_COLUMNS,
  UNION_IMPORT_MAX_ROWS,
  UNION_IMPORT_OPTIONAL_COLUMNS,
  UNION_KIND_ALIASES,
  UNION_KIND_LABELS,
  UNION_KINDS,
  UNION_PHONE_PATTERN,
  type UnionImportColumn,
  type UnionKind,
} from '@contract/unions/labels'
import { UnionReasons } from '@contract/unions/reasons'
import type { ImportProblem } from '@contract/imports'
import { cellText, readSheet, type SheetRow, type SheetSpec } from '../../files/sheet'

export interface UnionRow {
  row: number
  name: string
  /** A union's name or its 统一社会信用代码, as written. */
  parent: string
  kind: UnionKind
  address: string
  contactName: string | null
  contactPhone: string | null
  creditCode: string | null
}

const UNION_SHEET: SheetSpec<UnionImportColumn> = {
  columns: UNION_IMPORT_COLUMNS,
  optional: UNION_IMPORT_OPTIONAL_COLUMNS,
  maxRows: UNION_IMPORT_MAX_ROWS,
  refusals: {
    fileType: UnionReasons.UNION_IMPORT_FILE_TYPE,
    unreadable: UnionReasons.UNION_IMPORT_FILE_UNREADABLE,
    noRows: UnionReasons.UNION_IMPORT_NO_ROWS,
    columnsMissing: UnionReasons.UNION_IMPORT_COLUMNS_MISSING,
    tooManyRows: UnionReasons.UNION_IMPORT_TOO_MANY_ROWS,
  },
}

export const readUnionFile = (bytes: Buffer): Promise<SheetRow<UnionImportColumn>[]> => readSheet(bytes, UNION_SHEET)

const KIND_BY_TEXT: Record<string, UnionKind> = {
  ...UNION_KIND_ALIASES,
  ...Object.fromEntries(UNION_KINDS.map((k) => [UNION_KIND_LABELS[k], k])),
  ...Object.fromEntries(UNION_KINDS.map((k) => [k, k])),
}
const kindNames = UNION_KINDS.map((k) => UNION_KIND_LABELS[k]).join('、')

export function judgeUnionRow(raw: SheetRow<UnionImportColumn>): { ok: UnionRow } | { problems: ImportProblem[] } {
  const problems: ImportProblem[] = []
  const bad = (column: UnionImportColumn, message: string) => problems.push({ row: raw.row, column: UNION_IMPORT_COLUMNS[column], message })
  const c = Object.fromEntries(Object.entries(raw.cells).map(([k, v]) => [k, cellText(v as never)])) as Record<UnionImportColumn, string>

  if (c.name.length < 2) bad('name', '请填写工会名称（至少 2 个字）')
  else if (c.name.length > 60) bad('name', '工会名称最多 60 个字')
  if (c.parent === '') bad('parent', '请填写上级工会的名称或统一社会信用代码')
  const kind = KIND_BY_TEXT[c.kind.replace(/\s/g, '')]
  if (!kind) bad('kind', c.kind === '' ? `请填写类型：${kindNames}` : `类型“${c.kind}”无法识别，应为：${kindNames}`)
  if (c.address.length < 4) bad('address', '请填写工会地址')
  else if (c.address.length > 120) bad('address', '地址最多 120 个字')
  if (c.contactName.length > 30) bad('contactName', '联系人最多 30 个字')
  const phone = c.contactPhone.replace(/\s/g, '')
  if (phone !== '' && !UNION_PHONE_PATTERN.test(phone)) bad('contactPhone', `联系电话“${c.contactPhone}”格式不正确，应为手机号或带区号的座机号`)
  const credit = c.creditCode.toUpperCase()
  if (credit !== '' && !isCreditCode(credit)) bad('creditCode', `统一社会信用代码“${c.creditCode}”不正确（应为 18 位且校验位正确）`)

  if (problems.length > 0 || !kind) return { problems }
  return {
    ok: {
      row: raw.row,
      name: c.name,
      parent: c.parent,
      kind,
      address: c.address,
      contactName: c.contactName || null,
      contactPhone: phone || null,
      creditCode: credit || null,
    },
  }
}
