/** staff's services, one per use case, built once by the app's container (`app.services.staff`). */
import type { AppDeps } from '../../http/deps'
import { InvitationService } from './invitations'
import { RedeemService } from './redeem'
import { RoleService } from './roles'
import { AppointableUnions } from './unions'

export interface StaffServices {
  /** An admin's invitations: create, list, revoke. */
  invitations: InvitationService
  /** Whoever holds a code: preview, accept. */
  redeem: RedeemService
  /** Roles of an admin's subtree: list, revoke. */
  roles: RoleService
  /** The unions where an admin may appoint (the invitation form's picker). */
  unions: AppointableUnions
}

export function staffServices(deps: AppDeps): StaffServices {
  return { invitations: new InvitationService(deps), redeem: new RedeemService(deps), roles: new RoleService(deps), unions: new AppointableUnions(deps) }
}
