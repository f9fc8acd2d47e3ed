/** 工作人员与邀请: invitations (create, list, preview, accept, revoke) and the roles of a subtree (list, revoke). */
import { z } from 'zod'
import { nextCursor, PageQuery } from '../paging'
import { INVITE_DAYS_DEFAULT, INVITE_DAYS_MAX, STAFF_ROLES } from './labels'

const id = z.coerce.number().int().positive()
const Ok = z.object({ ok: z.literal(true) })

export const StaffRole = z.enum(STAFF_ROLES, { error: '请选择角色' })

export const VenueRef = z.object({ id: z.number().int(), name: z.string() })

export const InvitationInput = z.object({
  role: StaffRole,
  /** The union the role is held at (the inviter's subtree). */
  orgId: z.number().int().positive(),
  /** venue_staff: the registry venues the grant binds (at least one); other roles: none. */
  venueIds: z.array(z.number().int().positive()).max(50).default([]),
  /** station_keeper: the stations the grant binds (at least one, of the union's subtree); other roles: none. */
  stationIds: z.array(z.number().int().positive()).max(50).default([]),
  expiresInDays: z.number().int().min(1, '有效期至少 1 天').max(INVITE_DAYS_MAX, `有效期最长 ${INVITE_DAYS_MAX} 天`).default(INVITE_DAYS_DEFAULT),
  /** Why this person is invited (kept in the audit log). */
  note: z.string().trim().min(2, '请填写邀请原因').max(200),
})
export type InvitationInput = z.input<typeof InvitationInput>

export const Invitation = z.object({
  id: z.number().int(),
  role: StaffRole,
  roleLabel: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  venues: z.array(VenueRef),
  /** station_keeper: the stations the grant will bind, named; other roles: none. */
  stations: z.array(VenueRef),
  note: z.string(),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
})
export type Invitation = z.infer<typeof Invitation>

/** The new invitation with its code and the page that carries it: shown once (only a hash is kept). */
export const CreatedInvitation = Invitation.extend({ code: z.string(), path: z.string() })
export type CreatedInvitation = z.infer<typeof CreatedInvitation>

export const InvitationList = z.object({ items: z.array(Invitation), nextCursor })
export type InvitationList = z.infer<typeof InvitationList>

export const CodeBody = z.object({ code: z.string().trim().min(1, '请输入邀请码').max(40) })

/** What the holder of a code is asked to do. */
export const InvitationPreview = z.object({
  role: StaffRole,
  roleLabel: z.string(),
  orgName: z.string(),
  venues: z.array(VenueRef),
  /** station_keeper: the stations the grant binds; other roles: none. */
  stations: z.array(VenueRef),
  invitedBy: z.string(),
  note: z.string(),
  expiresAt: z.string(),
  state: z.enum(['open', 'accepted', 'expired', 'revoked']),
  canAccept: z.boolean(),
  /** Why not, when `canAccept` is false. */
  reason: z.string().nullable(),
})
export type InvitationPreview = z.infer<typeof InvitationPreview>

export const Accepted = z.object({ role: StaffRole, roleLabel: z.string(), orgId: z.number().int(), orgName: z.string() })
export type Accepted = z.infer<typeof Accepted>

export const HeldRole = z.object({
  userId: z.number().int(),
  nickname: z.string(),
  role: StaffRole,
  roleLabel: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  venues: z.array(VenueRef),
  /** station_keeper: the stations the grant binds, named; other roles: none. */
  stations: z.array(VenueRef),
  since: z.string(),
  /** Whether the caller may revoke it (subtree, admin only from above, never their own admin role). */
  canRevoke: z.boolean(),
})
export type HeldRole = z.infer<typeof HeldRole>
export const RoleQuery = PageQuery.extend({
  role: StaffRole.optional(),
  /** Only the roles held at this union and its subtree (a union of the caller's subtree; else 403 STAFF_OUTSIDE_SUBTREE). */
  orgId: id.optional(),
})
export const RoleList = z.object({ items: z.array(HeldRole), nextCursor })
export type RoleList = z.infer<typeof RoleList>

export const RevokeRoleInput = z.object({
  userId: z.number().int().positive(),
  orgId: z.number().int().positive(),
  role: StaffRole,
  reason: z.string().trim().min(2, '请填写撤销原因').max(200),
})
export type RevokeRoleInput = z.infer<typeof RevokeRoleInput>

export const InvitationIdParams = z.object({ id })

/** A union where the caller may appoint staff (the invitation form's union picker). */
export const AppointableUnion = z.object({
  id: z.number().int(),
  name: z.string(),
  /** The union above it, to tell apart two of the same name; null for the root. */
  parentName: z.string().nullable(),
  /** 1 = the root of the tree. */
  level: z.number().int(),
})
export type AppointableUnion = z.infer<typeof AppointableUnion>
export const UnionQuery = PageQuery.extend({ q: z.string().trim().max(40).optional() })
export const UnionList = z.object({ items: z.array(AppointableUnion), nextCursor })
export type UnionList = z.infer<typeof UnionList>

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const createInvitation = { body: InvitationInput, response: CreatedInvitation }
export const invitations = { query: PageQuery, response: InvitationList }
export const revokeInvitation = { params: InvitationIdParams, response: Ok }
export const preview = { body: CodeBody, response: InvitationPreview }
export const accept = { body: CodeBody, response: Accepted }
export const roles = { query: RoleQuery, response: RoleList }
export const revokeRole = { body: RevokeRoleInput, response: Ok }
export const unions = { query: UnionQuery, response: UnionList }
