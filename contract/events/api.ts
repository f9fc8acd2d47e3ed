/**
 * Events (活动报名) endpoint table. Zod-free: the app imports it anywhere, types come from ./schemas.
 *
 * Errors common to every endpoint: 401 UNAUTHENTICATED (not logged in), 400 VALIDATION with `fields`
 * (dot paths, e.g. `answers.q2`, `team.name`, `reason`) — show each message beside its field.
 * An event outside the caller's reach is 404 NOT_FOUND '活动不存在' (never 403), so ids do not leak.
 * "Member" below means a logged-in user with a membership in the organiser union's subtree.
 * "Organiser" means `events.manage` over the event's organiser union (admins of that union or an ancestor).
 * Check-in staff (`events.checkin`, e.g. venue staff) may use the check-in endpoints of events in their subtree.
 * Every refusal carries its `reason` (the names below, e.g. EVENT_TEAM_FULL, and the rest): ./reasons.ts declares
 * each with its status and Chinese message — branch on `reason`, never on the text.
 */
import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const eventsApi = {
  // ---------- members ----------

  /**
   * Member (staff without a membership get an empty list): events of the caller's union and its ancestors,
   * plus events of unions the caller organises (events.manage), filtered by `kind` and `phase`
   * (报名中 / 即将开始 / 已结束; without `phase`: every event not yet ended). Order: by start time, soonest
   * first; `phase=ended`: newest first. Cursor paging: pass `nextCursor` back as `cursor`;
   * null means no more. 400 for a malformed cursor.
   */
  list: endpoint<typeof s.list>('GET', '/api/events'),
  /**
   * Member or organiser: one event with its questions, counts, the caller's registration and `registerHint`
   * (whether they may register now and why not). 404 when outside the caller's reach.
   */
  detail: endpoint<typeof s.detail>('GET', '/api/events/:id'),
  /**
   * Any logged-in user: upload one answer file (multipart/form-data, one `file` field; JPG, PNG, WebP or PDF,
   * ≤ 2 MB, type sniffed from the bytes). Returns its id for `RegisterBody.answers[questionId]` (file questions)
   * and a signed URL for a preview. Only the uploader may use the id. 415 for another type or not multipart,
   * 400 `file` for an empty/missing file, 413 for too large.
   */
  upload: endpoint<typeof s.upload>('POST', '/api/events/uploads'),
  /**
   * Member: register (one active registration per member per event). Result status: `confirmed` (auto mode)
   * or `pending` (approval mode) when a place is left, else `waitlisted` with `waitlistPosition`.
   * Team events: the caller registers as captain with `team.name` only; the team holds the place but stays
   * `pending` (组队中) until `teamMinSize` members accepted invitations. The answer's `team` has the captain alone;
   * a first invitation is created — read it with GET /api/events/teams/:id.
   * 400 VALIDATION with fields: `answers.<qid>` (required / wrong type / unknown option / file not yours or
   * wrong type), `team` (team event without team, or individual event with one), `team.name`.
   * 403 FORBIDDEN: not a member (请先申请入会) or not eligible (employment type).
   * 409 CONFLICT: registration not open yet (with the opening time) / closed; already registered;
   * no-show restriction (the message says why — e.g. 90 天内爽约 3 次 — and the date it ends).
   * 409 EVENT_TEAM_ALREADY: the caller already joined another team of this event.
   * 404: event outside the caller's union.
   */
  register: endpoint<typeof s.register>('POST', '/api/events/:id/registrations'),
  /**
   * Member: own registrations. `scope=upcoming` — events not yet ended, soonest first;
   * `scope=past` — ended events, newest first (no_show / checked_in / results). Cursor paging like `list`.
   */
  myRegistrations: endpoint<typeof s.myRegistrations>('GET', '/api/events/registrations/mine'),
  /** Member: one own registration (the page linked from events notifications). 404 if not the caller's. */
  registration: endpoint<typeof s.registration>('GET', '/api/events/registrations/:id'),
  /**
   * Owner of a confirmed registration: the code to show at the door (QR + text), signed for the caller's
   * current session and valid ~60 s — fetch a new one every ~30 s while it is shown. A screenshot forwarded to
   * someone else stops working within a minute, and at once when the member logs out.
   * 409 EVENT_CHECKIN_CODE_UNAVAILABLE unless the registration is confirmed and the event not over (message says
   * why: 待审核 / 候补 / 组队中 / 已签到 …). 404 if not the caller's.
   */
  checkinCode: endpoint<typeof s.checkinCode>('GET', '/api/events/registrations/:id/checkin-code'),
  /**
   * Member: cancel own registration (pending, confirmed or waitlisted) until `cancelUntil`. Freeing a place
   * promotes the first waiter (who gets an in-app message). A captain cancelling ends the team: its members are
   * told, its invitations stop working. 409 after the cut-off (message has the time) or when already
   * cancelled/rejected/checked in. 404 if not the caller's.
   */
  cancel: endpoint<typeof s.cancel>('POST', '/api/events/registrations/:id/cancel'),
  /**
   * Member: self check-in by scanning the organiser's event QR (`parseEventQr` gives the token). Idempotent
   * (a second scan returns the same checked-in registration). 400 `token` for an invalid/expired QR (请刷新).
   * 409 before the window ('签到将于 2026-12-05 08:30 开始'), after the end, or when the caller's registration
   * is not confirmed (待审核 / 候补 …). 404 when the caller has no registration for that event.
   */
  checkinByToken: endpoint<typeof s.checkinByToken>('POST', '/api/events/checkin'),
  /**
   * Member or organiser, scored events only: the ranking (standard competition ranking: 1, 2, 2, 4).
   * Members see masked names and their own entry in `mine`. 409 for a non-scored event.
   */
  ranking: endpoint<typeof s.ranking>('GET', '/api/events/:id/ranking'),
  /**
   * Any logged-in user: their 志愿服务 hours — every volunteer activity checked in and out, the total (all of them)
   * and one page of records, newest check-out first. Cursor paging.
   */
  volunteerHours: endpoint<typeof s.volunteerHours>('GET', '/api/events/volunteer-hours/mine'),

  // ---------- teams: invitations instead of member numbers ----------

  /**
   * The team's captain or an accepted team-mate: the team (accepted members, status, completeness), and for the
   * captain the pending invitations. 404 '队伍不存在' for anyone else (also after leaving or being removed).
   */
  team: endpoint<typeof s.team>('GET', '/api/events/teams/:id'),
  /**
   * Captain: a new single-use invitation (random 8-character code + page path to share). Returns the team with
   * it in `invites`. 409 EVENT_TEAM_LOCKED after the registration deadline or once the registration ended;
   * 409 EVENT_TEAM_FULL when the team is full; 409 EVENT_INVITE_LIMIT with teamMaxSize − 1 invitations pending
   * (withdraw one first). 404 for anyone but the captain.
   */
  invite: endpoint<typeof s.invite>('POST', '/api/events/teams/:id/invites'),
  /** Captain: withdraw an invitation nobody accepted yet. 409 EVENT_INVITE_USED if accepted meanwhile. 404 otherwise. */
  withdrawInvite: endpoint<typeof s.withdrawInvite>('POST', '/api/events/teams/:id/invites/:inviteId/withdraw'),
  /**
   * Captain: remove an accepted member before the registration deadline (409 EVENT_TEAM_LOCKED after). The
   * member is told; a team that falls below teamMinSize is incomplete again (a confirmed team goes back to
   * pending; its members are told). 400 `memberId` for the captain's own entry.
   */
  removeMember: endpoint<typeof s.removeMember>('POST', '/api/events/teams/:id/members/:memberId/remove'),
  /**
   * Team-mate (not the captain — the captain cancels the registration): leave before the registration deadline
   * (409 EVENT_TEAM_LOCKED after). The captain is told. Returns the team as it is now (role stays 'member', the
   * caller no longer listed; a further GET is 404).
   */
  leaveTeam: endpoint<typeof s.leaveTeam>('POST', '/api/events/teams/:id/leave'),
  /**
   * Any logged-in user holding an invitation code: the event and the team (captain masked, member count), whether
   * the caller may accept and why not. Names nobody. 404 EVENT_INVITE_NOT_FOUND for an unknown code; after 10
   * wrong codes in 15 minutes a user gets 429 EVENT_INVITE_RATE_LIMITED for the rest of the window (also per IP).
   */
  invitePreview: endpoint<typeof s.invitePreview>('GET', '/api/events/invites/:code'),
  /**
   * Member: join the team by accepting its invitation (single use). Refusals name nobody:
   * 404 EVENT_INVITE_NOT_FOUND (unknown code, counts towards the 429 EVENT_INVITE_RATE_LIMITED limit);
   * 409 EVENT_INVITE_USED (already accepted — by anyone, the caller included), EVENT_INVITE_WITHDRAWN,
   * EVENT_INVITE_CLOSED (deadline passed, or the team's registration ended), EVENT_TEAM_FULL (teamMaxSize
   * reached — two acceptances for the last place: the database lets one win), EVENT_TEAM_ALREADY (the caller is in
   * a team of this event, or its captain); 403 FORBIDDEN: not a member (请先申请入会), not in the organiser's
   * subtree or not eligible; 409 CONFLICT: no-show restriction. The captain is told who joined; when the team
   * reaches teamMinSize everyone in it is told (auto mode: confirmed).
   */
  acceptInvite: endpoint<typeof s.acceptInvite>('POST', '/api/events/invites/:code/accept'),

  // ---------- organisers (events.manage over the organiser union) ----------

  /**
   * Organiser: create an event for `orgId` in the caller's subtree (403 otherwise). Questions get ids
   * q1, q2, … in the given order. `approvalMode` defaults by kind. 400 with field messages.
   */
  createEvent: endpoint<typeof s.createEvent>('POST', '/api/events/manage/events'),
  /**
   * Organiser: edit an event (send the whole EventInput, as for create). Not after the end (409). `orgId`
   * cannot change. Once anyone has registered, kind, entry mode, team sizes, approval mode and questions are
   * frozen (400 beside that field); `capacity` may not go below the places taken (400 `capacity`, with the
   * number), and raising it promotes waiters at once (they get an in-app message).
   */
  updateEvent: endpoint<typeof s.updateEvent>('PUT', '/api/events/manage/events/:id'),
  /**
   * Organiser or check-in staff: events of the unions they organise or check in for, newest start first (or
   * `sort=oldest`: earliest start first), with counts. Cursor paging (a cursor of the other order → 400). Empty for anyone else. The office console's 活动审批 filters: `orgId` (one union of the
   * caller's subtree; outside → 403 EVENTS_UNION_OUTSIDE), `kind`, `phase` (`registering`: 报名中, for 活动管理), `pending=1` (registrations waiting for
   * approval), `from` / `to` (start days, China time).
   */
  manageEvents: endpoint<typeof s.manageEvents>('GET', '/api/events/manage/events'),
  /** Organiser or check-in staff: one event with counts. 404 outside the caller's subtree. */
  manageEvent: endpoint<typeof s.manageEvent>('GET', '/api/events/manage/events/:id'),
  /**
   * Organiser: registrations with member name, member number, answers (file answers with signed URLs) and
   * team (accepted members with names and member numbers; `complete: false` → 未组满, cannot be approved). Order: arrival order (waitlist order for waitlisted). Filter by `status`; without it all except
   * cancelled. Cursor paging; `counts` for the tabs. Viewing is audited.
   */
  manageRegistrations: endpoint<typeof s.manageRegistrations>('GET', '/api/events/manage/events/:id/registrations'),
  /**
   * Organiser: approve or reject pending registrations in bulk (one transaction). Reject needs `reason`
   * (shown to the member, 400 `reason` otherwise) and promotes waiters into the freed places. Rows that are not
   * pending — or, on approve, incomplete teams ('队伍未组满（1/3 人），不能通过') — come back with ok=false and a
   * message; the others are decided. Members (a team's captain and members) get an in-app message.
   */
  decide: endpoint<typeof s.decide>('POST', '/api/events/manage/events/:id/decisions'),
  /**
   * Organiser or check-in staff: check in by the code the member shows (`CheckinCode.code`; scan their QR, H5:
   * paste). The code must be signed here, unexpired (~60 s) and made for a live session of the registration's
   * member. Idempotent (`alreadyCheckedIn: true` the second time).
   * 400 EVENT_CHECKIN_CODE_EXPIRED '二维码已过期，请让会员刷新后重新出示'; 400 EVENT_CHECKIN_CODE_INVALID for a
   * malformed or forged code, or one whose session has ended (the member logged out) — each with `fields.code`;
   * 404 for a genuine code of another event's registration; 409 before the window (message has the opening
   * time), after the end, or when the registration is not confirmed (待审核 / 候补 / 组队中 / 已取消 …).
   */
  checkinByCode: endpoint<typeof s.checkinByCode>('POST', '/api/events/manage/events/:id/checkin'),
  /**
   * Organiser only (events.manage, not check-in staff): check in a member who cannot show a code (no phone at
   * hand) from the registration list, after checking their ID at the door. Audited. Same 409s as checkinByCode;
   * 404 for a registration of another event.
   */
  checkinManual: endpoint<typeof s.checkinManual>('POST', '/api/events/manage/events/:id/registrations/:registrationId/checkin'),
  /**
   * Organiser or check-in staff: a short-lived token for the event QR members scan (valid 1–2 minutes, so a
   * forwarded screenshot soon stops working; fetch a new one every 30 s while the QR is shown). Available any
   * time; members are refused before the check-in window.
   */
  /**
   * 志愿服务 — organiser or check-in staff: check a volunteer out by the code they show (the same ~60 s code as
   * check-in). The hours are check-in → check-out (`minutes`). Idempotent (`alreadyCheckedOut`). Same 400s as
   * checkinByCode; 409 CHECKOUT_NOT_VOLUNTEER for another kind of event, CHECKOUT_NOT_CHECKED_IN before check-in.
   */
  checkoutByCode: endpoint<typeof s.checkoutByCode>('POST', '/api/events/manage/events/:id/checkout'),
  /** 志愿服务 — organiser or check-in staff: check a volunteer out from the list (no phone at hand). Audited. Same 409s. */
  checkoutManual: endpoint<typeof s.checkoutManual>('POST', '/api/events/manage/events/:id/registrations/:registrationId/checkout'),
  checkinToken: endpoint<typeof s.checkinToken>('GET', '/api/events/manage/events/:id/checkin-token'),
  /** Organiser or check-in staff: live check-in count and the latest check-ins (poll every few seconds). */
  checkinStats: endpoint<typeof s.checkinStats>('GET', '/api/events/manage/events/:id/checkin-stats'),
  /**
   * Organiser, scored events: enter or clear scores of confirmed / checked-in registrations. Allowed from the
   * opening of check-in (`checkinOpensAt`) on, so rounds can be scored during the day. Returns the new ranking
   * (full names). 409 for a non-scored event or before check-in opens (message has the time);
   * 400 `scores.<i>.registrationId` for a registration of another event or one not taking part.
   */
  saveScores: endpoint<typeof s.saveScores>('PUT', '/api/events/manage/events/:id/scores'),
  /** Organiser: ranking with full names. 409 for a non-scored event. */
  manageRanking: endpoint<typeof s.manageRanking>('GET', '/api/events/manage/events/:id/ranking'),
  /**
   * Organiser: roster + check-in export, an .xlsx file (content-type
   * application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, attachment). One row per registration
   * except cancelled ones: 序号, 姓名, 会员编号, 所属工会, 就业形态, 状态 (未组满 for an incomplete team), 候补位次, 队名,
   * 队员 (accepted members), each question, 报名时间,
   * 签到时间, 成绩, 名次. Send the Authorization header (Taro.downloadFile with header). Audited.
   * 503 when the server's spreadsheet component is not installed.
   */
  roster: endpoint<typeof s.roster>('GET', '/api/events/manage/events/:id/roster.xlsx'),
}
