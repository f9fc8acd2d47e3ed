/** Events schemas: teams by invitation — the team, its invitations, the team page and an invitation's preview. */
import { z } from 'zod'
import { RegistrationStatus, isoInstant } from './common'
import { Event, EventSummary } from './event'

/**
 * A team member as members see the team: the captain sees the names of those who accepted; a team-mate sees
 * every name masked (李*梅) except their own. Never a member number.
 */
export const TeamMember = z.object({
  /** Id of this membership in the team (for the captain's 移出). */
  id: z.number().int(),
  name: z.string(),
  captain: z.boolean(),
  /** The caller. */
  me: z.boolean(),
  joinedAt: isoInstant,
})
export type TeamMember = z.infer<typeof TeamMember>

/** A team's size (accepted members, captain included) and the event's limits on it. */
const teamSize = {
  size: z.number().int(),
  minSize: z.number().int(),
  maxSize: z.number().int(),
}

/**
 * A team: accepted members only (captain included). `complete` once `size` ≥ `minSize` — only a complete team
 * can be confirmed or approved; while incomplete the registration stays `pending` (shown as 组队中 / 未组满).
 */
export const Team = z.object({
  name: z.string(),
  ...teamSize,
  complete: z.boolean(),
  members: z.array(TeamMember),
})
export type Team = z.infer<typeof Team>

/** The organiser's view of a team: accepted members with full names and member numbers. */
export const ManagedTeam = Team.omit({ members: true }).extend({
  members: z.array(z.object({ memberNo: z.string(), name: z.string(), captain: z.boolean() })),
})
export type ManagedTeam = z.infer<typeof ManagedTeam>

/** An invitation the captain shares (in WeChat: the mini-program card of `path`; anywhere: the code). */
export const TeamInvite = z.object({
  id: z.number().int(),
  /** 8 characters [A-Z2-9], random: type it on the invitation page, or open `path`. */
  code: z.string(),
  /** The mini-program page that opens this invitation (`/packages/events/invite/index?code=…`). */
  path: z.string(),
  createdAt: isoInstant,
  /** The registration deadline: unaccepted invitations stop working then. */
  expiresAt: isoInstant,
})
export type TeamInvite = z.infer<typeof TeamInvite>

// ---------- teams (captain and team-mates) ----------

/** A team as its captain or a team-mate sees it (GET /api/events/teams/:id). */
export const TeamView = z.object({
  registrationId: z.number().int(),
  eventId: z.number().int(),
  event: EventSummary.extend(Event.pick({ phase: true }).shape),
  role: z.enum(['captain', 'member']),
  /** The team registration's status (no_show after the end, like Registration.status). */
  status: RegistrationStatus,
  waitlistPosition: z.number().int().nullable(),
  team: Team,
  /** Captain only: invitations not yet accepted (withdrawable). Empty for team-mates. */
  invites: z.array(TeamInvite),
  /** Joining, leaving, removing and inviting end at this time (the registration deadline). */
  closesAt: isoInstant,
  /** The team may still change (before `closesAt`, registration live and not checked in). */
  open: z.boolean(),
  /** Captain: may create another invitation now (open, not full, fewer than teamMaxSize − 1 pending). */
  canInvite: z.boolean(),
  /** One line on where the team stands, e.g. '还需 1 人接受邀请，组满后才能进入审核'. */
  notice: z.string(),
  serverTime: isoInstant,
})
export type TeamView = z.infer<typeof TeamView>

/** What the person opening an invitation sees before accepting: nobody's real name, the captain masked. */
export const InvitePreview = z.object({
  code: z.string(),
  /** open: may be accepted; accepted: used; withdrawn: by the captain; closed: deadline passed or team ended. */
  state: z.enum(['open', 'accepted', 'withdrawn', 'closed']),
  event: z.object({ id: z.number().int(), ...EventSummary.shape }),
  team: z.object({
    name: z.string(),
    /** Masked: 张*, 李*梅. */
    captain: z.string(),
    ...teamSize,
  }),
  expiresAt: isoInstant,
  /** Whether the caller may accept now, and why not. */
  canAccept: z.boolean(),
  reason: z.string().nullable(),
  /** The caller is already in this team (or its captain): open the team page. */
  myTeamRegistrationId: z.number().int().nullable(),
})
export type InvitePreview = z.infer<typeof InvitePreview>
