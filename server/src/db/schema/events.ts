/** 活动报名: events, their seat counter, registrations and team members. */
import { sql } from 'drizzle-orm'
import {
  boolean,
  check,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import { createdAt, ts } from './columns'
import { orgs, users } from './core'

export interface EventPlaceRecord {
  name: string
  address: string
  lat: number
  lng: number
}

export interface EventQuestionRecord {
  id: string
  label: string
  type: 'short_text' | 'number' | 'single_choice' | 'multi_choice' | 'file'
  required: boolean
  options: string[]
  hint: string
}

/** Stored answers, keyed by question id: text, number, chosen option(s) or file ids. */
export type EventAnswersRecord = Record<string, string | number | string[]>

export interface EventTeamRecord {
  name: string
  members: { userId: number; memberNo: string; name: string; captain: boolean }[]
}

export const EVENT_KIND_VALUES = [
  'skills_competition',
  'labour_competition',
  'sports_culture',
  'recuperation',
  'training',
  'volunteer',
] as const

/** Stored statuses; 'no_show' is derived on read (confirmed + the event has ended). */
export const EVENT_REGISTRATION_STATUS_VALUES = ['pending', 'confirmed', 'waitlisted', 'cancelled', 'rejected', 'checked_in'] as const

export const events = pgTable(
  'events',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: EVENT_KIND_VALUES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    startsAt: ts('starts_at').notNull(),
    endsAt: ts('ends_at').notNull(),
    place: jsonb('place').$type<EventPlaceRecord>().notNull(),
    capacity: integer('capacity').notNull(),
    registrationOpensAt: ts('registration_opens_at').notNull(),
    registrationClosesAt: ts('registration_closes_at').notNull(),
    eligibleEmploymentTypes: jsonb('eligible_employment_types').$type<string[] | null>(),
    eligibleIndustries: jsonb('eligible_industries').$type<string[] | null>(),
    entryMode: text('entry_mode', { enum: ['individual', 'team'] }).notNull(),
    teamMinSize: integer('team_min_size'),
    teamMaxSize: integer('team_max_size'),
    approvalMode: text('approval_mode', { enum: ['auto', 'manual'] }).notNull(),
    cancelCutoffHours: integer('cancel_cutoff_hours').notNull(),
    checkinOpensMinutes: integer('checkin_opens_minutes').notNull(),
    scoreUnit: text('score_unit').notNull().default('分'),
    higherScoreWins: boolean('higher_score_wins').notNull().default(true),
    questions: jsonb('questions').$type<EventQuestionRecord[]>().notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [
    index('events_org_idx').on(t.orgId),
    index('events_starts_idx').on(t.startsAt, t.id),
    index('events_ends_idx').on(t.endsAt),
    check('events_capacity_positive', sql`${t.capacity} > 0`),
  ],
)

/**
 * One row per event: places taken (pending + confirmed + checked_in). Registrations, cancellations and
 * rejections lock this row first (SELECT … FOR UPDATE), so they are serialised per event: capacity can't be
 * exceeded (also a CHECK) and the waitlist order is the order of registration ids.
 */
export const eventSeats = pgTable(
  'event_seats',
  {
    eventId: integer('event_id')
      .primaryKey()
      .references(() => events.id, { onDelete: 'cascade' }),
    capacity: integer('capacity').notNull(),
    taken: integer('taken').notNull().default(0),
  },
  (t) => [check('event_seats_taken_range', sql`${t.taken} >= 0 and ${t.taken} <= ${t.capacity}`)],
)

export const eventRegistrations = pgTable(
  'event_registrations',
  {
    /** Identity: also the arrival order (waitlist order). */
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    status: text('status', { enum: EVENT_REGISTRATION_STATUS_VALUES }).notNull(),
    /** The member's QR content for check-in. */
    code: text('code').notNull(),
    answers: jsonb('answers').$type<EventAnswersRecord>().notNull(),
    team: jsonb('team').$type<EventTeamRecord | null>(),
    rejectReason: text('reject_reason'),
    decidedAt: ts('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    cancelledAt: ts('cancelled_at'),
    promotedAt: ts('promoted_at'),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: integer('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
    score: doublePrecision('score'),
    createdAt: ts('created_at').notNull(),
  },
  (t) => [
    uniqueIndex('event_registrations_code_unique').on(t.code),
    // One active registration per member per event (a cancelled or rejected one may be followed by a new one).
    uniqueIndex('event_registrations_active_unique')
      .on(t.eventId, t.userId)
      .where(sql`${t.status} in ('pending', 'confirmed', 'waitlisted', 'checked_in')`),
    index('event_registrations_event_idx').on(t.eventId, t.status, t.id),
    index('event_registrations_user_idx').on(t.userId, t.id),
  ],
)

/** Members of active team registrations (captain included): UNIQUE keeps a member in one team per event. */
export const eventTeamMembers = pgTable(
  'event_team_members',
  {
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    registrationId: integer('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
  },
  (t) => [uniqueIndex('event_team_members_unique').on(t.eventId, t.userId), index('event_team_members_reg_idx').on(t.registrationId)],
)

export type EventRow = typeof events.$inferSelect
export type EventRegistrationRow = typeof eventRegistrations.$inferSelect
