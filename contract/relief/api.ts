import { endpoint } from '../endpoint'
import type * as s from './schemas'

/**
 * 帮扶救助 endpoints. Applicant flow: types → start (a draft) → saveDraft per step (+ upload, then attach the
 * returned file ids through saveDraft.documents) → submit → (returned → saveDraft → submit again) … → paid.
 * Errors: 400 VALIDATION with `fields` keyed by field key or `documents.<checklist key>`; 409 CONFLICT for limits
 * (once per year, same cause, window closed, wrong stage); 404 for someone else's application.
 */
export const reliefApi = {
  /** Active aid types with their form, checklist, eligibility, amount rule, window and limits. */
  types: endpoint<typeof s.types>('GET', '/api/relief/types'),
  /** Admin (relief.manage at the district): replace one type's configuration. */
  updateType: endpoint<typeof s.updateType>('PUT', '/api/relief/types/:key'),

  /** Start an application of a type (members only): returns the draft, or the caller's existing draft of that type. */
  start: endpoint<typeof s.start>('POST', '/api/relief/applications'),
  /** The caller's relief applications, newest first (drafts included). */
  mine: endpoint<typeof s.mine>('GET', '/api/relief/applications'),
  /** One of the caller's applications, with values, documents (short-lived links) and timeline. Audited. */
  detail: endpoint<typeof s.detail>('GET', '/api/relief/applications/:id'),
  /** Save one step (stage draft or returned). Survives restarts: it is in the database. */
  saveDraft: endpoint<typeof s.saveDraft>('PUT', '/api/relief/applications/:id/draft'),
  /** Submit (or resubmit after a return): validates fields, checklist, eligibility, window and limits. */
  submit: endpoint<typeof s.submit>('POST', '/api/relief/applications/:id/submit'),
  /** Withdraw while no reviewer has decided (draft, 初审中, 待补充材料). */
  withdraw: endpoint<typeof s.withdraw>('POST', '/api/relief/applications/:id/withdraw'),
  /**
   * multipart/form-data with one part `file`: a photo (JPG/PNG/WebP) or PDF, ≤ RELIEF_DOCUMENT_MAX_BYTES, checked
   * by its bytes (415 otherwise, 413 when too big). Returns the file id to attach with saveDraft.
   */
  upload: endpoint<typeof s.upload>('POST', '/api/relief/files'),

  /** Reviewer queue of one level, oldest first, with waiting time and overdue flag (relief.review / relief.review_district). */
  reviewQueue: endpoint<typeof s.reviewQueue>('GET', '/api/relief/review'),
  /** Staff worklist by stage within the caller's scopes (待公示 → pick for a round; 公示中 → pay when `payable`), oldest first. */
  reviewCases: endpoint<typeof s.reviewCases>('GET', '/api/relief/review/cases'),
  /** Everything about a case, decrypted, every submitted version (audited). 404 for non-reviewers, 403 outside scope. */
  reviewDetail: endpoint<typeof s.reviewDetail>('GET', '/api/relief/review/:id'),
  /** 困难职工帮扶: the base reviewer records the home visit (required before 初审 approval). */
  homeVisit: endpoint<typeof s.homeVisit>('POST', '/api/relief/review/:id/home-visit'),
  /** 初审 approve → 复核; 复核 approve (with the amount) → 待公示. */
  approve: endpoint<typeof s.approve>('POST', '/api/relief/review/:id/approve'),
  reject: endpoint<typeof s.reject>('POST', '/api/relief/review/:id/reject'),
  /** Return for more information, naming the missing documents and/or what else is needed (初审 or 复核). */
  returnForInfo: endpoint<typeof s.returnForInfo>('POST', '/api/relief/review/:id/return'),
  /** District: record the payment (date, method, reference) once the notice is over and objections answered. */
  payout: endpoint<typeof s.payout>('POST', '/api/relief/review/:id/payout'),

  /** District: publish a 公示 round of approved cases for N days. */
  createRound: endpoint<typeof s.createRound>('POST', '/api/relief/publicity'),
  /** Members: current and recent (last 30 days) rounds with masked names, union, type and amount. */
  publicity: endpoint<typeof s.publicity>('GET', '/api/relief/publicity'),
  /** Members: lodge an objection to one published case (entry id) while its round is open. */
  object: endpoint<typeof s.object>('POST', '/api/relief/publicity/:id/objections'),
  /** Reviewers: objections within their scope, unanswered first. */
  reviewObjections: endpoint<typeof s.reviewObjections>('GET', '/api/relief/review/objections'),
  answerObjection: endpoint<typeof s.answerObjection>('POST', '/api/relief/review/objections/:id/answer'),

}
