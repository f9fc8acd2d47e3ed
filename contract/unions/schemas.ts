/** 工会组织: browse, create, edit, move, close / reopen and import the unions of an admin's subtree. */
import { z } from 'zod'
import { ImportReport } from '../imports'
import { nextCursor, PageQuery } from '../paging'
import { isCreditCode, UNION_KINDS, UNION_PHONE_PATTERN } from './labels'

const id = z.coerce.number().int().positive()
const Ok = z.object({ ok: z.literal(true) })
const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .trim()
    .max(max, tooLong)
    .transform((v) => (v === '' ? null : v))
    .nullable()
    .default(null)

export const UnionKind = z.enum(UNION_KINDS, { error: '请选择工会类型' })

export const UnionNode = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: UnionKind,
  kindLabel: z.string(),
  parentId: z.number().int().nullable(),
  parentName: z.string().nullable(),
  /** 1 = the root of the tree, 2 = its children … */
  level: z.number().int(),
  address: z.string().nullable(),
  latitude: z.number().nullable(),
  longitude: z.number().nullable(),
  contactName: z.string().nullable(),
  contactPhone: z.string().nullable(),
  creditCode: z.string().nullable(),
  /** Sub-unions not closed. */
  childCount: z.number().int(),
  /** When it was closed (撤销), or null. */
  closedAt: z.string().nullable(),
  /** May the caller move or close it (false for the union their own post is at, and for the root). */
  movable: z.boolean(),
})
export type UnionNode = z.infer<typeof UnionNode>

export const UnionDetail = UnionNode.extend({
  /** Active members of this union itself (not its sub-unions). */
  memberCount: z.number().int(),
})
export type UnionDetail = z.infer<typeof UnionDetail>

export const UnionListQuery = PageQuery.extend({
  /** The children of this union; without it (and without `q`): the unions the caller's posts are at. */
  parentId: id.optional(),
  /** A name to search for anywhere in the caller's subtrees. */
  q: z.string().trim().max(50).optional(),
  /** Closed unions too (default: open ones only). */
  includeClosed: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
})

export const UnionList = z.object({ items: z.array(UnionNode), nextCursor })
export type UnionList = z.infer<typeof UnionList>

const latitude = z.number().min(3, '纬度超出中国范围').max(54, '纬度超出中国范围').nullable().default(null)
const longitude = z.number().min(73, '经度超出中国范围').max(136, '经度超出中国范围').nullable().default(null)

/** What an admin edits on a union (create: plus its parent). */
export const UnionFields = z
  .object({
    name: z.string().trim().min(2, '请填写工会名称（至少 2 个字）').max(60, '工会名称最多 60 个字'),
    kind: UnionKind,
    address: z.string().trim().min(4, '请填写工会地址，会员入会和找工会时会看到').max(120, '地址最多 120 个字'),
    latitude,
    longitude,
    contactName: optionalText(30, '联系人最多 30 个字'),
    contactPhone: z
      .string()
      .trim()
      .transform((v) => v.replace(/\s/g, ''))
      .refine((v) => v === '' || UNION_PHONE_PATTERN.test(v), '请填写手机号或带区号的座机号，如 0571-87654321')
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .default(null),
    creditCode: z
      .string()
      .trim()
      .transform((v) => v.toUpperCase())
      .refine((v) => v === '' || isCreditCode(v), '统一社会信用代码应为 18 位且校验位正确')
      .transform((v) => (v === '' ? null : v))
      .nullable()
      .default(null),
  })
  .refine((v) => (v.latitude === null) === (v.longitude === null), { path: ['longitude'], message: '请同时填写经度和纬度，或都不填' })
export type UnionFields = z.input<typeof UnionFields>
/** UnionFields as parsed: trimmed, blanks as null — what the server's use cases take. */
export type UnionValues = z.output<typeof UnionFields>

export const CreateUnionBody = z.intersection(z.object({ parentId: z.number({ error: '请选择上级工会' }).int().positive() }), UnionFields)
export type CreateUnionBody = z.input<typeof CreateUnionBody>

export const MoveUnionBody = z.object({ parentId: z.number({ error: '请选择新的上级工会' }).int().positive() })
export const CloseUnionBody = z.object({ reason: z.string().trim().min(2, '请填写撤销原因').max(200, '原因最多 200 个字') })

// ---------- endpoint schema groups ----------

export const list = { query: UnionListQuery, response: UnionList }
export const detail = { params: z.object({ id }), response: UnionDetail }
export const create = { body: CreateUnionBody, response: UnionDetail }
export const update = { params: z.object({ id }), body: UnionFields, response: UnionDetail }
export const move = { params: z.object({ id }), body: MoveUnionBody, response: UnionDetail }
export const close = { params: z.object({ id }), body: CloseUnionBody, response: UnionDetail }
export const reopen = { params: z.object({ id }), response: UnionDetail }
/** Multipart: one `file` part (.xlsx or .csv). */
export const importDryRun = { response: ImportReport }
export const importCommit = { response: ImportReport }

export { Ok }
