/**
 * Builders of the relief tests, instead of literals copied across files: the clock, valid forms of the seeded types,
 * aid-type configurations (a sub-union's own small type, a seeded type changed), the bodies of review actions, and
 * rows written straight into the database (the worklist paging tests).
 *
 *   await app.ok(reliefApi.updateType, { params: { key: 'street_warmth' }, body: { ...aidType(), orgId }, token })
 *   await app.ok(reliefApi.payout, { params: { id }, body: payoutBody({ paidOn: '2026-12-15' }), token })
 */
import type { BodyOf } from '@contract/endpoint'
import { checkDigit } from '@contract/membership/idcard'
import type { reliefApi } from '@contract/relief/api'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import type { ReliefStage } from '@contract/relief/labels'
import type { AidTypeConfig, AidTypeInput } from '@contract/relief/schemas'
import type { reliefApplications, reliefObjections } from '../../src/db/schema'

/** China-time instant: at('2026-08-10T10:00:00'). */
export const at = (local: string) => new Date(`${local}+08:00`).getTime()
export const HOUR = 3_600_000
export const DAY = 86_400_000

// A real 1×1 PNG and a minimal PDF header.
export const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n')

export const CHILD_ID = '33010620080515162' + checkDigit('33010620080515162')

type Values = Record<string, string | number>

/** Valid values per seeded type (submission dates in 2026 or later; hospitals differ so causes never collide). */
export const VALID: Record<string, Values> = {
  hardship: { household_size: 3, monthly_income_per_head: 1200.5, cause: 'illness', situation: '丈夫重病住院，家庭收入骤减' },
  serious_illness: { diagnosis: '急性白血病', hospital: '示例市第一人民医院', admission_date: '2026-05-01', total_cost: 186000, reimbursed: 120000 },
  school_aid: { child_name: '李小雨', child_id_number: CHILD_ID, school: '示例大学', admission_year: 2026, school_stage: 'bachelor' },
  mutual_aid: { hospital: '示例市中医院', admission_date: '2026-06-01', discharge_date: '2026-06-10', diagnosis: '腰椎间盘突出', total_cost: 15000 },
  gig_accident: { accident_date: '2026-07-01', accident_place: '云溪区科创路', what_happened: '送餐途中被电动车撞倒，右腿骨折', hospital: '示例市第二医院', admission_date: '2026-07-01' },
  travel_subsidy: { direction: 'home', from_city: '示例市', to_city: '成都市', travel_date: '2027-01-25', distance_km: 1650 },
}

/** A valid form of a seeded type, with `over` on top (null clears a value). */
export function reliefForm(typeKey: string, over: Record<string, string | number | null> = {}): Record<string, string | number | null> {
  return { ...VALID[typeKey], ...over }
}

/** The required checklist keys of a seeded type. */
export const requiredDocuments = (typeKey: string): string[] => DEFAULT_AID_TYPES[typeKey].documents.filter((d) => d.required).map((d) => d.key)

/**
 * A sub-union's own small type (青禾街道暖心补助): one step, a sensitive account of the need, one document,
 * reviewer-set ¥200–¥1000, all year, once a year — with `over` on top and `extraFields` after the first field.
 */
export function aidType(over: Partial<AidTypeConfig> = {}, extraFields: AidTypeConfig['fields'] = []): AidTypeConfig {
  return {
    name: '青禾街道暖心补助',
    description: '青禾街道辖区内会员遭遇突发困难时的小额补助。',
    steps: [{ key: 'need', title: '困难情况' }],
    fields: [
      { key: 'situation', label: '困难情况说明', kind: 'textarea', step: 'need', required: true, sensitive: true, maxLength: 500 },
      ...extraFields,
    ],
    documents: [{ key: 'proof', name: '困难情况证明', required: true }],
    eligibility: { summary: ['青禾街道辖区内工会会员'] },
    amount: { kind: 'reviewer_set', min: 200, max: 1000 },
    window: { kind: 'all_year' },
    limits: { perYear: 1, causeGroup: null, causeFields: [] },
    requiresHomeVisit: false,
    reviewWorkingDays: { base: 5, district: 5 },
    active: true,
    ...over,
  }
}

/** A seeded type's configuration (as the seed stores it) with `over` on top. */
export function seededType(key: string, over: Partial<AidTypeInput> = {}): AidTypeInput {
  return { ...DEFAULT_AID_TYPES[key], ...over }
}

/** The seeded type with every field sent as `sensitive: false` (what an attacker or a careless admin sends). */
export function withoutSensitive(config: AidTypeConfig): AidTypeConfig {
  return { ...config, fields: config.fields.map((f) => ({ ...f, sensitive: false })) }
}

/** 发放 by bank transfer. */
export function payoutBody(over: Partial<BodyOf<typeof reliefApi.payout>> = {}): BodyOf<typeof reliefApi.payout> {
  return { paidOn: '2026-11-25', method: 'bank_transfer', reference: 'YH-TEST-0001', ...over }
}

/** The 初审 reviewer's home visit. */
export function homeVisitBody(visitedOn: string, over: Partial<BodyOf<typeof reliefApi.homeVisit>> = {}): BodyOf<typeof reliefApi.homeVisit> {
  return { visitedOn, visitors: '审核员·赵', findings: '家庭困难情况属实，收入微薄', ...over }
}

/**
 * `n` application rows of one member in `stage`, written straight into the database for the worklist tests: two
 * cases share each instant (the cursor must break the tie by id), one instant an hour apart from `since` on.
 */
export function caseRows(
  n: number,
  o: { userId: number; orgId: number; stage: Exclude<ReliefStage, 'draft'>; since: number; roundId?: number | null; typeKey?: string },
): (typeof reliefApplications.$inferInsert)[] {
  return Array.from({ length: n }, (_, i) => ({
    userId: o.userId,
    typeKey: o.typeKey ?? 'serious_illness',
    orgId: o.orgId,
    stage: o.stage,
    fields: {},
    documents: {},
    submissionCount: 1,
    amount: o.stage === 'base_review' ? null : 1000 + i,
    roundId: o.roundId ?? null,
    stageSince: new Date(o.since + Math.floor(i / 2) * HOUR),
  }))
}

/** `n` objections to one published case, an hour apart ending an hour before `now`; every third one answered. */
export function objectionRows(n: number, o: { applicationId: number; roundId: number; now: number }): (typeof reliefObjections.$inferInsert)[] {
  return Array.from({ length: n }, (_, i) => ({
    applicationId: o.applicationId,
    roundId: o.roundId,
    content: `第 ${i + 1} 条异议`,
    createdAt: new Date(o.now - (n - i) * HOUR),
    ...(i % 3 === 0 ? { answer: '已核实', upheld: false, answeredAt: new Date(o.now - HOUR) } : {}),
  }))
}
