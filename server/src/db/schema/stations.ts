/** 爱心驿站 / 户外劳动者服务站: stations, their problem reports, and usage (views, check-ins). */
import { sql } from 'drizzle-orm'
import { doublePrecision, index, integer, jsonb, pgTable, text } from 'drizzle-orm/pg-core'
import type { Facility, KeeperStatus } from '@contract/stations/labels'
import type { WeeklyHours } from '@contract/stations/hours'
import { createdAt, ts } from './columns'
import { files, orgs, users } from './core'

export const stations = pgTable(
  'stations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    /** The union that runs it. */
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id),
    name: text('name').notNull(),
    address: text('address').notNull(),
    /** GCJ-02. */
    lat: doublePrecision('lat').notNull(),
    lng: doublePrecision('lng').notNull(),
    hours: jsonb('hours').$type<WeeklyHours>().notNull(),
    facilities: jsonb('facilities').$type<Facility[]>().notNull().default([]),
    photoIds: jsonb('photo_ids').$type<string[]>().notNull().default([]),
    keeperName: text('keeper_name').notNull().default(''),
    keeperPhone: text('keeper_phone').notNull().default(''),
    /** The keeper's live status and when it was last confirmed (null: never → 未确认). */
    status: text('status', { enum: ['open', 'paused', 'full'] }).$type<KeeperStatus>().notNull().default('open'),
    confirmedAt: ts('confirmed_at'),
    confirmedBy: integer('confirmed_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: ts('updated_at').notNull().defaultNow(),
  },
  (t) => [index('stations_org_idx').on(t.orgId)],
)

export const stationReports = pgTable(
  'station_reports',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id),
    description: text('description').notNull(),
    photoFileId: text('photo_file').references(() => files.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    resolvedAt: ts('resolved_at'),
    resolvedBy: integer('resolved_by').references(() => users.id),
    resolutionNote: text('resolution_note'),
  },
  (t) => [
    index('station_reports_station_idx').on(t.stationId, t.id),
    index('station_reports_open_idx').on(t.stationId).where(sql`${t.resolvedAt} is null`),
  ],
)

/** One row per page view or 打卡 (user null when anonymous): the usage figures. */
export const stationVisits = pgTable(
  'station_visits',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    stationId: integer('station_id')
      .notNull()
      .references(() => stations.id),
    kind: text('kind', { enum: ['view', 'checkin'] }).notNull(),
    userId: integer('user_id').references(() => users.id),
    at: createdAt(),
  },
  (t) => [index('station_visits_station_idx').on(t.stationId, t.kind, t.at)],
)

export type StationRow = typeof stations.$inferSelect
export type StationReportRow = typeof stationReports.$inferSelect
