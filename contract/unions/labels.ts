/** 工会组织 (the union tree): kinds, which kind may sit under which, the import's columns and limits. Zod-free. */

/** The five kinds of union a federation runs, top to bottom. */
export const UNION_KINDS = ['district', 'street', 'park', 'grassroots', 'joint'] as const
export type UnionKind = (typeof UNION_KINDS)[number]

export const UNION_KIND_LABELS: Record<UnionKind, string> = {
  district: '区总工会',
  street: '街道·乡镇总工会',
  park: '园区·行业工会',
  grassroots: '基层工会',
  joint: '联合工会',
}

/**
 * Which kinds may be created under a union of each kind. Members join 基层工会 and 联合工会 (the leaves); a 区总工会
 * is the root a bootstrap creates.
 */
export const UNION_CHILD_KINDS: Record<UnionKind, readonly UnionKind[]> = {
  district: ['street', 'park', 'grassroots', 'joint'],
  street: ['park', 'grassroots', 'joint'],
  park: ['grassroots', 'joint'],
  grassroots: [],
  joint: [],
}

/** The kinds a worker joins (入会 picks one of these; 会员台账 rows name one). */
export const MEMBER_UNION_KINDS: readonly UnionKind[] = ['grassroots', 'joint']

/** 类型 as written in an import file (besides the labels above). */
export const UNION_KIND_ALIASES: Record<string, UnionKind> = {
  区总工会: 'district',
  街道总工会: 'street',
  乡镇总工会: 'street',
  街道工会: 'street',
  '街道（乡镇）总工会': 'street',
  园区工会: 'park',
  行业工会: 'park',
  园区行业工会: 'park',
  企业工会: 'grassroots',
  基层: 'grassroots',
  联合: 'joint',
}

/** The header row of a union import, in this spelling (any order; 统一社会信用代码 may be left out). */
export const UNION_IMPORT_COLUMNS = {
  name: '名称',
  parent: '上级工会',
  kind: '类型',
  address: '地址',
  contactName: '联系人',
  contactPhone: '联系电话',
  creditCode: '统一社会信用代码',
} as const
export type UnionImportColumn = keyof typeof UNION_IMPORT_COLUMNS
export const UNION_IMPORT_OPTIONAL_COLUMNS: readonly UnionImportColumn[] = ['creditCode']

/** Largest union file accepted, and most data rows in one. */
export const UNION_IMPORT_MAX_BYTES = 2 * 1024 * 1024
export const UNION_IMPORT_MAX_ROWS = 5_000

/** A mobile number, or a landline with its area code (0571-87654321, 057187654321), an extension allowed. */
export const UNION_PHONE_PATTERN = /^(1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(-\d{1,6})?)$/

/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from 0-9 and A-Z without I O Z S V, the last a check character
 * (weights 3^i mod 31). True when `code` (upper-cased) is well formed and its check character matches.
 */
export function isCreditCode(code: string): boolean {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY'
  const c = code.toUpperCase()
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(c)) return false
  let sum = 0
  for (let i = 0; i < 17; i++) sum += alphabet.indexOf(c[i]) * (3 ** i % 31)
  return alphabet[(31 - (sum % 31)) % 31] === c[17]
}
