/** Signed file downloads and the sweep of unattached uploads — the public face. */
export { fileRoutes } from './routes'
export { fileJobs } from './jobs'
export { filePersonalData } from './personal-data'
