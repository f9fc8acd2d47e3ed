/**
 * Finding an invitation by its code, with a per-user limit on wrong codes (staff_invite_lookups): 10 in 15 minutes
 * → 429 until the window ends. Wrong codes are counted in their own transaction, so the count survives the refusal.
 */
import { eq, sql } from 'drizzle-orm'
import { STAFF_CODE_LENGTH, normaliseStaffCode } from '@contract/staff/labels'
import { StaffReasons } from '@contract/staff/reasons'
import { staffInvitations, staffInviteLookups } from '../../db/schema/staff'
import type { AppDeps } from '../../http/deps'
import { refuse } from '../../errors'
import { hashStaffCode } from './codes'

export const STAFF_CODE_FAILURES_MAX = 10
export const STAFF_CODE_WINDOW_MS = 15 * 60_000

/** The invitation's id by its code; 404 STAFF_INVITE_NOT_FOUND (counted), 429 past the limit. */
export async function findInvitation(deps: AppDeps, userId: number, rawCode: string): Promise<number> {
  const code = normaliseStaffCode(rawCode)
  const now = deps.now()
  const windowStart = new Date(now - STAFF_CODE_WINDOW_MS)
  const found = await deps.db.transaction(async (tx) => {
    const [seen] = await tx.select().from(staffInviteLookups).where(eq(staffInviteLookups.userId, userId))
    if (seen && seen.windowStartedAt > windowStart && seen.failures >= STAFF_CODE_FAILURES_MAX) {
      return { kind: 'limited' as const, ms: seen.windowStartedAt.getTime() + STAFF_CODE_WINDOW_MS - now }
    }
    const [row] =
      code.length === STAFF_CODE_LENGTH
        ? await tx.select({ id: staffInvitations.id }).from(staffInvitations).where(eq(staffInvitations.codeHash, hashStaffCode(code)))
        : []
    if (row) return { kind: 'found' as const, id: row.id }
    const fresh = sql`${staffInviteLookups.windowStartedAt} <= ${windowStart}`
    await tx
      .insert(staffInviteLookups)
      .values({ userId, windowStartedAt: new Date(now), failures: 1 })
      .onConflictDoUpdate({
        target: staffInviteLookups.userId,
        set: {
          failures: sql`case when ${fresh} then 1 else ${staffInviteLookups.failures} + 1 end`,
          windowStartedAt: sql`case when ${fresh} then ${new Date(now)} else ${staffInviteLookups.windowStartedAt} end`,
        },
      })
    return { kind: 'missing' as const }
  })
  if (found.kind === 'found') return found.id
  if (found.kind === 'limited') throw refuse(StaffReasons.STAFF_INVITE_RATE_LIMITED, { minutes: Math.max(1, Math.ceil(found.ms / 60_000)) })
  throw refuse(StaffReasons.STAFF_INVITE_NOT_FOUND)
}
