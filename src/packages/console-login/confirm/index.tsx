/**
 * 扫码登录: "在电脑上登录工会工作台？" — the office console's QR, scanned here (weapp: 扫一扫 through the platform adapter;
 * the QR is also a link to this page, so a phone browser lands here with `?ticket=`), with where the login comes from
 * and when, 确认登录 / 取消; and 退出电脑登录 while a console session is live. The server decides (staff only, once,
 * within 2 minutes); its refusals are shown as they come.
 */
import { useCallback, useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { consoleApi } from '@contract/console/api'
import { ticketFromQr } from '@contract/console/labels'
import type { ConsoleSessions, TicketView } from '@contract/console/schemas'
import { useStores } from '../../../stores/context'
import { scan } from '../../../platform/scan'
import { toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { Row } from '../../../components/Row'
import { formatDateTime } from '../../../utils/date'
import { PageRoot } from '../../../components/PageRoot'
import '../console-login.css'

type Outcome = 'confirmed' | 'cancelled' | null

function ConsoleLoginPage() {
  const root = useStores()
  const linked = useRouter().params.ticket
  const authed = root.session.isAuthenticated
  const [ticket, setTicket] = useState<string | null>(linked ? decodeURIComponent(linked) : null)
  const [view, setView] = useState<TicketView | null>(null)
  const [outcome, setOutcome] = useState<Outcome>(null)
  const [consoles, setConsoles] = useState<ConsoleSessions['sessions'] | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const run = async (work: () => Promise<void>) => {
    setBusy(true)
    setError(null)
    try {
      await work()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(false)
    }
  }
  const loadConsoles = useCallback(async () => {
    setConsoles((await root.api.send(consoleApi.mySessions)).sessions)
  }, [root])

  useEffect(() => {
    if (!authed) return
    void run(async () => {
      if (ticket) setView(await root.api.send(consoleApi.viewTicket, { params: { ticket } }))
      await loadConsoles()
    })
    // eslint-disable-next-line react-hooks/exhaustive-deps -- once per ticket and login
  }, [authed, ticket])

  const scanQr = async () => {
    const res = await scan.scan()
    if (!res.ok) {
      if (res.reason !== 'cancelled') toast(res.message)
      return
    }
    const found = ticketFromQr(res.code)
    if (!found) {
      toast('这不是工会工作台的登录二维码')
      return
    }
    setOutcome(null)
    setView(null)
    setTicket(found)
  }
  const confirm = () =>
    run(async () => {
      await root.api.send(consoleApi.confirmTicket, { params: { ticket: ticket! } })
      setOutcome('confirmed')
      await loadConsoles()
    })
  const cancel = () =>
    run(async () => {
      await root.api.send(consoleApi.cancelTicket, { params: { ticket: ticket! } })
      setOutcome('cancelled')
    })
  const logoutConsoles = () =>
    run(async () => {
      const { ended } = await root.api.send(consoleApi.logoutConsoles)
      await loadConsoles()
      toast(ended > 0 ? '已退出电脑登录' : '电脑上没有登录', 'success')
    })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可扫码登录电脑上的工会工作台' />

  return (
    <PageRoot className='page console-login-page'>
      {ticket && !outcome && view ? (
        <View className='card console-login-ask'>
          <Text className='section-title'>在电脑上登录工会工作台？</Text>
          <Row k='登录位置' v={view.place} className='console-login-place' />
          <Row k='请求时间' v={formatDateTime(view.requestedAt)} />
          <Text className='muted'>确认后，电脑将以您的身份和权限登录，最长 8 小时。如不是您本人操作，请点取消。</Text>
          <Button className='btn btn-primary btn-block console-login-confirm' disabled={busy || undefined} onClick={confirm}>
            确认登录
          </Button>
          <Button className='btn btn-ghost btn-block console-login-cancel' disabled={busy || undefined} onClick={cancel}>
            取消
          </Button>
        </View>
      ) : null}
      {outcome === 'confirmed' ? <View className='card console-login-done'>已确认，电脑上的工会工作台即将登录。</View> : null}
      {outcome === 'cancelled' ? <View className='card console-login-done'>已取消，电脑未登录。</View> : null}
      {busy && !view && ticket && !error ? <Loading /> : null}
      <ErrorMessage error={error} />

      {scan.supported ? (
        <Button className='btn btn-ghost btn-block console-login-scan' onClick={() => void scanQr()}>
          扫一扫 · 登录电脑工作台
        </Button>
      ) : !ticket ? (
        <View className='card muted'>请用手机打开电脑上工会工作台登录二维码对应的链接（微信小程序内可直接扫码）。</View>
      ) : null}

      {consoles && consoles.length > 0 ? (
        <View className='card console-login-sessions'>
          <Text className='section-title'>电脑上已登录</Text>
          {consoles.map((c) => (
            <Row key={c.startedAt} k={formatDateTime(c.startedAt)} v={c.place} />
          ))}
          <Button className='btn btn-ghost btn-block console-logout' disabled={busy || undefined} onClick={logoutConsoles}>
            退出电脑登录
          </Button>
        </View>
      ) : null}
    </PageRoot>
  )
}

export default observer(ConsoleLoginPage)
