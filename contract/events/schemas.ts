/**
 * Events (活动报名) — zod schemas. Times are ISO instants (`2026-12-05T09:00:00+08:00` in, `…Z` out).
 *
 * Capacity rule (one place = one registration; for team events one place = one team):
 * - approval mode `auto`: a registration takes a place and is `confirmed` at once, else `waitlisted`;
 * - approval mode `manual`: a registration takes a place and is `pending` (待审核), else `waitlisted`.
 *   Pending registrations count against capacity, so approving never overfills the event.
 * A cancellation (pending/confirmed) or a rejection frees the place: the first waiter (arrival order) is
 * promoted in the same transaction — to `confirmed` (auto) or `pending` (manual) — and gets an in-app message.
 *
 * Team entry: the captain registers the team (its name) and the team takes its place (or waits) like any
 * registration; team-mates join by accepting the captain's invitations. A team is complete once it has
 * `teamMinSize` accepted members (captain included). Until then it is `pending` in both approval modes (组队中 to
 * the team, 未组满 to the organiser): it cannot be approved, confirmed or checked in. Reaching the minimum confirms
 * it at once in auto mode (manual: it waits for the organiser); dropping below it (a member leaves or is removed)
 * takes a confirmed team back to `pending`. Joining, leaving, removing and inviting end at the registration
 * deadline; a team still incomplete then stays 未组满 and never becomes confirmed — the organiser rejects it (its
 * place goes to the first waiting team) or the captain cancels it.
 */
// The schemas live in ./schemas/, one file per part; this file re-exports them all (importers are unchanged).
export {
  EventKind,
  ApprovalMode,
  EntryMode,
  QuestionType,
  RegistrationStatus,
  EventPhase,
  EventPhaseFilter,
  Industry,
  Decision,
  MyEventsScope,
  FileId,
  InviteCodeParams,
  TeamInviteParams,
  TeamMemberParams,
  ManualCheckinParams,
  EventIdParams,
  RegistrationIdParams,
} from './schemas/common'
export * from './schemas/event'
export * from './schemas/registration'
export * from './schemas/team'
export * from './schemas/checkin'
export * from './schemas/manage'
// Endpoint schema groups (referenced by ./api.ts through `import type`).
export * from './schemas/endpoints'
