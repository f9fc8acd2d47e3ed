/**
 * The console app: antd in Chinese with the remembered light/dark theme, the router (basename /admin) built from
 * the one route table, and the session gate (no session → the login page; a session → who it is, from /api/me).
 */
import { Suspense, lazy, useEffect, useState } from 'react'
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom'
import { Alert, App as AntApp, ConfigProvider, Spin } from 'antd'
import zhCN from 'antd/locale/zh_CN'
import 'dayjs/locale/zh-cn'
import { authApi } from '@contract/auth/api'
import { ApiError } from '@/api/errors'
import ConsoleLayout from './layout/ConsoleLayout'
import { consoleRoutes, homePathFor } from './routes'
import { ConsoleProvider, useConsole, useSessionState } from './console'
import type { ConsoleSession } from './session'
import { consoleTheme, useThemeMode } from './theme'

const LoginPage = lazy(() => import('./pages/login/LoginPage'))
const NotFound = lazy(() => import('./pages/NotFound'))

/** Loads who the session belongs to; sends a visitor without a session to the login page. */
function RequireSession({ children }: { children: React.ReactNode }) {
  const { session, api } = useConsole()
  const { token, user } = useSessionState()
  const location = useLocation()
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    if (!token || user) return
    let live = true
    api
      .send(authApi.me, { noRelogin: true })
      .then((me) => live && session.setUser(me))
      .catch((err: unknown) => {
        if (!live) return
        if (err instanceof ApiError && err.status === 401) session.clear()
        else setError(err instanceof Error ? err.message : '加载失败')
      })
    return () => {
      live = false
    }
  }, [token, user, api, session])
  if (!token) return <Navigate to="/login" replace state={{ from: location.pathname }} />
  if (error) return <Alert type="error" showIcon title="无法加载" description={error} style={{ margin: 48 }} />
  if (!user) return <Spin fullscreen aria-label="加载中" />
  return <>{children}</>
}

/** /admin → the first page of the user's menu. */
function HomeRedirect() {
  const { user } = useSessionState()
  return <Navigate to={`/${homePathFor(user?.roles ?? [])}`} replace />
}

export function ConsoleRoutes({ mode, onModeChange }: { mode: 'light' | 'dark'; onModeChange: (m: 'light' | 'dark') => void }) {
  return (
    <Suspense fallback={<Spin fullscreen aria-label="加载中" />}>
      <Routes>
        <Route path="/login" element={<LoginPage />} />
        <Route
          element={
            <RequireSession>
              <ConsoleLayout mode={mode} onModeChange={onModeChange} />
            </RequireSession>
          }
        >
          <Route index element={<HomeRedirect />} />
          {consoleRoutes.map((r) => (
            <Route key={r.path} path={r.path} element={r.element} />
          ))}
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  )
}

export default function App({ session }: { session: ConsoleSession }) {
  const [mode, setMode] = useThemeMode()
  useEffect(() => {
    document.documentElement.dataset.theme = mode
  }, [mode])
  return (
    <ConfigProvider locale={zhCN} theme={consoleTheme(mode)}>
      <AntApp>
        <ConsoleProvider session={session}>
          <BrowserRouter basename="/admin">
            <ConsoleRoutes mode={mode} onModeChange={setMode} />
          </BrowserRouter>
        </ConsoleProvider>
      </AntApp>
    </ConfigProvider>
  )
}
