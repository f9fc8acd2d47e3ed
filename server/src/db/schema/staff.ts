/**
 * Staff roles by invitation (design-roles.md): every grant of a staff role comes from an invitation — role, union,
 * bindings, expiry, single use, who invited and why — or from the bootstrap code (`npm run admin -- bootstrap`),
 * which is an invitation nobody sent (`kind` 'bootstrap', admin of the root union, 24 hours). Only a SHA-256 of the
 * code is kept: the code itself is shown once, to whoever created it. The grant itself is a `user_roles` row (core).
 */
import { index, integer, jsonb, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core'
import type { GrantBindings } from '../../auth/policy'
import { ts } from './columns'
import { orgs, users } from './core'

export const staffInvitations = pgTable(
  'staff_invitations',
  {
    id: integer('id').primaryKey().generatedAlwaysAsIdentity(),
    kind: text('kind', { enum: ['invite', 'bootstrap'] }).notNull().default('invite'),
    /** Hex SHA-256 of the normalised code. */
    codeHash: text('code_hash').notNull(),
    role: text('role', { enum: ['venue_staff', 'reviewer', 'admin', 'legal_staff', 'station_keeper'] }).notNull(),
    orgId: integer('org_id')
      .notNull()
      .references(() => orgs.id, { onDelete: 'cascade' }),
    bindings: jsonb('bindings').$type<GrantBindings>().notNull().default({}),
    note: text('note').notNull(),
    /** Null for the bootstrap code. */
    createdBy: integer('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: ts('created_at').notNull(),
    expiresAt: ts('expires_at').notNull(),
    acceptedBy: integer('accepted_by').references(() => users.id, { onDelete: 'set null' }),
    acceptedAt: ts('accepted_at'),
    revokedBy: integer('revoked_by').references(() => users.id, { onDelete: 'set null' }),
    revokedAt: ts('revoked_at'),
  },
  (t) => [uniqueIndex('staff_invitations_code_unique').on(t.codeHash), index('staff_invitations_org_idx').on(t.orgId, t.id)],
)

/** Wrong staff invitation codes per user in the current window (against guessing codes). */
export const staffInviteLookups = pgTable('staff_invite_lookups', {
  userId: integer('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  windowStartedAt: ts('window_started_at').notNull(),
  failures: integer('failures').notNull().default(0),
})

export type StaffInvitationRow = typeof staffInvitations.$inferSelect
