/** What vouchers' access rules are about (server/src/access.ts): a campaign's union, a voucher's owner. */
import { eq } from 'drizzle-orm'
import { orgs } from '../../db/schema/core'
import { voucherCampaigns, vouchers } from '../../db/schema/vouchers'
import { ErrorCodes } from '@contract/errors'
import { idParam, resolver } from '../../http/access'
import { AppError } from '../../errors'

/** A campaign's figures and export are for its managers: what anyone else who asks is told. */
export const managersOnly = () => new AppError(403, ErrorCodes.CAMPAIGN_MANAGERS_ONLY, '活动数据与导出仅限活动管理员查看')

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
