/** 帮扶救助 — the public face: what other modules and the app shell may use. */
export { reliefService, type ReliefService } from './service'
export { AidTypeService } from './aid-types'
export { ensureAidTypes } from './aid-type-store'
export { reliefRoutes } from './routes'
export * as reliefTargets from './targets'
export { reliefPersonalData, reliefRetention } from './personal-data'
export { reliefFigures } from './dashboard'
export { reliefApplicationsFromJson, reliefApplicationsJson } from './my-applications'
