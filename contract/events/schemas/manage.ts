/** Events schemas: the organiser's lists and decisions, and the ranking of scored events. */
import { z } from 'zod'
import { SortOrder } from '../../paging'
import { Decision, EmploymentType, EventKind, RegistrationStatus, id, isoInstant, pageFields } from './common'
import { AnsweredQuestion } from './registration'
import { ManagedTeam } from './team'
import { EventCounts } from './event'

// ---------- ranking ----------

export const RankingEntry = z.object({
  registrationId: z.number().int(),
  rank: z.number().int(),
  /** Members see names masked (李*梅); organisers see full names. Team events: the team name. */
  name: z.string(),
  teamName: z.string().nullable(),
  score: z.number(),
  mine: z.boolean(),
})
export type RankingEntry = z.infer<typeof RankingEntry>

export const Ranking = z.object({
  eventId: z.number().int(),
  scoreUnit: z.string(),
  higherScoreWins: z.boolean(),
  items: z.array(RankingEntry),
  /** The caller's own entry, if ranked. */
  mine: RankingEntry.nullable(),
})
export type Ranking = z.infer<typeof Ranking>

// ---------- organiser ----------

const chinaDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

/**
 * The organiser's list by start time: newest start first (the default, which the mini-program's 活动管理 and every
 * installed app version read), or `sort=oldest` earliest start first (the office console's 活动审批, a queue like the
 * others: the events to approve for soonest first). Keyset-paged either way on (starts_at, id); a cursor of the
 * other order → 400 beside `cursor`. Filters (the office console's 活动审批; all optional, combined): `orgId`
 * a union of the caller's subtree (its own subtree; outside → 403 EVENTS_UNION_OUTSIDE), `kind`, `phase` (upcoming:
 * not started; registering: 报名中 — inside the registration window and not started, the console's 活动管理;
 * ongoing; ended), `pending=1` only events with registrations waiting for approval (`0`: none waiting),
 * `from` / `to` starting on these China calendar days (both included).
 */
export const ManageEventsQuery = z.object({
  ...pageFields(),
  orgId: id.optional(),
  kind: EventKind.optional(),
  phase: z.enum(['upcoming', 'registering', 'ongoing', 'ended']).optional(),
  pending: z.enum(['1', '0']).optional(),
  from: chinaDay.optional(),
  to: chinaDay.optional(),
  sort: SortOrder.default('newest'),
})
export type ManageEventsQuery = z.input<typeof ManageEventsQuery>

export const ManageRegistrationsQuery = z.object({
  /** Filter by status (no_show works after the end). Omit for all but cancelled. */
  status: RegistrationStatus.optional(),
  ...pageFields(100, 50),
})
export type ManageRegistrationsQuery = z.input<typeof ManageRegistrationsQuery>

/** A registration as the organiser sees it. */
export const ManagedRegistration = z.object({
  id: z.number().int(),
  status: RegistrationStatus,
  waitlistPosition: z.number().int().nullable(),
  name: z.string(),
  memberNo: z.string(),
  employmentType: EmploymentType,
  orgName: z.string(),
  answers: z.array(AnsweredQuestion),
  /** Team entry: accepted members only; `complete: false` → show 未组满 (cannot be approved). */
  team: ManagedTeam.nullable(),
  rejectReason: z.string().nullable(),
  createdAt: isoInstant,
  decidedAt: isoInstant.nullable(),
  checkedInAt: isoInstant.nullable(),
  /** 志愿服务: when the volunteer was checked out (null: not yet, or not a volunteer activity). */
  checkedOutAt: isoInstant.nullable(),
  /** 志愿服务: whole minutes recorded, check-in → check-out (null until checked out). */
  minutes: z.number().int().nullable(),
  score: z.number().nullable(),
})
export type ManagedRegistration = z.infer<typeof ManagedRegistration>

export const DecideBody = z
  .object({
    ids: z.array(z.number().int().positive()).min(1, '请选择报名').max(200, '一次最多处理 200 条'),
    decision: Decision,
    /** Required for reject (shown to the member). */
    reason: z.string().trim().max(200, '原因不超过 200 字').optional(),
  })
  .refine((b) => b.decision !== 'reject' || (b.reason?.length ?? 0) >= 2, { path: ['reason'], message: '请填写不通过的原因' })
export type DecideBody = z.input<typeof DecideBody>

export const DecideResult = z.object({
  /** One row per requested id, in request order. */
  results: z.array(
    z.object({
      id: z.number().int(),
      ok: z.boolean(),
      status: RegistrationStatus.nullable(),
      /** Why it was skipped, e.g. '该报名已取消', '不是待审核状态'. */
      message: z.string().nullable(),
    }),
  ),
  /** Waitlisted registrations promoted because of rejections. */
  promoted: z.number().int(),
  counts: EventCounts,
})
export type DecideResult = z.infer<typeof DecideResult>

export const ScoresBody = z.object({
  scores: z
    .array(
      z.object({
        registrationId: z.number().int().positive(),
        /** Null clears a score. */
        score: z.number().min(-1_000_000).max(1_000_000).nullable(),
      }),
    )
    .min(1, '请填写成绩')
    .max(1000),
})
export type ScoresBody = z.input<typeof ScoresBody>
