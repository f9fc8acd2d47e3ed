/** merchants' services, one per use case, built once by the app's container (`app.services.merchants`). */
import type { AppDeps } from '../../http/deps'
import { OfferAdminService } from './manage'
import { OfferListService } from './offers'

export interface MerchantServices {
  /** The member's list: active offers of their unions, nearest first. */
  offers: OfferListService
  /** The admin's list, create, update, take down. */
  admin: OfferAdminService
}

export function merchantServices(deps: AppDeps): MerchantServices {
  return { offers: new OfferListService(deps), admin: new OfferAdminService(deps) }
}
