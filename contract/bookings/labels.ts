/** 在线预约 (online booking) enumerations, Chinese labels and small pure helpers, shared by server and app. Zod-free. */
import { keysOf } from '../labels'

/** What a union offers for booking. */
export const BOOKING_SERVICE_KINDS = {
  legal_consult: '法律咨询面谈',
  counselling: '心理咨询',
  health_bus: '流动体检车',
  childcare: '子女托管班',
} as const
export type BookingServiceKind = keyof typeof BOOKING_SERVICE_KINDS
export const BOOKING_SERVICE_KIND_KEYS = keysOf(BOOKING_SERVICE_KINDS)

/** A booking as the member and the staff see it. */
export const BOOKING_STATUSES = {
  booked: '已预约',
  cancelled: '已取消',
  checked_in: '已签到',
} as const
export type BookingStatus = keyof typeof BOOKING_STATUSES
export const BOOKING_STATUS_KEYS = keysOf(BOOKING_STATUSES)

/** 我的预约 tabs: upcoming = the slot has not started (booked); past = started, cancelled or checked in. */
export const MY_BOOKING_SCOPES = {
  upcoming: '待参加',
  past: '历史预约',
} as const
export type MyBookingScope = keyof typeof MY_BOOKING_SCOPES
export const MY_BOOKING_SCOPE_KEYS = keysOf(MY_BOOKING_SCOPES)

/** How far ahead a service page lists slots. */
export const SLOT_HORIZON_DAYS = 30
/** Slots listed on one service page at most (soonest first). */
export const SLOTS_MAX = 100

/** '余 3 / 10' or '已约满'. */
export function slotRemainingText(slot: { capacity: number; taken: number }): string {
  const left = slot.capacity - slot.taken
  return left > 0 ? `余 ${left} / ${slot.capacity}` : '已约满'
}

/** In-app message kinds sent by bookings (Notification.kind). */
export const BOOKING_NOTIFICATION_KINDS = {
  /** The day before the slot: 明天 HH:mm 在 … */
  reminder: 'bookings.reminder',
  /** The union cancelled the slot (with its reason): the member's booking is cancelled with it. */
  slotCancelled: 'bookings.slot_cancelled',
} as const

/** How long before a slot's start the reminder goes out (the day before). */
export const REMINDER_AHEAD_HOURS = 24
