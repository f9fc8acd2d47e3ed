/** 法律援助 — the public face: what other modules and the app shell may use. */
export { legalService, type LegalService } from './service'
export { legalRoutes } from './routes'
export { legalApplicationItems, legalApplicationsFromJson, legalApplicationsJson } from './my-applications'
export * as legalTargets from './targets'
export { legalPersonalData } from './personal-data'
export { legalFigures } from './dashboard'
