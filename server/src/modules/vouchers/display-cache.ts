/**
 * What the first-come claim shows around its one database call, cached for a moment: during a flash crowd every
 * tap of a campaign would otherwise read the same campaign row (for the reply's title, kind and venues and the
 * limit's wording) and, once a venue sells out, the same per-venue stock. Rules never read these: the database
 * function decides every claim.
 */
import { eq } from 'drizzle-orm'
import { VoucherReasons } from '@contract/vouchers/reasons'
import type { Db } from '../../db'
import { voucherCampaigns } from '../../db/schema/vouchers'
import { refuse } from '../../errors'
import { venueRemainingOf } from './reads'
import { campaignWithVenues, type CampaignRow } from './venues'

/** How long a campaign row may be reused for a claim's reply (display fields only). */
const DISPLAY_CACHE_MS = 2_000
/** How long the per-venue stock of a sold-out message may be reused. */
const VENUE_LEFT_CACHE_MS = 1_000
const MAX_ENTRIES = 500

export class DisplayCache {
  private readonly campaigns = new Map<number, { row: CampaignRow; until: number }>()
  private readonly venueLeftCache = new Map<number, { left: Map<number, number>; until: number }>()

  constructor(private readonly db: Db) {}

  /** A campaign row with its venues (title, kind, venues, limit), at most DISPLAY_CACHE_MS old. */
  async campaign(campaignId: number): Promise<CampaignRow> {
    const cached = this.campaigns.get(campaignId)
    if (cached && cached.until > Date.now()) return cached.row
    const [row] = await this.db.select(campaignWithVenues).from(voucherCampaigns).where(eq(voucherCampaigns.id, campaignId))
    if (!row) throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
    if (this.campaigns.size > MAX_ENTRIES) this.campaigns.clear()
    this.campaigns.set(campaignId, { row, until: Date.now() + DISPLAY_CACHE_MS })
    return row
  }

  /**
   * An edit on this instance drops its row at once. Other instances keep theirs for up to DISPLAY_CACHE_MS: a new
   * title may show in their claim replies up to 2 s late (VENUE_LEFT_CACHE_MS, 1 s, for a sold-out message's figures).
   * No claim decision reads these rows: the window, the limit and the stock are the database function's.
   */
  forget(campaignId: number): void {
    this.campaigns.delete(campaignId)
    this.venueLeftCache.delete(campaignId)
  }

  /** Remaining per venue for the sold-out message, cached for a second (a crowd keeps tapping a sold-out venue). */
  async venueLeft(campaignId: number): Promise<Map<number, number>> {
    const cached = this.venueLeftCache.get(campaignId)
    if (cached && cached.until > Date.now()) return cached.left
    const left = (await venueRemainingOf(this.db, [campaignId])).get(campaignId) ?? new Map<number, number>()
    if (this.venueLeftCache.size > MAX_ENTRIES) this.venueLeftCache.clear()
    this.venueLeftCache.set(campaignId, { left, until: Date.now() + VENUE_LEFT_CACHE_MS })
    return left
  }
}
