/** 帮扶救助 — the public face: what other modules and the app shell may use. */
export { ReliefService } from './service'
export { AidTypeService } from './aid-types'
export { reliefRoutes } from './routes'
export * as reliefTargets from './targets'
export { ensureAidTypes } from './aid-types'
