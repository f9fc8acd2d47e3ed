/** 福利券 — the public face: what other modules and the app shell may use. */
export { VoucherService } from './service'
export { voucherRoutes } from './routes'
export { voucherJobs } from './jobs'
export * as voucherTargets from './targets'
export { insertCampaign } from './campaigns'
export { registryVenues } from './venues'
export { voucherPersonalData } from './personal-data'
export { voucherFigures } from './dashboard'
