/**
 * 新福利上线: a published campaign is announced to the members of its union's subtree (of its eligible employment
 * types) — a marketing notice (`vouchers.new_campaign`, contract MARKETING_KINDS): members who closed marketing
 * notices in 消息设置 get none, and it has no WeChat template. The campaign's transaction only queues the
 * announcement; the notifications module's announcements job delivers it in batches.
 */
import { CAMPAIGN_KINDS, CAMPAIGN_MODES } from '@contract/vouchers/labels'
import { pages } from '@contract/pages'
import type { Tx } from '../../db'
import { chinaTime } from '../../time'
import { announce } from '../notifications'
import type { CampaignRow } from './venues'

/** Venue names in the body: the first few, then 等 N 个场所. */
const VENUES_NAMED = 3

export function newCampaignNotice(row: CampaignRow, orgName: string): { title: string; body: string; link: string } {
  const names = row.venues.map((v) => v.name)
  const where = names.length === 0 ? '' : names.length <= VENUES_NAMED ? `，适用：${names.join('、')}` : `，适用：${names.slice(0, VENUES_NAMED).join('、')} 等 ${names.length} 个场所`
  const opens = row.mode === 'lottery' ? '开始报名抽签' : '开始领取'
  return {
    title: `新福利：${row.title}`,
    body: `${orgName}发布了${CAMPAIGN_KINDS[row.kind]}福利「${row.title}」（${CAMPAIGN_MODES[row.mode]}），${chinaTime(row.opensAt.getTime())} ${opens}${where}。`,
    link: pages.vouchers.campaign.url({ id: row.id }),
  }
}

/** Queues the 新福利上线 announcement of a campaign just created (in its transaction). */
export async function announceCampaign(tx: Tx, row: CampaignRow, org: { name: string; path: string }): Promise<void> {
  await announce(tx, {
    kind: 'vouchers.new_campaign',
    subjectType: 'voucher_campaign',
    subjectId: row.id,
    orgPath: org.path,
    employmentTypes: row.eligibleEmploymentTypes,
    ...newCampaignNotice(row, org.name),
  })
}
