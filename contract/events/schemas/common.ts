/** Events schemas: the enumerations, ids and instants every other part uses. */
import { z } from 'zod'
import { EMPLOYMENT_TYPE_KEYS } from '../../membership/labels'
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
} from '../labels'

export const id = z.coerce.number().int().positive()
export const isoInstant = z.string()
export const instantIn = (error: string) => z.iso.datetime({ offset: true, error })

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
export const EmploymentType = z.enum(EMPLOYMENT_TYPE_KEYS)

/** A stored-file id as returned by POST /api/events/uploads. */
export const FileId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, '文件编号无效')

export const InviteCodeParams = z.object({ code: z.string().trim().min(1, '请输入邀请码').max(32, '邀请码无效') })
export const TeamInviteParams = z.object({ id, inviteId: id })
export const TeamMemberParams = z.object({ id, memberId: id })
export const ManualCheckinParams = z.object({ id, registrationId: id })

export const EventIdParams = z.object({ id })
export const RegistrationIdParams = z.object({ id })

/** The paging fields of an events list query: `cursor` from the previous page's nextCursor, up to `max` rows a page. */
export const pageFields = (max = 50, size = 20) => ({
  /** Opaque; from the previous page's nextCursor. */
  cursor: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(max).default(size),
})

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), serverTime: isoInstant })
