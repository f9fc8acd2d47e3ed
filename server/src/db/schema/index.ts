/**
 * The one pg-core schema, used by both drivers (PGlite and node-postgres), one file per capability.
 * Change it, then run `npm run db:generate` to add a versioned SQL migration under server/migrations/.
 * A new capability adds its file here.
 */
export * from './core'
export * from './membership'
export * from './merchants'
export * from './venues'
export * from './vouchers'
export * from './notifications'
export * from './events'
export * from './relief'
export * from './staff'
export * from './legal'
export * from './bookings'
export * from './stations'
export * from './moderation'
export * from './privacy'
export * from './console'
