/**
 * 审计日志 (issue 16): what each audit action and record type is called, which actions are views of someone's
 * sensitive personal data (the console highlights them), and the export's limit. zod-free: the console and the
 * server's .xlsx read the same words. An action the server writes without a label here is shown by its code
 * (server/test/audit-log.test.ts fails on one).
 */

export const AUDIT_ACTION_LABELS: Record<string, string> = {
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'me.update': '修改个人资料',
  'me.avatar': '更换头像',
  'console.login': '工作台登录',
  'console.login_confirm': '手机确认工作台登录',
  'console.logout': '退出电脑登录',
  'audit.export': '导出审计日志',
  'membership.apply': '提交入会申请',
  'membership.reapply': '重新提交入会申请',
  'membership.approve': '入会审核通过',
  'membership.reject': '入会审核驳回',
  'membership.application.view_sensitive': '查看入会申请敏感信息',
  'membership.card.verify': '核验会员卡',
  'membership.id_conflict': '身份证号已登记',
  'membership.phone_exchange': '获取微信手机号',
  'membership.roster_claim': '会员认证成功',
  'membership.roster_claim_failed': '会员认证未匹配',
  'membership.roster_import': '导入会员台账',
  'membership.roster_import_refused': '会员台账导入未通过',
  'membership.departure.request': '申请退会',
  'membership.departure.withdraw': '撤回退会',
  'membership.departure.confirm': '确认退会',
  'membership.departure.complete': '退会完成',
  'merchants.create': '新增优惠商户',
  'merchants.update': '修改优惠商户',
  'merchants.take_down': '下架优惠商户',
  'campaigns.create': '创建福利券活动',
  'campaigns.draw': '福利券抽签',
  'campaigns.edit': '修改福利券活动',
  'campaigns.end': '结束发放福利券',
  'vouchers.redeem': '核销福利券',
  'vouchers.export': '导出福利券明细',
  'events.create': '创建活动',
  'events.update': '修改活动',
  'events.registrations.view': '查看报名名单',
  'events.roster.export': '导出活动名单',
  'events.scores': '录入成绩',
  'events.checkin.manual': '代为签到',
  'events.checkout': '代为签退',
  'relief.apply': '提交帮扶申请',
  'relief.reapply': '重新提交帮扶申请',
  'relief.withdraw': '撤回帮扶申请',
  'relief.application.view_sensitive': '查看帮扶申请敏感信息',
  'relief.home_visit': '记录入户走访',
  'relief.base_approve': '帮扶初审通过',
  'relief.district_approve': '帮扶复核通过',
  'relief.reject': '帮扶审核驳回',
  'relief.return': '帮扶申请退回补充',
  'relief.publish': '发布公示',
  'relief.objection': '提出公示异议',
  'relief.objection.answer': '答复公示异议',
  'relief.payout': '登记发放',
  'relief.payout_list.export': '导出发放名单',
  'relief.type.update': '修改救助类型',
  'relief.type_limits.update': '设置救助限额',
  'legal.case.view': '查看法律援助案件',
  'staff.bootstrap': '生成首位管理员邀请',
  'staff.invitation.create': '邀请工作人员',
  'staff.invitation.accept': '接受工作人员邀请',
  'staff.invitation.revoke': '撤销工作人员邀请',
  'staff.role.revoke': '撤销工作人员角色',
  'unions.create': '新建工会',
  'unions.update': '修改工会信息',
  'unions.move': '移动工会',
  'unions.close': '撤销工会',
  'unions.reopen': '恢复工会',
  'unions.import': '导入工会名单',
  'unions.import_refused': '工会名单导入未通过',
  'stations.create': '新增驿站',
  'stations.update': '修改驿站',
  'stations.status': '更新驿站状态',
  'stations.report.resolve': '处理驿站问题反馈',
  'stations.import': '导入驿站',
  'stations.import_refused': '驿站导入未通过',
  'bookings.service.create': '新增预约服务',
  'bookings.service.update': '修改预约服务',
  'bookings.slot.create': '新增预约时段',
  'bookings.slot.cancel': '取消预约时段',
  'bookings.checkin': '预约签到',
  'moderation.approve': '内容审核通过',
  'moderation.reject': '内容审核驳回',
  'moderation.media_verdict': '图片检测结果',
  'privacy.erasure.request': '申请注销账号',
  'privacy.erasure.cancel': '撤销注销账号',
  'privacy.erased': '账号已注销',
  'privacy.export.request': '申请下载个人数据',
  'privacy.export.prepared': '个人数据副本已生成',
  'privacy.export.download': '下载个人数据',
  'privacy.correction.request': '申请更正姓名或手机号',
  'privacy.correction.withdraw': '撤回更正申请',
  'privacy.correction.list': '查看更正申请',
  'privacy.correction.approve': '同意更正',
  'privacy.correction.reject': '不予更正',
}

/**
 * Views and exports of other people's personal data (ID numbers, phones, medical documents, name lists): the
 * console highlights these rows and can show only them.
 */
export const SENSITIVE_AUDIT_ACTIONS: readonly string[] = [
  'membership.application.view_sensitive',
  'relief.application.view_sensitive',
  'relief.payout_list.export',
  'legal.case.view',
  'events.registrations.view',
  'events.roster.export',
  'vouchers.export',
  'audit.export',
  'privacy.correction.list',
]

export const isSensitiveAction = (action: string): boolean => SENSITIVE_AUDIT_ACTIONS.includes(action)

export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? action

/** What a record type is called (the subject of an audit row). */
export const AUDIT_SUBJECT_LABELS: Record<string, string> = {
  org: '工会',
  user: '用户',
  session: '登录会话',
  file: '文件',
  console_ticket: '工作台登录码',
  membership_application: '入会申请',
  membership: '会员',
  membership_departure: '退会申请',
  roster: '会员台账',
  merchant: '优惠商户',
  voucher_campaign: '福利券活动',
  voucher: '福利券',
  event: '活动',
  event_registration: '活动报名',
  relief_application: '帮扶申请',
  relief_objection: '公示异议',
  relief_round: '公示批次',
  relief_aid_type: '救助类型',
  relief_payout_list: '发放名单',
  legal_case: '法律援助案件',
  staff_invitation: '工作人员邀请',
  station: '爱心驿站',
  station_report: '驿站问题反馈',
  booking_service: '预约服务',
  booking_slot: '预约时段',
  booking: '预约',
  moderation_item: '审核内容',
  privacy_request: '个人信息请求',
  audit_log: '审计日志',
}

export const auditSubjectLabel = (type: string): string => AUDIT_SUBJECT_LABELS[type] ?? type

/** Where a request came from. */
export const AUDIT_CHANNEL_LABELS = { app: '小程序', console: '工作台' } as const

/** An export holds at most this many rows (the newest first); narrow the filters for older ones. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000
/** A date range of the viewer spans at most this many days. */
export const AUDIT_MAX_DAYS = 366
