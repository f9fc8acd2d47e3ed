/**
 * Aid types (救助类型): what an admin configures — form steps and fields, the document checklist, eligibility, the
 * amount rule, the window and the limits — and the limits a union sets for its sub-unions' own types.
 */
import { z } from 'zod'
import { FIELD_KIND_KEYS } from '../labels'
import { EMPLOYMENT_TYPE_KEYS } from '../../membership/labels'
import { FieldKind } from './enums'
import { PageQuery, key, monthDay, orgRef, yuan } from './primitives'

/** One form field of an aid type. The form is split into `steps`; each field belongs to one. */
export const AidField = z.object({
  key,
  label: z.string().min(1).max(30),
  kind: FieldKind,
  /** Which step of the type's form shows it (a key of `AidType.steps`). */
  step: key,
  required: z.boolean(),
  /**
   * Stored encrypted (AES-256-GCM); reviewer views of it are audited. E.g. a family's income, an account of events.
   * Always on for the kinds id_number, phone and medical (SENSITIVE_FIELD_KINDS), whatever is sent.
   */
  sensitive: z.boolean().default(false),
  hint: z.string().max(80).optional(),
  /** kind 'choice': the options. */
  options: z.array(z.object({ value: key, label: z.string().min(1).max(30) })).optional(),
  /** kind 'integer' | 'money': bounds; 'text' | 'textarea': max length. */
  min: z.number().optional(),
  max: z.number().optional(),
  maxLength: z.number().int().positive().max(2000).optional(),
  /** kind 'money' | 'integer' | 'date': must not be greater than this other field (e.g. reimbursed ≤ totalCost). */
  notAbove: key.optional(),
  /** kind 'date': must not be before this other field (e.g. dischargeDate ≥ admissionDate). */
  notBefore: key.optional(),
  /** kind 'date': may not lie in the future. */
  notFuture: z.boolean().optional(),
})
export type AidField = z.infer<typeof AidField>

/** One item of the document checklist. */
export const AidDocument = z.object({
  key,
  /** The checklist name, quoted in the "please upload" message, e.g. 出院小结. */
  name: z.string().min(1).max(30),
  required: z.boolean(),
  hint: z.string().max(80).optional(),
})
export type AidDocument = z.infer<typeof AidDocument>

export const AmountRule = z.discriminatedUnion('kind', [
  /** Fixed amount chosen by a choice field (金秋助学: by school stage). */
  z.object({
    kind: z.literal('fixed_tiers'),
    field: key,
    tiers: z.array(z.object({ value: key, label: z.string(), amount: yuan })).min(1),
  }),
  /** Fixed amount by distance band (返岗/返乡交通补贴): the first band whose `upToKm` ≥ the distance; null = no upper bound. */
  z.object({
    kind: z.literal('distance_bands'),
    field: key,
    bands: z.array(z.object({ upToKm: z.number().int().positive().nullable(), amount: yuan })).min(1),
  }),
  /** The 区总工会复核 sets the amount within [min, max]. */
  z.object({ kind: z.literal('reviewer_set'), min: yuan, max: yuan }),
])
export type AmountRule = z.infer<typeof AmountRule>

export const Eligibility = z.object({
  /** Plain-language rules shown before the applicant starts. */
  summary: z.array(z.string().max(120)).min(1),
  /** Only members of these employment types (e.g. 新就业形态劳动者); omitted = every member. */
  employmentTypes: z.array(z.enum(EMPLOYMENT_TYPE_KEYS)).optional(),
  /** Membership at least this many months old at submission. */
  minMembershipMonths: z.number().int().min(0).max(120).optional(),
  /** Numeric field caps checked at submit, e.g. monthly income per head ≤ 2500 (with the refusal message). */
  fieldMax: z.array(z.object({ field: key, max: z.number(), message: z.string().max(80) })).optional(),
})
export type Eligibility = z.infer<typeof Eligibility>

/** When applications are accepted: all year, or every year between two month-days (China time, inclusive). */
export const AidWindow = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all_year') }),
  z.object({ kind: z.literal('yearly'), from: monthDay, to: monthDay }),
])
export type AidWindow = z.infer<typeof AidWindow>

export const AidLimits = z.object({
  /** Applications per person per calendar year (China time) for this type; withdrawn and rejected ones do not count. */
  perYear: z.number().int().min(1).max(12),
  /**
   * "No two aids for the same cause": types sharing a cause group (e.g. 'medical') may not both be claimed for
   * the same cause, identified by these fields (e.g. hospital + admission date).
   */
  causeGroup: key.nullable(),
  causeFields: z.array(key),
})
export type AidLimits = z.infer<typeof AidLimits>

export const AidStep = z.object({ key, title: z.string().min(1).max(20) })

/** What an admin configures for one aid type. */
export const AidTypeConfig = z.object({
  name: z.string().min(2).max(30),
  /** One paragraph for the type's landing card. */
  description: z.string().max(300),
  /** Form steps in order. The document checklist and the consent are always the last two steps (not listed here). */
  steps: z.array(AidStep).min(1).max(6),
  fields: z.array(AidField).min(1).max(30),
  documents: z.array(AidDocument).min(1).max(12),
  eligibility: Eligibility,
  amount: AmountRule,
  window: AidWindow,
  limits: AidLimits,
  /** 困难职工帮扶: the base reviewer must record a home visit before approving. */
  requiresHomeVisit: z.boolean(),
  /** Review deadline per level, in working days (Mon–Fri); past it, the queue marks the case overdue. */
  reviewWorkingDays: z.object({ base: z.number().int().min(1).max(30), district: z.number().int().min(1).max(30) }),
  active: z.boolean(),
  /**
   * The level of the union tree (1 = the root, the 区总工会) whose admins do the 复核, the 公示, the payout and the
   * answers to objections: an admin (or a district-level relief delegation) held at that level or above, over the
   * applicant's union. Omitted = the level of the union that owns the type. It may not be deeper than the owner.
   */
  reviewLevel: z.number().int().min(1, '复核层级最小为 1（区总工会）').max(9).optional(),
})
export type AidTypeConfig = z.infer<typeof AidTypeConfig>

/** PUT /api/relief/types/:key: the configuration, and for a new type the union that owns it. */
export const AidTypeInput = AidTypeConfig.extend({
  /**
   * The owning union: its members and those of its subtree see the type; only its admins (relief.manage over it) edit
   * it. Required when creating a type; fixed afterwards (sending another one is refused).
   */
  orgId: z.number().int().positive().optional(),
})
export type AidTypeInput = z.infer<typeof AidTypeInput>

/**
 * The limits a union sets for the aid types its sub-unions create themselves: the most one case may receive, and the
 * field kinds such a type may collect. Limits set at several levels combine (the lowest amount, the kinds all allow).
 */
export const AidTypeLimits = z.object({
  maxAmount: yuan,
  fieldKinds: z.array(FieldKind).min(1, '请至少允许一种字段').max(FIELD_KIND_KEYS.length),
})
export type AidTypeLimits = z.infer<typeof AidTypeLimits>

export const TypeLimitsView = z.object({
  org: orgRef,
  /** What this union has set for the types of the unions below it (null = nothing set). */
  own: AidTypeLimits.nullable(),
  /** What applies to this union's own types: the limits set above it (the defaults when none); null for the root. */
  effective: AidTypeLimits.nullable(),
})
export type TypeLimitsView = z.infer<typeof TypeLimitsView>

export const AidType = AidTypeConfig.extend({
  key,
  /** The union that owns (offers and pays) the type. */
  org: orgRef,
  /** The 复核 level in force (the configured one, or the owner's level). */
  reviewLevel: z.number().int(),
  /** Computed from `window` for today: may an application be submitted now? */
  openNow: z.boolean(),
  /** Chinese, e.g. 每年 07-01 至 09-30 受理 / 全年受理. */
  windowLabel: z.string(),
  /** Chinese summary of the amount rule, e.g. 按距离 ¥80–¥450 / 由区总工会核定 ¥500–¥5000. */
  amountLabel: z.string(),
})
export type AidType = z.infer<typeof AidType>

/**
 * GET /api/relief/manage/types: the types an admin configures — every type, active or paused, owned by a union in a
 * subtree where the caller holds relief.manage — in the members' order (then by key), a page at a time.
 */
export const ManageTypesQuery = z.object(PageQuery)
