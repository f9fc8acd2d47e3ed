/** 在线预约 — the public face: what other modules and the app shell may use. */
export { bookingServices, type BookingServices } from './service'
export { bookingRoutes } from './routes'
export { bookingJobs } from './jobs'
export * as bookingTargets from './targets'
export { seedBookings } from './seed'
export { bookingPersonalData } from './personal-data'
