/** Core tables: the union tree, users and roles, sessions, the audit log, uploaded files. */
import { sql } from 'drizzle-orm'
import {
  type AnyPgColumn,
  boolean,
  customType,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core'
import type { GrantBindings } from '../../auth/policy'
import { UNION_KINDS } from '@contract/unions/labels'
import { createdAt } from './columns'

/**
 * Union organisations as a tree; `path` is materialised like '/1/4/9/' (ancestors first, self last). Kinds and which
 * may sit under which: contract/unions/labels.ts. A closed union (撤销, `closed_at`) stays for the records and is
 * hidden from 入会 and the staff pickers. Names are unique under one parent; a credit code in the whole tree.
 */
export const orgs = pgTable(
  'orgs',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    parentId: integer('parent_id').references((): AnyPgColumn => orgs.id),
    name: text('name').notNull(),
    kind: text('kind', { enum: UNION_KINDS }).notNull(),
    path: text('path').notNull().default(''),
    city: text('city'),
    latitude: doublePrecision('latitude'),
    longitude: doublePrecision('longitude'),
    address: text('address'),
    contactName: text('contact_name'),
    /** The union office's phone (a landline or the contact's mobile): shown to admins, not to members. */
    contactPhone: text('contact_phone'),
    /** 统一社会信用代码 (of the union as a legal person), upper-case. */
    creditCode: text('credit_code'),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('orgs_parent_idx').on(t.parentId),
    index('orgs_path_idx').on(t.path.op('text_pattern_ops')),
    uniqueIndex('orgs_parent_name_unique').on(t.parentId, t.name),
    uniqueIndex('orgs_credit_code_unique').on(t.creditCode).where(sql`${t.creditCode} is not null`),
  ],
)

export const users = pgTable('users', {
  id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
  openid: text('openid').notNull().unique(),
  unionid: text('unionid'),
  nickname: text('nickname').notNull().default(''),
  avatarFileId: text('avatar_file').references((): AnyPgColumn => files.id, { onDelete: 'set null' }),
  /**
   * No longer written (issue 11): nothing here needs the WeChat session_key (the phone-number API uses an access
   * token), so it is not kept; migration 0012 cleared the old values. The column stays until every instance
   * runs code that no longer writes it (a rolling deploy); drop it in a later release.
   */
  wechatSessionKey: text('wechat_session_key'),
  /** 关怀模式 (issue 18): large text, high contrast, big tap targets, a simpler home page; follows the user to any phone. */
  careMode: boolean('care_mode').notNull().default(false),
  createdAt: createdAt(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
})

export const userRoles = pgTable(
  'user_roles',
  {
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    role: text('role', { enum: ['member', 'venue_staff', 'reviewer', 'admin', 'legal_staff', 'station_keeper'] }).notNull(),
    /** What the grant is tied to beyond the org subtree (venue_staff: the venues it may act at); see auth/policy.ts. */
    bindings: jsonb('bindings').$type<GrantBindings>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('user_roles_unique').on(t.userId, t.orgId, t.role), index('user_roles_org_idx').on(t.orgId)],
)

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: integer('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }),
    /**
     * 'app': the mini-program / H5 login. 'console': the office console's (扫码登录), short-lived (see
     * contract/console/labels.ts) and ended from the phone (退出电脑登录).
     */
    kind: text('kind', { enum: ['app', 'console'] }).notNull().default('app'),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
)

export const auditLog = pgTable(
  'audit_log',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    actorUserId: integer('actor_user_id').references(() => users.id, { onDelete: 'set null' }),
    action: text('action').notNull(),
    subjectType: text('subject_type'),
    subjectId: text('subject_id'),
    detail: jsonb('detail').$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    /**
     * The union the row belongs to, for 审计日志 (issue 16): the subject's union (the case, event, campaign …), else
     * `detail.orgId`, else the acting staff member's highest post; null = the platform's own (seen by root admins).
     * Decided once by the writer (audit-org.ts), so the viewer's scope is an indexed comparison.
     */
    orgId: integer('org_id').references((): AnyPgColumn => orgs.id),
    /** Where the request came from (as TRUST_PROXY lets us know it) and its User-Agent; null for background jobs. */
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** Which login the request came with: the phone ('app') or the office console ('console'); null without one. */
    channel: text('channel', { enum: ['app', 'console'] }),
  },
  (t) => [
    index('audit_log_subject_idx').on(t.subjectType, t.subjectId),
    index('audit_log_actor_idx').on(t.actorUserId),
    index('audit_log_org_idx').on(t.orgId, t.id),
    index('audit_log_action_idx').on(t.action, t.id),
  ],
)

/**
 * Uploaded files, served only through signed URLs. The bytes live where `storage` says (files/store.ts):
 * `db` → `file_blobs`, `s3` → the object store under `stored_name`, `disk` → `<DATA_DIR>/uploads/<stored_name>`
 * (rows written before issue 11: read-only). A file nobody references yet (`attached_at` null) is removed
 * 24 hours after its upload.
 */
export const files = pgTable(
  'files',
  {
    id: text('id').primaryKey(),
    ownerUserId: integer('owner_user_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    kind: text('kind').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    storedName: text('stored_name').notNull(),
    /** Every insert names it; the default only describes the rows that existed before the column. */
    storage: text('storage', { enum: ['db', 's3', 'disk'] }).notNull().default('disk'),
    /** When something (an avatar, a registration, an application) first referenced the file; null → swept. */
    attachedAt: timestamp('attached_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('files_owner_created_idx').on(t.ownerUserId, t.createdAt),
    index('files_unattached_idx').on(t.createdAt).where(sql`${t.attachedAt} is null`),
  ],
)

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
  toDriver: (value) => value,
})

/** The bytes of files with storage `db`: shared by every server instance, deleted with their `files` row. */
export const fileBlobs = pgTable('file_blobs', {
  fileId: text('file_id')
    .primaryKey()
    .references(() => files.id, { onDelete: 'cascade' }),
  bytes: bytea('bytes').notNull(),
})

export type OrgRow = typeof orgs.$inferSelect
export type UserRow = typeof users.$inferSelect
export type SessionRow = typeof sessions.$inferSelect
export type FileRow = typeof files.$inferSelect
