/** Cases as the server sends them, for the legal pages' tests. */
import type { LegalCaseView, LegalEntry, LegalStaffCaseView } from '@contract/legal/schemas'

export const entry = (e: Partial<LegalEntry> & Pick<LegalEntry, 'id' | 'kind'>): LegalEntry => ({
  at: '2026-11-20T02:00:00.000Z',
  author: 'staff',
  by: '法律援助专员·孙',
  text: null,
  attachments: [],
  ...e,
})

export const submitted = entry({ id: 1, kind: 'submitted', author: 'member', by: '您', at: '2026-11-20T01:00:00.000Z' })

export function legalCase(c: Partial<LegalCaseView> = {}): LegalCaseView {
  return {
    id: 7,
    kind: 'unpaid_wages',
    employer: '云溪速达配送站',
    amount: 6800,
    description: '站点拖欠我两个月工资，多次催讨未果。',
    contactPref: 'phone',
    contactTime: 'weekday_evening',
    phone: '138****5678',
    attachments: [],
    orgName: '星河物流有限公司工会',
    status: 'submitted',
    createdAt: '2026-11-20T01:00:00.000Z',
    updatedAt: '2026-11-20T01:00:00.000Z',
    firstResponseDue: '2026-11-21T01:00:00.000Z',
    firstResponseAt: null,
    overdue: false,
    handlerName: null,
    session: null,
    outcome: null,
    amountRecovered: null,
    closedAt: null,
    rating: null,
    nextStep: '等待工会法律援助专员受理',
    entries: [submitted],
    ...c,
  }
}

export function staffCase(c: Partial<LegalStaffCaseView> = {}): LegalStaffCaseView {
  return {
    ...legalCase({ phone: '13800005678', entries: [{ ...submitted, by: '李晓梅' }] }),
    memberName: '李晓梅',
    mine: false,
    ...c,
  }
}
