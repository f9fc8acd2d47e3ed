/** 内容审核: the staff queue of held user content and the decisions; WeChat's pushed image verdicts. */
import { z } from 'zod'
import { nextCursor, PageQuery } from '../paging'
import { MODERATION_LIST_STATUSES, MODERATION_SOURCES, MODERATION_STATUSES, MODERATION_SUBJECTS } from './labels'

const id = z.coerce.number().int().positive()

export const ModerationQuery = PageQuery.extend({ status: z.enum(MODERATION_LIST_STATUSES).default('held') })

export const ModerationItem = z.object({
  id: z.number().int(),
  kind: z.enum(MODERATION_SUBJECTS),
  /** 驿站问题反馈, 队伍名称, 昵称 … */
  kindLabel: z.string(),
  /** The text as submitted (null for an image). */
  text: z.string().nullable(),
  /** The image, through a short-lived signed link (null for a text, or when the file is gone). */
  photo: z.object({ id: z.string(), url: z.string() }).nullable(),
  /** Who published it (their nickname). */
  ownerName: z.string(),
  /** The union whose staff decide it. */
  orgName: z.string().nullable(),
  source: z.enum(MODERATION_SOURCES),
  /** WeChat's suggest (pass / review / risky); a word-list hit is review. */
  suggest: z.string().nullable(),
  /** WeChat's label, or the word-list entry that matched. */
  label: z.string().nullable(),
  status: z.enum(MODERATION_STATUSES),
  createdAt: z.string(),
  decidedAt: z.string().nullable(),
  note: z.string().nullable(),
})
export type ModerationItem = z.infer<typeof ModerationItem>

export const ModerationList = z.object({ items: z.array(ModerationItem), nextCursor })
export type ModerationList = z.infer<typeof ModerationList>

export const ItemParams = z.object({ id })
export const RejectBody = z.object({ note: z.string().trim().max(100, '说明最多 100 个字').optional() })

/** WeChat's signature of a pushed message (plain-server 消息推送 with a Token); absent over Cloud Hosting. */
export const PushQuery = z.object({
  signature: z.string().max(64).optional(),
  timestamp: z.string().max(20).optional(),
  nonce: z.string().max(64).optional(),
})
/** The server URL check when the push is configured: echo `echostr` when the signature matches. */
export const PushVerifyQuery = PushQuery.extend({ echostr: z.string().min(1).max(256) })

// Endpoint schema groups (referenced by ./api.ts through `import type`).
export const list = { query: ModerationQuery, response: ModerationList }
export const approve = { params: ItemParams, response: ModerationItem }
export const reject = { params: ItemParams, body: RejectBody, response: ModerationItem }
/** The body is WeChat's JSON push (checked by the server); the answer is the text `success`. */
export const push = { query: PushQuery, body: z.unknown(), response: z.unknown() }
/** The answer is `echostr` as text. */
export const pushVerify = { query: PushVerifyQuery, response: z.unknown() }
