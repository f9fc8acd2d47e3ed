/** The vouchers contract's shared basics: the voucher kind, the redemption outcome and the venue registry's shapes. */
import { z } from 'zod'
import { CAMPAIGN_KIND_KEYS, REDEEM_OUTCOME_KEYS } from './labels'

export const CampaignKind = z.enum(CAMPAIGN_KIND_KEYS, { error: '请选择券种' })
export const RedeemOutcome = z.enum(REDEEM_OUTCOME_KEYS)

export const Venue = z.object({
  /** The venue registry's id (the same venue keeps its id across campaigns; staff are bound to these ids). */
  id: z.number().int(),
  name: z.string(),
  address: z.string(),
  lat: z.number(),
  lng: z.number(),
})
export type Venue = z.infer<typeof Venue>

/** A registry venue as staff see it: plus the union that owns it. Coordinates are GCJ-02. */
export const StaffVenue = Venue.extend({ orgId: z.number().int(), orgName: z.string() })
export type StaffVenue = z.infer<typeof StaffVenue>
