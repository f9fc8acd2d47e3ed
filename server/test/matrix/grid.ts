/** Expected statuses of one endpoint for every persona, written as groups (the test's own oracle, not the policy's). */
import { PERSONAS, type PersonaKey } from './world'

export type Row = Record<PersonaKey, number>

/** Logged-in personas get `rest` unless a group says otherwise; anonymous gets 401 unless listed. */
export function grid(rest: number, groups: Record<number, readonly PersonaKey[]> = {}): Row {
  const row = {} as Row
  for (const p of PERSONAS) row[p] = p === 'anonymous' ? 401 : rest
  for (const [status, personas] of Object.entries(groups)) for (const p of personas) row[p] = Number(status)
  return row
}

/** Everyone, anonymous included. */
export const everyone = (status = 200): Row => grid(status, { [status]: ['anonymous'] })

// Seats (world.ts). Holders are written out by hand from design-roles.md, independently of ROLE_PERMISSIONS.
export const MEMBERS = ['memberA', 'memberB'] as const
export const VENUE_STAFF = ['venueA', 'venueB'] as const
export const REVIEWERS = ['reviewerA', 'reviewerB'] as const
/** Legal-aid staff: A over union A (the street), B at union A's sibling (must not reach A's cases). */
export const LEGAL_STAFF = ['legalA', 'legalB'] as const
/** Admins whose subtree holds union A. */
export const ADMINS_OVER_A = ['adminA', 'streetAdmin', 'districtAdmin'] as const
/** Admins elsewhere: union B, and the park (level 2) above it. */
export const ADMINS_ELSEWHERE = ['adminB', 'parkAdmin'] as const
export const ADMINS = [...ADMINS_OVER_A, ...ADMINS_ELSEWHERE] as const
export const STAFF = [...VENUE_STAFF, ...REVIEWERS, ...ADMINS] as const
/** Station keepers: A bound to union A's station, B to another branch's. */
export const KEEPERS = ['keeperA', 'keeperB'] as const
