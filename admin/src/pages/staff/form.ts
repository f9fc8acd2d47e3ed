/**
 * The invitation form checked with the contract's InvitationInput at runtime (the mini-program's messages), and where
 * a server refusal belongs on the form — by its reason, never its text.
 */
import { InvitationInput, RevokeRoleInput } from '@contract/staff/schemas'
import type { InvitationInput as Body } from '@contract/staff/schemas'
import { StaffReasons } from '@contract/staff/reasons'
import type { StaffRole } from '@contract/staff/labels'
import { isApiError } from '@/api/errors'

export interface InviteForm {
  role: StaffRole
  orgId: number | undefined
  venueIds: number[]
  stationIds: number[]
  expiresInDays: number
  note: string
}
export type InviteField = keyof InviteForm

export type CheckedInvite = { ok: true; body: Body } | { ok: false; errors: Partial<Record<InviteField, string>> }

export function checkInvite(f: InviteForm): CheckedInvite {
  const errors: Partial<Record<InviteField, string>> = {}
  const parsed = InvitationInput.safeParse({
    role: f.role,
    orgId: f.orgId,
    venueIds: f.role === 'venue_staff' ? f.venueIds : [],
    stationIds: f.role === 'station_keeper' ? f.stationIds : [],
    expiresInDays: f.expiresInDays,
    note: f.note,
  })
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const k = String(i.path[0] ?? '') as InviteField
      if (!errors[k]) errors[k] = k === 'orgId' ? '请选择工会' : i.message
    }
  }
  if (f.role === 'venue_staff' && f.venueIds.length === 0) errors.venueIds = '请至少选择一个核销场馆'
  if (f.role === 'station_keeper' && f.stationIds.length === 0) errors.stationIds = '请至少选择一个驿站'
  if (!parsed.success || Object.keys(errors).length) return { ok: false, errors }
  // stationIds travel only for a keeper (the other roles name none)
  const { stationIds, ...rest } = parsed.data
  return { ok: true, body: f.role === 'station_keeper' ? { ...rest, stationIds } : rest }
}

const REASON_FIELD: Partial<Record<string, InviteField>> = {
  [StaffReasons.STAFF_OUTSIDE_SUBTREE.reason]: 'orgId',
  [StaffReasons.STAFF_ADMIN_NOT_BELOW.reason]: 'orgId',
  [StaffReasons.STAFF_ORG_UNKNOWN.reason]: 'orgId',
  [StaffReasons.STAFF_ORG_CLOSED.reason]: 'orgId',
  [StaffReasons.STAFF_VENUES_REQUIRED.reason]: 'venueIds',
  [StaffReasons.STAFF_VENUES_NOT_ALLOWED.reason]: 'venueIds',
  [StaffReasons.STAFF_VENUE_UNKNOWN.reason]: 'venueIds',
  [StaffReasons.STAFF_STATIONS_REQUIRED.reason]: 'stationIds',
  [StaffReasons.STAFF_STATIONS_NOT_ALLOWED.reason]: 'stationIds',
  [StaffReasons.STAFF_STATION_UNKNOWN.reason]: 'stationIds',
}

/** A refused invitation → the messages beside the form's fields (empty: not about one field). */
export function inviteErrorsOf(err: unknown): Partial<Record<InviteField, string>> {
  if (!isApiError(err)) return {}
  const out: Partial<Record<InviteField, string>> = {}
  for (const [k, v] of Object.entries(err.fields)) if (k in REASON_FIELD || ['role', 'orgId', 'venueIds', 'stationIds', 'expiresInDays', 'note'].includes(k)) out[k as InviteField] = v
  const at = REASON_FIELD[err.reason]
  if (at && !out[at]) out[at] = err.message
  return out
}

/** 撤销's reason, checked with the contract's RevokeRoleInput (its message). */
export function revokeReasonProblem(reason: string): string | null {
  const r = RevokeRoleInput.shape.reason.safeParse(reason)
  return r.success ? null : r.error.issues[0].message
}
