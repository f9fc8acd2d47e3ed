/** 公示: rounds with masked names, objections lodged by members and answered by the 复核 level. */
import { z } from 'zod'
import { Objection } from './review'
import { isoInstant } from './primitives'

export const CreateRoundBody = z.object({
  title: z.string().trim().min(2, '请填写公示标题').max(60),
  days: z.number().int().min(1, '公示期至少 1 天').max(30, '公示期最多 30 天'),
  /** Approved applications to publish; omitted = every approved one in the caller's district scope. */
  applicationIds: z.array(z.number().int().positive()).max(500).optional(),
})

export const PublicityEntry = z.object({
  /** Entry id (= the application id), used to lodge an objection. */
  id: z.number().int(),
  /** 张*明 */
  nameMasked: z.string(),
  orgName: z.string(),
  typeName: z.string(),
  amount: z.number().int(),
})
export type PublicityEntry = z.infer<typeof PublicityEntry>

export const PublicityRound = z.object({
  id: z.number().int(),
  title: z.string(),
  orgName: z.string(),
  startsAt: isoInstant,
  endsAt: isoInstant,
  /** Objections are accepted while open. */
  open: z.boolean(),
  entries: z.array(PublicityEntry),
})
export type PublicityRound = z.infer<typeof PublicityRound>

export const ObjectionBody = z.object({
  content: z.string().trim().min(5, '请写明异议内容（至少 5 个字）').max(500, '异议内容最多 500 字'),
})
export const AnswerObjectionBody = z.object({
  answer: z.string().trim().min(2, '请填写答复内容').max(500),
  /** true withdraws the approval (the application becomes 未通过 with the answer as the reason). */
  upheld: z.boolean(),
})

export const ReviewObjection = Objection.extend({
  applicationId: z.number().int(),
  applicantName: z.string(),
  typeName: z.string(),
  roundId: z.number().int(),
  /** May the caller answer it (the level that approved the amount); a 初审 reviewer only reads it. */
  canAnswer: z.boolean(),
})
export type ReviewObjection = z.infer<typeof ReviewObjection>
