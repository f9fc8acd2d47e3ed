/** 在线预约: bookable services, their time slots, members' bookings, staff check-in. */
import { z } from 'zod'
import { nextCursor, PageQuery } from '../paging'
import { BOOKING_SERVICE_KIND_KEYS, BOOKING_STATUS_KEYS, MY_BOOKING_SCOPE_KEYS } from './labels'

const id = z.coerce.number().int().positive()
const instant = z.string().datetime({ offset: true, message: '时间格式无效' })

export const BookingServiceKind = z.enum(BOOKING_SERVICE_KIND_KEYS, { error: '请选择服务类别' })
export const BookingStatus = z.enum(BOOKING_STATUS_KEYS)

export const ServiceInput = z.object({
  /** The union that offers it (the admin's subtree); its members and those of its sub-unions may book. */
  orgId: z.number().int(),
  kind: BookingServiceKind,
  title: z.string().trim().min(2, '请填写服务名称').max(40),
  description: z.string().trim().max(500).default(''),
})
export type ServiceInput = z.infer<typeof ServiceInput>

export const SlotInput = z.object({
  startsAt: instant,
  endsAt: instant,
  /** Where: 工会服务中心二楼 / the health bus's stop. */
  place: z.string().trim().min(2, '请填写地点').max(80),
  capacity: z.number().int().min(1, '名额至少 1 个').max(500, '名额最多 500 个'),
})
export type SlotInput = z.infer<typeof SlotInput>

export const Slot = z.object({
  id: z.number().int(),
  serviceId: z.number().int(),
  startsAt: z.string(),
  endsAt: z.string(),
  place: z.string(),
  capacity: z.number().int(),
  taken: z.number().int(),
  /** The caller's active booking of this slot (booked or checked in), else null. */
  myBookingId: z.number().int().nullable(),
  /** Cancelled by the union (members no longer see it among the slots; their bookings of it were cancelled). */
  cancelled: z.boolean(),
  cancelReason: z.string().nullable(),
})
export type Slot = z.infer<typeof Slot>

/** 取消时段: why (each booked member reads it in 消息). */
export const CancelSlotInput = z.object({ reason: z.string().trim().min(2, '请写明取消原因').max(200, '不超过 200 字') })
export type CancelSlotInput = z.infer<typeof CancelSlotInput>
export const CancelledSlot = Slot.omit({ myBookingId: true }).extend({
  /** How many bookings were cancelled with it (each member got a message). */
  cancelledBookings: z.number().int(),
})
export type CancelledSlot = z.infer<typeof CancelledSlot>

export const BookingService = z.object({
  id: z.number().int(),
  orgId: z.number().int(),
  orgName: z.string(),
  kind: BookingServiceKind,
  title: z.string(),
  description: z.string(),
  closed: z.boolean(),
  /** The next slot's start (null: none upcoming) and how many upcoming slots still have places. */
  nextSlotAt: z.string().nullable(),
  openSlots: z.number().int(),
})
export type BookingService = z.infer<typeof BookingService>

export const ServiceDetail = BookingService.extend({
  /** Slots not yet started, within SLOT_HORIZON_DAYS, soonest first (at most SLOTS_MAX). */
  slots: z.array(Slot),
})
export type ServiceDetail = z.infer<typeof ServiceDetail>

export const Booking = z.object({
  id: z.number().int(),
  status: BookingStatus,
  slot: Slot.omit({ myBookingId: true }),
  service: z.object({ id: z.number().int(), kind: BookingServiceKind, title: z.string(), orgName: z.string() }),
  createdAt: z.string(),
  /** Until when the member may cancel (the slot's start). */
  cancelUntil: z.string(),
  checkedInAt: z.string().nullable(),
})
export type Booking = z.infer<typeof Booking>

/** A booking as the staff at the door see it. */
export const SlotBooking = z.object({
  id: z.number().int(),
  status: BookingStatus,
  name: z.string(),
  memberNo: z.string(),
  createdAt: z.string(),
  checkedInAt: z.string().nullable(),
})
export type SlotBooking = z.infer<typeof SlotBooking>

export const ServiceIdParams = z.object({ id })
export const SlotIdParams = z.object({ id })
export const BookingIdParams = z.object({ id })

export const ServiceList = z.object({ items: z.array(BookingService), nextCursor })
export type ServiceList = z.infer<typeof ServiceList>
export const ServiceQuery = PageQuery.extend({ kind: BookingServiceKind.optional() })

export const MyBookingsQuery = PageQuery.extend({ scope: z.enum(MY_BOOKING_SCOPE_KEYS).default('upcoming') })
export const BookingList = z.object({ items: z.array(Booking), nextCursor })
export type BookingList = z.infer<typeof BookingList>

export const SlotBookingsQuery = PageQuery
export const SlotBookingList = z.object({
  slot: Slot.omit({ myBookingId: true }),
  service: z.object({ id: z.number().int(), kind: BookingServiceKind, title: z.string() }),
  items: z.array(SlotBooking),
  nextCursor,
})
export type SlotBookingList = z.infer<typeof SlotBookingList>

export const CheckinResult = SlotBooking.extend({ alreadyCheckedIn: z.boolean() })
export type CheckinResult = z.infer<typeof CheckinResult>

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const services = { query: ServiceQuery, response: ServiceList }
export const service = { params: ServiceIdParams, response: ServiceDetail }
export const book = { params: SlotIdParams, response: Booking }
export const mine = { query: MyBookingsQuery, response: BookingList }
export const booking = { params: BookingIdParams, response: Booking }
export const cancel = { params: BookingIdParams, response: Booking }
export const manageServices = { query: PageQuery, response: ServiceList }
export const createService = { body: ServiceInput, response: BookingService }
export const updateService = { params: ServiceIdParams, body: ServiceInput.extend({ closed: z.boolean().default(false) }), response: BookingService }
export const manageService = { params: ServiceIdParams, response: ServiceDetail }
export const addSlot = { params: ServiceIdParams, body: SlotInput, response: Slot }
export const cancelSlot = { params: SlotIdParams, body: CancelSlotInput, response: CancelledSlot }
export const slotBookings = { params: SlotIdParams, query: SlotBookingsQuery, response: SlotBookingList }
export const checkin = { params: BookingIdParams, response: CheckinResult }
