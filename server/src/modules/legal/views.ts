/** What a case says to its member and to its staff: status, the promise and whether it is broken, the next step. */
import { LEGAL_OUTCOMES, LEGAL_SESSION_MODES } from '@contract/legal/labels'
import type { LegalCaseItem, LegalCaseView } from '@contract/legal/schemas'
import { maskName, maskPhone } from '@contract/membership/idcard'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx } from '../../db'
import type { LegalCaseRow } from '../../db/schema/legal'
import { chinaTime } from '../../time'
import { documents, entriesOf, fileRows } from './thread'

/** No first response and the promise has passed (closed cases are never overdue). */
export function isOverdue(c: Pick<LegalCaseRow, 'status' | 'firstResponseAt' | 'firstResponseDue'>, now: number): boolean {
  return c.status !== 'closed' && c.firstResponseAt === null && c.firstResponseDue.getTime() < now
}

/** One sentence: what happens next, for the member. */
export function nextStep(c: LegalCaseRow): string {
  switch (c.status) {
    case 'submitted':
      return `工会法律援助专员将在 ${chinaTime(c.firstResponseDue.getTime())} 前回复您`
    case 'in_progress':
      return `${c.handlerName ?? '法律援助专员'}正在处理，有进展会通知您`
    case 'awaiting_member':
      return '专员请您补充情况，请在下方回复'
    case 'scheduled':
      return c.session
        ? `${LEGAL_SESSION_MODES[c.session.mode]}：${chinaTime(Date.parse(c.session.at))}${c.session.place ? `，${c.session.place}` : ''}`
        : '已预约咨询'
    case 'closed':
      if (c.outcome === 'withdrawn') return '您已撤回这次咨询'
      return c.ratedAt ? `已结案：${LEGAL_OUTCOMES[c.outcome!]}，感谢您的评价` : `已结案：${LEGAL_OUTCOMES[c.outcome!]}，请为这次服务评分`
  }
}

export async function caseView(deps: AppDeps, tx: DbOrTx, c: LegalCaseRow, orgName: string, as: 'member' | 'staff'): Promise<LegalCaseView> {
  const now = deps.now()
  const phone = c.phoneEnc ? deps.cipher.decrypt(c.phoneEnc) : null
  return {
    id: c.id,
    kind: c.kind,
    employer: c.employer,
    amount: c.amount,
    description: deps.cipher.decrypt(c.descriptionEnc),
    contactPref: c.contactPref,
    contactTime: c.contactTime,
    phone: phone && as === 'member' ? maskPhone(phone) : phone,
    attachments: documents(deps, c.attachments, await fileRows(tx, c.attachments)),
    orgName,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    firstResponseDue: c.firstResponseDue.toISOString(),
    firstResponseAt: c.firstResponseAt?.toISOString() ?? null,
    overdue: isOverdue(c, now),
    handlerName: c.handlerName,
    session: c.session ?? null,
    outcome: c.outcome,
    amountRecovered: c.amountRecovered,
    closedAt: c.closedAt?.toISOString() ?? null,
    rating: c.ratingStars && c.ratedAt ? { stars: c.ratingStars, comment: c.ratingComment, at: c.ratedAt.toISOString() } : null,
    nextStep: nextStep(c),
    entries: await entriesOf(deps, tx, c.id, as),
  }
}

export function caseItem(c: LegalCaseRow, orgName: string, now: number, memberName: string | null): LegalCaseItem {
  return {
    id: c.id,
    kind: c.kind,
    employer: c.employer,
    status: c.status,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
    firstResponseDue: c.firstResponseDue.toISOString(),
    overdue: isOverdue(c, now),
    outcome: c.outcome,
    memberName: memberName === null ? null : maskName(memberName),
    orgName,
    handlerName: c.handlerName,
  }
}
