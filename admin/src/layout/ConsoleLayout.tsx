/**
 * The frame of every logged-in page: side menu from the route table, a header with who is logged in, light/dark and
 * 退出登录, and the page. Keyboard: a skip link to the content, the menu is antd's (arrow keys, Enter), every control
 * is a button or a link.
 */
import { Suspense, useMemo } from 'react'
import { Outlet, useLocation, useNavigate } from 'react-router-dom'
import { Button, Layout, Menu, Space, Spin, Switch } from 'antd'
import { LogoutOutlined } from '@ant-design/icons'
import { authApi } from '@contract/auth/api'
import { menuSections } from '../routes'
import { useConsole, useSessionState } from '../console'
import type { ThemeMode } from '../theme'

export { visibleRoutes } from '../routes'

export default function ConsoleLayout({ mode, onModeChange }: { mode: ThemeMode; onModeChange: (m: ThemeMode) => void }) {
  const { session, api } = useConsole()
  const { user } = useSessionState()
  const location = useLocation()
  const navigate = useNavigate()
  const items = useMemo(
    () =>
      menuSections(user?.roles ?? []).map((s) => ({
        type: 'group' as const,
        key: `group-${s.group}`,
        label: s.group,
        children: s.routes.map((r) => ({ key: r.path, icon: r.icon, label: r.label })),
      })),
    [user],
  )
  const selected = location.pathname.replace(/^\/+/, '').split('/')[0]
  const staffRoles = (user?.roles ?? []).filter((g) => g.role !== 'member')

  const logout = async () => {
    try {
      await api.send(authApi.logout, { noRelogin: true })
    } catch {
      // the session is gone either way
    }
    session.clear()
    navigate('/login', { replace: true })
  }

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main">跳到主要内容</a>
      <Layout.Sider width={208} breakpoint="lg" collapsedWidth={64} theme={mode === 'dark' ? 'dark' : 'light'}>
        <div className="brand" aria-hidden="true">工会工作台</div>
        <nav aria-label="主菜单">
          <Menu mode="inline" items={items} selectedKeys={[selected]} onClick={(e) => navigate(`/${e.key}`)} />
        </nav>
      </Layout.Sider>
      <Layout>
        <Layout.Header className="console-header">
          <strong>工会工作台</strong>
          <Space size="middle">
            <Space size={4}>
              <span aria-hidden="true">深色</span>
              <Switch
                aria-label="深色模式"
                size="small"
                checked={mode === 'dark'}
                onChange={(on) => onModeChange(on ? 'dark' : 'light')}
              />
            </Space>
            {user && (
              <span data-testid="console-user">
                {user.nickname}
                {staffRoles[0] ? ` · ${staffRoles[0].orgName}` : ''}
              </span>
            )}
            <Button icon={<LogoutOutlined />} onClick={logout}>
              退出登录
            </Button>
          </Space>
        </Layout.Header>
        <Layout.Content id="main" tabIndex={-1} className="console-content">
          <Suspense fallback={<Spin aria-label="加载中" />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  )
}
