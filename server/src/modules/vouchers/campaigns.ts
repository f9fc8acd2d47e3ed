/**
 * 福利活动管理: creating a campaign (its stock split over up to 32 `voucher_stock` rows, so concurrent claims lock
 * different rows; a lottery's seed and published commitment), listing the campaigns an admin manages, the registry
 * venues a new campaign may list, and who may see a campaign's figures and export (managedCampaign).
 */
import { and, desc, eq, gt, gte, like, lt, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Campaign, StaffVenue } from '@contract/vouchers/schemas'
import { type CampaignInput as CampaignInputSchema, type ManageCampaignsQuery as ManageCampaignsQuerySchema, isStockByVenue } from '@contract/vouchers/schemas'
import { VoucherReasons } from '@contract/vouchers/reasons'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx, Tx } from '../../db'
import { decodeCursor, pageOf } from '../../db/paging'
import { orgs } from '../../db/schema/core'
import { voucherCampaignVenues, voucherCampaigns, voucherStock } from '../../db/schema/vouchers'
import { audit } from '../../audit'
import { orgToManage } from '../../auth/managed-org'
import { can, inSubtree, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { announceCampaign } from './announce'
import { MAX_SHARDS, shardSizes } from './common'
import { commitmentOf, newSeed } from './draw'
import { addVenueLeft, extrasOf, remainingOf } from './reads'
import { managersOnly } from './targets'
import { campaignWithVenues, resolveCampaignVenues, venuesForCampaignOrg, type CampaignRow } from './venues'
import { toCampaign } from './views'

export type CampaignInput = ReturnType<typeof CampaignInputSchema.parse>
export type ManageCampaignsQuery = ReturnType<typeof ManageCampaignsQuerySchema.parse>

export interface CreateCampaignOptions {
  /** Stock rows; default min(stock, 32). The bench passes 1 for the single-hot-row comparison. */
  shards?: number
}

export const orgNotFound = () => refuse(VoucherReasons.ORG_NOT_FOUND, undefined, { orgId: VoucherReasons.ORG_NOT_FOUND.message() })

/** One voucher_stock row of a campaign's layout. */
export interface StockRow {
  shard: number
  remaining: number
  venueId: number | null
}

/**
 * How a campaign's stock is laid out over `voucher_stock` rows. A lottery's stock is only taken by its one draw: a
 * single row is enough. Split per venue: each venue gets its share of the shard rows (at least one, at most its own
 * stock), numbered on from the previous venue's.
 */
export function stockLayout(input: CampaignInput, picked: readonly { id: number; stock: number | null }[], shards = MAX_SHARDS): StockRow[] {
  const want = Math.max(1, shards)
  const rows: StockRow[] = []
  if (input.mode === 'lottery') rows.push({ shard: 0, remaining: input.totalStock, venueId: null })
  else if (!isStockByVenue(input)) {
    shardSizes(input.totalStock, Math.min(want, input.totalStock)).forEach((remaining, shard) => rows.push({ shard, remaining, venueId: null }))
  } else {
    picked.forEach((venue) => {
      const stock = venue.stock!
      const n = Math.max(1, Math.min(stock, Math.floor(want / picked.length)))
      for (const remaining of shardSizes(stock, n)) rows.push({ shard: rows.length, remaining, venueId: venue.id })
    })
  }
  return rows
}

/** The campaign's venue list and stock rows (a new campaign, or one rebuilt before it opens). */
export async function writeVenuesAndStock(
  tx: Tx,
  campaignId: number,
  picked: readonly { id: number; stock: number | null }[],
  byVenue: boolean,
  rows: readonly StockRow[],
): Promise<void> {
  await tx
    .insert(voucherCampaignVenues)
    .values(picked.map((v, position) => ({ campaignId, venueId: v.id, position, stock: byVenue ? v.stock : null })))
  await tx.insert(voucherStock).values(rows.map((r) => ({ campaignId, ...r })))
}

/** The campaign row's columns a creation form sets (creation and 编辑活动 before opening write the same). */
export function campaignColumns(input: CampaignInput, shards: number, stockByVenue: boolean, seed: string | null) {
  return {
    kind: input.kind,
    title: input.title,
    rules: input.rules,
    orgId: input.orgId,
    totalStock: input.totalStock,
    shards,
    stockByVenue,
    opensAt: new Date(input.opensAt),
    closesAt: new Date(input.closesAt),
    voucherValidDays: input.voucherValidDays,
    mode: input.mode,
    limitCount: input.perMemberLimit.count,
    limitPeriod: input.perMemberLimit.period,
    eligibleEmploymentTypes: input.eligibleEmploymentTypes,
    seed,
    commitment: seed ? commitmentOf(seed) : null,
    confirmHours: input.confirmHours,
  }
}

/** Inserts a campaign and its stock rows (validated input; authorization is the caller's). */
export async function insertCampaign(tx: Tx, input: CampaignInput, createdBy: number | null, options: CreateCampaignOptions = {}): Promise<CampaignRow> {
  const [org] = await tx.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.id, input.orgId))
  if (!org) throw orgNotFound()
  // Registry venues (new ones added under the campaign's union).
  const picked = await resolveCampaignVenues(tx, org, input.venues)
  const byVenue = isStockByVenue(input)
  const rows = stockLayout(input, picked, options.shards)
  const seed = input.mode === 'lottery' ? newSeed() : null
  const [row] = await tx
    .insert(voucherCampaigns)
    .values({
      ...campaignColumns(input, rows.length, byVenue, seed),
      createdBy,
    })
    .returning()
  await writeVenuesAndStock(tx, row.id, picked, byVenue, rows)
  const [withVenues] = await tx.select(campaignWithVenues).from(voucherCampaigns).where(eq(voucherCampaigns.id, row.id))
  return withVenues
}

/**
 * A campaign's figures and its export are for its managers (`campaigns.manage` over its union). Redeeming staff of
 * the union are told so (403): a venue's staff never see every holder and code; anyone else gets 404.
 */
export async function managedCampaign(db: DbOrTx, user: AuthUser, campaignId: number) {
  const [row] = await db
    .select({ c: campaignWithVenues, orgPath: orgs.path })
    .from(voucherCampaigns)
    .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
    .where(eq(voucherCampaigns.id, campaignId))
  if (row && can(user, 'campaigns.manage', row.orgPath)) return row
  if (row && scopesFor(user, 'vouchers.redeem').some((p) => inSubtree(p, row.orgPath))) throw managersOnly()
  throw refuse(VoucherReasons.CAMPAIGN_NOT_FOUND)
}

export class Campaigns {
  constructor(private readonly deps: AppDeps) {}

  async create(user: AuthUser, input: CampaignInput): Promise<Campaign> {
    return this.deps.db.transaction(async (tx) => {
      const org = await orgToManage(tx, user, 'campaigns.manage', input.orgId, orgNotFound)
      if (input.mode === 'lottery' && Date.parse(input.opensAt) <= this.deps.now()) {
        // The commitment must be public before entries open.
        throw refuse(VoucherReasons.LOTTERY_OPENS_TOO_SOON, undefined, { opensAt: VoucherReasons.LOTTERY_OPENS_TOO_SOON.message() })
      }
      const row = await insertCampaign(tx, input, user.userId)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'campaigns.create',
        subjectType: 'voucher_campaign',
        subjectId: row.id,
        detail: { kind: row.kind, mode: row.mode, totalStock: row.totalStock, orgId: row.orgId, commitment: row.commitment },
      })
      // 新福利上线 to the union's members: one row here, delivered in batches by the announcements job.
      await announceCampaign(tx, row, org)
      const venueLeft = new Map(row.venues.map((v) => [v.id, v.stock ?? 0]))
      return toCampaign(row, org.name, row.totalStock, this.deps.now(), { entries: 0, waitlist: 0, venueLeft })
    })
  }

  /**
   * The campaigns of the admin's unions, newest opening first, keyset paged on (opens_at, id), narrowed by the
   * console's filters. A union filter outside the post is refused with its reason.
   */
  async listManaged(user: AuthUser, query: ManageCampaignsQuery): Promise<{ items: Campaign[]; nextCursor: string | null; serverTime: string }> {
    const now = this.deps.now()
    const serverTime = new Date(now).toISOString()
    const scopes = scopesFor(user, 'campaigns.manage')
    if (scopes.length === 0) return { items: [], nextCursor: null, serverTime }
    return this.deps.db.transaction(async (tx) => {
      const where: (SQL | undefined)[] = [or(...scopes.map((p) => like(orgs.path, `${p}%`)))]
      if (query.orgId !== undefined) {
        const [org] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, query.orgId))
        if (!org || !can(user, 'campaigns.manage', org.path)) throw refuse(VoucherReasons.CAMPAIGNS_UNION_OUTSIDE)
        where.push(like(orgs.path, `${org.path}%`))
      }
      if (query.kind) where.push(eq(voucherCampaigns.kind, query.kind))
      const at = new Date(now)
      // The phase as toCampaign's phaseOf says it: closed at closesAt, upcoming before opensAt, else by stock left.
      const stockLeft = sql`exists (select 1 from ${voucherStock} where ${voucherStock.campaignId} = ${voucherCampaigns.id} and ${voucherStock.remaining} > 0)`
      if (query.phase === 'upcoming') where.push(gt(voucherCampaigns.opensAt, at))
      if (query.phase === 'closed') where.push(lte(voucherCampaigns.closesAt, at))
      if (query.phase === 'open' || query.phase === 'sold_out') {
        where.push(lte(voucherCampaigns.opensAt, at), gt(voucherCampaigns.closesAt, at), query.phase === 'open' ? stockLeft : sql`not ${stockLeft}`)
      }
      if (query.from) where.push(gte(voucherCampaigns.opensAt, new Date(`${query.from}T00:00:00+08:00`)))
      if (query.to) where.push(lt(voucherCampaigns.opensAt, new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000)))
      const c = decodeCursor(query.cursor, ['number', 'number'] as const)
      if (c) where.push(sql`(${voucherCampaigns.opensAt}, ${voucherCampaigns.id}) < (${new Date(c[0])}, ${c[1]})`)
      const rows = await tx
        .select({ c: campaignWithVenues, orgName: orgs.name })
        .from(voucherCampaigns)
        .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
        .where(and(...where))
        .orderBy(desc(voucherCampaigns.opensAt), desc(voucherCampaigns.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.c.opensAt.getTime(), r.c.id])
      const ids = page.map((r) => r.c.id)
      const left = await remainingOf(tx, ids)
      const extra = await extrasOf(tx, ids)
      await addVenueLeft(tx, extra, page.map((r) => r.c))
      return { items: page.map((r) => toCampaign(r.c, r.orgName, left.get(r.c.id) ?? 0, now, extra.get(r.c.id))), nextCursor, serverTime }
    })
  }

  /** Active registry venues a campaign of this union may list (GET /api/vouchers/manage/venues). */
  async venuesFor(user: AuthUser, orgId: number): Promise<StaffVenue[]> {
    const org = await orgToManage(this.deps.db, user, 'campaigns.manage', orgId, orgNotFound)
    return venuesForCampaignOrg(this.deps.db, org.path)
  }
}
