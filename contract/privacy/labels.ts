/**
 * 个人信息保护 (issue 19): the retention table and the plain-language texts, declared once. The server's daily job
 * reads RETENTION_RULES (each key has exactly one executor, typed against RetentionKey); the app's 隐私保护指引
 * renders the same rows. Zod-free: the app imports it at runtime.
 */

/** What replaces a name (and a nickname) once a person's data is erased or anonymised. */
export const ERASED_NAME = '已注销用户'

/** 注销账号: days between the request and the shredder; logging in again inside them cancels the request. */
export const ERASURE_COOLING_OFF_DAYS = 7
/** 退会: completes by itself this many working days after the request when the union has not confirmed it. */
export const DEPARTURE_AUTO_WORKING_DAYS = 5
/** 下载我的数据: how long a prepared copy can be downloaded. */
export const EXPORT_AVAILABLE_DAYS = 7

export type RetentionAction = 'delete' | 'anonymise' | 'keep'

export const RETENTION_ACTION_LABELS: Record<RetentionAction, string> = {
  delete: '删除',
  anonymise: '匿名化（去除姓名、身份证号、手机号等身份信息）',
  keep: '依法保存',
}

export interface RetentionRule {
  /** What kind of personal data. */
  readonly data: string
  /** From when the period runs, in words. */
  readonly from: string
  /** The period in days (null: kept as the law requires, no job removes it). */
  readonly days: number | null
  /** The period as people read it. */
  readonly period: string
  readonly action: RetentionAction
  /** Why it is kept that long, or what stays. */
  readonly note: string
}

/** Every kind of personal data the system keeps, how long, and what happens at the end. */
export const RETENTION_RULES = {
  unattached_uploads: {
    data: '上传后未使用的文件（照片、证明材料）',
    from: '上传时起',
    days: 1,
    period: '24 小时',
    action: 'delete',
    note: '未提交到任何申请的上传文件自动删除',
  },
  join_drafts: {
    data: '入会申请草稿（含已填写的身份证号、手机号）',
    from: '最后一次保存起',
    days: 30,
    period: '30 天',
    action: 'delete',
    note: '草稿仅为方便您继续填写',
  },
  relief_drafts: {
    data: '帮扶救助申请草稿及其材料',
    from: '最后一次保存起',
    days: 90,
    period: '90 天',
    action: 'delete',
    note: '未提交的草稿不再保留',
  },
  rejected_join_applications: {
    data: '未通过的入会申请（含身份证号、手机号）',
    from: '审核未通过之日起',
    days: 180,
    period: '180 天',
    action: 'delete',
    note: '供您申诉或重新申请期间查询',
  },
  relief_documents: {
    data: '已办结帮扶救助案件的证明材料和申请表内容',
    from: '办结（发放、未通过或撤回）之日起',
    days: 1095,
    period: '3 年',
    action: 'delete',
    note: '发放金额、发放记录和办理环节依法保留，不含身份信息',
  },
  departed_members: {
    data: '已退会会员的姓名、会员编号等会籍记录',
    from: '退会之日起',
    days: 1095,
    period: '3 年',
    action: 'anonymise',
    note: '会籍记录保留用于工会统计，姓名改为“已注销用户”',
  },
  notifications: {
    data: '站内消息',
    from: '发送之日起',
    days: 365,
    period: '1 年',
    action: 'delete',
    note: '',
  },
  sessions: {
    data: '登录记录（会话）',
    from: '过期或退出登录之日起',
    days: 30,
    period: '30 天',
    action: 'delete',
    note: '',
  },
  console_login_tickets: {
    data: '电脑登录二维码记录（浏览器、系统、IP 地址，扫码和确认人）',
    from: '二维码过期之日起',
    days: 1,
    period: '24 小时',
    action: 'delete',
    note: '电脑端登录最长 8 小时，过期的二维码记录不再需要',
  },
  data_exports: {
    data: '您下载的个人数据副本',
    from: '生成之日起',
    days: 7,
    period: '7 天',
    action: 'delete',
    note: '',
  },
  relief_payouts: {
    data: '帮扶救助发放记录（金额、日期）',
    from: '发放之日起',
    days: null,
    period: '依法长期保存',
    action: 'keep',
    note: '属于工会经费会计档案（《会计档案管理办法》），注销账号后不含您的身份信息',
  },
  audit_log: {
    data: '操作日志',
    from: '记录之日起',
    days: null,
    period: '不少于 6 个月',
    action: 'keep',
    note: '《网络安全法》要求留存网络日志；注销账号后日志中的操作人被匿名化',
  },
} as const satisfies Record<string, RetentionRule>

export type RetentionKey = keyof typeof RETENTION_RULES
export const RETENTION_KEYS = Object.keys(RETENTION_RULES) as RetentionKey[]
/** The keys a job acts on (keep-for-law rules have no executor). */
export type ActiveRetentionKey = {
  [K in RetentionKey]: (typeof RETENTION_RULES)[K]['action'] extends 'keep' ? never : K
}[RetentionKey]

/** What 注销账号 does, said plainly before the member confirms. */
export const ERASURE_CONSEQUENCES: readonly string[] = [
  `提交后有 ${ERASURE_COOLING_OFF_DAYS} 天冷静期，期间重新登录即自动撤销注销申请`,
  '提交后您将退出登录；冷静期结束后账号注销，不可恢复',
  '会员身份终止，电子会员卡失效',
  '未使用的福利券和未开奖的抽签资格退回，进行中的申请和报名撤回',
  '站内消息、上传的证明材料、身份证号、手机号和姓名被删除',
  '依法需保留的帮扶救助发放金额和操作日志继续保存，但不再包含您的身份信息',
  '之后用同一微信登录将是一个全新的账号，需要重新入会',
]

/** What 退会 does. */
export const DEPARTURE_CONSEQUENCES: readonly string[] = [
  `退会申请由您所在工会确认，${DEPARTURE_AUTO_WORKING_DAYS} 个工作日内未处理将自动生效`,
  '生效后电子会员卡立即失效，不能再领取会员福利、报名会员活动或申请帮扶',
  '已领取未使用的福利券仍可在有效期内使用',
  `会籍记录按隐私保护指引保留，${RETENTION_RULES.departed_members.period}后去除您的姓名`,
  '退会后可以重新申请入会',
]

export const DEPARTURE_STATUS_LABELS = { requested: '待工会确认', left: '已退会', withdrawn: '已撤回' } as const
export const CORRECTION_STATUS_LABELS = { pending: '待工会审核', approved: '已更正', rejected: '未予更正', withdrawn: '已撤回' } as const
/** The fields a correction may change, as people read them. */
export const CORRECTION_FIELD_LABELS = { name: '姓名', phone: '手机号' } as const
export const CORRECTION_REASON_MAX = 200
export const EXPORT_STATUS_LABELS = { pending: '正在准备', done: '可下载', cancelled: '已过期', rejected: '准备失败' } as const
