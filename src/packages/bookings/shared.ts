/**
 * What the bookings staff pages (src/packages/bookings-staff) use of the member package — the only file they import
 * from it. Re-exports only.
 */
export { slotWhen } from './format'
