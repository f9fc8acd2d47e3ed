import { endpoint } from '../endpoint'
import type * as s from './schemas'

/** 工作人员与邀请: every staff role comes from an invitation (or the bootstrap code, which is one). */
export const staffApi = {
  /** Admin: invite someone to a role at a union of the subtree; the code is in the answer only. */
  createInvitation: endpoint<typeof s.createInvitation>('POST', '/api/staff/invitations'),
  /** Admin: the open invitations of the subtree, newest first, cursor-paged. */
  invitations: endpoint<typeof s.invitations>('GET', '/api/staff/invitations'),
  revokeInvitation: endpoint<typeof s.revokeInvitation>('DELETE', '/api/staff/invitations/:id'),
  /** Whoever holds a code: what they are asked to do (wrong codes counted per user). */
  preview: endpoint<typeof s.preview>('POST', '/api/staff/invitations/preview'),
  /** Whoever holds a code: take the role (single use, before expiry). */
  accept: endpoint<typeof s.accept>('POST', '/api/staff/invitations/accept'),
  /** Admin: the staff roles held in the subtree, cursor-paged. */
  roles: endpoint<typeof s.roles>('GET', '/api/staff/roles'),
  /** Admin: revoke a role, with a reason; it stops working at the holder's next request. */
  revokeRole: endpoint<typeof s.revokeRole>('POST', '/api/staff/roles/revoke'),
  /** Admin: the unions of the subtree where a role may be granted, by tree order, searchable by name (`q`), cursor-paged. */
  unions: endpoint<typeof s.unions>('GET', '/api/staff/unions'),
}
