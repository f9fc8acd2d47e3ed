/** What vouchers' access rules are about (server/src/access.ts): a campaign's union, a voucher's owner. */
import { eq } from 'drizzle-orm'
import { orgs, voucherCampaigns, vouchers } from '../../db/schema'
import { idParam, resolver } from '../../http/access'

export const campaign = resolver('campaign', '活动不存在', async (db, input) => {
  const [row] = await db
    .select({ path: orgs.path })
    .from(voucherCampaigns)
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .where(eq(voucherCampaigns.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path } : null
})

export const voucher = resolver('voucher', '券不存在', async (db, input) => {
  const [row] = await db
    .select({ userId: vouchers.userId, path: orgs.path })
    .from(vouchers)
    .innerJoin(voucherCampaigns, eq(voucherCampaigns.id, vouchers.campaignId))
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .where(eq(vouchers.id, idParam(input)))
    .limit(1)
  return row ? { orgPath: row.path, ownerUserId: row.userId } : null
})
