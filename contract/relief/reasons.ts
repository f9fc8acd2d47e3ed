/**
 * 帮扶救助 refusals, declared once: the server refuses by these names (`refuse(ReliefReasons.RELIEF_YEARLY_LIMIT, …)`),
 * the response carries the name as `reason`, and a client branches on it, never on the text. The messages are what
 * the applicant or the union's staff read. Zod-free.
 *
 * Names: `RELIEF_*` for relief's own refusals (the four issue-11 codes RELIEF_TYPE_FORBIDDEN, RELIEF_TYPE_OWNER_FIXED,
 * RELIEF_TYPE_LIMITS and RELIEF_LEVEL_REQUIRED keep their names); `NOT_MEMBER` is the platform's name for the same
 * refusal the access gate gives a non-member, so a client sees one reason whichever layer refuses.
 * Refusals with `fields` put the same sentence (or each item's own) beside the field.
 */
import { defineReasons } from '../reasons'
import { RELIEF_DOCUMENT_MAX_LABEL, RELIEF_STAGES, type ReliefStage } from './labels'

const yuan = (n: number) => `¥${n}`
/** 「金秋助学」 */
const quoted = (name: string) => `「${name}」`

/** What a refusal for the wrong level is about, and how its sentence ends. */
const LEVEL_ACTIONS = {
  district_review: (union: string) => `复核由${union}办理`,
  payout: (union: string) => `救助金发放由${union}办理`,
  publish: (union: string) => `所选申请中有须由${union}公示的，您不能发布`,
  objection: (union: string) => `公示异议由${union}核实答复`,
} as const

const NOT_MEMBER_MESSAGES = {
  apply: '加入工会后才能申请帮扶救助',
  object: '工会会员才能对公示提出异议',
  publicity: '公示内容仅向工会会员公开',
} as const

export const ReliefReasons = defineReasons({
  // ---- aid types: who sees and who sets them ----
  RELIEF_TYPE_NOT_FOUND: { status: 404, message: '救助类型不存在' },
  /** 403: the type belongs to another union; only admins of the owning union edit it. */
  RELIEF_TYPE_FORBIDDEN: {
    status: 403,
    message: (p: { typeName: string; ownerName: string }) => `${quoted(p.typeName)}属于${p.ownerName}，只有该工会的管理员可以设置`,
  },
  /** 409: a type's owning union cannot be changed. */
  RELIEF_TYPE_OWNER_FIXED: { status: 409, message: '救助类型的所属工会不能更改；如需由其他工会提供，请新建类型' },
  /** 400 beside `orgId`: a new type names the union that owns it. */
  RELIEF_TYPE_OWNER_REQUIRED: { status: 400, message: '请选择提供这一救助类型的工会' },
  /** 400 beside `orgId`. */
  RELIEF_TYPE_OWNER_UNKNOWN: { status: 400, message: '所选工会不存在' },
  /** 400 with `fields` (see ./type-config.ts): the configuration contradicts itself; the message is the first problem. */
  RELIEF_TYPE_CONFIG_INVALID: { status: 400, message: (p: { text: string }) => p.text },
  /** 400 beside `reviewLevel`: the 复核 may not lie below the owning union. */
  RELIEF_TYPE_REVIEW_LEVEL: {
    status: 400,
    message: (p: { ownerName: string; ownerLevel: number }) => `复核须由${p.ownerName}或其上级工会办理（层级不大于 ${p.ownerLevel}）`,
  },
  /** 400 with `fields`: a sub-union's type goes beyond the limits set above it (amount ceiling, field kinds). */
  RELIEF_TYPE_LIMITS: { status: 400, message: (p: { text: string }) => p.text },
  RELIEF_ORG_NOT_FOUND: { status: 404, message: '工会不存在' },
  /** 403: only the union's own admins set the limits for the unions below it. */
  RELIEF_LIMITS_FORBIDDEN: { status: 403, message: (p: { orgName: string }) => `只有${p.orgName}的管理员可以设置其下级工会的救助类型范围` },

  // ---- applying ----
  NOT_MEMBER: { status: 403, message: (p: { action: keyof typeof NOT_MEMBER_MESSAGES }) => NOT_MEMBER_MESSAGES[p.action] },
  /** 409: the type is for some employment types only (新就业形态劳动者 …). */
  RELIEF_EMPLOYMENT_TYPE: { status: 409, message: (p: { typeName: string; who: string }) => `${quoted(p.typeName)}仅限${p.who}申请` },
  RELIEF_MEMBERSHIP_TOO_NEW: {
    status: 409,
    message: (p: { typeName: string; months: number }) => `${quoted(p.typeName)}须入会满 ${p.months} 个月才能申请`,
  },
  RELIEF_APPLICATION_NOT_FOUND: { status: 404, message: '申请不存在' },
  RELIEF_NOT_EDITABLE: { status: 409, message: (p: { stage: ReliefStage }) => `申请${RELIEF_STAGES[p.stage]}，不能修改` },
  /** 400 beside each unknown key of a saved draft. */
  RELIEF_FIELD_UNKNOWN: { status: 400, message: '表单中没有这一项，请刷新后重试' },
  /** 400 beside `documents.<key>` or `missingDocuments`: no such item on the type's checklist. */
  RELIEF_DOCUMENT_UNKNOWN: { status: 400, message: '材料清单中没有这一项，请刷新后重试' },
  /** 400 beside `documents.<key>`: not one of the caller's uploads (or swept since). */
  RELIEF_FILE_UNAVAILABLE: { status: 400, message: '文件不存在或已失效，请重新上传' },
  RELIEF_ALREADY_SUBMITTED: { status: 409, message: (p: { stage: ReliefStage }) => `申请${RELIEF_STAGES[p.stage]}，不能重复提交` },
  RELIEF_TYPE_INACTIVE: { status: 409, message: (p: { typeName: string }) => `${quoted(p.typeName)}已停止受理` },
  RELIEF_WINDOW_CLOSED: {
    status: 409,
    message: (p: { typeName: string; window: string }) => `${quoted(p.typeName)}${p.window}，现在不在受理期内`,
  },
  /** 400 with `fields`: a form field is missing or wrong (the message is the first field's). */
  RELIEF_FORM_INVALID: { status: 400, message: (p: { text: string }) => p.text },
  /** 400 with `documents.<key>` fields (each 请上传「…」): required checklist items without a file. */
  RELIEF_DOCUMENTS_MISSING: { status: 400, message: (p: { names: string[] }) => `请上传${p.names.map(quoted).join('、')}` },
  /** 400 beside `consentSensitive`. */
  RELIEF_CONSENT_REQUIRED: { status: 400, message: '请阅读并同意敏感个人信息处理规则' },
  /** 409: once (or `perYear` times) per person, type and calendar year. */
  RELIEF_YEARLY_LIMIT: {
    status: 409,
    message: (p: { typeName: string; perYear: number; year: number }) =>
      p.perYear === 1
        ? `${quoted(p.typeName)}每人每年限申请 1 次，您 ${p.year} 年已申请过`
        : `${quoted(p.typeName)}每人每年最多申请 ${p.perYear} 次，您 ${p.year} 年的次数已用完`,
  },
  /** 409: no two aids for the same cause (same hospital stay …). */
  RELIEF_SAME_CAUSE: {
    status: 409,
    message: (p: { cause: string; otherType: string }) => `同一事由不能申请两项救助：您已就${quoted(p.cause)}申请了${quoted(p.otherType)}`,
  },
  RELIEF_ALREADY_WITHDRAWN: { status: 409, message: '申请已撤回' },
  RELIEF_NOT_WITHDRAWABLE: { status: 409, message: (p: { stage: ReliefStage }) => `申请${RELIEF_STAGES[p.stage]}，已不能撤回` },

  // ---- documents (upload) ----
  RELIEF_UPLOAD_NOT_MULTIPART: { status: 415, message: '请以 multipart/form-data 上传材料' },
  RELIEF_DOCUMENT_TOO_LARGE: { status: 413, message: `单个文件不能超过 ${RELIEF_DOCUMENT_MAX_LABEL}` },
  /** 400 beside `file`. */
  RELIEF_FILE_REQUIRED: { status: 400, message: '请选择要上传的材料' },
  /** 400 beside `file`. */
  RELIEF_FILE_EMPTY: { status: 400, message: '文件内容为空' },
  /** 415: judged by the bytes, not the name or the declared type. */
  RELIEF_DOCUMENT_TYPE: { status: 415, message: '只支持照片（JPG、PNG、WebP）或 PDF 文件' },

  // ---- reviewing: who may act on a case ----
  RELIEF_CASE_OUTSIDE_SCOPE: { status: 403, message: '该申请不属于您负责审核的工会' },
  /** 403: 复核 / 公示 / 发放 / objection answers need the role at the type's 复核 level (e.g. the 区总工会). */
  RELIEF_LEVEL_REQUIRED: {
    status: 403,
    message: (p: { action: keyof typeof LEVEL_ACTIONS; union: string }) => LEVEL_ACTIONS[p.action](p.union),
  },
  /** 403: the 初审 is the applicant's grassroots union's. */
  RELIEF_BASE_REVIEW_ONLY: { status: 403, message: '初审由申请人所在基层工会办理' },
  RELIEF_NOT_IN_REVIEW: { status: 409, message: (p: { stage: ReliefStage }) => `该申请${RELIEF_STAGES[p.stage]}，不在审核阶段` },
  /** 403: a review queue of a level the caller holds no authority at. */
  RELIEF_QUEUE_FORBIDDEN: { status: 403, message: (p: { level: 'base' | 'district' }) => (p.level === 'base' ? '您没有初审权限' : '您没有复核权限') },
  RELIEF_NOT_REVIEWER: { status: 403, message: '您没有帮扶救助审核权限' },
  // ---- the office console (issue 16) ----
  /** The queue's `orgId` filter names a union outside the caller's post. */
  RELIEF_UNION_OUTSIDE: { status: 403, message: '该工会不在您的审核范围内' },

  // ---- reviewing: decisions ----
  RELIEF_VISIT_WRONG_STAGE: { status: 409, message: '入户走访在基层工会初审阶段记录' },
  RELIEF_VISIT_BASE_ONLY: { status: 403, message: '入户走访由申请人所在基层工会记录' },
  /** 400 beside `visitedOn`. */
  RELIEF_VISIT_DATE_FUTURE: { status: 400, message: '走访日期不能晚于今天' },
  RELIEF_HOME_VISIT_REQUIRED: { status: 409, message: (p: { typeName: string }) => `${quoted(p.typeName)}须先记录入户走访情况，再通过初审` },
  /** 403: the 初审 reviewer may not also do the 复核 of the same case. */
  RELIEF_SAME_REVIEWER: { status: 403, message: '初审和复核不能由同一人办理，请由上级工会其他人员复核' },
  /** 400 beside `amount`: reviewer-set types need the amount at 复核. */
  RELIEF_AMOUNT_REQUIRED: { status: 400, message: (p: { min: number; max: number }) => `请填写核定金额（${yuan(p.min)}–${yuan(p.max)}）` },
  /** 400 beside `amount`. */
  RELIEF_AMOUNT_OUT_OF_RANGE: {
    status: 400,
    message: (p: { typeName: string; min: number; max: number }) => `${quoted(p.typeName)}核定金额应在 ${yuan(p.min)}–${yuan(p.max)} 之间`,
  },
  /** 400 beside `amount`: a fixed-amount type pays exactly what its rule gives. */
  RELIEF_AMOUNT_FIXED: { status: 400, message: (p: { typeName: string; amount: number }) => `${quoted(p.typeName)}按规定应为 ${yuan(p.amount)}` },
  /** 409: the form does not say enough to fix the rule's amount. */
  RELIEF_AMOUNT_UNDETERMINED: { status: 409, message: '申请表中缺少确定金额所需的信息，请退回申请人补充' },
  /** 409: a sub-union's type: above the ceiling set above it now. */
  RELIEF_AMOUNT_ABOVE_CEILING: { status: 409, message: (p: { max: number }) => `核定金额超过上级工会设定的上限 ${yuan(p.max)}` },

  // ---- payout ----
  RELIEF_ALREADY_PAID: { status: 409, message: '该申请已发放' },
  RELIEF_NOT_IN_PUBLICITY: { status: 409, message: (p: { stage: ReliefStage }) => `该申请${RELIEF_STAGES[p.stage]}，公示期满后才能发放` },
  /** 409: the notice runs until `endsAt` (China time, YYYY-MM-DD HH:mm). */
  RELIEF_PUBLICITY_RUNNING: { status: 409, message: (p: { endsAt: string }) => `公示期至 ${p.endsAt}，期满后才能发放` },
  RELIEF_OBJECTIONS_OPEN: { status: 409, message: (p: { count: number }) => `还有 ${p.count} 条公示异议未答复，答复后才能发放` },
  /** 400 beside `paidOn`. */
  RELIEF_PAID_ON_FUTURE: { status: 400, message: '发放日期不能晚于今天' },

  // ---- 公示 and objections ----
  RELIEF_PUBLISH_FORBIDDEN: { status: 403, message: '公示由负责复核的上级工会发布' },
  /** 409: some chosen cases are no longer (or never were) 复核通过，待公示. */
  RELIEF_ROUND_STALE: { status: 409, message: '所选申请中有不在“复核通过，待公示”状态的，请刷新后重试' },
  RELIEF_NOTHING_TO_PUBLISH: { status: 409, message: '暂无待公示的申请' },
  RELIEF_PUBLICITY_ENTRY_NOT_FOUND: { status: 404, message: '公示条目不存在' },
  RELIEF_PUBLICITY_ENDED: { status: 409, message: '公示期已结束，不能再提出异议' },
  RELIEF_OBJECTION_NOT_FOUND: { status: 404, message: '异议不存在' },
  RELIEF_OBJECTION_OUTSIDE_SCOPE: { status: 403, message: '该异议不属于您负责的工会' },
  RELIEF_OBJECTION_ANSWERED: { status: 409, message: '该异议已答复' },
})

export type ReliefReason = keyof typeof ReliefReasons
