/** 工会卡优惠商户: the categories and their Chinese labels, shared by server and app. Zod-free. */
import { keysOf } from '../labels'

export const MERCHANT_CATEGORIES = {
  food: '餐饮',
  supermarket: '超市',
  cinema: '影院',
  fitness: '健身',
  medical: '医疗',
  travel: '出行',
  other: '其他',
} as const
export type MerchantCategory = keyof typeof MERCHANT_CATEGORIES
export const MERCHANT_CATEGORY_KEYS = keysOf(MERCHANT_CATEGORIES)
