/**
 * Whoever holds a code (a staff invitation or the bootstrap code): what they are asked to do, and taking the role.
 * Single use: accepting locks the invitation row and marks it with a conditional UPDATE, so two acceptances of one
 * code cannot both win; the grant is a `user_roles` row, read by the policy on the holder's next request.
 */
import { and, eq, isNull } from 'drizzle-orm'
import type { Accepted, InvitationPreview } from '@contract/staff/schemas'
import { STAFF_ROLE_LABELS } from '@contract/staff/labels'
import { StaffReasons } from '@contract/staff/reasons'
import type { DbOrTx } from '../../db'
import { userRoles } from '../../db/schema/core'
import { staffInvitations } from '../../db/schema/staff'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import type { AppDeps } from '../../http/deps'
import { refuse, type AppError } from '../../errors'
import { findInvitation } from './lookups'
import { invitationQuery, inviterName, recordOf, stationRefs, venueNames, venueRefs, type InvitationRecord } from './views'

type State = InvitationPreview['state']

function stateOf(r: InvitationRecord, now: number): State {
  if (r.acceptedAt) return 'accepted'
  if (r.revokedAt) return 'revoked'
  if (now >= r.expiresAt.getTime()) return 'expired'
  return 'open'
}

function stateRefusal(state: Exclude<State, 'open'>): AppError {
  if (state === 'accepted') return refuse(StaffReasons.STAFF_INVITE_USED)
  if (state === 'revoked') return refuse(StaffReasons.STAFF_INVITE_REVOKED)
  return refuse(StaffReasons.STAFF_INVITE_EXPIRED)
}

async function holds(db: DbOrTx, userId: number, r: InvitationRecord): Promise<boolean> {
  const [row] = await db
    .select({ userId: userRoles.userId })
    .from(userRoles)
    .where(and(eq(userRoles.userId, userId), eq(userRoles.orgId, r.orgId), eq(userRoles.role, r.role)))
  return Boolean(row)
}

export class RedeemService {
  constructor(private readonly deps: AppDeps) {}

  async preview(user: AuthUser, code: string): Promise<InvitationPreview> {
    const id = await findInvitation(this.deps, user.userId, code)
    const { db } = this.deps
    const [row] = await invitationQuery(db).where(eq(staffInvitations.id, id))
    const r = recordOf(row)
    const state = stateOf(r, this.deps.now())
    const refusal =
      state !== 'open'
        ? stateRefusal(state)
        : r.orgClosedAt
          ? refuse(StaffReasons.STAFF_ORG_CLOSED)
          : (await holds(db, user.userId, r))
            ? refuse(StaffReasons.STAFF_ROLE_ALREADY)
            : null
    const names = await venueNames(db, [r.bindings.venues])
    return {
      role: r.role,
      roleLabel: STAFF_ROLE_LABELS[r.role],
      orgName: r.orgName,
      venues: venueRefs(r.bindings.venues, names),
      stations: await stationRefs(db, r.bindings.stations),
      invitedBy: inviterName(r),
      note: r.note,
      expiresAt: r.expiresAt.toISOString(),
      state,
      canAccept: refusal === null,
      reason: refusal?.message ?? null,
    }
  }

  async accept(user: AuthUser, code: string): Promise<Accepted> {
    const id = await findInvitation(this.deps, user.userId, code)
    const now = this.deps.now()
    return this.deps.db.transaction(async (tx) => {
      const [row] = await invitationQuery(tx).where(eq(staffInvitations.id, id)).for('update', { of: staffInvitations })
      const r = recordOf(row)
      const state = stateOf(r, now)
      if (state !== 'open') throw stateRefusal(state)
      if (r.orgClosedAt) throw refuse(StaffReasons.STAFF_ORG_CLOSED)
      const [granted] = await tx
        .insert(userRoles)
        .values({ userId: user.userId, orgId: r.orgId, role: r.role, bindings: r.bindings, createdAt: new Date(now) })
        .onConflictDoNothing()
        .returning({ userId: userRoles.userId })
      if (!granted) throw refuse(StaffReasons.STAFF_ROLE_ALREADY)
      const [used] = await tx
        .update(staffInvitations)
        .set({ acceptedBy: user.userId, acceptedAt: new Date(now) })
        .where(and(eq(staffInvitations.id, id), isNull(staffInvitations.acceptedAt), isNull(staffInvitations.revokedAt)))
        .returning({ id: staffInvitations.id })
      if (!used) throw refuse(StaffReasons.STAFF_INVITE_USED)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'staff.invitation.accept',
        subjectType: 'staff_invitation',
        subjectId: id,
        detail: { kind: r.kind, role: r.role, orgId: r.orgId, bindings: r.bindings, invitedBy: r.createdBy, note: r.note },
      })
      return { role: r.role, roleLabel: STAFF_ROLE_LABELS[r.role], orgId: r.orgId, orgName: r.orgName }
    })
  }
}
