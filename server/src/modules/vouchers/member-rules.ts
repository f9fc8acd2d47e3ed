/**
 * What every member action on a campaign shares (enter, withdraw, join the waitlist): the member checks, and the
 * per-member limit as a `voucher_quotas` counter. The first-come claim makes the same checks inside its database
 * function (claim.ts, voucher_claim_batch), on the same published membership (`member_directory`).
 */
import { eq, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { rowsOf, type Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { voucherCampaigns, type VoucherCampaignRow } from '../../db/schema/vouchers'
import { inSubtree } from '../../auth/policy'
import { refuse } from '../../errors'
import { memberDirectory } from '../membership'

const memberOrgs = alias(orgs, 'member_orgs')

/**
 * The campaign and the caller's membership in one round trip, with the member checks every member action
 * shares: a member of the campaign's subtree, of an eligible employment type.
 */
export async function loadForMember(tx: Tx, userId: number, campaignId: number): Promise<VoucherCampaignRow> {
  const [row] = await tx
    .select({
      c: voucherCampaigns,
      orgPath: orgs.path,
      employmentType: memberDirectory.employmentType,
      memberOrgPath: memberOrgs.path,
    })
    .from(voucherCampaigns)
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .leftJoin(memberDirectory, eq(memberDirectory.userId, userId))
    .leftJoin(memberOrgs, eq(memberOrgs.id, memberDirectory.orgId))
    .where(eq(voucherCampaigns.id, campaignId))
  if (!row) throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
  const c = row.c
  const member = row.employmentType && row.memberOrgPath ? { employmentType: row.employmentType, orgPath: row.memberOrgPath } : null
  if (!member) throw refuse(VoucherReasons.NOT_MEMBER)
  if (!inSubtree(row.orgPath, member.orgPath)) throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
  if (c.eligibleEmploymentTypes && !c.eligibleEmploymentTypes.includes(member.employmentType)) {
    throw refuse(VoucherReasons.NOT_ELIGIBLE)
  }
  return c
}

/** Takes one unit of the member's limit (false: limit reached). The row lock serialises one member's actions. */
export async function takeQuota(tx: Tx, userId: number, scope: string, limit: number): Promise<boolean> {
  const rows = rowsOf<{ used: number }>(
    await tx.execute(sql`
      insert into voucher_quotas (user_id, scope, used) values (${userId}, ${scope}, 1)
      on conflict (user_id, scope) do update set used = voucher_quotas.used + 1
        where voucher_quotas.used < ${limit}
      returning used`),
  )
  return rows.length > 0
}

/** Gives one unit of the member's limit back (a return, a lost or withdrawn entry, a lapsed win). */
export async function giveQuota(tx: Tx, userId: number, scope: string): Promise<void> {
  await tx.execute(sql`update voucher_quotas set used = used - 1
    where user_id = ${userId} and scope = ${scope} and used > 0`)
}
