/**
 * Team invitations, the rows: random single-use codes (never member numbers, never sequential), valid until the
 * registration deadline. Lookups by code and their per-user limit: invite-lookups.ts.
 */
import { randomInt } from 'node:crypto'
import { and, asc, eq, isNull } from 'drizzle-orm'
import { INVITE_CODE_LENGTH } from '@contract/events/labels'
import type { Tx } from '../../db'
import { eventTeamInvites, type EventRow, type EventTeamInviteRow } from '../../db/schema/events'
import { teamClosesAt } from './team-rules'

const CODE_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789'

/** 8 characters of a 32-letter alphabet from the CSPRNG: 2^40 codes, never sequential. */
export function newInviteCode(): string {
  let out = ''
  for (let i = 0; i < INVITE_CODE_LENGTH; i++) out += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]
  return out
}

/** A new single-use invitation of the team, valid until the registration deadline. */
export async function createInvite(
  tx: Tx,
  e: EventRow,
  registrationId: number,
  createdBy: number,
  now: number,
): Promise<EventTeamInviteRow> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await tx
      .insert(eventTeamInvites)
      .values({
        eventId: e.id,
        registrationId,
        code: newInviteCode(),
        createdBy,
        createdAt: new Date(now),
        expiresAt: new Date(teamClosesAt(e)),
      })
      .onConflictDoNothing()
      .returning()
    if (row) return row
  }
  throw new Error('could not draw an unused invitation code')
}

/** Invitations nobody accepted or withdrew yet, oldest first. */
export async function pendingInvites(tx: Tx, registrationId: number) {
  return tx
    .select()
    .from(eventTeamInvites)
    .where(
      and(
        eq(eventTeamInvites.registrationId, registrationId),
        isNull(eventTeamInvites.acceptedAt),
        isNull(eventTeamInvites.withdrawnAt),
      ),
    )
    .orderBy(asc(eventTeamInvites.id))
}
