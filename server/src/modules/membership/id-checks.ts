/**
 * "Is this ID number taken?" without an oracle. A join submission whose ID number is already a member's, or in
 * someone else's application under review, is refused with one sentence that names no union and does not say
 * which of the two it is. Each such refusal is audited and counted per user and China-time day in the database
 * (`membership_id_conflicts`), so the limit holds across server instances: after ID_CONFLICTS_PER_DAY refusals the
 * user's submissions get a 429 until the next day.
 */
import { and, eq, inArray, sql } from 'drizzle-orm'
import { MembershipReasons } from '@contract/membership/reasons'
import type { Db, Tx } from '../../db'
import { membershipApplications, membershipIdConflicts, memberships } from '../../db/schema/membership'
import { audit } from '../../audit'
import { refuseAt, type AppError } from '../../errors'
import { chinaDate } from '../../time'

export const ID_CONFLICTS_PER_DAY = 5

const idRegistered = () => refuseAt('idNumber', MembershipReasons.MEMBERSHIP_ID_REGISTERED)
const idChecksExceeded = () => refuseAt('idNumber', MembershipReasons.MEMBERSHIP_ID_CHECKS_EXCEEDED)

/** What the ID number collided with (for the audit log only; never told to the applicant). */
export interface IdConflict {
  reason: 'member' | 'pending'
  subjectType: 'membership' | 'membership_application'
  subjectId: number
}

/** Thrown out of the submit transaction (rolling it back) so the refusal is counted in a transaction of its own. */
export class IdTaken extends Error {
  constructor(readonly conflict: IdConflict) {
    super('ID number already registered')
    this.name = 'IdTaken'
  }
}

/** 429 once the user has used up today's refusals. */
export async function assertIdChecksLeft(tx: Tx, userId: number, nowMs: number): Promise<void> {
  const [row] = await tx
    .select({ attempts: membershipIdConflicts.attempts })
    .from(membershipIdConflicts)
    .where(and(eq(membershipIdConflicts.userId, userId), eq(membershipIdConflicts.day, chinaDate(nowMs))))
  if (row && row.attempts >= ID_CONFLICTS_PER_DAY) throw idChecksExceeded()
}

/**
 * The membership or another user's pending application that holds this person, if any: `idHashes` are the
 * person's hashes under every key of the keyring (`DataCipher.idHashes`; two during a key rotation).
 */
export async function findIdConflict(tx: Tx, idHashes: string[], userId: number): Promise<IdConflict | null> {
  const [member] = await tx.select({ id: memberships.id }).from(memberships).where(inArray(memberships.idHash, idHashes)).limit(1)
  if (member) return { reason: 'member', subjectType: 'membership', subjectId: member.id }
  const [pending] = await tx
    .select({ id: membershipApplications.id })
    .from(membershipApplications)
    .where(
      and(
        inArray(membershipApplications.idHash, idHashes),
        eq(membershipApplications.status, 'submitted'),
        sql`${membershipApplications.userId} <> ${userId}`,
      ),
    )
    .limit(1)
  return pending ? { reason: 'pending', subjectType: 'membership_application', subjectId: pending.id } : null
}

/**
 * Counts and audits one refusal; the error to answer with. The count is taken by one conditional upsert, so of
 * any number of concurrent refusals at most ID_CONFLICTS_PER_DAY a day get the 409, the rest a 429.
 */
export async function recordIdConflict(db: Db, userId: number, conflict: IdConflict, nowMs: number): Promise<AppError> {
  return db.transaction(async (tx) => {
    const t = membershipIdConflicts
    const counted = await tx
      .insert(t)
      .values({ userId, day: chinaDate(nowMs), attempts: 1 })
      .onConflictDoUpdate({
        target: [t.userId, t.day],
        set: { attempts: sql`${t.attempts} + 1` },
        setWhere: sql`${t.attempts} < ${ID_CONFLICTS_PER_DAY}`,
      })
      .returning({ attempts: t.attempts })
    const limited = counted.length === 0
    await audit(tx, {
      actorUserId: userId,
      action: 'membership.id_conflict',
      subjectType: conflict.subjectType,
      subjectId: conflict.subjectId,
      detail: { reason: conflict.reason, attempts: counted[0]?.attempts ?? ID_CONFLICTS_PER_DAY, limited },
    })
    return limited ? idChecksExceeded() : idRegistered()
  })
}
