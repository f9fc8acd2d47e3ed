/**
 * 在线预约 refusals, declared once: the server refuses by these names (`refuse(BookingReasons.X)`), the response
 * carries the name as `reason`, the app branches on it. Zod-free.
 */
import { defineReasons } from '../reasons'

export const BookingReasons = defineReasons({
  /** The service does not exist or lies outside the caller's reach. */
  SERVICE_NOT_FOUND: { status: 404, message: '预约服务不存在' },
  /** The slot does not exist or lies outside the caller's reach. */
  SLOT_NOT_FOUND: { status: 404, message: '预约时段不存在' },
  /** The booking does not exist or is not the caller's. */
  BOOKING_NOT_FOUND: { status: 404, message: '预约记录不存在' },
  /** Every place of the slot is taken (the database let the others win). */
  SLOT_FULL: { status: 409, message: '该时段已约满，请选择其他时段' },
  /** The slot has started (or is over): no booking, no cancelling. */
  SLOT_STARTED: { status: 409, message: '该时段已开始，不能再预约或取消' },
  /** One booking per member per slot. */
  ALREADY_BOOKED: { status: 409, message: '您已预约该时段' },
  /** The union cancelled the slot: no booking, no second cancellation. */
  SLOT_CANCELLED: { status: 409, message: '该时段已取消' },
  /** The service was closed by its union. */
  SERVICE_CLOSED: { status: 409, message: '该服务已停止预约' },
  /** Cancel / check in a booking that is not 已预约 any more. */
  BOOKING_NOT_ACTIVE: {
    status: 409,
    message: (p: { status: string }) => (p.status === 'cancelled' ? '该预约已取消' : '该预约已签到'),
  },
  /** Check-in opens an hour before the slot and closes at its end. */
  CHECKIN_NOT_OPEN: { status: 409, message: (p: { opensAt: string }) => `签到将于 ${p.opensAt} 开始` },
  CHECKIN_CLOSED: { status: 409, message: '该时段已结束，不能签到' },
  /** A slot whose end is not after its start (beside `endsAt`). */
  SLOT_TIMES: { status: 400, message: '结束时间应晚于开始时间' },
  /** A slot in the past (beside `startsAt`). */
  SLOT_IN_PAST: { status: 400, message: '开始时间不能早于现在' },
  /** The form names a union that does not exist (beside `orgId`). */
  SERVICE_ORG_UNKNOWN: { status: 400, message: '所属工会不存在' },
})

export type BookingReason = keyof typeof BookingReasons
