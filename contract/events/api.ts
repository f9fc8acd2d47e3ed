/**
 * Events (活动报名) endpoint table. Zod-free: the app imports it anywhere, types come from ./schemas.
 *
 * Errors common to every endpoint: 401 UNAUTHENTICATED (not logged in), 400 VALIDATION with `fields`
 * (dot paths, e.g. `answers.q2`, `team.memberNos.1`, `reason`) — show each message beside its field.
 * An event outside the caller's reach is 404 NOT_FOUND '活动不存在' (never 403), so ids do not leak.
 * "Member" below means a logged-in user with a membership in the organiser union's subtree.
 * "Organiser" means `events.manage` over the event's organiser union (admins of that union or an ancestor).
 * Check-in staff (`events.checkin`, e.g. venue staff) may use the check-in endpoints of events in their subtree.
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
   * 400 VALIDATION with fields: `answers.<qid>` (required / wrong type / unknown option / file not yours or
   * wrong type), `team` (team event without team, or individual event with one), `team.name`,
   * `team.memberNos` (too few / too many, with the limits), `team.memberNos.<i>` (unknown member number,
   * not in the organiser's union, duplicate, yourself, or already in another team of this event).
   * 403 FORBIDDEN: not a member (请先申请入会) or not eligible (employment type).
   * 409 CONFLICT: registration not open yet (with the opening time) / closed; already registered;
   * no-show restriction (the message says why — e.g. 90 天内爽约 3 次 — and the date it ends).
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
   * Member: cancel own registration (pending, confirmed or waitlisted) until `cancelUntil`. Freeing a place
   * promotes the first waiter (who gets an in-app message). 409 after the cut-off (message has the time) or
   * when already cancelled/rejected/checked in. 404 if not the caller's.
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
   * Organiser or check-in staff: events of the unions they organise or check in for, newest start first, with
   * counts. Cursor paging. Empty for anyone else.
   */
  manageEvents: endpoint<typeof s.manageEvents>('GET', '/api/events/manage/events'),
  /** Organiser or check-in staff: one event with counts. 404 outside the caller's subtree. */
  manageEvent: endpoint<typeof s.manageEvent>('GET', '/api/events/manage/events/:id'),
  /**
   * Organiser: registrations with member name, member number, answers (file answers with signed URLs) and
   * team. Order: arrival order (waitlist order for waitlisted). Filter by `status`; without it all except
   * cancelled. Cursor paging; `counts` for the tabs. Viewing is audited.
   */
  manageRegistrations: endpoint<typeof s.manageRegistrations>('GET', '/api/events/manage/events/:id/registrations'),
  /**
   * Organiser: approve or reject pending registrations in bulk (one transaction). Reject needs `reason`
   * (shown to the member, 400 `reason` otherwise) and promotes waiters into the freed places. Rows that are not
   * pending come back with ok=false and a message; the others are decided. Members get an in-app message.
   */
  decide: endpoint<typeof s.decide>('POST', '/api/events/manage/events/:id/decisions'),
  /**
   * Organiser or check-in staff: check in by the member's registration code (scan their QR; H5: paste).
   * Idempotent (`alreadyCheckedIn: true` the second time). 404 '报名码无效' for an unknown code or one of
   * another event; 409 before the window (message has the opening time), after the end, or when the
   * registration is not confirmed (待审核 / 候补 / 已取消 …).
   */
  checkinByCode: endpoint<typeof s.checkinByCode>('POST', '/api/events/manage/events/:id/checkin'),
  /**
   * Organiser or check-in staff: a short-lived token for the event QR members scan (valid ~5 minutes;
   * fetch a new one every minute while the QR is shown). Available any time; members are refused before the
   * check-in window.
   */
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
   * except cancelled ones: 序号, 姓名, 会员编号, 所属工会, 就业形态, 状态, 候补位次, 队名, 队员, each question, 报名时间,
   * 签到时间, 成绩, 名次. Send the Authorization header (Taro.downloadFile with header). Audited.
   * 503 when the server's spreadsheet component is not installed.
   */
  roster: endpoint<typeof s.roster>('GET', '/api/events/manage/events/:id/roster.xlsx'),
}
