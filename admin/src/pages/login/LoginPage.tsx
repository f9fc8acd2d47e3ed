/**
 * The console's login: a QR (antd QRCode) for the mini-program to scan — 我的 → 扫一扫 · 电脑登录 — refreshed when it
 * expires (2 minutes) or is declined, polled until the phone confirms; then the console holds the session (memory +
 * sessionStorage) and goes where the visitor was headed. In dev mode (AUTH_MODE=dev) also the demo personas.
 */
import { useCallback, useEffect, useState } from 'react'
import { useLocation, useNavigate } from 'react-router-dom'
import { Alert, Button, Card, Divider, QRCode, Space, Typography } from 'antd'
import { authApi } from '@contract/auth/api'
import { consoleApi } from '@contract/console/api'
import type { TicketCreated, TicketPoll } from '@contract/console/schemas'
import type { AuthOptions, Session } from '@contract/auth/schemas'
import { useConsole } from '../../console'

type Shown = { created: TicketCreated; state: TicketPoll['state']; scannedBy: string | null }

export default function LoginPage() {
  const { api, session } = useConsole()
  const navigate = useNavigate()
  const location = useLocation()
  const [shown, setShown] = useState<Shown | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [options, setOptions] = useState<AuthOptions | null>(null)

  const enter = useCallback(
    (s: Session) => {
      session.signIn(s.token, s.user)
      const from = (location.state as { from?: string } | null)?.from
      navigate(from && from !== '/login' ? from : '/', { replace: true })
    },
    [session, navigate, location.state],
  )

  const newQr = useCallback(async () => {
    setError(null)
    try {
      const created = await api.send(consoleApi.createTicket, { noRelogin: true })
      setShown({ created, state: 'pending', scannedBy: null })
    } catch (err) {
      setError(err instanceof Error ? err.message : '二维码获取失败')
    }
  }, [api])

  useEffect(() => {
    void newQr()
    api
      .send(authApi.options, { noRelogin: true })
      .then(setOptions)
      .catch(() => setOptions(null))
  }, [api, newQr])

  // Poll the ticket; on confirmation collect the session; on expiry or 取消 show a fresh QR.
  useEffect(() => {
    if (!shown || !['pending', 'scanned'].includes(shown.state)) return
    const { created } = shown
    const timer = setTimeout(async () => {
      try {
        const polled = await api.send(consoleApi.pollTicket, { params: { ticket: created.ticket }, body: { secret: created.secret }, noRelogin: true })
        if (polled.session) return enter(polled.session)
        if (polled.state === 'expired' || polled.state === 'cancelled' || polled.state === 'used') {
          // A fresh QR at once; the notice below says why the last one went.
          await newQr()
          setError(polled.state === 'cancelled' ? '手机上已取消登录，请重新扫码' : null)
          return
        }
        setShown({ created, state: polled.state, scannedBy: polled.scannedBy })
      } catch {
        setShown({ ...shown }) // a failed poll: try again on the next tick
      }
    }, created.pollMs)
    return () => clearTimeout(timer)
  }, [shown, api, enter, newQr])

  const devLogin = async (persona: string) => {
    setError(null)
    try {
      enter(await api.send(consoleApi.devLogin, { body: { persona }, noRelogin: true }))
    } catch (err) {
      setError(err instanceof Error ? err.message : '登录失败')
    }
  }

  const scanned = shown?.state === 'scanned'
  return (
    <main className="login-page">
      <Card style={{ width: 440 }}>
        <Typography.Title level={3}>工会工作台</Typography.Title>
        <Typography.Paragraph>请使用工会小程序扫码登录：我的 → 扫一扫 · 电脑登录。</Typography.Paragraph>
        <div style={{ display: 'flex', justifyContent: 'center' }} data-testid="login-qr" data-qr={shown?.created.qr ?? ''}>
          <QRCode
            value={shown?.created.qr ?? '-'}
            size={220}
            status={!shown ? 'loading' : scanned ? 'scanned' : 'active'}
            onRefresh={() => void newQr()}
            aria-label="登录二维码"
          />
        </div>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center', marginTop: 12 }} aria-live="polite" data-testid="login-status">
          {scanned ? `${shown?.scannedBy ?? ''} 已扫码，请在手机上确认登录` : '二维码 2 分钟内有效，过期自动刷新'}
        </Typography.Paragraph>
        <div style={{ textAlign: 'center' }}>
          <Button type="link" onClick={() => void newQr()}>
            刷新二维码
          </Button>
        </div>
        {error && <Alert type="warning" showIcon title={error} role="alert" />}
        {options?.devLogin && options.personas.length > 0 && (
          <>
            <Divider plain>演示登录（仅开发环境）</Divider>
            <Space direction="vertical" style={{ width: '100%' }}>
              {options.personas.map((p) => (
                <Button key={p.key} block onClick={() => void devLogin(p.key)} aria-label={`以 ${p.nickname} 登录`} title={p.description}>
                  {p.nickname}
                </Button>
              ))}
            </Space>
          </>
        )}
      </Card>
    </main>
  )
}
