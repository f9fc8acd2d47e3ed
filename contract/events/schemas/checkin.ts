/** Events schemas: check-in — the member's code, the event QR, the organiser's scan and live figures. */
import { z } from 'zod'
import { isoInstant } from './common'
import { EventCounts } from './event'

export const EventCheckinBody = z.object({
  /** The token from the event QR (parseEventQr). */
  token: z.string().trim().min(8, '二维码无效').max(200, '二维码无效'),
})

export const CheckinByCodeBody = z.object({
  /**
   * The member's check-in code as scanned (or pasted on H5): `CheckinCode.code`, signed for the member's live
   * session and valid ~60 s. Spaces are ignored; letters are case-sensitive.
   */
  code: z.string().trim().min(10, '请扫描或粘贴会员出示的签到码').max(120, '签到码无效'),
})

/** The short-lived code a member shows at the door (QR + text). Fetch a new one every ~30 s while shown. */
export const CheckinCode = z.object({
  code: z.string(),
  expiresAt: isoInstant,
  serverTime: isoInstant,
})
export type CheckinCode = z.infer<typeof CheckinCode>

export const CheckinResult = z.object({
  registrationId: z.number().int(),
  eventId: z.number().int(),
  name: z.string(),
  memberNo: z.string(),
  teamName: z.string().nullable(),
  checkedInAt: isoInstant,
  /** True when this registration had already been checked in (the call is idempotent). */
  alreadyCheckedIn: z.boolean(),
  /** Checked-in count of the event after this call. */
  checkedInCount: z.number().int(),
})
export type CheckinResult = z.infer<typeof CheckinResult>

export const EventQrToken = z.object({
  /** Put `eventQrText(token)` into the QR. */
  token: z.string(),
  /**
   * The token stops working after this (1–2 minutes from now, so a forwarded screenshot soon stops working);
   * fetch a new one before (the page refreshes every 30 s).
   */
  expiresAt: isoInstant,
  checkinOpensAt: isoInstant,
})
export type EventQrToken = z.infer<typeof EventQrToken>

export const CheckinStats = z.object({
  eventId: z.number().int(),
  counts: EventCounts,
  /** Last 20 check-ins, newest first. */
  recent: z.array(z.object({ registrationId: z.number().int(), name: z.string(), checkedInAt: isoInstant })),
  serverTime: isoInstant,
})
export type CheckinStats = z.infer<typeof CheckinStats>

/** 志愿服务: a check-out; the hours are check-in → check-out. */
export const CheckoutResult = z.object({
  registrationId: z.number().int(),
  eventId: z.number().int(),
  name: z.string(),
  memberNo: z.string(),
  checkedInAt: isoInstant,
  checkedOutAt: isoInstant,
  /** Whole minutes from check-in to check-out. */
  minutes: z.number().int(),
  /** True when this registration had already been checked out (the call is idempotent). */
  alreadyCheckedOut: z.boolean(),
})
export type CheckoutResult = z.infer<typeof CheckoutResult>

/** One volunteer activity of the member with the time recorded. */
export const VolunteerRecord = z.object({
  registrationId: z.number().int(),
  eventId: z.number().int(),
  title: z.string(),
  orgName: z.string(),
  checkedInAt: isoInstant,
  checkedOutAt: isoInstant,
  minutes: z.number().int(),
})
export type VolunteerRecord = z.infer<typeof VolunteerRecord>

export const VolunteerHours = z.object({
  /** Every checked-out volunteer activity of the member, summed (not only this page). */
  totalMinutes: z.number().int(),
  activities: z.number().int(),
  /** Newest check-out first. */
  items: z.array(VolunteerRecord),
  nextCursor: z.string().nullable(),
})
export type VolunteerHours = z.infer<typeof VolunteerHours>
