/** Path parameters and the endpoint schema groups (referenced by ../api.ts through `import type`). */
import { z } from 'zod'
import { AidType, AidTypeInput, AidTypeLimits, ManageTypesQuery, TypeLimitsView } from './aid-types'
import { ApplicationDetail, ApplicationSummary, DraftSaved, SaveDraftBody, StartApplicationBody, UploadedDocument, WithdrawBody } from './applications'
import { AnswerObjectionBody, CreateRoundBody, ObjectionBody, PublicityRound, ReviewObjection } from './publicity'
import {
  ApproveBody,
  CasesQuery,
  HomeVisitBody,
  ObjectionsQuery,
  PayoutBody,
  RejectBody,
  ReliefCaseItem,
  ReliefQueueItem,
  ReturnBody,
  ReviewDetail,
  ReviewQueueQuery,
  PayoutListQuery,
} from './review'
import { id, key, page } from './primitives'

export const AppIdParams = z.object({ id })
export const TypeKeyParams = z.object({ key })
export const OrgIdParams = z.object({ orgId: id })
const Ok = z.object({ ok: z.literal(true) })

// Endpoint schema groups.
export const types = { response: z.object({ items: z.array(AidType) }) }
export const manageTypes = { query: ManageTypesQuery, response: page(AidType) }
export const manageType = { params: TypeKeyParams, response: AidType }
export const updateType = { params: TypeKeyParams, body: AidTypeInput, response: AidType }
export const typeLimits = { params: OrgIdParams, response: TypeLimitsView }
export const setTypeLimits = { params: OrgIdParams, body: AidTypeLimits, response: TypeLimitsView }
export const start = { body: StartApplicationBody, response: ApplicationDetail }
export const mine = { response: z.object({ items: z.array(ApplicationSummary) }) }
export const detail = { params: AppIdParams, response: ApplicationDetail }
export const saveDraft = { params: AppIdParams, body: SaveDraftBody, response: DraftSaved }
export const submit = { params: AppIdParams, response: ApplicationDetail }
export const withdraw = { params: AppIdParams, body: WithdrawBody.nullish(), response: ApplicationDetail }
export const upload = { response: UploadedDocument }
export const reviewQueue = { query: ReviewQueueQuery, response: page(ReliefQueueItem) }
/** An .xlsx file. */
export const payoutList = { query: PayoutListQuery, response: z.unknown() }
export const reviewCases = { query: CasesQuery, response: page(ReliefCaseItem) }
export const reviewDetail = { params: AppIdParams, response: ReviewDetail }
export const homeVisit = { params: AppIdParams, body: HomeVisitBody, response: ReviewDetail }
export const approve = { params: AppIdParams, body: ApproveBody.nullish(), response: ReviewDetail }
export const reject = { params: AppIdParams, body: RejectBody, response: ReviewDetail }
export const returnForInfo = { params: AppIdParams, body: ReturnBody, response: ReviewDetail }
export const createRound = { body: CreateRoundBody, response: PublicityRound }
export const publicity = { response: z.object({ items: z.array(PublicityRound) }) }
export const object = { params: AppIdParams, body: ObjectionBody, response: Ok }
export const reviewObjections = { query: ObjectionsQuery, response: page(ReviewObjection) }
export const answerObjection = { params: AppIdParams, body: AnswerObjectionBody, response: ReviewObjection }
export const payout = { params: AppIdParams, body: PayoutBody, response: ReviewDetail }
