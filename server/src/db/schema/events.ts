/** 活动报名: events, their seat counter, registrations, team members and team invitations. */
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
    // 数据看板: a subtree's events starting within a range.
    index('events_org_starts_idx').on(t.orgId, t.startsAt),
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
    answers: jsonb('answers').$type<EventAnswersRecord>().notNull(),
    /** Team entry: the team's name (null for individual entry). */
    teamName: text('team_name'),
    /**
     * Team entry: accepted members, captain included (null for individual entry). Changed only by a conditional
     * UPDATE under this row's lock (`team_size < max`), so two acceptances for the last place cannot both win.
     */
    teamSize: integer('team_size'),
    rejectReason: text('reject_reason'),
    decidedAt: ts('decided_at'),
    decidedBy: integer('decided_by').references(() => users.id, { onDelete: 'set null' }),
    cancelledAt: ts('cancelled_at'),
    promotedAt: ts('promoted_at'),
    checkedInAt: ts('checked_in_at'),
    checkedInBy: integer('checked_in_by').references(() => users.id, { onDelete: 'set null' }),
    /** 志愿服务: check-out; the volunteer hours are checked_out_at − checked_in_at. */
    checkedOutAt: ts('checked_out_at'),
    checkedOutBy: integer('checked_out_by').references(() => users.id, { onDelete: 'set null' }),
    score: doublePrecision('score'),
    createdAt: ts('created_at').notNull(),
    /** When the day-before reminder went out for this registration (reminders.ts); set once, with the messages. */
    remindedAt: ts('reminded_at'),
  },
  (t) => [
    // One active registration per member per event (a cancelled or rejected one may be followed by a new one).
    uniqueIndex('event_registrations_active_unique')
      .on(t.eventId, t.userId)
      .where(sql`${t.status} in ('pending', 'confirmed', 'waitlisted', 'checked_in')`),
    index('event_registrations_event_idx').on(t.eventId, t.status, t.id),
    index('event_registrations_user_idx').on(t.userId, t.id),
    check('event_registrations_team_size_positive', sql`${t.teamSize} is null or ${t.teamSize} >= 1`),
  ],
)

/**
 * Members of team registrations (captain included). A member is in a team only after accepting an invitation
 * (the captain when registering). Leaving, being removed or the team's registration ending sets `left_at`; the
 * partial UNIQUE keeps a person in at most one team per event at a time.
 */
export const eventTeamMembers = pgTable(
  'event_team_members',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    registrationId: integer('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    captain: boolean('captain').notNull().default(false),
    joinedAt: ts('joined_at').notNull().defaultNow(),
    leftAt: ts('left_at'),
    /** Why `left_at` is set: the member left, the captain removed them, or the registration ended. */
    leftReason: text('left_reason', { enum: ['left', 'removed', 'closed'] }),
  },
  (t) => [
    uniqueIndex('event_team_members_unique').on(t.eventId, t.userId).where(sql`${t.leftAt} is null`),
    index('event_team_members_reg_idx').on(t.registrationId),
  ],
)

/**
 * Invitations to join a team: a random single-use code the captain shares (never a member number). Valid until
 * accepted, withdrawn, the registration deadline (`expires_at`) or the end of the team's registration.
 */
export const eventTeamInvites = pgTable(
  'event_team_invites',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    eventId: integer('event_id')
      .notNull()
      .references(() => events.id, { onDelete: 'cascade' }),
    registrationId: integer('registration_id')
      .notNull()
      .references(() => eventRegistrations.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    acceptedBy: integer('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: ts('accepted_at'),
    withdrawnAt: ts('withdrawn_at'),
  },
  (t) => [uniqueIndex('event_team_invites_code_unique').on(t.code), index('event_team_invites_reg_idx').on(t.registrationId, t.id)],
)

/** Wrong invitation codes per user in the current window (rate limit against guessing codes). */
export const eventInviteLookups = pgTable('event_invite_lookups', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  windowStartedAt: ts('window_started_at').notNull(),
  failures: integer('failures').notNull().default(0),
})

export type EventRow = typeof events.$inferSelect
export type EventRegistrationRow = typeof eventRegistrations.$inferSelect
export type EventTeamInviteRow = typeof eventTeamInvites.$inferSelect
