/**
 * 法律援助 (legal aid) contract: a member's consultation request, its thread (staff replies, requests for more, the
 * member's answers), a scheduled session, the outcome and the member's rating; the staff worklist.
 * Money in whole yuan. Instants are ISO strings (UTC).
 */
import { z } from 'zod'
import { PageQuery, QueueSort, nextCursor } from '../paging'
import {
  LEGAL_ATTACHMENTS_MAX,
  LEGAL_CONTACT_PREF_KEYS,
  LEGAL_CONTACT_TIME_KEYS,
  LEGAL_DESCRIPTION_MAX,
  LEGAL_DESCRIPTION_MIN,
  LEGAL_DISPUTE_KIND_KEYS,
  LEGAL_EMPLOYER_MAX,
  LEGAL_ENTRY_KIND_KEYS,
  LEGAL_MESSAGE_MAX,
  LEGAL_OUTCOME_KEYS,
  LEGAL_RATING_COMMENT_MAX,
  LEGAL_SESSION_MODE_KEYS,
  LEGAL_STAFF_OUTCOME_KEYS,
  LEGAL_STATUS_KEYS,
} from './labels'

const id = z.coerce.number().int().positive()
const isoInstant = z.string()
const yuan = z.number().int().min(0).max(10_000_000)

export const LegalDocument = z.object({
  id: z.string(),
  mime: z.string(),
  size: z.number().int(),
  /** Short-lived signed link. */
  url: z.string(),
})
export type LegalDocument = z.infer<typeof LegalDocument>

/** The member's request. `amount` (yuan owed) is required for 欠薪. */
export const CreateCaseBody = z.object({
  kind: z.enum(LEGAL_DISPUTE_KIND_KEYS, { error: '请选择纠纷类型' }),
  employer: z.string({ error: '请填写用人单位' }).trim().min(1, '请填写用人单位').max(LEGAL_EMPLOYER_MAX, `用人单位不超过 ${LEGAL_EMPLOYER_MAX} 字`),
  amount: yuan.nullable().optional(),
  description: z
    .string({ error: '请描述您遇到的问题' })
    .trim()
    .min(LEGAL_DESCRIPTION_MIN, `请至少用 ${LEGAL_DESCRIPTION_MIN} 个字描述您遇到的问题`)
    .max(LEGAL_DESCRIPTION_MAX, `描述不超过 ${LEGAL_DESCRIPTION_MAX} 字`),
  /** File ids from upload. */
  attachments: z.array(z.string().max(64)).max(LEGAL_ATTACHMENTS_MAX, `附件最多 ${LEGAL_ATTACHMENTS_MAX} 个`).default([]),
  contactPref: z.enum(LEGAL_CONTACT_PREF_KEYS, { error: '请选择联系方式' }),
  contactTime: z.enum(LEGAL_CONTACT_TIME_KEYS, { error: '请选择方便联系的时间' }),
  /** Needed for 电话联系. Stored encrypted, shown masked except on the case page of its staff. */
  phone: z
    .string()
    .trim()
    .regex(/^1\d{10}$/, '请填写 11 位手机号')
    .nullable()
    .optional(),
})
export type CreateCaseBody = z.infer<typeof CreateCaseBody>

export const MessageBody = z.object({
  text: z.string({ error: '请填写内容' }).trim().min(1, '请填写内容').max(LEGAL_MESSAGE_MAX, `不超过 ${LEGAL_MESSAGE_MAX} 字`),
  attachments: z.array(z.string().max(64)).max(LEGAL_ATTACHMENTS_MAX).default([]),
})
export type MessageBody = z.infer<typeof MessageBody>

export const StaffMessageBody = MessageBody.extend({
  /** reply: an answer; request_info: the case waits for the member. */
  kind: z.enum(['reply', 'request_info']),
})
export type StaffMessageBody = z.infer<typeof StaffMessageBody>

export const ScheduleBody = z.object({
  mode: z.enum(LEGAL_SESSION_MODE_KEYS, { error: '请选择咨询方式' }),
  at: z.iso.datetime({ offset: true, error: '请选择预约时间' }),
  place: z.string().trim().max(200).nullable().optional(),
  note: z.string().trim().max(500).nullable().optional(),
})
export type ScheduleBody = z.infer<typeof ScheduleBody>

export const CloseBody = z.object({
  outcome: z.enum(LEGAL_STAFF_OUTCOME_KEYS, { error: '请选择结案结果' }),
  amountRecovered: yuan.nullable().optional(),
  note: z.string({ error: '请填写结案说明' }).trim().min(1, '请填写结案说明').max(LEGAL_MESSAGE_MAX),
})
export type CloseBody = z.infer<typeof CloseBody>

export const RateBody = z.object({
  stars: z.number({ error: '请选择评分' }).int().min(1, '请选择评分').max(5),
  comment: z.string().trim().max(LEGAL_RATING_COMMENT_MAX, `评价不超过 ${LEGAL_RATING_COMMENT_MAX} 字`).nullable().optional(),
})
export type RateBody = z.infer<typeof RateBody>

export const LegalEntry = z.object({
  id: z.number().int(),
  at: isoInstant,
  kind: z.enum(LEGAL_ENTRY_KIND_KEYS),
  /** 'member' | 'staff' */
  author: z.enum(['member', 'staff']),
  /** 您 / 法律援助专员·孙 (to the member), the member's name (to staff). */
  by: z.string(),
  text: z.string().nullable(),
  attachments: z.array(LegalDocument),
})
export type LegalEntry = z.infer<typeof LegalEntry>

export const LegalSession = z.object({
  mode: z.enum(LEGAL_SESSION_MODE_KEYS),
  at: isoInstant,
  place: z.string().nullable(),
  note: z.string().nullable(),
})
export type LegalSession = z.infer<typeof LegalSession>

/** The case as its member sees it. */
export const LegalCaseView = z.object({
  id: z.number().int(),
  kind: z.enum(LEGAL_DISPUTE_KIND_KEYS),
  employer: z.string(),
  amount: z.number().int().nullable(),
  description: z.string(),
  contactPref: z.enum(LEGAL_CONTACT_PREF_KEYS),
  contactTime: z.enum(LEGAL_CONTACT_TIME_KEYS),
  /** Masked (138****5678) to the member too: it is only repeated back. */
  phone: z.string().nullable(),
  attachments: z.array(LegalDocument),
  orgName: z.string(),
  status: z.enum(LEGAL_STATUS_KEYS),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  /** The promised first response: 1 working day after the request (China time). */
  firstResponseDue: isoInstant,
  firstResponseAt: isoInstant.nullable(),
  /** No first response and the promise has passed. */
  overdue: z.boolean(),
  handlerName: z.string().nullable(),
  session: LegalSession.nullable(),
  outcome: z.enum(LEGAL_OUTCOME_KEYS).nullable(),
  amountRecovered: z.number().int().nullable(),
  closedAt: isoInstant.nullable(),
  rating: z.object({ stars: z.number().int(), comment: z.string().nullable(), at: isoInstant }).nullable(),
  /** What happens next, in one sentence. */
  nextStep: z.string(),
  entries: z.array(LegalEntry),
})
export type LegalCaseView = z.infer<typeof LegalCaseView>

/** The case as its staff see it: the member's name and the full phone (the view is audited). */
export const LegalStaffCaseView = LegalCaseView.extend({
  memberName: z.string(),
  /** Whether the caller took it (only the handler replies, asks, schedules and closes; an admin may take it over). */
  mine: z.boolean(),
})
export type LegalStaffCaseView = z.infer<typeof LegalStaffCaseView>

export const LegalCaseItem = z.object({
  id: z.number().int(),
  kind: z.enum(LEGAL_DISPUTE_KIND_KEYS),
  employer: z.string(),
  status: z.enum(LEGAL_STATUS_KEYS),
  createdAt: isoInstant,
  updatedAt: isoInstant,
  firstResponseDue: isoInstant,
  overdue: z.boolean(),
  outcome: z.enum(LEGAL_OUTCOME_KEYS).nullable(),
  /** Staff lists: the member's name masked (李*梅); the member's own list: null. */
  memberName: z.string().nullable(),
  orgName: z.string(),
  handlerName: z.string().nullable(),
})
export type LegalCaseItem = z.infer<typeof LegalCaseItem>

const chinaDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式应为 YYYY-MM-DD')

/**
 * The staff worklist, oldest request first (`sort=newest`: newest first); keyset-paged either way on
 * (created_at, id), a cursor of the other order → 400 beside `cursor`. Filters (the office console's; all optional, combined): `orgId` a union of the caller's
 * subtree (its own subtree; outside → 403 LEGAL_UNION_OUTSIDE), `kind` the dispute, `status` one state (within
 * `filter`), `from` / `to` requested on these China calendar days (both included).
 */
export const ManageQuery = z.object({
  ...PageQuery.shape,
  /** open: not closed (default); overdue: past the first-response promise without one; closed; all. */
  filter: z.enum(['open', 'overdue', 'closed', 'all']).default('open'),
  orgId: id.optional(),
  kind: z.enum(LEGAL_DISPUTE_KIND_KEYS).optional(),
  status: z.enum(LEGAL_STATUS_KEYS).optional(),
  from: chinaDay.optional(),
  to: chinaDay.optional(),
  sort: QueueSort,
})
export type ManageQuery = z.infer<typeof ManageQuery>

export const CaseIdParams = z.object({ id })

const caseList = z.object({ items: z.array(LegalCaseItem), nextCursor })

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const create = { body: CreateCaseBody, response: LegalCaseView }
export const mine = { query: PageQuery, response: caseList }
export const detail = { params: CaseIdParams, response: LegalCaseView }
export const message = { params: CaseIdParams, body: MessageBody, response: LegalCaseView }
export const withdraw = { params: CaseIdParams, response: LegalCaseView }
export const rate = { params: CaseIdParams, body: RateBody, response: LegalCaseView }
export const upload = { response: LegalDocument }
export const manageList = { query: ManageQuery, response: caseList.extend({ overdueCount: z.number().int() }) }
export const manageDetail = { params: CaseIdParams, response: LegalStaffCaseView }
export const take = { params: CaseIdParams, response: LegalStaffCaseView }
export const reply = { params: CaseIdParams, body: StaffMessageBody, response: LegalStaffCaseView }
export const schedule = { params: CaseIdParams, body: ScheduleBody, response: LegalStaffCaseView }
export const close = { params: CaseIdParams, body: CloseBody, response: LegalStaffCaseView }
