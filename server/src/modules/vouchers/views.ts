/** 福利券 rows → what the contract sends (campaigns, vouchers, venues, a member's lottery entry). Pure. */
import type { Campaign, MyEntry, MyWaitlist, Venue, VenueStock, Voucher } from '@contract/vouchers/schemas'
import type { CampaignPhase } from '@contract/vouchers/labels'
import type { VenueRecord, VoucherCampaignRow, VoucherEntryRow, VoucherRow } from '../../db/schema/vouchers'
import type { CampaignRow } from './venues'
import { lapsedWin, stateOf } from './common'

/** What a campaign view adds to its row: lottery entries, waitlist length, and (split stock) remaining per venue. */
export interface Extras {
  entries: number
  waitlist: number
  /** Stock split per venue: remaining per venue id. */
  venueLeft?: Map<number, number>
}

export function phaseOf(c: Pick<VoucherCampaignRow, 'opensAt' | 'closesAt'>, remaining: number, now: number): CampaignPhase {
  if (now >= c.closesAt.getTime()) return 'closed'
  if (now < c.opensAt.getTime()) return 'upcoming'
  return remaining > 0 ? 'open' : 'sold_out'
}

/** Campaign.venueStock: each venue's allotment and what is left, or null when the stock is shared. */
function venueStockOf(c: CampaignRow, left: Map<number, number> | undefined): VenueStock[] | null {
  if (!c.stockByVenue) return null
  return c.venues.map((v) => ({ venueId: v.id, stock: v.stock ?? 0, remaining: left?.get(v.id) ?? 0 }))
}

/** A venue as members see it (the per-venue allotment is in Campaign.venueStock). */
export function publicVenue(v: VenueRecord): Venue {
  return { id: v.id, name: v.name, address: v.address, lat: v.lat, lng: v.lng }
}

export function toCampaign(
  c: CampaignRow,
  orgName: string,
  remaining: number,
  now: number,
  extra: Extras = { entries: 0, waitlist: 0 },
): Campaign {
  return {
    id: c.id,
    kind: c.kind,
    title: c.title,
    rules: c.rules,
    orgId: c.orgId,
    orgName,
    venues: c.venues.map(publicVenue),
    totalStock: c.totalStock,
    remaining,
    venueStock: venueStockOf(c, extra.venueLeft),
    opensAt: c.opensAt.toISOString(),
    closesAt: c.closesAt.toISOString(),
    voucherValidDays: c.voucherValidDays,
    mode: c.mode,
    perMemberLimit: { count: c.limitCount, period: c.limitPeriod },
    eligibleEmploymentTypes: (c.eligibleEmploymentTypes as Campaign['eligibleEmploymentTypes']) ?? null,
    phase: phaseOf(c, remaining, now),
    lottery:
      c.mode === 'lottery' && c.commitment
        ? {
            commitment: c.commitment,
            seed: c.drawnAt ? c.seed : null,
            drawnAt: c.drawnAt ? c.drawnAt.toISOString() : null,
            entries: extra.entries,
            confirmHours: c.confirmHours,
          }
        : null,
    waitlistLength: extra.waitlist,
  }
}

/** A lottery win still awaiting confirmation: its deadline. */
export function confirmByOf(v: Pick<VoucherRow, 'confirmBy' | 'confirmedAt' | 'state' | 'validUntil'>, now: number): string | null {
  return v.confirmBy && !v.confirmedAt && v.state === 'unused' && !lapsedWin(v, now) && v.validUntil.getTime() > now
    ? v.confirmBy.toISOString()
    : null
}

export function toVoucher(v: VoucherRow, c: CampaignRow, now: number): Voucher {
  const venue = (id: number | null): Venue | null => {
    const found = c.venues.find((x) => x.id === id)
    return found ? publicVenue(found) : null
  }
  return {
    id: v.id,
    campaignId: c.id,
    kind: c.kind,
    title: c.title,
    code: v.code,
    state: stateOf(v, now),
    venues: v.venueId ? [venue(v.venueId)].filter((x): x is Venue => x !== null) : c.venues.map(publicVenue),
    venueId: v.venueId ?? null,
    claimedAt: v.claimedAt.toISOString(),
    validUntil: v.validUntil.toISOString(),
    usedAt: v.usedAt ? v.usedAt.toISOString() : null,
    usedVenue: venue(v.usedVenueId),
    source: v.source,
    confirmBy: confirmByOf(v, now),
    returnedAt: v.returnedAt ? v.returnedAt.toISOString() : v.confirmBy && lapsedWin(v, now) ? v.confirmBy.toISOString() : null,
    returnReason: v.returnReason ?? (lapsedWin(v, now) ? 'unconfirmed' : null),
  }
}

/** The member's lottery entry with why it won or lost (and where they stand on the waitlist since). */
export function entryView(
  e: Pick<VoucherEntryRow, 'id' | 'state' | 'createdAt'>,
  c: Pick<VoucherCampaignRow, 'totalStock'>,
  entries: number,
  wait: MyWaitlist | null,
  lapsed: boolean | null,
): MyEntry {
  const odds = `${entries} 人报名 ${c.totalStock} 张券`
  let reason: string | null = null
  if (e.state === 'won') {
    reason = lapsed ? `中签（${odds}），但未在时限内确认，券已转给候补会员` : `中签：${odds}，请在「我的券」确认`
  } else if (e.state === 'lost') {
    reason = `未中签：${odds}，按公开种子抽签，可在开奖记录中核对`
    if (wait?.state === 'waiting') reason += `；您在候补第 ${wait.position} 位，有人放弃时自动补发给您`
    else if (wait?.state === 'granted') reason += '；候补成功，券已发到「我的券」'
    else if (wait?.state === 'left') reason += '；您已退出候补'
    else if (wait?.state === 'skipped') reason += '；轮到您候补时您已达领取上限，已跳过'
  }
  return { entryId: e.id, state: e.state, enteredAt: e.createdAt.toISOString(), reason }
}
