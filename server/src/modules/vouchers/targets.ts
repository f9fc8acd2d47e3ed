/** What vouchers' access rules are about (server/src/access.ts): a campaign's union, a voucher's owner. */
import { eq } from 'drizzle-orm'
import { orgs } from '../../db/schema/core'
import { voucherCampaigns, vouchers } from '../../db/schema/vouchers'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { idParam, resolver } from '../../http/access'
import { refuse } from '../../errors'

/** A campaign's figures and export are for its managers: what anyone else who asks is told. */
export const managersOnly = () => refuse(VoucherReasons.CAMPAIGN_MANAGERS_ONLY)

export const campaign = resolver('campaign', VoucherReasons.CAMPAIGN_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(voucherCampaigns)
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .where(eq(voucherCampaigns.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path } : null
})

export const voucher = resolver('voucher', VoucherReasons.VOUCHER_NOT_FOUND, async (db, input) => {
  const [row] = await db
    .select({ userId: vouchers.userId, path: orgs.path })
    .from(vouchers)
    .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .where(eq(vouchers.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})
