/**
 * 帮扶救助 (relief): enumerations, their Chinese labels and the fixed limits. Zod-free, shared by server and app.
 * The six aid types themselves are data (admins configure them): see ./defaults.ts for what the seed stores.
 */
import { keysOf } from '../labels'

/** The seeded aid types' keys (admins may add more; a key is `[a-z_]+`). */
export const AID_TYPES = {
  hardship: '困难职工帮扶',
  serious_illness: '大病医疗救助',
  school_aid: '金秋助学',
  mutual_aid: '职工医疗互助',
  gig_accident: '新就业形态劳动者意外伤害',
  travel_subsidy: '返岗/返乡交通补贴',
} as const
export type SeededAidType = keyof typeof AID_TYPES

/**
 * Where an application stands (stored). Order of the happy path:
 * draft → base_review → district_review → approved → publicity → paid.
 * A return for more information sends it to `returned` (the applicant edits and resubmits → base_review).
 */
export const RELIEF_STAGES = {
  draft: '草稿',
  base_review: '基层工会初审中',
  returned: '待补充材料',
  district_review: '区总工会复核中',
  approved: '复核通过，待公示',
  publicity: '公示中',
  paid: '已发放',
  rejected: '未通过',
  withdrawn: '已撤回',
} as const
export type ReliefStage = keyof typeof RELIEF_STAGES
export const RELIEF_STAGE_KEYS = keysOf(RELIEF_STAGES)
/** Shown instead of 公示中 once the notice period is over and the district may pay. */
export const PUBLICITY_ENDED_LABEL = '公示期满，待发放'

/** Stages in which the applicant may still withdraw (no reviewer has decided anything yet, or it was returned). */
export const WITHDRAWABLE_STAGES: readonly ReliefStage[] = ['draft', 'base_review', 'returned']
/** Stages in which the applicant may edit (save the draft per step). */
export const EDITABLE_STAGES: readonly ReliefStage[] = ['draft', 'returned']

/** Timeline entry kinds and their titles. */
export const RELIEF_EVENTS = {
  submitted: '提交申请',
  resubmitted: '补充材料后重新提交',
  home_visit: '工会入户走访',
  base_approved: '基层工会初审通过',
  returned: '退回补充材料',
  /** The timeline's `by` names the union that did the 复核 (the district, or the sub-union that owns the type). */
  district_approved: '复核通过',
  rejected: '审核未通过',
  withdrawn: '申请人撤回申请',
  published: '进入公示',
  objection: '收到公示异议',
  objection_answered: '公示异议已答复',
  paid: '救助金已发放',
} as const
export type ReliefEventKind = keyof typeof RELIEF_EVENTS
export const RELIEF_EVENT_KEYS = keysOf(RELIEF_EVENTS)

/** Kinds of form field an aid type may define. */
export const FIELD_KINDS = {
  text: '单行文字',
  textarea: '多行文字',
  integer: '整数',
  money: '金额（元）',
  date: '日期',
  choice: '单选',
  id_number: '身份证号',
  phone: '手机号码',
  /** A diagnosis, a condition, a medical history: one line of text, always sensitive. */
  medical: '病情/诊断',
} as const
export type FieldKind = keyof typeof FIELD_KINDS
export const FIELD_KIND_KEYS = keysOf(FIELD_KINDS)

/**
 * Kinds whose values are sensitive personal information by nature: a field of these kinds is stored encrypted and
 * its views audited whatever the type's `sensitive` flag says (the server forces the flag on when a type is saved,
 * and again when a value is stored).
 */
export const SENSITIVE_FIELD_KINDS: readonly FieldKind[] = ['id_number', 'phone', 'medical']

/**
 * What a sub-union's own aid types may do when no union above it has set limits (PUT /api/relief/type-limits/:orgId):
 * pay at most ¥2000 per case, and collect no ID numbers, phones or medical information.
 */
export const DEFAULT_SUB_TYPE_LIMITS: { maxAmount: number; fieldKinds: FieldKind[] } = {
  maxAmount: 2000,
  fieldKinds: FIELD_KIND_KEYS.filter((k) => !SENSITIVE_FIELD_KINDS.includes(k)),
}

/** Staff worklists (queues, cases, objections) are read a page at a time: this many by default, at most RELIEF_PAGE_MAX. */
export const RELIEF_PAGE_DEFAULT = 20
export const RELIEF_PAGE_MAX = 50

export const PAYOUT_METHODS = {
  bank_transfer: '银行转账',
  wechat: '微信转账',
  cash: '现金',
  other: '其他',
} as const
export type PayoutMethod = keyof typeof PAYOUT_METHODS
export const PAYOUT_METHOD_KEYS = keysOf(PAYOUT_METHODS)

export const REVIEW_LEVELS = {
  base: '基层工会初审',
  district: '区总工会复核',
} as const
export type ReviewLevel = keyof typeof REVIEW_LEVELS
export const REVIEW_LEVEL_KEYS = keysOf(REVIEW_LEVELS)

/** Documents: photos (JPG/PNG/WebP) or PDF, checked by their bytes on the server; at most this big. */
export const RELIEF_DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
export const RELIEF_DOCUMENT_MAX_LABEL = '5 MB'
/** Files per checklist item. */
export const RELIEF_FILES_PER_DOCUMENT = 9
/** Signed document links stay valid this long (seconds); fetch the application again for fresh ones. */
export const RELIEF_DOCUMENT_LINK_TTL_SECONDS = 300
/** Default 公示 period, in days (the district picks 1–30 per round). */
export const PUBLICITY_DEFAULT_DAYS = 5

/** Masks a name for the public notice: 张三 → 张*, 张小明 → 张*明, 欧阳小明 → 欧**明. */
export function maskPublicName(name: string): string {
  const chars = Array.from(name.trim())
  if (chars.length <= 1) return chars.join('') || '*'
  if (chars.length === 2) return `${chars[0]}*`
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`
}
