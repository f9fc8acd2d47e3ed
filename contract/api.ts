/**
 * Every endpoint table of the contract, by capability: what the server's access table must classify and the
 * authorization-matrix test enumerates. Server and tests only — the app imports each capability's table on its own,
 * so a page does not pull every table into its package.
 */
import { applicationsApi } from './applications/api'
import { auditApi } from './audit/api'
import { authApi } from './auth/api'
import { bookingsApi } from './bookings/api'
import { consoleApi } from './console/api'
import { eventsApi } from './events/api'
import { filesApi } from './files/api'
import { membershipApi } from './membership/api'
import { legalApi } from './legal/api'
import { dashboardApi } from './dashboard/api'
import { merchantsApi } from './merchants/api'
import { moderationApi } from './moderation/api'
import { notificationsApi } from './notifications/api'
import { privacyApi } from './privacy/api'
import { reliefApi } from './relief/api'
import { rosterApi } from './roster/api'
import { staffApi } from './staff/api'
import { stationsApi } from './stations/api'
import { systemApi } from './system/api'
import { unionsApi } from './unions/api'
import { vouchersApi } from './vouchers/api'

export const API = {
  system: systemApi,
  auth: authApi,
  console: consoleApi,
  unions: unionsApi,
  files: filesApi,
  notifications: notificationsApi,
  applications: applicationsApi,
  membership: membershipApi,
  roster: rosterApi,
  merchants: merchantsApi,
  vouchers: vouchersApi,
  events: eventsApi,
  relief: reliefApi,
  staff: staffApi,
  legal: legalApi,
  dashboard: dashboardApi,
  audit: auditApi,
  bookings: bookingsApi,
  stations: stationsApi,
  moderation: moderationApi,
  privacy: privacyApi,
} as const
