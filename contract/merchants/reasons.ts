/**
 * 工会卡优惠商户 refusals, declared once: the server refuses by these names (`refuse(MerchantReasons.X)`), the
 * response carries the name as `reason`. The messages are what the admin reads. Zod-free.
 */
import { defineReasons } from '../reasons'

export const MerchantReasons = defineReasons({
  /** The offer does not exist, or was taken down (下架): nothing to change any more. */
  MERCHANT_NOT_FOUND: { status: 404, message: '商户不存在或已下架' },
  /** The form names a union that does not exist (beside `orgId`). */
  MERCHANT_ORG_UNKNOWN: { status: 400, message: '所属工会不存在' },
})

export type MerchantReason = keyof typeof MerchantReasons
