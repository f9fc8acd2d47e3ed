/** 工会卡优惠商户: an offer, the member's list (nearest first), the admin's list and form. */
import { z } from 'zod'
import { MERCHANT_CATEGORY_KEYS } from './labels'
import { nextCursor, PageQuery } from '../paging'

const id = z.coerce.number().int().positive()
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export const MerchantCategory = z.enum(MERCHANT_CATEGORY_KEYS, { error: '请选择商户类别' })

export const MerchantInput = z
  .object({
    name: z.string().trim().min(2, '请填写商户名称').max(40),
    category: MerchantCategory,
    offer: z.string().trim().min(2, '请填写优惠内容，如“满100减20”').max(60),
    validFrom: isoDate,
    validTo: isoDate,
    address: z.string().trim().min(4, '请填写地址').max(120),
    lat: z.number().min(-90).max(90),
    lng: z.number().min(-180).max(180),
    /** The union that offers it (admin's subtree). */
    orgId: z.number().int(),
  })
  .refine((v) => v.validTo >= v.validFrom, { path: ['validTo'], message: '截止日期不能早于开始日期' })
export type MerchantInput = z.infer<typeof MerchantInput>

export const Merchant = z.object({
  id: z.number().int(),
  name: z.string(),
  category: MerchantCategory,
  offer: z.string(),
  validFrom: isoDate,
  validTo: isoDate,
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
  orgId: z.number().int(),
  /** Null when the member's position is unknown. */
  distanceMeters: z.number().nullable(),
})
export type Merchant = z.infer<typeof Merchant>

/** Nearest first. The next pages measure from the first page's origin (it travels in the cursor). */
export const MerchantQuery = PageQuery.extend({
  category: MerchantCategory.optional(),
  lat: z.coerce.number().min(-90).max(90).optional(),
  lng: z.coerce.number().min(-180).max(180).optional(),
})
export const MerchantList = z.object({
  /** Offers of the caller's own union and the unions above it (never a sibling branch's). */
  items: z.array(Merchant),
  /** Where distances were measured from: the device, or the union's city centre as a fallback. */
  origin: z.object({ lat: z.number(), lng: z.number(), source: z.enum(['device', 'union_city']) }),
  nextCursor,
})
export type MerchantList = z.infer<typeof MerchantList>
export const MerchantIdParams = z.object({ id })

/** The admin's view: every offer of their unions that is not taken down, with where it stands today. */
export const ManagedMerchant = Merchant.extend({ state: z.enum(['active', 'upcoming', 'expired']) })
export type ManagedMerchant = z.infer<typeof ManagedMerchant>
/** Latest end date first (valid_to DESC, then id). */
export const ManagedMerchantQuery = PageQuery
export const ManagedMerchantList = z.object({ items: z.array(ManagedMerchant), nextCursor })
export type ManagedMerchantList = z.infer<typeof ManagedMerchantList>

const Ok = z.object({ ok: z.literal(true) })

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const list = { query: MerchantQuery, response: MerchantList }
export const manage = { query: ManagedMerchantQuery, response: ManagedMerchantList }
export const create = { body: MerchantInput, response: Merchant }
export const update = { params: MerchantIdParams, body: MerchantInput, response: Merchant }
export const takeDown = { params: MerchantIdParams, response: Ok }
