/** Events endpoint schema groups (referenced by ../api.ts through `import type`, via ../schemas.ts). */
import { z } from 'zod'
import { EventIdParams, InviteCodeParams, ManualCheckinParams, RegistrationIdParams, TeamInviteParams, TeamMemberParams, isoInstant, page, pageFields } from './common'
import { Event, EventCounts, EventInput } from './event'
import { EventCard, EventListQuery, MemberEvent, MyRegistrationsQuery, RegisterBody, Registration, UploadedFile } from './registration'
import { InvitePreview, TeamView } from './team'
import { CheckinByCodeBody, CheckinCode, EventCheckinBody, CheckinResult, CheckinStats, CheckoutResult, EventQrToken, VolunteerHours } from './checkin'
import { DecideBody, DecideResult, ManageEventsQuery, ManageRegistrationsQuery, ManagedRegistration, Ranking, ScoresBody } from './manage'

export const list = { query: EventListQuery, response: page(EventCard) }
export const detail = { params: EventIdParams, response: z.object({ event: MemberEvent, serverTime: isoInstant }) }
export const upload = { response: UploadedFile }
export const register = { params: EventIdParams, body: RegisterBody, response: Registration }
export const myRegistrations = { query: MyRegistrationsQuery, response: page(Registration) }
export const registration = { params: RegistrationIdParams, response: z.object({ registration: Registration, serverTime: isoInstant }) }
export const cancel = { params: RegistrationIdParams, response: Registration }
export const checkinByToken = { body: EventCheckinBody, response: Registration }
export const checkinCode = { params: RegistrationIdParams, response: CheckinCode }
export const team = { params: RegistrationIdParams, response: TeamView }
export const invite = { params: RegistrationIdParams, response: TeamView }
export const withdrawInvite = { params: TeamInviteParams, response: TeamView }
export const removeMember = { params: TeamMemberParams, response: TeamView }
export const leaveTeam = { params: RegistrationIdParams, response: TeamView }
export const invitePreview = { params: InviteCodeParams, response: InvitePreview }
export const acceptInvite = { params: InviteCodeParams, response: TeamView }
export const ranking = { params: EventIdParams, response: Ranking }

export const createEvent = { body: EventInput, response: Event }
export const updateEvent = { params: EventIdParams, body: EventInput, response: Event }
export const manageEvents = { query: ManageEventsQuery, response: page(Event) }
export const manageEvent = { params: EventIdParams, response: Event }
export const manageRegistrations = {
  params: EventIdParams,
  query: ManageRegistrationsQuery,
  response: page(ManagedRegistration).extend({ counts: EventCounts }),
}
export const decide = { params: EventIdParams, body: DecideBody, response: DecideResult }
export const checkinByCode = { params: EventIdParams, body: CheckinByCodeBody, response: CheckinResult }
export const checkinManual = { params: ManualCheckinParams, response: CheckinResult }
export const checkoutByCode = { params: EventIdParams, body: CheckinByCodeBody, response: CheckoutResult }
export const checkoutManual = { params: ManualCheckinParams, response: CheckoutResult }
export const volunteerHours = { query: z.object(pageFields()), response: VolunteerHours }
export const checkinToken = { params: EventIdParams, response: EventQrToken }
export const checkinStats = { params: EventIdParams, response: CheckinStats }
export const saveScores = { params: EventIdParams, body: ScoresBody, response: Ranking }
export const manageRanking = { params: EventIdParams, response: Ranking }
/** The response is an .xlsx file (binary), not JSON. */
export const roster = { params: EventIdParams, response: z.unknown() }
