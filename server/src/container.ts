/**
 * The services, built once per app (not once per plugin that uses them): one ClaimBatcher for the routes and the
 * jobs. Plugins reach them as `app.services`.
 */
import type { AppDeps } from './http/deps'
import { AuthService } from './modules/auth'
import { membershipServices, subtreeMemberIds, type MembershipServices } from './modules/membership'
import { merchantServices, type MerchantServices } from './modules/merchants'
import { VoucherService } from './modules/vouchers'
import { eventService, teamService, type EventService, type TeamService } from './modules/events'
import { AidTypeService, reliefService, type ReliefService } from './modules/relief'
import { NotificationService } from './modules/notifications'
import { staffServices, type StaffServices } from './modules/staff'
import { unionServices, type UnionServices } from './modules/unions'
import { legalService, type LegalService } from './modules/legal'
import { bookingServices, type BookingServices } from './modules/bookings'
import { stationServices, type StationServices } from './modules/stations'
import { ModerationService } from './modules/moderation'
import { authModeration } from './modules/auth'
import { eventModeration } from './modules/events'
import { cancelErasureOnLogin, privacyServices, type PrivacyServices } from './modules/privacy'
import { ConsoleLoginService } from './modules/console'

export interface Services {
  auth: AuthService
  membership: MembershipServices
  merchants: MerchantServices
  vouchers: VoucherService
  events: EventService
  teams: TeamService
  relief: ReliefService
  aidTypes: AidTypeService
  notifications: NotificationService
  staff: StaffServices
  unions: UnionServices
  legal: LegalService
  bookings: BookingServices
  stations: StationServices
  moderation: ModerationService
  privacy: PrivacyServices
  console: ConsoleLoginService
}

export function buildServices(deps: AppDeps): Services {
  // 注销账号 (issue 19): a login during the cooling-off period cancels the request.
  const auth = new AuthService(deps, { onLogin: cancelErasureOnLogin })
  return {
    auth,
    membership: membershipServices(deps),
    merchants: merchantServices(deps),
    vouchers: new VoucherService(deps),
    events: eventService(deps),
    teams: teamService(deps),
    relief: reliefService(deps),
    aidTypes: new AidTypeService(deps),
    // 公告 reach the members of a union's subtree: membership says who they are.
    notifications: new NotificationService(deps, { audience: subtreeMemberIds }),
    staff: staffServices(deps),
    unions: unionServices(deps),
    legal: legalService(deps),
    bookings: bookingServices(deps),
    stations: stationServices(deps),
    // 内容审核: a held nickname or team name applies when staff approve it (the subjects' hooks).
    moderation: new ModerationService(deps, { ...authModeration, ...eventModeration }),
    privacy: privacyServices(deps),
    // 扫码登录: a console session is a login of the confirmer (auth's persona login for the console's 演示登录).
    console: new ConsoleLoginService(deps, auth),
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    services: Services
  }
}
