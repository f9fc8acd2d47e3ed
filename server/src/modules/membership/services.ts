/** membership's services, one per use case, built once by the app's container (`app.services.membership`). */
import type { AppDeps } from '../../http/deps'
import { CardService } from './card'
import { departures } from './departures'
import { JoiningService } from './joining'
import { ReviewService } from './review'
import { RosterClaimService } from './roster-claim'
import { RosterImportService } from './roster-import'

export interface MembershipServices {
  /** 入会: unions, the caller's state, draft, phone number, submit. */
  joining: JoiningService
  /** 入会审核: queue, detail, approve, reject. */
  review: ReviewService
  /** 电子会员卡: the card and its verification. */
  card: CardService
  /** 会员实名制台账: dry run and commit of an admin's roster file. */
  roster: RosterImportService
  /** 会员认证: claiming an imported roster entry. */
  claim: RosterClaimService
  /** 退会: the member's request, the union's confirmation (issue 19). */
  departures: ReturnType<typeof departures>
}

export function membershipServices(deps: AppDeps): MembershipServices {
  return {
    joining: new JoiningService(deps),
    review: new ReviewService(deps),
    card: new CardService(deps),
    roster: new RosterImportService(deps),
    claim: new RosterClaimService(deps),
    departures: departures(deps),
  }
}
