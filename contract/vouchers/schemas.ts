import { z } from 'zod'
import { EMPLOYMENT_TYPE_KEYS } from '../membership/labels'
import {
  CAMPAIGN_MODE_KEYS,
  CAMPAIGN_PHASE_KEYS,
  DEFAULT_CONFIRM_HOURS,
  ENTRY_STATE_KEYS,
  LIMIT_PERIOD_KEYS,
  RETURN_REASON_KEYS,
  VOUCHER_SOURCE_KEYS,
  VOUCHER_STATE_KEYS,
  WAITLIST_STATE_KEYS,
} from './labels'

export * from './basics'
export * from './redeem-schemas'
import { CampaignKind, StaffVenue, Venue } from './basics'
import { Redemption, RedeemBody, RedeemBatchBody, RedeemBatchResult } from './redeem-schemas'

const id = z.coerce.number().int().positive()
const isoInstant = z.string()
const chinaDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

export const CampaignMode = z.enum(CAMPAIGN_MODE_KEYS, { error: '请选择发放方式' })
export const LimitPeriod = z.enum(LIMIT_PERIOD_KEYS)
export const VoucherState = z.enum(VOUCHER_STATE_KEYS)
export const CampaignPhase = z.enum(CAMPAIGN_PHASE_KEYS)
export const VoucherSource = z.enum(VOUCHER_SOURCE_KEYS)
export const ReturnReason = z.enum(RETURN_REASON_KEYS)
export const EntryState = z.enum(ENTRY_STATE_KEYS)
export const WaitlistState = z.enum(WAITLIST_STATE_KEYS)
const EmploymentType = z.enum(EMPLOYMENT_TYPE_KEYS)

/** A campaign whose stock is split per venue (分场馆库存): each venue's own allotment and what is left of it. */
export const VenueStock = z.object({
  venueId: z.number().int(),
  stock: z.number().int(),
  remaining: z.number().int(),
})
export type VenueStock = z.infer<typeof VenueStock>

export const PerMemberLimit = z.object({
  count: z.number().int().min(1, '每人限领至少 1 张').max(20),
  period: LimitPeriod,
})
export type PerMemberLimit = z.infer<typeof PerMemberLimit>

/**
 * One venue of a new campaign: an existing registry venue (`venueId`, one of GET /api/vouchers/manage/venues), or a
 * new one (name, address, GCJ-02 coordinates) that the server adds to the registry under the campaign's union — or
 * reuses, when that union already has an active venue of the same name and address.
 */
export const CampaignVenueInput = z
  .object({
    venueId: z.number().int().positive({ error: '请选择场馆' }).optional(),
    name: z.string().trim().max(40, '场馆名称最多 40 字').optional(),
    address: z.string().trim().max(120, '场馆地址最多 120 字').optional(),
    lat: z.number().min(-90).max(90).optional(),
    lng: z.number().min(-180).max(180).optional(),
    /**
     * Optional split of the stock per venue (first come only): given for every venue or for none; the
     * venues' numbers add up to totalStock. A member then claims for one venue and uses the voucher there.
     */
    stock: z.number().int().min(1, '每个场馆至少 1 张').max(1_000_000).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.venueId !== undefined) return
    if (!v.name || v.name.length < 2) ctx.addIssue({ code: 'custom', path: ['name'], message: '请填写场馆名称' })
    if (!v.address || v.address.length < 4) ctx.addIssue({ code: 'custom', path: ['address'], message: '请填写场馆地址' })
    if (v.lat === undefined) ctx.addIssue({ code: 'custom', path: ['lat'], message: '请填写纬度' })
    if (v.lng === undefined) ctx.addIssue({ code: 'custom', path: ['lng'], message: '请填写经度' })
  })
export type CampaignVenueInput = z.input<typeof CampaignVenueInput>

export const CampaignInput = z
  .object({
    kind: CampaignKind,
    title: z.string().trim().min(2, '请填写活动名称').max(40),
    rules: z.string().trim().max(2000).default(''),
    /** The union whose subtree may claim (admin's subtree). */
    orgId: z.number().int(),
    venues: z.array(CampaignVenueInput).min(1, '至少添加一个可用场馆').max(50),
    totalStock: z.number().int().min(1, '数量至少为 1').max(1_000_000),
    opensAt: z.iso.datetime({ offset: true, error: '请填写开抢时间' }),
    closesAt: z.iso.datetime({ offset: true, error: '请填写截止时间' }),
    voucherValidDays: z.number().int().min(1).max(365),
    mode: CampaignMode.default('first_come'),
    perMemberLimit: PerMemberLimit.default({ count: 1, period: 'calendar_month' }),
    /** Null: every verified member of the subtree. */
    eligibleEmploymentTypes: z.array(EmploymentType).min(1).nullable().default(null),
    /** Lottery only: hours after the draw within which a winner must confirm (POST /mine/:id/confirm). */
    confirmHours: z.number().int().min(1, '确认时限至少 1 小时').max(168, '确认时限最长 7 天').default(DEFAULT_CONFIRM_HOURS),
  })
  .refine((v) => Date.parse(v.closesAt) > Date.parse(v.opensAt), { path: ['closesAt'], message: '截止时间须晚于开抢时间' })
  .superRefine((v, ctx) => {
    const seen = new Set<number>()
    v.venues.forEach((x, i) => {
      if (x.venueId === undefined) return
      if (seen.has(x.venueId)) ctx.addIssue({ code: 'custom', path: ['venues', i, 'venueId'], message: '该场馆已添加' })
      seen.add(x.venueId)
    })
    const split = v.venues.filter((x) => x.stock !== undefined)
    if (split.length === 0) return
    if (v.mode === 'lottery') {
      ctx.addIssue({ code: 'custom', path: ['venues'], message: '抽签活动不分场馆发放，请去掉各场馆数量' })
      return
    }
    v.venues.forEach((x, i) => {
      if (x.stock === undefined) ctx.addIssue({ code: 'custom', path: ['venues', i, 'stock'], message: '请填写该场馆的数量' })
    })
    const sum = split.reduce((t, x) => t + (x.stock ?? 0), 0)
    if (split.length === v.venues.length && sum !== v.totalStock) {
      ctx.addIssue({ code: 'custom', path: ['totalStock'], message: `各场馆数量之和为 ${sum}，须等于总数量` })
    }
  })
export type CampaignInput = z.input<typeof CampaignInput>

/** Stock split per venue? (every venue has a number) */
export function isStockByVenue(input: { venues: readonly { stock?: number }[] }): boolean {
  return input.venues.length > 0 && input.venues.every((x) => x.stock !== undefined)
}

export const Campaign = z.object({
  id: z.number().int(),
  kind: CampaignKind,
  title: z.string(),
  rules: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  venues: z.array(Venue),
  totalStock: z.number().int(),
  remaining: z.number().int(),
  /** Stock split per venue: one row per venue (a member claims for one of them). Null: one stock for all venues. */
  venueStock: z.array(VenueStock).nullable(),
  opensAt: isoInstant,
  closesAt: isoInstant,
  voucherValidDays: z.number().int(),
  mode: CampaignMode,
  perMemberLimit: PerMemberLimit,
  eligibleEmploymentTypes: z.array(EmploymentType).nullable(),
  phase: CampaignPhase,
  /** Lottery campaigns only (null for first come): the published commitment, and the seed once drawn. */
  lottery: z
    .object({
      /** SHA-256 (lowercase hex) of the seed, published from creation, i.e. before the window opens. */
      commitment: z.string(),
      /** Revealed after the draw (null before): check SHA-256(seed) === commitment, re-run the draw. */
      seed: z.string().nullable(),
      /** When the draw ran (null: not yet; after closesAt the server's timer, the first read or an admin runs it). */
      drawnAt: isoInstant.nullable(),
      /** Number of entries so far. */
      entries: z.number().int(),
      /** Hours after the draw within which winners must confirm. */
      confirmHours: z.number().int(),
    })
    .nullable(),
  /** Members currently waiting in line (候补人数). */
  waitlistLength: z.number().int(),
})
export type Campaign = z.infer<typeof Campaign>

/** The caller's lottery entry. */
export const MyEntry = z.object({
  entryId: z.number().int(),
  state: EntryState,
  enteredAt: isoInstant,
  /** Chinese explanation for the member, e.g. 未中签：120 人报名 30 张券，已自动进入候补第 5 位. Null while entered. */
  reason: z.string().nullable(),
})
export type MyEntry = z.infer<typeof MyEntry>

/** The caller's place on a campaign's waitlist. */
export const MyWaitlist = z.object({
  campaignId: z.number().int(),
  state: WaitlistState,
  /** 1-based place in line counting only members still waiting ahead (null unless waiting). */
  position: z.number().int().nullable(),
  /** Members waiting in total. */
  length: z.number().int(),
  joinedAt: isoInstant,
})
export type MyWaitlist = z.infer<typeof MyWaitlist>

/** The member's view of a campaign: plus their own vouchers from it (not returned), entry, waitlist place. */
export const MemberCampaign = Campaign.extend({
  myVouchers: z.array(
    z.object({
      id: z.number().int(),
      code: z.string(),
      state: VoucherState,
      /** Non-null: a lottery win awaiting confirmation by this time. Always sent; optional for client-built items. */
      confirmBy: isoInstant.nullable().optional(),
    }),
  ),
  /** Lottery campaigns: the caller's entry (null: not entered). Always null for first come. */
  myEntry: MyEntry.nullable(),
  /** The caller's latest waitlist place for this campaign (null: never joined). */
  myWaitlist: MyWaitlist.nullable(),
})
export type MemberCampaign = z.infer<typeof MemberCampaign>

/**
 * One campaign of the member's 福利 list (GET /api/vouchers/campaigns): what the list shows — its kind, title, union,
 * stock left, opening time and phase, and what the caller already has of it. The campaign's page reads the whole
 * campaign (rules, venues, per-venue stock, the lottery's commitment, the waitlist) from GET /campaigns/:id: at a
 * province's size a member's list holds dozens of campaigns, and sending each one whole made the list the costliest
 * member read (docs/scale.md, round 3).
 */
export const MemberCampaignItem = MemberCampaign.pick({
  id: true,
  kind: true,
  title: true,
  orgId: true,
  orgName: true,
  totalStock: true,
  remaining: true,
  opensAt: true,
  closesAt: true,
  mode: true,
  phase: true,
  myVouchers: true,
  myEntry: true,
  myWaitlist: true,
})
export type MemberCampaignItem = z.infer<typeof MemberCampaignItem>

export const Voucher = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  kind: CampaignKind,
  title: z.string(),
  /** Shown as a QR code / number at the venue. */
  code: z.string(),
  state: VoucherState,
  /** Where it can be used: the campaign's venues, or only its own venue when the stock is split per venue. */
  venues: z.array(Venue),
  /** Stock split per venue: the one venue this voucher is for (null: any of `venues`). */
  venueId: z.number().int().nullable(),
  claimedAt: isoInstant,
  validUntil: isoInstant,
  usedAt: isoInstant.nullable(),
  usedVenue: Venue.nullable(),
  source: VoucherSource,
  /**
   * Lottery wins only: confirm (POST /api/vouchers/mine/:id/confirm) before this time, or the voucher is returned
   * (returnReason 'unconfirmed') and goes to the waitlist. Null when no confirmation is needed or once confirmed.
   */
  confirmBy: isoInstant.nullable(),
  returnedAt: isoInstant.nullable(),
  returnReason: ReturnReason.nullable(),
})
export type Voucher = z.infer<typeof Voucher>

/** Claim body: the venue, required when the campaign's stock is split per venue (ignored otherwise). No body is fine. */
export const ClaimBody = z
  .object({ venueId: z.number({ error: '请选择场馆' }).int().positive({ error: '请选择场馆' }).optional() })
  .nullish()
export type ClaimBody = z.infer<typeof ClaimBody>

export const ClaimResult = z.object({
  voucher: Voucher,
  /** True when this idempotency key had already produced the voucher (a retry). */
  replayed: z.boolean(),
})
export type ClaimResult = z.infer<typeof ClaimResult>

export const CampaignStats = z.object({
  campaignId: z.number().int(),
  totalStock: z.number().int(),
  remaining: z.number().int(),
  /** Vouchers ever issued (returned ones included). */
  claims: z.number().int(),
  unused: z.number().int(),
  redemptions: z.number().int(),
  returned: z.number().int(),
  expired: z.number().int(),
  serverTime: isoInstant,
  /** Members waiting in line now. */
  waitlist: z.number().int(),
  /** Lottery entries (0 for first come). */
  entries: z.number().int(),
  /** Lottery: when drawn (null before the draw or for first come). */
  drawnAt: isoInstant.nullable(),
  /** Redemptions per venue of the campaign (every venue listed, zeros included). */
  perVenue: z.array(
    z.object({
      venueId: z.number().int(),
      venueName: z.string(),
      redemptions: z.number().int(),
      /** Stock split per venue: the venue's allotment and what is left (null when the stock is shared). */
      stock: z.number().int().nullable(),
      remaining: z.number().int().nullable(),
    }),
  ),
})
export type CampaignStats = z.infer<typeof CampaignStats>

export const EntryResult = z.object({
  entry: MyEntry,
  /** True when the caller had already entered (entering is idempotent). */
  replayed: z.boolean(),
})
export type EntryResult = z.infer<typeof EntryResult>

/** The public record of a lottery draw: enough to re-run it (see LOTTERY_DRAW_ALGORITHM). */
export const DrawRecord = z.object({
  campaignId: z.number().int(),
  title: z.string(),
  totalStock: z.number().int(),
  commitment: z.string(),
  /** Null until drawn. */
  seed: z.string().nullable(),
  drawnAt: isoInstant.nullable(),
  closesAt: isoInstant,
  /** The rule this draw follows (LOTTERY_DRAW_ALGORITHM, or LOTTERY_DRAW_ALGORITHM_V1 for early draws). */
  algorithm: z.string(),
  /**
   * Every entry by its entry number (报名编号, entryId) ascending, with the member's name masked (李*梅) — never who the
   * member is. Published once the window has closed; empty before.
   */
  entries: z.array(z.object({ entryId: z.number().int(), name: z.string(), state: EntryState })),
  /** Winners' entry numbers in draw order (empty before the draw). */
  winners: z.array(z.number().int()),
})
export type DrawRecord = z.infer<typeof DrawRecord>


export const CampaignIdParams = z.object({ id })
export const OrgIdQuery = z.object({ orgId: z.coerce.number({ error: '请选择工会' }).int().positive({ error: '请选择工会' }) })
export const VoucherIdParams = z.object({ id })

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const campaigns = { response: z.object({ items: z.array(MemberCampaignItem), serverTime: isoInstant }) }
export const campaign = { params: CampaignIdParams, response: z.object({ campaign: MemberCampaign, serverTime: isoInstant }) }
export const claim = { params: CampaignIdParams, body: ClaimBody, response: ClaimResult }
export const myVouchers = { response: z.object({ items: z.array(Voucher), serverTime: isoInstant }) }
export const cancelVoucher = { params: VoucherIdParams, response: Voucher }
export const redeem = { body: RedeemBody, response: Redemption }
export const createCampaign = { body: CampaignInput, response: Campaign }
/**
 * The managers' campaign list (the mini-program's 福利活动管理, the console's table): newest opening first, keyset
 * paged; filters narrow it to a union's subtree (inside the caller's post), a phase at server time, a kind, and the
 * China calendar days the campaign opens on. Without a limit a page holds 100 (the mini-program's whole list).
 */
export const ManageCampaignsQuery = z.object({
  /** Opaque; from the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1, '每页至少 1 条').max(100, '每页最多 100 条').default(100),
  orgId: id.optional(),
  phase: CampaignPhase.optional(),
  kind: CampaignKind.optional(),
  from: chinaDay.optional(),
  to: chinaDay.optional(),
})
export type ManageCampaignsQuery = z.input<typeof ManageCampaignsQuery>
export const manageCampaigns = {
  query: ManageCampaignsQuery,
  response: z.object({ items: z.array(Campaign), nextCursor: z.string().nullable(), serverTime: isoInstant }),
}
export const campaignStats = { params: CampaignIdParams, response: CampaignStats }
export const enter = { params: CampaignIdParams, response: EntryResult }
/** Withdrawing a lottery entry before the window closes: the campaign's entry count afterwards. */
export const withdrawEntry = {
  params: CampaignIdParams,
  response: z.object({ campaignId: z.number().int(), entries: z.number().int() }),
}
export const drawRecord = { params: CampaignIdParams, response: DrawRecord }
export const runDraw = { params: CampaignIdParams, response: DrawRecord }
export const confirmVoucher = { params: VoucherIdParams, response: Voucher }
export const joinWaitlist = { params: CampaignIdParams, response: MyWaitlist }
export const leaveWaitlist = { params: CampaignIdParams, response: MyWaitlist }
/** The venues where the caller may redeem (venue staff: the venues their role is bound to). */
export const myRedeemVenues = { response: z.object({ items: z.array(StaffVenue) }) }
/** Registry venues a campaign of this union may use (its own, its subtree's and its ancestors'), active ones only. */
export const manageVenues = { query: OrgIdQuery, response: z.object({ items: z.array(StaffVenue) }) }
export const redeemBatch = { body: RedeemBatchBody, response: z.object({ results: z.array(RedeemBatchResult) }) }
/** Not JSON: the response is text/csv (UTF-8 with BOM). The schema only types the path for the app. */
export const exportCsv = { params: CampaignIdParams, response: z.string() }
/** Not JSON: the response is an .xlsx workbook. The schema only types the path for the app. */
export const exportXlsx = { params: CampaignIdParams, response: z.unknown() }
