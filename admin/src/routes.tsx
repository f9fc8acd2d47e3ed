/**
 * The console's route table: ONE list, read by the router (App.tsx) and the side menu (layout/ConsoleLayout.tsx).
 * Add a page by adding a line: its path under /admin, its menu section (group), label and icon, the element (lazy-loaded, so each
 * page's code — and ECharts — loads only when opened), and the roles that see it in the menu (the server decides
 * what they may do; the menu only hides what would be refused).
 */
import { lazy, type ReactNode } from 'react'
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  FileProtectOutlined,
  GiftOutlined,
  HeartOutlined,
  ImportOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons'
import type { Role } from '@contract/auth/schemas'

export interface ConsoleRoute {
  /** Relative to /admin, no leading slash. */
  path: string
  /** The menu section it is listed under. */
  group: MenuGroup
  label: string
  icon: ReactNode
  element: ReactNode
  /** Who sees it in the menu (any of these roles anywhere); omitted: every staff member. */
  roles?: readonly Role[]
  /** False: routable but not in the menu (a detail page). */
  menu?: boolean
}

const DashboardPage = lazy(() => import('./pages/dashboard/DashboardPage'))
const MembershipReviewPage = lazy(() => import('./pages/membership/MembershipReviewPage'))
const ReliefReviewPage = lazy(() => import('./pages/relief/ReliefReviewPage'))
const AuditLogPage = lazy(() => import('./pages/audit/AuditLogPage'))
const EventApprovalsPage = lazy(() => import('./pages/events/EventApprovalsPage'))
const LegalCasesPage = lazy(() => import('./pages/legal/LegalCasesPage'))
const CampaignsPage = lazy(() => import('./pages/campaigns/CampaignsPage'))
const RosterImportPage = lazy(() => import('./pages/roster/RosterImportPage'))
const EventsManagePage = lazy(() => import('./pages/events-manage/EventsManagePage'))
const EventFormPage = lazy(() => import('./pages/events-manage/EventFormPage'))
const UnionsPage = lazy(() => import('./pages/unions/UnionsPage'))
const StaffPage = lazy(() => import('./pages/staff/StaffPage'))
const ReliefTypesPage = lazy(() => import('./pages/relief-types/ReliefTypesPage'))

/** The menu's sections, in order: what a federation office does, grouped as it thinks of it. */
export const menuGroups = ['概览', '审核办理', '活动与福利', '组织与会员', '安全审计'] as const
export type MenuGroup = (typeof menuGroups)[number]

export const consoleRoutes: ConsoleRoute[] = [
  { path: 'dashboard', group: '概览', label: '数据看板', icon: <DashboardOutlined />, element: <DashboardPage />, roles: ['admin'] },
  { path: 'membership', group: '审核办理', label: '入会审核', icon: <TeamOutlined />, element: <MembershipReviewPage />, roles: ['reviewer', 'admin'] },
  { path: 'relief', group: '审核办理', label: '帮扶审核', icon: <HeartOutlined />, element: <ReliefReviewPage />, roles: ['reviewer', 'admin'] },
  { path: 'events', group: '审核办理', label: '活动审批', icon: <CalendarOutlined />, element: <EventApprovalsPage />, roles: ['admin'] },
  { path: 'legal', group: '审核办理', label: '法律援助', icon: <SafetyCertificateOutlined />, element: <LegalCasesPage />, roles: ['legal_staff', 'admin'] },
  // 福利活动: campaigns.manage is an admin's permission only (server/src/auth/policy.ts).
  { path: 'campaigns', group: '活动与福利', label: '福利活动', icon: <GiftOutlined />, element: <CampaignsPage />, roles: ['admin'] },
  { path: 'events-manage', group: '活动与福利', label: '活动管理', icon: <ScheduleOutlined />, element: <EventsManagePage />, roles: ['admin'] },
  { path: 'events-manage/new', group: '活动与福利', label: '新建活动', icon: null, element: <EventFormPage />, roles: ['admin'], menu: false },
  { path: 'events-manage/:id/edit', group: '活动与福利', label: '编辑活动', icon: null, element: <EventFormPage />, roles: ['admin'], menu: false },
  // 救助类型: relief.manage is an admin's permission only (server/src/auth/policy.ts). Listed with the programmes a union
  // offers its members (福利活动, 活动管理), not with the review queues: it configures, it does not process cases.
  { path: 'relief-types', group: '活动与福利', label: '救助类型', icon: <FileProtectOutlined />, element: <ReliefTypesPage />, roles: ['admin'] },
  { path: 'unions', group: '组织与会员', label: '组织架构', icon: <ApartmentOutlined />, element: <UnionsPage />, roles: ['admin'] },
  { path: 'staff', group: '组织与会员', label: '工作人员', icon: <UserSwitchOutlined />, element: <StaffPage />, roles: ['admin'] },
  { path: 'roster', group: '组织与会员', label: '会员名册导入', icon: <ImportOutlined />, element: <RosterImportPage />, roles: ['admin'] },
  { path: 'audit', group: '安全审计', label: '审计日志', icon: <AuditOutlined />, element: <AuditLogPage />, roles: ['admin'] },
]

/** The pages a user with these roles sees in the menu, in menu order. */
export function visibleRoutes(roles: readonly { role: string }[]) {
  return consoleRoutes.filter((r) => r.menu !== false && (!r.roles || roles.some((g) => r.roles!.includes(g.role as never))))
}

/** The menu as sections: each group with the pages these roles see in it; empty groups left out. */
export function menuSections(roles: readonly { role: string }[]): { group: MenuGroup; routes: ConsoleRoute[] }[] {
  const visible = visibleRoutes(roles)
  return menuGroups.map((group) => ({ group, routes: visible.filter((r) => r.group === group) })).filter((s) => s.routes.length > 0)
}

/** Where a logged-in user lands: the first page of their menu (数据看板 for admins; a reviewer's queue, …). */
export function homePathFor(roles: readonly { role: string }[]): string {
  return visibleRoutes(roles)[0]?.path ?? 'dashboard'
}
