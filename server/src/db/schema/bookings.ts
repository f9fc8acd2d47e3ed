/** 在线预约: bookable services, their time slots (with the places taken) and members' bookings. */
import { sql } from 'drizzle-orm'
import { boolean, check, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import { createdAt, ts } from './columns'
import { orgs, users } from './core'

export const BOOKING_SERVICE_KIND_VALUES = ['legal_consult', 'counselling', 'health_bus', 'childcare'] as const
export const BOOKING_STATUS_VALUES = ['booked', 'cancelled', 'checked_in'] as const

export const bookingServices = pgTable(
  'booking_services',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    kind: text('kind', { enum: BOOKING_SERVICE_KIND_VALUES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    closed: boolean('closed').notNull().default(false),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('booking_services_org_idx').on(t.orgId, t.id)],
)
export type BookingServiceRow = typeof bookingServices.$inferSelect

/**
 * A time slot. `taken` counts active bookings (booked + checked in): a booking takes a place by a conditional
 * `UPDATE … SET taken = taken + 1 WHERE taken < capacity`, a cancellation gives it back, and the CHECK makes
 * overbooking impossible whatever the code does.
 */
export const bookingSlots = pgTable(
  'booking_slots',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    serviceId: integer('service_id')
      .notNull()
      .references(() => bookingServices.id, { onDelete: 'cascade' }),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    place: text('place').notNull(),
    capacity: integer('capacity').notNull(),
    taken: integer('taken').notNull().default(0),
    createdAt: createdAt(),
    /** Cancelled by the union (the bus broke down): its bookings are cancelled with it, each member told why. */
    cancelledAt: ts('cancelled_at'),
    cancelledBy: integer('cancelled_by').references(() => users.id, { onDelete: 'set null' }),
    cancelReason: text('cancel_reason'),
  },
  (t) => [
    index('booking_slots_service_idx').on(t.serviceId, t.startsAt),
    index('booking_slots_starts_idx').on(t.startsAt),
    check('booking_slots_taken_range', sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`),
    check('booking_slots_times', sql`${t.endsAt} > ${t.startsAt}`),
  ],
)
export type BookingSlotRow = typeof bookingSlots.$inferSelect

export const bookings = pgTable(
  'bookings',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    slotId: integer('slot_id')
      .notNull()
      .references(() => bookingSlots.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: BOOKING_STATUS_VALUES }).notNull(),
    createdAt: createdAt(),
    cancelledAt: ts('cancelled_at'),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: integer('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
    /** Set once by the reminder job, in the transaction that writes the message: never reminded twice. */
    remindedAt: ts('reminded_at'),
  },
  (t) => [
    /** One active booking per member per slot (a cancelled one does not count). */
    uniqueIndex('bookings_one_per_member').on(t.slotId, t.userId).where(sql`${t.status} <> 'cancelled'`),
    index('bookings_user_idx').on(t.userId, t.id),
    index('bookings_slot_idx').on(t.slotId, t.id),
  ],
)
export type BookingRow = typeof bookings.$inferSelect
