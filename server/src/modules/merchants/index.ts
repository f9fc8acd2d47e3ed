/** 工会卡优惠商户 — the public face. */
export { MerchantService } from './service'
export { merchantRoutes } from './routes'
export * as merchantTargets from './targets'
