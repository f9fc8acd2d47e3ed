/**
 * Teams by invitation (`app.services.teams`): team-invites.ts (invite, withdraw, preview, accept) and
 * team-membership.ts (the team page, remove, leave), over the rows of team-store.ts / invite-store.ts and the
 * rules of team-rules.ts. The captain registers the team itself through registering.ts.
 */
import type { AppDeps } from '../../http/deps'
import { eventsContext, type EventsOptions } from './context'
import { teamInvites } from './team-invites'
import { teamMembership } from './team-membership'

export function teamService(deps: AppDeps, options: EventsOptions = {}) {
  const ctx = eventsContext(deps, options)
  return { ...teamMembership(ctx), ...teamInvites(ctx) }
}

export type TeamService = ReturnType<typeof teamService>
