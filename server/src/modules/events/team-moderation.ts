/**
 * A team name under content review (内容审核): held for staff, the team is called TEAM_NAME_HELD meanwhile (by
 * everyone, the captain included, so no view or message can leak it); approved → the name applies; rejected → the
 * team is called TEAM_NAME_REJECTED and the captain is told (by moderation).
 */
import { and, eq } from 'drizzle-orm'
import { TEAM_NAME_HELD, TEAM_NAME_REJECTED } from '@contract/moderation/labels'
import { eventRegistrations } from '../../db/schema/events'
import type { ModerationHooks } from '../moderation'

/** The registration, while it still carries the held name. */
const stillHeld = (registrationId: string) => and(eq(eventRegistrations.id, Number(registrationId)), eq(eventRegistrations.teamName, TEAM_NAME_HELD))

export const eventModeration: ModerationHooks = {
  'events.team_name': {
    async approved(tx, item) {
      if (item.text === null) return
      await tx.update(eventRegistrations).set({ teamName: item.text }).where(stillHeld(item.subjectId))
    },
    async rejected(tx, item) {
      await tx.update(eventRegistrations).set({ teamName: TEAM_NAME_REJECTED }).where(stillHeld(item.subjectId))
    },
  },
}
