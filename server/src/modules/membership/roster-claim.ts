/**
 * 会员认证: a logged-in non-member claims the roster entry a union office imported for them — real name, ID number
 * and the phone's last 4 digits must all match an unclaimed entry. A match makes them a verified member at once (the
 * roster's 会员编号, else the generator's; joined on the roster's date), so the card works immediately; no review.
 *
 * Any mismatch — name, phone tail, an ID number not in the roster, an entry claimed already, a person who became a
 * member meanwhile — gets ROSTER_NO_MATCH, one sentence that says neither which field was wrong nor whether the ID
 * number is known. Each refusal is audited and counted per user and China-time day in the database
 * (`roster_claim_attempts`, as id-checks.ts does for joining); after ROSTER_CLAIMS_PER_DAY: 429 until the next day.
 * "One person, one membership" stays the memberships table's unique id_hash.
 */
import { and, eq, inArray, isNull, sql } from 'drizzle-orm'
import { MembershipReasons } from '@contract/membership/reasons'
import type { Membership } from '@contract/membership/schemas'
import { ROSTER_CLAIMS_PER_DAY } from '@contract/roster/labels'
import { RosterReasons } from '@contract/roster/reasons'
import type { RosterClaimBody } from '@contract/roster/schemas'
import type { AppDeps } from '../../http/deps'
import type { Db } from '../../db'
import { userRoles } from '../../db/schema/core'
import { joinDrafts, membershipApplications, memberships, rosterClaimAttempts, rosterEntries } from '../../db/schema/membership'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse, type AppError } from '../../errors'
import { isUniqueViolation } from '../../db/unique'
import { chinaDate } from '../../time'
import { memberOf } from './members'
import { nextMemberNo } from './member-numbers'
import { toMembership } from './views'

/** Thrown out of the claim transaction (rolling it back) so the refusal is counted in a transaction of its own. */
class NoMatch extends Error {
  constructor(readonly entryId: number | null) {
    super('no roster match')
    this.name = 'NoMatch'
  }
}

export class RosterClaimService {
  constructor(private readonly deps: AppDeps) {}

  async claim(user: AuthUser, input: RosterClaimBody): Promise<Membership> {
    try {
      return await this.claimTx(user, input)
    } catch (err) {
      if (err instanceof NoMatch) throw await recordFailedClaim(this.deps.db, user.userId, err.entryId, this.deps.now())
      // Became a member (by an approval) since the entry was read: the person is taken — the same one sentence.
      if (isUniqueViolation(err, 'memberships_id_hash_unique')) throw await recordFailedClaim(this.deps.db, user.userId, null, this.deps.now())
      if (isUniqueViolation(err, 'memberships_user_unique')) throw refuse(MembershipReasons.ALREADY_MEMBER)
      throw err
    }
  }

  private async claimTx(user: AuthUser, input: RosterClaimBody): Promise<Membership> {
    const { cipher } = this.deps
    return this.deps.db.transaction(async (tx) => {
      const nowMs = this.deps.now()
      const now = new Date(nowMs)
      const [used] = await tx
        .select({ attempts: rosterClaimAttempts.attempts })
        .from(rosterClaimAttempts)
        .where(and(eq(rosterClaimAttempts.userId, user.userId), eq(rosterClaimAttempts.day, chinaDate(nowMs))))
      if (used && used.attempts >= ROSTER_CLAIMS_PER_DAY) throw refuse(RosterReasons.ROSTER_CLAIMS_EXCEEDED)
      if (await memberOf(tx, user.userId)) throw refuse(MembershipReasons.ALREADY_MEMBER)
      const [pending] = await tx
        .select({ id: membershipApplications.id })
        .from(membershipApplications)
        .where(and(eq(membershipApplications.userId, user.userId), eq(membershipApplications.status, 'submitted')))
      if (pending) throw refuse(MembershipReasons.APPLICATION_PENDING)

      // The entry may carry the previous key's hash during a key rotation: look for the person under either.
      const idNumber = input.idNumber.trim().toUpperCase()
      const [entry] = await tx
        .select()
        .from(rosterEntries)
        .where(and(inArray(rosterEntries.idHash, cipher.idHashes(idNumber)), isNull(rosterEntries.claimedBy)))
        .for('update')
      if (!entry) throw new NoMatch(null)
      const nameMatches = entry.name === input.name.replace(/\s+/g, '')
      const phoneMatches = cipher.decrypt(entry.phoneEnc).slice(-4) === input.phoneTail
      if (!nameMatches || !phoneMatches) throw new NoMatch(entry.id)

      // The roster's number, unless a member holds it by now (then the generator's).
      const [numberTaken] = entry.memberNo
        ? await tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.memberNo, entry.memberNo))
        : []
      const memberNo = entry.memberNo && !numberTaken ? entry.memberNo : await nextMemberNo(tx, now)
      const [membership] = await tx
        .insert(memberships)
        .values({
          userId: user.userId,
          // The current key's pair whatever the entry's key: the UNIQUE id_hash compares like with like.
          idHash: cipher.idHash(idNumber),
          idNumberEnc: cipher.reencrypt(entry.idNumberEnc),
          memberNo,
          name: entry.name,
          orgId: entry.orgId,
          employmentType: entry.employmentType,
          joinedAt: new Date(`${entry.joinedOn}T00:00:00+08:00`),
        })
        .returning({ id: memberships.id })
      await tx.insert(userRoles).values({ userId: user.userId, orgId: entry.orgId, role: 'member' }).onConflictDoNothing()
      await tx
        .update(rosterEntries)
        .set({ claimedBy: user.userId, claimedAt: now, membershipId: membership.id, updatedAt: now })
        .where(eq(rosterEntries.id, entry.id))
      await tx.delete(joinDrafts).where(eq(joinDrafts.userId, user.userId))
      await audit(tx, {
        actorUserId: user.userId,
        action: 'membership.roster_claim',
        subjectType: 'membership',
        subjectId: membership.id,
        detail: { rosterEntryId: entry.id, memberNo, orgId: entry.orgId },
      })
      return toMembership((await memberOf(tx, user.userId))!)
    })
  }
}

/** Counts and audits one failed claim; the error to answer with (at most ROSTER_CLAIMS_PER_DAY a day get the 400). */
async function recordFailedClaim(db: Db, userId: number, entryId: number | null, nowMs: number): Promise<AppError> {
  return db.transaction(async (tx) => {
    const t = rosterClaimAttempts
    const counted = await tx
      .insert(t)
      .values({ userId, day: chinaDate(nowMs), attempts: 1 })
      .onConflictDoUpdate({ target: [t.userId, t.day], set: { attempts: sql`${t.attempts} + 1` }, setWhere: sql`${t.attempts} < ${ROSTER_CLAIMS_PER_DAY}` })
      .returning({ attempts: t.attempts })
    const limited = counted.length === 0
    await audit(tx, {
      actorUserId: userId,
      action: 'membership.roster_claim_failed',
      subjectType: entryId === null ? undefined : 'roster_entry',
      subjectId: entryId ?? undefined,
      detail: { attempts: counted[0]?.attempts ?? ROSTER_CLAIMS_PER_DAY, limited },
    })
    return limited ? refuse(RosterReasons.ROSTER_CLAIMS_EXCEEDED) : refuse(RosterReasons.ROSTER_NO_MATCH)
  })
}
