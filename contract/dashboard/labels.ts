/**
 * 数据看板: the charts of the dashboard, declared once (zod-free, the console imports it at runtime): each chart's
 * key, its title, and the columns its .xlsx carries. The server's export and the console's chart cards both read it.
 */
export const DASHBOARD_MAX_DAYS = 732

export const DASHBOARD_CHARTS = {
  'members.byMonth': { title: '每月新入会会员', columns: ['月份', '新入会人数'] },
  'members.byEmploymentType': { title: '会员就业形态分布', columns: ['就业形态', '会员人数'] },
  'members.byUnion': { title: '各下级工会会员人数', columns: ['工会', '会员人数'] },
  'joining.byStatus': { title: '入会申请状态', columns: ['状态', '申请数'] },
  'vouchers.byCampaign': { title: '福利券发放与核销（按活动）', columns: ['活动', '已发放', '已核销', '已过期', '已退回'] },
  'vouchers.byVenue': { title: '各场馆核销率', columns: ['场馆', '可用券数', '已核销', '核销率'] },
  'events.byEvent': { title: '活动报名、签到与未到', columns: ['活动', '报名', '签到', '未到'] },
  'relief.byStage': { title: '帮扶案件阶段分布', columns: ['阶段', '案件数'] },
  'relief.byType': { title: '帮扶案件类型分布', columns: ['救助类型', '案件数'] },
  'relief.amountsByMonth': { title: '每月核定与发放金额（元）', columns: ['月份', '核定金额', '发放金额'] },
  'legal.byStatus': { title: '法律援助咨询状态', columns: ['状态', '咨询数'] },
  'stations.byStatus': { title: '爱心驿站状态', columns: ['状态', '驿站数'] },
} as const
export type DashboardChart = keyof typeof DASHBOARD_CHARTS
export const DASHBOARD_CHART_KEYS = Object.keys(DASHBOARD_CHARTS) as [DashboardChart, ...DashboardChart[]]

