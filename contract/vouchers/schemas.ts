import { z } from 'zod'
import { EMPLOYMENT_TYPE_KEYS } from '../membership/labels'
import {
  CAMPAIGN_KIND_KEYS,
  CAMPAIGN_MODE_KEYS,
  CAMPAIGN_PHASE_KEYS,
  LIMIT_PERIOD_KEYS,
  VOUCHER_STATE_KEYS,
} from './labels'

const id = z.coerce.number().int().positive()
const isoInstant = z.string()

export const CampaignKind = z.enum(CAMPAIGN_KIND_KEYS, { error: '请选择券种' })
export const CampaignMode = z.enum(CAMPAIGN_MODE_KEYS, { error: '请选择发放方式' })
export const LimitPeriod = z.enum(LIMIT_PERIOD_KEYS)
export const VoucherState = z.enum(VOUCHER_STATE_KEYS)
export const CampaignPhase = z.enum(CAMPAIGN_PHASE_KEYS)
const EmploymentType = z.enum(EMPLOYMENT_TYPE_KEYS)

export const Venue = z.object({
  /** Assigned by the server on creation: 1, 2, … within the campaign. */
  id: z.number().int(),
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
})
export type Venue = z.infer<typeof Venue>

export const PerMemberLimit = z.object({
  count: z.number().int().min(1, '每人限领至少 1 张').max(20),
  period: LimitPeriod,
})
export type PerMemberLimit = z.infer<typeof PerMemberLimit>

export const CampaignInput = z
  .object({
    kind: CampaignKind,
    title: z.string().trim().min(2, '请填写活动名称').max(40),
    rules: z.string().trim().max(2000).default(''),
    /** The union whose subtree may claim (admin's subtree). */
    orgId: z.number().int(),
    venues: z
      .array(
        z.object({
          name: z.string().trim().min(2, '请填写场馆名称').max(40),
          address: z.string().trim().min(4, '请填写场馆地址').max(120),
          lat: z.number().min(-90).max(90),
          lng: z.number().min(-180).max(180),
        }),
      )
      .min(1, '至少添加一个可用场馆')
      .max(50),
    totalStock: z.number().int().min(1, '数量至少为 1').max(1_000_000),
    opensAt: z.iso.datetime({ offset: true, error: '请填写开抢时间' }),
    closesAt: z.iso.datetime({ offset: true, error: '请填写截止时间' }),
    voucherValidDays: z.number().int().min(1).max(365),
    mode: CampaignMode.default('first_come'),
    perMemberLimit: PerMemberLimit.default({ count: 1, period: 'calendar_month' }),
    /** Null: every verified member of the subtree. */
    eligibleEmploymentTypes: z.array(EmploymentType).min(1).nullable().default(null),
  })
  .refine((v) => Date.parse(v.closesAt) > Date.parse(v.opensAt), { path: ['closesAt'], message: '截止时间须晚于开抢时间' })
export type CampaignInput = z.input<typeof CampaignInput>

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
  opensAt: isoInstant,
  closesAt: isoInstant,
  voucherValidDays: z.number().int(),
  mode: CampaignMode,
  perMemberLimit: PerMemberLimit,
  eligibleEmploymentTypes: z.array(EmploymentType).nullable(),
  phase: CampaignPhase,
})
export type Campaign = z.infer<typeof Campaign>

/** The member's view of a campaign: plus their own vouchers from it (not returned) and the server time. */
export const MemberCampaign = Campaign.extend({
  myVouchers: z.array(z.object({ id: z.number().int(), code: z.string(), state: VoucherState })),
})
export type MemberCampaign = z.infer<typeof MemberCampaign>

export const Voucher = z.object({
  id: z.number().int(),
  campaignId: z.number().int(),
  kind: CampaignKind,
  title: z.string(),
  /** Shown as a QR code / number at the venue. */
  code: z.string(),
  state: VoucherState,
  venues: z.array(Venue),
  claimedAt: isoInstant,
  validUntil: isoInstant,
  usedAt: isoInstant.nullable(),
  usedVenue: Venue.nullable(),
})
export type Voucher = z.infer<typeof Voucher>

export const ClaimResult = z.object({
  voucher: Voucher,
  /** True when this idempotency key had already produced the voucher (a retry). */
  replayed: z.boolean(),
})
export type ClaimResult = z.infer<typeof ClaimResult>

export const RedeemBody = z.object({
  code: z.string().trim().min(4, '请输入券码').max(40),
  venueId: z.number().int().positive(),
})
export const Redemption = z.object({
  voucherId: z.number().int(),
  code: z.string(),
  title: z.string(),
  kind: CampaignKind,
  venue: Venue,
  usedAt: isoInstant,
})
export type Redemption = z.infer<typeof Redemption>

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
})
export type CampaignStats = z.infer<typeof CampaignStats>

export const CampaignIdParams = z.object({ id })
export const VoucherIdParams = z.object({ id })

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const campaigns = { response: z.object({ items: z.array(MemberCampaign), serverTime: isoInstant }) }
export const campaign = { params: CampaignIdParams, response: z.object({ campaign: MemberCampaign, serverTime: isoInstant }) }
export const claim = { params: CampaignIdParams, response: ClaimResult }
export const myVouchers = { response: z.object({ items: z.array(Voucher), serverTime: isoInstant }) }
export const cancelVoucher = { params: VoucherIdParams, response: Voucher }
export const redeem = { body: RedeemBody, response: Redemption }
export const createCampaign = { body: CampaignInput, response: Campaign }
export const manageCampaigns = { response: z.object({ items: z.array(Campaign) }) }
export const campaignStats = { params: CampaignIdParams, response: CampaignStats }
