/** 法律援助 test data: a member's request for help, unpaid wages answered online unless `over` says otherwise. */
import type { CreateCaseBody } from '@contract/legal/schemas'

export const legalAsk = (over: Partial<CreateCaseBody> = {}): CreateCaseBody => ({
  kind: 'unpaid_wages',
  employer: '云溪速达配送站',
  amount: 6800,
  description: '站点拖欠我 9 月和 10 月的工资，共 6800 元，多次催讨未果。',
  attachments: [],
  contactPref: 'online',
  contactTime: 'any',
  ...over,
})
