/** 爱心驿站 / 户外劳动者服务站 — the public face. */
export { stationServices, type StationServices } from './services'
export { stationRoutes } from './routes'
export * as stationTargets from './targets'
export { stationNames, stationsUnder } from './manage'
export { stationPersonalData } from './personal-data'
export { stationFigures } from './dashboard'
