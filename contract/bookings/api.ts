/**
 * 在线预约 (online booking) endpoint table. Zod-free: the app imports it anywhere, types come from ./schemas.
 *
 * A union (its admins: `services.manage`) publishes bookable services (法律咨询面谈, 心理咨询, 流动体检车, 子女托管班) with
 * time slots (start, end, place, capacity). Members of the union's subtree book (one booking per member per slot,
 * never more bookings than places — the database keeps both rules) and cancel until the slot starts. At the door,
 * the union's admins and its check-in staff (`events.checkin`: venue staff of the subtree — the same door duty as
 * at events) check bookings in. The day before, each booked member gets an in-app reminder (once).
 * Errors common to every endpoint: 401 UNAUTHENTICATED, 400 VALIDATION with `fields`. Anything outside the
 * caller's reach is 404 (never 403), so ids do not leak. Every refusal carries its `reason` (./reasons.ts).
 */
import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const bookingsApi = {
  // ---------- members ----------

  /** Any logged-in user (non-members get an empty list): open services of the member's union and the unions above it. Cursor paging. */
  services: endpoint<typeof s.services>('GET', '/api/bookings/services'),
  /** Member of the service union's subtree, or its staff: the service with its upcoming slots and the caller's bookings. */
  service: endpoint<typeof s.service>('GET', '/api/bookings/services/:id'),
  /**
   * Member of the service union's subtree: book one place of the slot. 409 SLOT_FULL (no place left), ALREADY_BOOKED
   * (one active booking per member per slot), SLOT_STARTED, SERVICE_CLOSED; 404 SLOT_NOT_FOUND outside the member's reach.
   */
  book: endpoint<typeof s.book>('POST', '/api/bookings/slots/:id/book'),
  /** Own bookings: `upcoming` (booked, not started; soonest first) or `past` (newest first). Cursor paging. */
  mine: endpoint<typeof s.mine>('GET', '/api/bookings/mine'),
  /** Owner: one booking. */
  booking: endpoint<typeof s.booking>('GET', '/api/bookings/:id'),
  /** Owner: cancel until the slot starts; the place is free again at once. 409 SLOT_STARTED, BOOKING_NOT_ACTIVE. */
  cancel: endpoint<typeof s.cancel>('POST', '/api/bookings/:id/cancel'),

  // ---------- staff ----------

  /** Admins (services.manage) and check-in staff (events.checkin): services of their subtrees, closed ones too. Cursor paging. */
  manageServices: endpoint<typeof s.manageServices>('GET', '/api/bookings/manage/services'),
  /** Admin: publish a service for `orgId` in the caller's subtree. */
  createService: endpoint<typeof s.createService>('POST', '/api/bookings/manage/services'),
  /** Admin of the service's union (or above): change it, or close it (`closed: true`: no new bookings). `orgId` cannot change. */
  updateService: endpoint<typeof s.updateService>('PUT', '/api/bookings/manage/services/:id'),
  /** Admin or check-in staff over the service: the service with its upcoming slots. */
  manageService: endpoint<typeof s.manageService>('GET', '/api/bookings/manage/services/:id'),
  /** Admin: add a time slot. 400 SLOT_TIMES (`endsAt`), SLOT_IN_PAST (`startsAt`). */
  addSlot: endpoint<typeof s.addSlot>('POST', '/api/bookings/manage/services/:id/slots'),
  /**
   * Admin of the slot's service: cancel the slot (a reason, 2–200 characters) before it starts. Its bookings are
   * cancelled with it and each booked member gets a message with the reason (`bookings.slot_cancelled`), in the same
   * transaction. 409 SLOT_STARTED, SLOT_CANCELLED (already).
   */
  cancelSlot: endpoint<typeof s.cancelSlot>('POST', '/api/bookings/manage/slots/:id/cancel'),
  /** Admin or check-in staff over the slot's service: its bookings (not cancelled), arrival order. Cursor paging. */
  slotBookings: endpoint<typeof s.slotBookings>('GET', '/api/bookings/manage/slots/:id/bookings'),
  /**
   * Admin or check-in staff over the booking's service: check the member in (from an hour before the slot until its
   * end). Idempotent (`alreadyCheckedIn`). 409 CHECKIN_NOT_OPEN / CHECKIN_CLOSED / BOOKING_NOT_ACTIVE (cancelled).
   */
  checkin: endpoint<typeof s.checkin>('POST', '/api/bookings/manage/bookings/:id/checkin'),
}
