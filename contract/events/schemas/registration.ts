/** Events schemas: registering, the member's registrations and the member's views of events. */
import { z } from 'zod'
import { EventKind, EventPhaseFilter, MyEventsScope, QuestionType, RegistrationStatus, isoInstant, pageFields } from './common'
import { Event, EventSummary } from './event'
import { Team } from './team'

// ---------- registrations ----------

/**
 * One answer: short_text → string; number → number; single_choice → one option (string);
 * multi_choice → options (string[]); file → file ids from POST /api/events/uploads (string[], 1–ANSWER_FILES_MAX).
 * Omit the key (or send '' / []) for an unanswered optional question.
 */
export const AnswerValue = z.union([z.string().max(500, '回答不超过 500 字'), z.number(), z.array(z.string().max(64)).max(20)])
export type AnswerValue = z.infer<typeof AnswerValue>

/**
 * Team entry: the captain (the caller) registers the team by its name only. Team-mates are never named by the
 * captain: they join by accepting an invitation (POST /api/events/invites/:code/accept). The registration answers
 * with the team and a first invitation to share. (A `memberNos` list sent by an old app is ignored.)
 */
export const TeamInput = z.object({
  name: z.string().trim().min(2, '请填写队名').max(20, '队名不超过 20 字'),
})
export type TeamInput = z.infer<typeof TeamInput>

export const RegisterBody = z.object({
  /** Keyed by Question.id. */
  answers: z.record(z.string(), AnswerValue).default({}),
  /** Required for team entry, must be absent for individual entry. */
  team: TeamInput.optional(),
})
export type RegisterBody = z.input<typeof RegisterBody>

/** An uploaded answer file with a short-lived signed URL (for <Image src> or download). */
export const AnswerFile = z.object({
  id: z.string(),
  mime: z.string(),
  size: z.number().int(),
  url: z.string(),
})
export type AnswerFile = z.infer<typeof AnswerFile>

/** A question with the registrant's answer, for display (labels resolved). */
export const AnsweredQuestion = z.object({
  questionId: z.string(),
  label: z.string(),
  type: QuestionType,
  /** Null when unanswered. */
  value: AnswerValue.nullable(),
  /** file questions: the files (signed URLs); empty otherwise. */
  files: z.array(AnswerFile),
})
export type AnsweredQuestion = z.infer<typeof AnsweredQuestion>

/** Own result of a scored event, once the organiser entered a score. */
export const MyResult = z.object({
  score: z.number(),
  /** Standard competition ranking (1, 2, 2, 4). */
  rank: z.number().int(),
  /** Number of ranked contestants. */
  of: z.number().int(),
})
export type MyResult = z.infer<typeof MyResult>

/** The member's own registration (detail page, "my events" list). */
export const Registration = z.object({
  id: z.number().int(),
  eventId: z.number().int(),
  event: EventSummary.extend(Event.pick({ scored: true, scoreUnit: true, phase: true, checkinOpensAt: true }).shape),
  status: RegistrationStatus,
  /** 1-based place on the waitlist when status is waitlisted, else null. */
  waitlistPosition: z.number().int().nullable(),
  answers: z.array(AnsweredQuestion),
  /** Team entry (the caller is the captain): the accepted members. See TeamView for invitations. */
  team: Team.nullable(),
  rejectReason: z.string().nullable(),
  createdAt: isoInstant,
  checkedInAt: isoInstant.nullable(),
  /** The member may cancel now (pending/confirmed/waitlisted and before Event.cancelUntil). */
  canCancel: z.boolean(),
  cancelUntil: isoInstant,
  /** Scored events once scores are entered; null otherwise. */
  result: MyResult.nullable(),
})
export type Registration = z.infer<typeof Registration>

/** Can the caller register right now? Shown on the event page before the form. */
export const RegisterHint = z.object({
  allowed: z.boolean(),
  /** Why not (未入会 / 不在报名范围 / 报名未开始 / 已截止 / 爽约限制至 … ), null when allowed. */
  reason: z.string().nullable(),
  /** Allowed, but no place is left: the registration would join the waitlist. */
  waitlist: z.boolean(),
})
export type RegisterHint = z.infer<typeof RegisterHint>

/** The team of this event the caller belongs to as a team-mate (not as captain), if any. */
export const MyTeam = z.object({
  /** The team's registration id: open GET /api/events/teams/:id. */
  registrationId: z.number().int(),
  name: z.string(),
  status: RegistrationStatus,
  complete: z.boolean(),
})
export type MyTeam = z.infer<typeof MyTeam>

/** The member's view of an event. */
export const MemberEvent = Event.extend({
  /** The caller's current registration (not cancelled/rejected ones superseded by a newer one); null if none. */
  myRegistration: Registration.nullable(),
  /** Team events: the team the caller joined by invitation (they cannot register a team of their own then). */
  myTeam: MyTeam.nullable(),
  registerHint: RegisterHint,
})
export type MemberEvent = z.infer<typeof MemberEvent>

export const EventListQuery = z.object({
  kind: EventKind.optional(),
  phase: EventPhaseFilter.optional(),
  ...pageFields(),
})
export type EventListQuery = z.input<typeof EventListQuery>

/** A list row: an event without its questions. */
export const EventCard = Event.omit({ questions: true, description: true }).extend({
  /** The caller's registration status on this event, for a badge; null when not registered. */
  myStatus: RegistrationStatus.nullable(),
  myWaitlistPosition: z.number().int().nullable(),
})
export type EventCard = z.infer<typeof EventCard>

export const MyRegistrationsQuery = z.object({
  scope: MyEventsScope.default('upcoming'),
  ...pageFields(),
})
export type MyRegistrationsQuery = z.input<typeof MyRegistrationsQuery>

export const UploadedFile = AnswerFile
export type UploadedFile = z.infer<typeof UploadedFile>
