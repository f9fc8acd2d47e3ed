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
import { z } from 'zod'
import { EMPLOYMENT_TYPE_KEYS } from '../membership/labels'
import {
  APPROVAL_MODE_KEYS,
  DECISION_KEYS,
  ENTRY_MODE_KEYS,
  EVENT_KIND_KEYS,
  EVENT_PHASE_FILTER_KEYS,
  EVENT_PHASE_KEYS,
  INDUSTRY_KEYS,
  MY_EVENTS_SCOPE_KEYS,
  QUESTION_TYPE_KEYS,
  REGISTRATION_STATUS_KEYS,
} from './labels'

const id = z.coerce.number().int().positive()
const isoInstant = z.string()
const instantIn = (error: string) => z.iso.datetime({ offset: true, error })

export const EventKind = z.enum(EVENT_KIND_KEYS, { error: '请选择活动类型' })
export const ApprovalMode = z.enum(APPROVAL_MODE_KEYS, { error: '请选择审核方式' })
export const EntryMode = z.enum(ENTRY_MODE_KEYS, { error: '请选择报名方式' })
export const QuestionType = z.enum(QUESTION_TYPE_KEYS, { error: '请选择题目类型' })
export const RegistrationStatus = z.enum(REGISTRATION_STATUS_KEYS)
export const EventPhase = z.enum(EVENT_PHASE_KEYS)
export const EventPhaseFilter = z.enum(EVENT_PHASE_FILTER_KEYS, { error: '筛选条件无效' })
export const Industry = z.enum(INDUSTRY_KEYS, { error: '请选择行业' })
export const Decision = z.enum(DECISION_KEYS, { error: '请选择通过或不通过' })
export const MyEventsScope = z.enum(MY_EVENTS_SCOPE_KEYS)
const EmploymentType = z.enum(EMPLOYMENT_TYPE_KEYS)

/** A stored-file id as returned by POST /api/events/uploads. */
export const FileId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '文件编号无效')

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

/**
 * A team: accepted members only (captain included). `complete` once `size` ≥ `minSize` — only a complete team
 * can be confirmed or approved; while incomplete the registration stays `pending` (shown as 组队中 / 未组满).
 */
export const Team = z.object({
  name: z.string(),
  size: z.number().int(),
  minSize: z.number().int(),
  maxSize: z.number().int(),
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
  event: z.object({
    title: z.string(),
    kind: EventKind,
    orgName: z.string(),
    startsAt: isoInstant,
    endsAt: isoInstant,
    place: Place,
    scored: z.boolean(),
    scoreUnit: z.string(),
    phase: EventPhase,
    checkinOpensAt: isoInstant,
  }),
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
  /** Opaque; from the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
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
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})
export type MyRegistrationsQuery = z.input<typeof MyRegistrationsQuery>

export const UploadedFile = AnswerFile
export type UploadedFile = z.infer<typeof UploadedFile>

export const EventCheckinBody = z.object({
  /** The token from the event QR (parseEventQr). */
  token: z.string().trim().min(8, '二维码无效').max(200, '二维码无效'),
})

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

export const ManageEventsQuery = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(20),
})

export const ManageRegistrationsQuery = z.object({
  /** Filter by status (no_show works after the end). Omit for all but cancelled. */
  status: RegistrationStatus.optional(),
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
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

export const CheckinByCodeBody = z.object({
  /**
   * The member's check-in code as scanned (or pasted on H5): `CheckinCode.code`, signed for the member's live
   * session and valid ~60 s. Spaces are ignored; letters are case-sensitive.
   */
  code: z.string().trim().min(10, '请扫描或粘贴会员出示的签到码').max(120, '签到码无效'),
})

/** The short-lived code a member shows at the door (QR + text). Fetch a new one every ~30 s while shown. */
export const CheckinCode = z.object({
  code: z.string(),
  expiresAt: isoInstant,
  serverTime: isoInstant,
})
export type CheckinCode = z.infer<typeof CheckinCode>

export const CheckinResult = z.object({
  registrationId: z.number().int(),
  eventId: z.number().int(),
  name: z.string(),
  memberNo: z.string(),
  teamName: z.string().nullable(),
  checkedInAt: isoInstant,
  /** True when this registration had already been checked in (the call is idempotent). */
  alreadyCheckedIn: z.boolean(),
  /** Checked-in count of the event after this call. */
  checkedInCount: z.number().int(),
})
export type CheckinResult = z.infer<typeof CheckinResult>

export const EventQrToken = z.object({
  /** Put `eventQrText(token)` into the QR. */
  token: z.string(),
  /**
   * The token stops working after this (1–2 minutes from now, so a forwarded screenshot soon stops working);
   * fetch a new one before (the page refreshes every 30 s).
   */
  expiresAt: isoInstant,
  checkinOpensAt: isoInstant,
})
export type EventQrToken = z.infer<typeof EventQrToken>

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

export const CheckinStats = z.object({
  eventId: z.number().int(),
  counts: EventCounts,
  /** Last 20 check-ins, newest first. */
  recent: z.array(z.object({ registrationId: z.number().int(), name: z.string(), checkedInAt: isoInstant })),
  serverTime: isoInstant,
})
export type CheckinStats = z.infer<typeof CheckinStats>

// ---------- teams (captain and team-mates) ----------

/** A team as its captain or a team-mate sees it (GET /api/events/teams/:id). */
export const TeamView = z.object({
  registrationId: z.number().int(),
  eventId: z.number().int(),
  event: z.object({
    title: z.string(),
    kind: EventKind,
    orgName: z.string(),
    startsAt: isoInstant,
    endsAt: isoInstant,
    place: Place,
    phase: EventPhase,
  }),
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
  event: z.object({
    id: z.number().int(),
    title: z.string(),
    kind: EventKind,
    orgName: z.string(),
    startsAt: isoInstant,
    endsAt: isoInstant,
    place: Place,
  }),
  team: z.object({
    name: z.string(),
    /** Masked: 张*, 李*梅. */
    captain: z.string(),
    size: z.number().int(),
    minSize: z.number().int(),
    maxSize: z.number().int(),
  }),
  expiresAt: isoInstant,
  /** Whether the caller may accept now, and why not. */
  canAccept: z.boolean(),
  reason: z.string().nullable(),
  /** The caller is already in this team (or its captain): open the team page. */
  myTeamRegistrationId: z.number().int().nullable(),
})
export type InvitePreview = z.infer<typeof InvitePreview>

export const InviteCodeParams = z.object({ code: z.string().trim().min(1, '请输入邀请码').max(32, '邀请码无效') })
export const TeamInviteParams = z.object({ id, inviteId: id })
export const TeamMemberParams = z.object({ id, memberId: id })
export const ManualCheckinParams = z.object({ id, registrationId: id })

export const EventIdParams = z.object({ id })
export const RegistrationIdParams = z.object({ id })

const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), serverTime: isoInstant })

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const list = { query: EventListQuery, response: page(EventCard) }
export const detail = { params: EventIdParams, response: z.object({ event: MemberEvent, serverTime: isoInstant }) }
export const upload = { response: UploadedFile }
export const register = { params: EventIdParams, body: RegisterBody, response: Registration }
export const myRegistrations = { query: MyRegistrationsQuery, response: page(Registration) }
export const registration = { params: RegistrationIdParams, response: z.object({ registration: Registration, serverTime: isoInstant }) }
export const cancel = { params: RegistrationIdParams, response: Registration }
export const checkinByToken = { body: EventCheckinBody, response: Registration }
export const checkinCode = { params: RegistrationIdParams, response: CheckinCode }
export const team = { params: RegistrationIdParams, response: TeamView }
export const invite = { params: RegistrationIdParams, response: TeamView }
export const withdrawInvite = { params: TeamInviteParams, response: TeamView }
export const removeMember = { params: TeamMemberParams, response: TeamView }
export const leaveTeam = { params: RegistrationIdParams, response: TeamView }
export const invitePreview = { params: InviteCodeParams, response: InvitePreview }
export const acceptInvite = { params: InviteCodeParams, response: TeamView }
export const ranking = { params: EventIdParams, response: Ranking }

export const createEvent = { body: EventInput, response: Event }
export const updateEvent = { params: EventIdParams, body: EventInput, response: Event }
export const manageEvents = { query: ManageEventsQuery, response: page(Event) }
export const manageEvent = { params: EventIdParams, response: Event }
export const manageRegistrations = {
  params: EventIdParams,
  query: ManageRegistrationsQuery,
  response: page(ManagedRegistration).extend({ counts: EventCounts }),
}
export const decide = { params: EventIdParams, body: DecideBody, response: DecideResult }
export const checkinByCode = { params: EventIdParams, body: CheckinByCodeBody, response: CheckinResult }
export const checkinManual = { params: ManualCheckinParams, response: CheckinResult }
export const checkinToken = { params: EventIdParams, response: EventQrToken }
export const checkinStats = { params: EventIdParams, response: CheckinStats }
export const saveScores = { params: EventIdParams, body: ScoresBody, response: Ranking }
export const manageRanking = { params: EventIdParams, response: Ranking }
/** The response is an .xlsx file (binary), not JSON. */
export const roster = { params: EventIdParams, response: z.unknown() }

