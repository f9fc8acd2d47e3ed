/**
 * An admin's invitations: create (role + union of the subtree + venues for venue_staff + expiry + why), the open ones
 * of the subtree, revoke one not yet used. Each change is audited in its transaction.
 */
import { and, desc, eq, gt, isNull, like, lt, or } from 'drizzle-orm'
import type { CreatedInvitation, InvitationInput, InvitationList } from '@contract/staff/schemas'
import { STAFF_ROLE_LABELS } from '@contract/staff/labels'
import { StaffReasons } from '@contract/staff/reasons'
import { pages } from '@contract/pages'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { staffInvitations, type StaffInvitationRow } from '../../db/schema/staff'
import { audit } from '../../audit'
import { scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import type { AppDeps } from '../../http/deps'
import { refuse, refuseAt } from '../../errors'
import { decodeCursor, pageOf } from '../../db/paging'
import { hashStaffCode, newStaffCode } from './codes'
import { assertMayGrant, bindingsFor, orgOf } from './rules'
import { invitationQuery, recordOf, toInvitation, bindingNames } from './views'

const DAY = 24 * 60 * 60_000

/** Inserts an invitation under a fresh code (a collision draws again); returns the row and the code, shown once. */
export async function insertInvitation(
  tx: Tx,
  values: Omit<typeof staffInvitations.$inferInsert, 'codeHash'>,
): Promise<{ row: StaffInvitationRow; code: string }> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const code = newStaffCode()
    const [row] = await tx
      .insert(staffInvitations)
      .values({ ...values, codeHash: hashStaffCode(code) })
      .onConflictDoNothing()
      .returning()
    if (row) return { row, code }
  }
  throw new Error('could not draw an unused invitation code')
}

export class InvitationService {
  constructor(private readonly deps: AppDeps) {}

  async create(user: AuthUser, input: InvitationInput): Promise<CreatedInvitation> {
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const org = await orgOf(tx, input.orgId)
      assertMayGrant(user, input.role, org.path)
      if (org.closedAt) throw refuseAt('orgId', StaffReasons.STAFF_ORG_CLOSED)
      const bindings = await bindingsFor(tx, input.role, org, input.venueIds ?? [], input.stationIds ?? [])
      const days = input.expiresInDays ?? 7
      const { row, code } = await insertInvitation(tx, {
        kind: 'invite',
        role: input.role,
        orgId: org.id,
        bindings,
        note: input.note,
        createdBy: user.userId,
        createdAt: new Date(now),
        expiresAt: new Date(now + days * DAY),
      })
      await audit(tx, {
        actorUserId: user.userId,
        action: 'staff.invitation.create',
        subjectType: 'staff_invitation',
        subjectId: row.id,
        detail: { role: row.role, orgId: org.id, bindings, note: row.note, expiresAt: row.expiresAt.toISOString() },
      })
      const names = await bindingNames(tx, [bindings])
      const view = toInvitation({ ...row, orgName: org.name, orgPath: org.path, orgClosedAt: org.closedAt, inviter: user.nickname }, names)
      return { ...view, roleLabel: STAFF_ROLE_LABELS[row.role], code, path: pages.staff.invite.url({ code }) }
    })
  }

  /** Open invitations (not used, not revoked, not expired) of the caller's subtrees, newest first. */
  async list(user: AuthUser, query: { cursor?: string; limit: number }): Promise<InvitationList> {
    const after = decodeCursor(query.cursor, ['number'] as const)
    const scopes = scopesFor(user, 'staff.manage')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const { db } = this.deps
    const rows = await invitationQuery(db)
      .where(
        and(
          or(...scopes.map((p) => like(orgs.path, `${p}%`))),
          isNull(staffInvitations.acceptedAt),
          isNull(staffInvitations.revokedAt),
          gt(staffInvitations.expiresAt, new Date(this.deps.now())),
          after ? lt(staffInvitations.id, after[0]) : undefined,
        ),
      )
      .orderBy(desc(staffInvitations.id))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.i.id])
    const records = page.map(recordOf)
    const names = await bindingNames(db, records.map((r) => r.bindings))
    return { items: records.map((r) => toInvitation(r, names)), nextCursor }
  }

  /** Revoke an invitation nobody used yet (again: no change). Same rule as granting it. */
  async revoke(user: AuthUser, id: number): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      const [row] = await invitationQuery(tx).where(eq(staffInvitations.id, id)).for('update', { of: staffInvitations })
      if (!row) throw refuse(StaffReasons.STAFF_INVITATION_NOT_FOUND)
      const inv = recordOf(row)
      assertMayGrant(user, inv.role, inv.orgPath)
      if (inv.acceptedAt) throw refuse(StaffReasons.STAFF_INVITE_USED)
      if (inv.revokedAt) return
      await tx.update(staffInvitations).set({ revokedAt: new Date(this.deps.now()), revokedBy: user.userId }).where(eq(staffInvitations.id, id))
      await audit(tx, { actorUserId: user.userId, action: 'staff.invitation.revoke', subjectType: 'staff_invitation', subjectId: id, detail: { role: inv.role, orgId: inv.orgId } })
    })
  }
}
