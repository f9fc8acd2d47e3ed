/** The relief enumerations as zod enums (their keys and Chinese labels live in ../labels.ts). */
import { z } from 'zod'
import { FIELD_KIND_KEYS, PAYOUT_METHOD_KEYS, RELIEF_EVENT_KEYS, RELIEF_STAGE_KEYS, REVIEW_LEVEL_KEYS } from '../labels'

export const ReliefStage = z.enum(RELIEF_STAGE_KEYS)
export const ReliefEventKind = z.enum(RELIEF_EVENT_KEYS)
export const ReviewLevel = z.enum(REVIEW_LEVEL_KEYS)
export const PayoutMethod = z.enum(PAYOUT_METHOD_KEYS, { error: '请选择发放方式' })
export const FieldKind = z.enum(FIELD_KIND_KEYS)
