/**
 * 编辑活动 and 结束发放 of a published campaign (there is no draft: a campaign is live from creation). The rule by stage
 * is contract/vouchers/edit-rules.ts; here it is enforced, in one transaction, audited with before and after.
 *
 * Locking. The edit takes the campaign row FOR UPDATE first. The claim function (voucher_claim_batch, migration
 * 0037) reads the campaign FOR KEY SHARE, which FOR UPDATE excludes: a claim batch already in the database finishes
 * before the edit goes on, and one that starts meanwhile waits and then reads the campaign as edited — it never sees
 * the old window with the new stock, or the other way round. (A lottery entry takes the same lock, lottery.ts.)
 * The lock order is the claim's: campaign, then stock rows; the claim never waits on a stock row (SKIP LOCKED), and
 * a returned voucher's unit (waitlist.ts) updates one stock row without holding the campaign: no cycle.
 *
 * Stock. Before opening nothing has been issued (checked under the lock), so the venues and the stock rows are
 * rebuilt from the new input exactly as creation lays them out. Once open, the number changes in place: 追加库存 adds
 * to the existing shard rows (spread as creation spreads it), so concurrent claims keep working on every row; fewer
 * takes only from what is left, under the rows' locks, never below zero (a CHECK keeps it so too), and is refused
 * when less is left than the cut (STOCK_BELOW_ISSUED: already issued).
 *
 * 结束发放 sets the closing time to now (server time), for the next claim at once (the function reads it). Vouchers
 * already issued stay valid to their own expiry; the waitlist stays as at a natural close (a unit returned later is
 * still handed to the first waiter). A lottery ended early is drawn right away by the normal draw (settle.ts) with
 * the entries it has: the commitment was published at creation, so drawing earlier changes nothing anyone can game.
 * A campaign ended before it opened is closed at once (opens and closes now): nobody can claim or enter.
 */
import { and, eq, sql } from 'drizzle-orm'
import type { Campaign } from '@contract/vouchers/schemas'
import { isStockByVenue } from '@contract/vouchers/schemas'
import { LOCKED_ONCE_OPEN, LOCKED_WHY, type EditStage, type LockedField } from '@contract/vouchers/edit-rules'
import { VoucherReasons } from '@contract/vouchers/reasons'
import type { AppDeps } from '../../http/deps'
import { rowsOf, type Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { voucherCampaignVenues, voucherCampaigns, voucherStock } from '../../db/schema/vouchers'
import { audit } from '../../audit'
import { orgToManage } from '../../auth/managed-org'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { campaignColumns, managedCampaign, orgNotFound, stockLayout, writeVenuesAndStock, type CampaignInput } from './campaigns'
import { shardSizes } from './common'
import type { DisplayCache } from './display-cache'
import { newSeed } from './draw'
import { addVenueLeft, extrasOf, remainingOf } from './reads'
import type { Settlement } from './settle'
import { campaignWithVenues as managedRow, resolveCampaignVenues, type CampaignRow } from './venues'
import { toCampaign } from './views'

/** Where a locked field's message goes in the forms (dot path, as the server's `fields`). */
const FIELD_PATH: Record<LockedField, string> = {
  kind: 'kind',
  mode: 'mode',
  orgId: 'orgId',
  venues: 'venues',
  split: 'venues',
  opensAt: 'opensAt',
  voucherValidDays: 'voucherValidDays',
  perMemberLimit: 'perMemberLimit.count',
  eligibleEmploymentTypes: 'eligibleEmploymentTypes',
  confirmHours: 'confirmHours',
}

const sameSet = (a: readonly string[] | null, b: readonly string[] | null) =>
  (a === null) === (b === null) && JSON.stringify([...(a ?? [])].sort()) === JSON.stringify([...(b ?? [])].sort())

/** The fields an open campaign's edit would change but may not (empty: none). */
export function lockedChanges(c: CampaignRow, input: CampaignInput): LockedField[] {
  const out: LockedField[] = []
  if (input.kind !== c.kind) out.push('kind')
  if (input.mode !== c.mode) out.push('mode')
  if (input.orgId !== c.orgId) out.push('orgId')
  const sameVenues = input.venues.length === c.venues.length && input.venues.every((v, i) => v.venueId === c.venues[i].id)
  if (!sameVenues) out.push('venues')
  else if (isStockByVenue(input) !== c.stockByVenue) out.push('split')
  // to the minute: the forms write minutes, so a campaign created with seconds comes back without them
  if (Math.floor(Date.parse(input.opensAt) / 60_000) !== Math.floor(c.opensAt.getTime() / 60_000)) out.push('opensAt')
  if (input.voucherValidDays !== c.voucherValidDays) out.push('voucherValidDays')
  if (input.perMemberLimit.count !== c.limitCount || input.perMemberLimit.period !== c.limitPeriod) out.push('perMemberLimit')
  if (!sameSet(input.eligibleEmploymentTypes, c.eligibleEmploymentTypes as string[] | null)) out.push('eligibleEmploymentTypes')
  if (c.mode === 'lottery' && input.confirmHours !== c.confirmHours) out.push('confirmHours')
  return out
}

/** What the audit keeps of a campaign, to name what an edit changed. */
function snapshot(c: CampaignRow) {
  return {
    kind: c.kind,
    mode: c.mode,
    title: c.title,
    rules: c.rules,
    orgId: c.orgId,
    venues: c.venues.map((v) => (v.stock === undefined ? v.id : `${v.id}:${v.stock}`)).join(','),
    totalStock: c.totalStock,
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    voucherValidDays: c.voucherValidDays,
    perMemberLimit: `${c.limitCount}/${c.limitPeriod}`,
    eligibleEmploymentTypes: c.eligibleEmploymentTypes ?? null,
    confirmHours: c.confirmHours,
  }
}

function diff(before: ReturnType<typeof snapshot>, after: ReturnType<typeof snapshot>) {
  const b: Record<string, unknown> = {}
  const a: Record<string, unknown> = {}
  for (const k of Object.keys(before) as (keyof typeof before)[]) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue
    b[k] = before[k]
    a[k] = after[k]
  }
  return { before: b, after: a }
}

export class CampaignEditing {
  constructor(
    private readonly deps: AppDeps,
    private readonly display: DisplayCache,
    private readonly settlement: Settlement,
  ) {}

  /** 编辑活动: see the file comment and contract/vouchers/edit-rules.ts. */
  async edit(user: AuthUser, campaignId: number, input: CampaignInput): Promise<Campaign> {
    const now = this.deps.now()
    await this.deps.db.transaction(async (tx) => {
      const before = await this.lockManaged(tx, user, campaignId)
      const stage = await this.stageOf(tx, before, now)
      if (stage === 'closed') throw refuse(VoucherReasons.CAMPAIGN_ENDED)
      if (Date.parse(input.closesAt) <= now) {
        throw refuse(VoucherReasons.CLOSES_AT_PAST, undefined, { closesAt: VoucherReasons.CLOSES_AT_PAST.message() })
      }
      if (stage === 'before_open') await this.rebuild(tx, user, before, input, now)
      else await this.changeOpen(tx, before, input)
      const after = await this.reload(tx, campaignId)
      const changed = diff(snapshot(before), snapshot(after))
      await audit(tx, {
        actorUserId: user.userId,
        action: 'campaigns.edit',
        subjectType: 'voucher_campaign',
        subjectId: campaignId,
        detail: { stage, ...changed },
      })
    })
    this.display.forget(campaignId)
    return this.view(campaignId)
  }

  /** 结束发放 now: see the file comment. */
  async end(user: AuthUser, campaignId: number): Promise<Campaign> {
    const now = this.deps.now()
    const at = new Date(now)
    const mode = await this.deps.db.transaction(async (tx) => {
      const before = await this.lockManaged(tx, user, campaignId)
      if (now >= before.closesAt.getTime()) throw refuse(VoucherReasons.CAMPAIGN_ENDED)
      const early = now < before.opensAt.getTime()
      await tx
        .update(voucherCampaigns)
        .set(early ? { opensAt: at, closesAt: at } : { closesAt: at })
        .where(eq(voucherCampaigns.id, campaignId))
      await audit(tx, {
        actorUserId: user.userId,
        action: 'campaigns.end',
        subjectType: 'voucher_campaign',
        subjectId: campaignId,
        detail: {
          mode: before.mode,
          beforeOpening: early,
          before: { opensAt: before.opensAt.toISOString(), closesAt: before.closesAt.toISOString() },
          after: { opensAt: (early ? at : before.opensAt).toISOString(), closesAt: at.toISOString() },
        },
      })
      return before.mode
    })
    this.display.forget(campaignId)
    // The normal draw, now that the window has closed (exactly once, whoever else settles it meanwhile).
    if (mode === 'lottery') await this.settlement.settle(campaignId)
    return this.view(campaignId)
  }

  /**
   * The campaign for its manager (404 / 403 as managedCampaign decides), locked FOR UPDATE, and read again under the
   * lock — the union it belongs to too, since an edit before opening may move it.
   */
  private async lockManaged(tx: Tx, user: AuthUser, campaignId: number): Promise<CampaignRow> {
    await managedCampaign(tx, user, campaignId)
    await tx.execute(sql`select id from voucher_campaigns where id = ${campaignId} for update`)
    return (await managedCampaign(tx, user, campaignId)).c
  }

  private async reload(tx: Tx, campaignId: number): Promise<CampaignRow> {
    const [row] = await tx.select({ c: managedRow }).from(voucherCampaigns).where(eq(voucherCampaigns.id, campaignId))
    return row.c
  }

  /**
   * Closed by time; before opening only while nothing is issued (the stock rows locked, so a claim cannot be half
   * way through); open otherwise.
   */
  private async stageOf(tx: Tx, c: CampaignRow, now: number): Promise<EditStage> {
    if (now >= c.closesAt.getTime()) return 'closed'
    if (now >= c.opensAt.getTime()) return 'open'
    await tx.execute(sql`select shard from voucher_stock where campaign_id = ${c.id} order by shard for update`)
    const [{ n }] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from vouchers where campaign_id = ${c.id}`))
    return Number(n) > 0 ? 'open' : 'before_open'
  }

  /** Before opening: every field, the venues and the stock rows rebuilt as creation lays them out. */
  private async rebuild(tx: Tx, user: AuthUser, c: CampaignRow, input: CampaignInput, now: number): Promise<void> {
    const org =
      input.orgId === c.orgId
        ? (await tx.select({ id: orgs.id, path: orgs.path }).from(orgs).where(eq(orgs.id, c.orgId)))[0]
        : await orgToManage(tx, user, 'campaigns.manage', input.orgId, orgNotFound)
    if (input.mode === 'lottery' && Date.parse(input.opensAt) <= now) {
      throw refuse(VoucherReasons.LOTTERY_OPENS_TOO_SOON, undefined, { opensAt: VoucherReasons.LOTTERY_OPENS_TOO_SOON.message() })
    }
    if (input.mode !== c.mode) {
      const [{ n }] = rowsOf<{ n: number }>(await tx.execute(sql`select count(*)::int as n from voucher_entries where campaign_id = ${c.id}`))
      if (Number(n) > 0) throw refuse(VoucherReasons.MODE_HAS_ENTRIES, undefined, { mode: VoucherReasons.MODE_HAS_ENTRIES.message() })
    }
    const picked = await resolveCampaignVenues(tx, org, input.venues)
    const byVenue = isStockByVenue(input)
    const rows = stockLayout(input, picked)
    // A lottery keeps the seed whose commitment it published; one that becomes a lottery gets a new one.
    const seed = input.mode === 'lottery' ? (c.mode === 'lottery' && c.seed ? c.seed : newSeed()) : null
    await tx.delete(voucherStock).where(eq(voucherStock.campaignId, c.id))
    await tx.delete(voucherCampaignVenues).where(eq(voucherCampaignVenues.campaignId, c.id))
    await tx
      .update(voucherCampaigns)
      .set(campaignColumns(input, rows.length, byVenue, seed))
      .where(eq(voucherCampaigns.id, c.id))
    await writeVenuesAndStock(tx, c.id, picked, byVenue, rows)
  }

  /** Open: the wording, the closing time and the number; anything else is refused per field. */
  private async changeOpen(tx: Tx, c: CampaignRow, input: CampaignInput): Promise<void> {
    const locked = lockedChanges(c, input)
    if (locked.length > 0) {
      const fields: Record<string, string> = {}
      for (const f of locked) fields[FIELD_PATH[f]] = LOCKED_WHY
      throw refuse(VoucherReasons.CAMPAIGN_STARTED_LOCKED, { fields: locked.map((f) => LOCKED_ONCE_OPEN[f]) }, fields)
    }
    if (c.stockByVenue) {
      for (const [i, v] of c.venues.entries()) {
        const want = input.venues[i].stock!
        const delta = want - (v.stock ?? 0)
        if (delta === 0) continue
        await adjustStock(tx, c.id, v.id, delta, { field: `venues.${i}.stock`, venue: v.name, stock: v.stock ?? 0 })
        await tx
          .update(voucherCampaignVenues)
          .set({ stock: want })
          .where(and(eq(voucherCampaignVenues.campaignId, c.id), eq(voucherCampaignVenues.venueId, v.id)))
      }
    } else if (input.totalStock !== c.totalStock) {
      await adjustStock(tx, c.id, null, input.totalStock - c.totalStock, { field: 'totalStock', venue: null, stock: c.totalStock })
    }
    await tx
      .update(voucherCampaigns)
      .set({ title: input.title, rules: input.rules, closesAt: new Date(input.closesAt), totalStock: input.totalStock })
      .where(eq(voucherCampaigns.id, c.id))
  }

  /** The campaign as the managers' list shows it. */
  private async view(campaignId: number): Promise<Campaign> {
    const now = this.deps.now()
    const db = this.deps.db
    const [row] = await db
      .select({ c: managedRow, orgName: orgs.name })
      .from(voucherCampaigns)
      .innerJoin(orgs, eq(orgs.id, voucherCampaigns.orgId))
      .where(eq(voucherCampaigns.id, campaignId))
    const left = await remainingOf(db, [campaignId])
    const extra = await extrasOf(db, [campaignId])
    await addVenueLeft(db, extra, [row.c])
    return toCampaign(row.c, row.orgName, left.get(campaignId) ?? 0, now, extra.get(campaignId))
  }
}

/**
 * Adds `delta` units to the stock rows of one campaign (and venue, when split), or takes -delta from what is left.
 * The rows are locked first (in shard order); an addition is spread as creation spreads stock; a cut takes from the
 * fullest rows and is refused when less is left than the cut — that much is already issued.
 */
async function adjustStock(
  tx: Tx,
  campaignId: number,
  venueId: number | null,
  delta: number,
  about: { field: string; venue: string | null; stock: number },
): Promise<void> {
  const rows = rowsOf<{ shard: number; remaining: number }>(
    await tx.execute(sql`
      select shard, remaining from voucher_stock
       where campaign_id = ${campaignId} and venue_id is not distinct from ${venueId}::int
       order by shard for update`),
  ).map((r) => ({ shard: Number(r.shard), remaining: Number(r.remaining) }))
  if (delta > 0) {
    const sizes = shardSizes(delta, rows.length)
    for (const [i, r] of rows.entries()) {
      if (sizes[i] === 0) continue
      await tx.execute(sql`update voucher_stock set remaining = remaining + ${sizes[i]} where campaign_id = ${campaignId} and shard = ${r.shard}`)
    }
    return
  }
  let need = -delta
  const left = rows.reduce((t, r) => t + r.remaining, 0)
  if (left < need) {
    const issued = about.stock - left
    const message = VoucherReasons.STOCK_BELOW_ISSUED.message({ issued, venue: about.venue })
    throw refuse(VoucherReasons.STOCK_BELOW_ISSUED, { issued, venue: about.venue }, { [about.field]: message })
  }
  for (const r of [...rows].sort((a, b) => b.remaining - a.remaining || a.shard - b.shard)) {
    if (need === 0) break
    const take = Math.min(need, r.remaining)
    if (take === 0) continue
    // Conditional as well as locked: never below zero, whatever else happens to the row.
    const done = await tx.execute(sql`
      update voucher_stock set remaining = remaining - ${take}
       where campaign_id = ${campaignId} and shard = ${r.shard} and remaining >= ${take} returning shard`)
    if (rowsOf(done).length !== 1) throw new Error(`voucher_stock ${campaignId}/${r.shard}: changed under its lock`)
    need -= take
  }
}
