/** Events schemas: an event as the organiser defines it and as everyone reads it. */
import { z } from 'zod'
import { ApprovalMode, EmploymentType, EntryMode, EventKind, EventPhase, Industry, QuestionType, instantIn, isoInstant } from './common'

// ---------- event definition ----------

export const Place = z.object({
  name: z.string().trim().min(2, '请填写活动地点').max(60),
  address: z.string().trim().min(4, '请填写详细地址').max(120),
  lat: z.number().min(-90).max(90),
  lng: z.number().min(-180).max(180),
})
export type Place = z.infer<typeof Place>

/** A custom question as the organiser writes it. The server assigns ids q1, q2, … in order. */
export const QuestionInput = z
  .object({
    label: z.string().trim().min(2, '请填写题目').max(60),
    type: QuestionType,
    required: z.boolean().default(false),
    /** Choices for single_choice / multi_choice (2–20, distinct); omit for other types. */
    options: z.array(z.string().trim().min(1, '选项不能为空').max(40)).max(20).optional(),
    /** Hint shown under the field, e.g. '请上传职业技能等级证书照片'. */
    hint: z.string().trim().max(80).default(''),
  })
  .refine((q) => !(q.type === 'single_choice' || q.type === 'multi_choice') || (q.options?.length ?? 0) >= 2, {
    path: ['options'],
    message: '选择题至少需要两个选项',
  })
  .refine((q) => !q.options || new Set(q.options).size === q.options.length, { path: ['options'], message: '选项不能重复' })
export type QuestionInput = z.input<typeof QuestionInput>

export const Question = z.object({
  /** 'q1', 'q2', …: the key of this question in `RegisterBody.answers`. */
  id: z.string(),
  label: z.string(),
  type: QuestionType,
  required: z.boolean(),
  /** Empty for non-choice questions. */
  options: z.array(z.string()),
  hint: z.string(),
})
export type Question = z.infer<typeof Question>

export const EventInput = z
  .object({
    kind: EventKind,
    title: z.string().trim().min(2, '请填写活动名称').max(40, '活动名称不超过 40 字'),
    description: z.string().trim().max(4000).default(''),
    /** Organiser union: must lie in the caller's `events.manage` subtree; members of its subtree may register. */
    orgId: z.number().int().positive({ error: '请选择主办工会' }),
    startsAt: instantIn('请填写开始时间'),
    endsAt: instantIn('请填写结束时间'),
    place: Place,
    /** Places (teams for team entry). */
    capacity: z.number().int().min(1, '名额至少为 1').max(100_000),
    registrationOpensAt: instantIn('请填写报名开始时间'),
    registrationClosesAt: instantIn('请填写报名截止时间'),
    /** Null: every member of the subtree; else only these employment types. */
    eligibleEmploymentTypes: z.array(EmploymentType).min(1, '至少选择一种').nullable().default(null),
    /**
     * Null: any industry. Informational for now: memberships record no industry yet, so the server shows it
     * (面向行业) but cannot enforce it.
     */
    eligibleIndustries: z.array(Industry).min(1, '至少选择一个行业').nullable().default(null),
    entryMode: EntryMode.default('individual'),
    /** Team size limits including the captain; required for team entry, ignored for individual entry. */
    teamMinSize: z.number().int().min(2, '团队至少 2 人').max(50).nullable().default(null),
    teamMaxSize: z.number().int().min(2, '团队至少 2 人').max(50, '团队最多 50 人').nullable().default(null),
    /** Omit for the kind's default (`defaultApprovalMode`: manual for competitions and 疗休养). */
    approvalMode: ApprovalMode.optional(),
    /** Members may cancel until this many hours before the start (0 = until the start). */
    cancelCutoffHours: z.number().int().min(0).max(720).default(24),
    /** Check-in opens this many minutes before the start and closes at the end. */
    checkinOpensMinutes: z.number().int().min(0).max(1440).default(30),
    /** Scored kinds only: '分', '秒' …; and whether a higher score ranks first. */
    scoreUnit: z.string().trim().max(6).default('分'),
    higherScoreWins: z.boolean().default(true),
    questions: z.array(QuestionInput).max(20, '最多 20 道题').default([]),
  })
  .refine((v) => Date.parse(v.endsAt) > Date.parse(v.startsAt), { path: ['endsAt'], message: '结束时间须晚于开始时间' })
  .refine((v) => Date.parse(v.registrationClosesAt) > Date.parse(v.registrationOpensAt), {
    path: ['registrationClosesAt'],
    message: '报名截止须晚于报名开始',
  })
  .refine((v) => Date.parse(v.registrationClosesAt) <= Date.parse(v.startsAt), {
    path: ['registrationClosesAt'],
    message: '报名截止不能晚于活动开始',
  })
  .refine((v) => v.entryMode !== 'team' || (v.teamMinSize !== null && v.teamMaxSize !== null), {
    path: ['teamMinSize'],
    message: '团队报名须填写人数范围',
  })
  .refine((v) => v.entryMode !== 'team' || (v.teamMinSize ?? 0) <= (v.teamMaxSize ?? 0), {
    path: ['teamMaxSize'],
    message: '最多人数不能少于最少人数',
  })
export type EventInput = z.input<typeof EventInput>

export const EventCounts = z.object({
  /** Places taken: pending + confirmed + checked_in (+ no_show after the end). */
  taken: z.number().int(),
  pending: z.number().int(),
  /** Confirmed, not (yet) checked in; 0 once the event has ended (they are counted in noShow then). */
  confirmed: z.number().int(),
  checkedIn: z.number().int(),
  waitlisted: z.number().int(),
  /** Confirmed but not checked in once the event has ended; 0 before. */
  noShow: z.number().int(),
})
export type EventCounts = z.infer<typeof EventCounts>

export const Event = z.object({
  id: z.number().int(),
  kind: EventKind,
  title: z.string(),
  description: z.string(),
  orgId: z.number().int(),
  orgName: z.string(),
  startsAt: isoInstant,
  endsAt: isoInstant,
  place: Place,
  capacity: z.number().int(),
  registrationOpensAt: isoInstant,
  registrationClosesAt: isoInstant,
  eligibleEmploymentTypes: z.array(EmploymentType).nullable(),
  eligibleIndustries: z.array(Industry).nullable(),
  entryMode: EntryMode,
  teamMinSize: z.number().int().nullable(),
  teamMaxSize: z.number().int().nullable(),
  approvalMode: ApprovalMode,
  cancelCutoffHours: z.number().int(),
  /** startsAt − cancelCutoffHours. */
  cancelUntil: isoInstant,
  checkinOpensMinutes: z.number().int(),
  /** startsAt − checkinOpensMinutes. */
  checkinOpensAt: isoInstant,
  /** Competitions: scores and a ranking; other kinds show attendance. */
  scored: z.boolean(),
  scoreUnit: z.string(),
  higherScoreWins: z.boolean(),
  questions: z.array(Question),
  counts: EventCounts,
  /** capacity − taken, never negative. 0 → new registrations go to the waitlist. */
  placesLeft: z.number().int(),
  phase: EventPhase,
})
export type Event = z.infer<typeof Event>

/** An event in brief, as a registration, a team page or an invitation names the event it belongs to. */
export const EventSummary = Event.pick({ title: true, kind: true, orgName: true, startsAt: true, endsAt: true, place: true })
export type EventSummary = z.infer<typeof EventSummary>
