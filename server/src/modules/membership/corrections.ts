/**
 * 更正 (issue 19), membership's side: what is on file for a member (the verified name on the membership, the phone of
 * the record that verified them — the approved joining application or the claimed roster entry) and the change itself,
 * made in the caller's transaction (privacy's correction use case, after a reviewer of the member's union approved it).
 */
import { eq } from 'drizzle-orm'
import type { DataCipher } from '../../crypto/data'
import type { DbOrTx, Tx } from '../../db'
import { membershipApplications, memberships, rosterEntries } from '../../db/schema/membership'

export interface MemberOnFile {
  membershipId: number
  orgId: number
  memberNo: string
  name: string
  /** Null: no phone on file (a membership from before phones were taken, e.g. the demo member). */
  phone: string | null
}

/** The member's verified name and phone, or null when the user is not a member. */
export async function memberOnFile(db: DbOrTx, cipher: DataCipher, userId: number): Promise<MemberOnFile | null> {
  const [m] = await db.select().from(memberships).where(eq(memberships.userId, userId))
  if (!m) return null
  const sources = await phoneSources(db, m.id, m.applicationId)
  const enc = sources.application?.phoneEnc ?? sources.roster?.phoneEnc ?? null
  let phone: string | null = null
  try {
    phone = enc ? cipher.decrypt(enc) : null
  } catch {
    phone = null
  }
  return { membershipId: m.id, orgId: m.orgId, memberNo: m.memberNo, name: m.name, phone }
}

async function phoneSources(db: DbOrTx, membershipId: number, applicationId: number | null) {
  const [application] = applicationId
    ? await db.select({ id: membershipApplications.id, phoneEnc: membershipApplications.phoneEnc }).from(membershipApplications).where(eq(membershipApplications.id, applicationId))
    : []
  const [roster] = await db.select({ id: rosterEntries.id, phoneEnc: rosterEntries.phoneEnc }).from(rosterEntries).where(eq(rosterEntries.membershipId, membershipId))
  return { application, roster }
}

/**
 * Writes an approved correction: the name on the membership (what the card, the member directory and every
 * capability read) and on the verifying record; the phone on the verifying record(s), encrypted under the current key.
 * (A phone correction is refused at the request when no verifying record holds a phone.) Returns which fields were
 * written.
 */
export async function correctMembership(
  tx: Tx,
  cipher: DataCipher,
  userId: number,
  change: { name?: string; phone?: string },
  now: Date,
): Promise<{ name: boolean; phone: boolean } | null> {
  const [m] = await tx.select().from(memberships).where(eq(memberships.userId, userId)).for('update')
  if (!m) return null
  const { application, roster } = await phoneSources(tx, m.id, m.applicationId)
  if (change.name) await tx.update(memberships).set({ name: change.name }).where(eq(memberships.id, m.id))
  const phoneEnc = change.phone ? cipher.encrypt(change.phone) : undefined
  const set = { ...(change.name ? { name: change.name } : {}), ...(phoneEnc ? { phoneEnc } : {}) }
  if (Object.keys(set).length > 0) {
    if (application) await tx.update(membershipApplications).set(set).where(eq(membershipApplications.id, application.id))
    if (roster) await tx.update(rosterEntries).set({ ...set, updatedAt: now }).where(eq(rosterEntries.id, roster.id))
  }
  return { name: !!change.name, phone: !!phoneEnc && !!(application || roster) }
}
