/** membership's services, one per use case, built once by the app's container (`app.services.membership`). */
import type { AppDeps } from '../../http/deps'
import { CardService } from './card'
import { JoiningService } from './joining'
import { ReviewService } from './review'

export interface MembershipServices {
  /** 入会: unions, the caller's state, draft, phone number, submit. */
  joining: JoiningService
  /** 入会审核: queue, detail, approve, reject. */
  review: ReviewService
  /** 电子会员卡: the card and its verification. */
  card: CardService
}

export function membershipServices(deps: AppDeps): MembershipServices {
  return { joining: new JoiningService(deps), review: new ReviewService(deps), card: new CardService(deps) }
}
