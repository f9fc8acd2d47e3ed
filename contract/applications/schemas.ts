/**
 * 我的申请: one list across every capability's applications (joining, relief, event approvals). Each capability
 * produces this shape for its own applications on the server (`applicationItemsFor`); modules/applications
 * merges them.
 */
import { z } from 'zod'
import { APPLICATION_KIND_KEYS, APPLICATION_STATE_KEYS } from './labels'

const isoInstant = z.string()

/**
 * One application in the app-wide 我的申请 list, capability-neutral: joining, relief and event approvals; a later kind
 * adds itself by producing this shape.
 */
export const MyApplicationItem = z.object({
  kind: z.enum(APPLICATION_KIND_KEYS),
  /** The capability's own id. (kind, id) is unique. */
  id: z.number().int(),
  /** e.g. 大病医疗救助 / 入会申请 · 星河物流有限公司工会 */
  title: z.string(),
  state: z.enum(APPLICATION_STATE_KEYS),
  /** The precise stage in Chinese, e.g. 区总工会复核中 / 待补充材料 / 已发放. */
  stageLabel: z.string(),
  /** When the current stage is expected to end; null when it waits on the applicant or is final. */
  expectedBy: isoInstant.nullable(),
  /** The reason of the last decision that needs one (未通过, 退回补充材料), else null. */
  lastDecisionReason: z.string().nullable(),
  /** Yuan, when the kind has an amount. */
  amount: z.number().int().nullable(),
  updatedAt: isoInstant,
  /** App page with the details. */
  link: z.string(),
  timeline: z.array(z.object({ at: isoInstant, title: z.string(), note: z.string().nullable() })),
})
export type MyApplicationItem = z.infer<typeof MyApplicationItem>

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const mine = { response: z.object({ items: z.array(MyApplicationItem) }) }
