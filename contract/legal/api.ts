import { endpoint } from '../endpoint'
import type * as s from './schemas'

/**
 * 法律援助 endpoints. Member: create (members of a union; others get NOT_MEMBER and the 12351 hotline) → the union's
 * legal staff take it, reply or ask for more (the member answers with `message`), schedule a session, close with an
 * outcome; the member may withdraw while open and rate once closed. Someone else's case: 404.
 * Staff: `legal.handle` over the member's union subtree (legal_staff and admins); outside it 403.
 */
export const legalApi = {
  create: endpoint<typeof s.create>('POST', '/api/legal/cases'),
  /** The caller's cases, newest first, cursor-paged. */
  mine: endpoint<typeof s.mine>('GET', '/api/legal/cases'),
  detail: endpoint<typeof s.detail>('GET', '/api/legal/cases/:id'),
  /** The member's answer or follow-up; answers a request for more information (→ 处理中). */
  message: endpoint<typeof s.message>('POST', '/api/legal/cases/:id/messages'),
  withdraw: endpoint<typeof s.withdraw>('POST', '/api/legal/cases/:id/withdraw'),
  /** Once, after the case is closed with an outcome other than 撤回. */
  rate: endpoint<typeof s.rate>('POST', '/api/legal/cases/:id/rating'),
  /** multipart/form-data, part `file`: a photo or PDF judged by its bytes. Attach the id in create / message. */
  upload: endpoint<typeof s.upload>('POST', '/api/legal/files'),

  /**
   * Cases of the caller's subtree, oldest first or `sort=newest` newest first (keyset-paged); `filter=overdue` lists the broken promises. The office
   * console narrows it by `orgId` (outside the caller's post → 403 LEGAL_UNION_OUTSIDE), `kind`, `status`, `from`/`to`.
   */
  manageList: endpoint<typeof s.manageList>('GET', '/api/legal/manage/cases'),
  /** Everything about a case, the member's phone in full (audited). */
  manageDetail: endpoint<typeof s.manageDetail>('GET', '/api/legal/manage/cases/:id'),
  take: endpoint<typeof s.take>('POST', '/api/legal/manage/cases/:id/take'),
  /** A reply, or a request for more information (the case then waits for the member). */
  reply: endpoint<typeof s.reply>('POST', '/api/legal/manage/cases/:id/messages'),
  schedule: endpoint<typeof s.schedule>('POST', '/api/legal/manage/cases/:id/session'),
  close: endpoint<typeof s.close>('POST', '/api/legal/manage/cases/:id/close'),
}
