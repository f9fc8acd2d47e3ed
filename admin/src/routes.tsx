/**
 * The console's route table: ONE list, read by the router (App.tsx) and the side menu (layout/ConsoleLayout.tsx).
 * Add a page by adding a line: its path under /admin, its menu label and icon, the element (lazy-loaded, so each
 * page's code — and ECharts — loads only when opened), and the roles that see it in the menu (the server decides
 * what they may do; the menu only hides what would be refused).
 */
import { lazy, type ReactNode } from 'react'
import {
  ApartmentOutlined,
  AuditOutlined,
  CalendarOutlined,
  DashboardOutlined,
  HeartOutlined,
  SafetyCertificateOutlined,
  TeamOutlined,
  UserSwitchOutlined,
} from '@ant-design/icons'
import type { Role } from '@contract/auth/schemas'

export interface ConsoleRoute {
  /** Relative to /admin, no leading slash. */
  path: string
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
const UnionsPage = lazy(() => import('./pages/unions/UnionsPage'))
const StaffPage = lazy(() => import('./pages/staff/StaffPage'))

export const consoleRoutes: ConsoleRoute[] = [
  { path: 'dashboard', label: '数据看板', icon: <DashboardOutlined />, element: <DashboardPage />, roles: ['admin'] },
  { path: 'membership', label: '入会审核', icon: <TeamOutlined />, element: <MembershipReviewPage />, roles: ['reviewer', 'admin'] },
  { path: 'relief', label: '帮扶审核', icon: <HeartOutlined />, element: <ReliefReviewPage />, roles: ['reviewer', 'admin'] },
  { path: 'events', label: '活动审批', icon: <CalendarOutlined />, element: <EventApprovalsPage />, roles: ['admin'] },
  { path: 'legal', label: '法律援助', icon: <SafetyCertificateOutlined />, element: <LegalCasesPage />, roles: ['legal_staff', 'admin'] },
  { path: 'unions', label: '组织架构', icon: <ApartmentOutlined />, element: <UnionsPage />, roles: ['admin'] },
  { path: 'staff', label: '工作人员', icon: <UserSwitchOutlined />, element: <StaffPage />, roles: ['admin'] },
  { path: 'audit', label: '审计日志', icon: <AuditOutlined />, element: <AuditLogPage />, roles: ['admin'] },
]

/** The pages a user with these roles sees in the menu. */
export function visibleRoutes(roles: readonly { role: string }[]) {
  return consoleRoutes.filter((r) => r.menu !== false && (!r.roles || roles.some((g) => r.roles!.includes(g.role as never))))
}

/** Where a logged-in user lands: the first page of their menu (数据看板 for admins; a reviewer's queue, …). */
export function homePathFor(roles: readonly { role: string }[]): string {
  return visibleRoutes(roles)[0]?.path ?? 'dashboard'
}
