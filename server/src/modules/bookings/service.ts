/** The bookings service facade: one object per use-case file, built once per app (container.ts). */
import type { AppDeps } from '../../http/deps'
import { manageBookings } from './manage'
import { memberBookings } from './members'
import { reminders } from './reminders'

export function bookingServices(deps: AppDeps) {
  return { members: memberBookings(deps), manage: manageBookings(deps), reminders: reminders(deps) }
}
export type BookingServices = ReturnType<typeof bookingServices>
