/** 工会卡优惠商户 — the public face. */
export { merchantServices, type MerchantServices } from './services'
export { merchantRoutes } from './routes'
export * as merchantTargets from './targets'
