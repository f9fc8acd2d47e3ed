/**
 * Finding an invitation by its code, with a per-user limit on wrong codes (event_invite_lookups): 10 in 15 minutes
 * → 429 until the window ends. Wrong codes are counted in their own transaction, so the count survives the refusal.
 */
import { eq, sql } from 'drizzle-orm'
import { INVITE_CODE_LENGTH, normaliseInviteCode } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import { eventInviteLookups, eventTeamInvites } from '../../db/schema/events'
import type { AppDeps } from '../../http/deps'
import { refuse } from '../../errors'

/** Wrong invitation codes a user may try per window before being refused for the rest of it. */
export const INVITE_FAILURES_MAX = 10
export const INVITE_WINDOW_MS = 15 * 60_000

/** The invitation's id by its code; 404 EVENT_INVITE_NOT_FOUND (counted), 429 EVENT_INVITE_RATE_LIMITED past the limit. */
export async function findInvite(deps: AppDeps, userId: number, rawCode: string): Promise<number> {
  const code = normaliseInviteCode(rawCode)
  const now = deps.now()
  const windowStart = new Date(now - INVITE_WINDOW_MS)
  const found = await deps.db.transaction(async (tx) => {
    const [seen] = await tx.select().from(eventInviteLookups).where(eq(eventInviteLookups.userId, userId))
    if (seen && seen.windowStartedAt > windowStart && seen.failures >= INVITE_FAILURES_MAX) {
      return { kind: 'limited' as const, ms: seen.windowStartedAt.getTime() + INVITE_WINDOW_MS - now }
    }
    const [invite] = code.length === INVITE_CODE_LENGTH ? await tx.select({ id: eventTeamInvites.id }).from(eventTeamInvites).where(eq(eventTeamInvites.code, code)) : []
    if (invite) return { kind: 'found' as const, id: invite.id }
    const fresh = sql`${eventInviteLookups.windowStartedAt} <= ${windowStart}`
    await tx
      .insert(eventInviteLookups)
      .values({ userId, windowStartedAt: new Date(now), failures: 1 })
      .onConflictDoUpdate({
        target: eventInviteLookups.userId,
        set: {
          failures: sql`case when ${fresh} then 1 else ${eventInviteLookups.failures} + 1 end`,
          windowStartedAt: sql`case when ${fresh} then ${new Date(now)} else ${eventInviteLookups.windowStartedAt} end`,
        },
      })
    return { kind: 'missing' as const }
  })
  if (found.kind === 'found') return found.id
  if (found.kind === 'limited') throw refuse(EventReasons.EVENT_INVITE_RATE_LIMITED, { minutes: Math.max(1, Math.ceil(found.ms / 60_000)) })
  throw refuse(EventReasons.EVENT_INVITE_NOT_FOUND)
}
