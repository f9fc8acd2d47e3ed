import { useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { eventsApi } from '@contract/events/api'
import { eventQrText, normaliseRegistrationCode } from '@contract/events/labels'
import { EventReasons } from '@contract/events/reasons'
import type { CheckinResult, CheckoutResult } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { CodeEntry } from '../../../components/CodeEntry'
import { Row } from '../../../components/Row'
import { hasReason, isApiError } from '../../../api/errors'
import { Chips } from '../../../components/Chips'
import { formatDateTime } from '../../../utils/date'
import { hoursText } from '../stores/volunteer'
import { useResource } from '../../../hooks/useResource'
import { qrDataUrl } from '../../../utils/qr'
import '../../../styles/staff.css'
import { QrImage } from '../../../components/QrImage'
import { PageRoot } from '../../../components/PageRoot'

/** Live count: poll while the page is open (a few organisers at a door; cheap query). */
const STATS_MS = 5_000
/** The event QR token lives 1–2 minutes; fetch a fresh one every 30 s while it is shown. */
const TOKEN_MS = 30_000

/** 活动签到码 for members to scan themselves: a fresh token every TOKEN_MS while it is shown. */
const EventQr = observer(function EventQr({ id }: { id: number }) {
  const root = useStores()
  const token = useResource(() => root.api.send(eventsApi.checkinToken, { params: { id } }), [root, id], { pollMs: TOKEN_MS })
  const t = token.data
  const eventQr = useMemo(() => (t ? qrDataUrl(eventQrText(t.token), 8) : null), [t])
  return (
    <>
      <ErrorMessage error={token.error} />
      {eventQr && t ? (
        <View className='qr-box'>
          <QrImage className='reg-qr event-qr' src={eventQr} label='活动签到二维码，请参加者用微信扫码签到' />
          <Text className='muted'>每 30 秒自动更新，截图 2 分钟内失效 · 签到 {formatDateTime(t.checkinOpensAt)} 开始</Text>
        </View>
      ) : null}
    </>
  )
})

function EventCheckinPage() {
  const id = Number(useRouter().params.id)
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少活动编号，请从活动管理进入' /></PageRoot>
  return <EventCheckin id={id} />
}

type Mode = 'checkin' | 'checkout'
const MODES = [
  { value: 'checkin' as Mode, label: '签到' },
  { value: 'checkout' as Mode, label: '签退（记录服务时长）' },
]

const EventCheckin = observer(function EventCheckin({ id }: { id: number }) {
  const root = useStores()
  // 志愿服务: the same code checks a volunteer in, then out (the hours are check-in → check-out).
  const eventResource = useResource(() => root.api.send(eventsApi.manageEvent, { params: { id } }), [root, id])
  const volunteer = eventResource.data?.kind === 'volunteer'
  const [mode, setMode] = useState<Mode>('checkin')
  const [out, setOut] = useState<CheckoutResult | null>(null)
  const [code, setCode] = useState('')
  const [codeError, setCodeError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const [result, setResult] = useState<CheckinResult | null>(null)
  const [showQr, setShowQr] = useState(false)
  // The live count, polled while the page is open (a few organisers at a door; cheap query). The code entry works
  // whether or not it has loaded, so it is drawn beside the form rather than in place of it.
  const statsResource = useResource(() => root.api.send(eventsApi.checkinStats, { params: { id } }), [root, id], { pollMs: STATS_MS })
  const stats = statsResource.data

  const checkin = async (value: string) => {
    const v = normaliseRegistrationCode(value)
    if (!v) return setCodeError('请扫描或粘贴会员出示的签到码')
    setBusy(true)
    setError(null)
    setCodeError(null)
    setResult(null)
    setOut(null)
    if (volunteer && mode === 'checkout') return checkout(v)
    try {
      const r = await root.api.send(eventsApi.checkinByCode, { params: { id }, body: { code: v } })
      setResult(r)
      setCode('')
      const now = statsResource.data
      if (now) statsResource.set({ ...now, counts: { ...now.counts, checkedIn: r.checkedInCount } })
      void statsResource.reload()
    } catch (err) {
      // 二维码已过期 / 无效 / 不是本活动的: beside the field, in the server's words.
      if (isApiError(err) && (err.field('code') || err.status === 404)) setCodeError(err.field('code') ?? err.message)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }

  const checkout = async (v: string) => {
    try {
      const r = await root.api.send(eventsApi.checkoutByCode, { params: { id }, body: { code: v } })
      setOut(r)
      setCode('')
    } catch (err) {
      // Not checked in yet, or the code itself (expired / invalid / another event's): beside the field.
      if (hasReason(err, EventReasons.CHECKOUT_NOT_CHECKED_IN) || (isApiError(err) && (err.field('code') || err.status === 404))) {
        setCodeError((isApiError(err) && err.field('code')) || (err as Error).message)
      } else setError(err)
    } finally {
      setBusy(false)
    }
  }

  const c = stats?.counts
  const checkingOut = volunteer && mode === 'checkout'
  return (
    <PageRoot className='page event-checkin-page'>
      <View className='card live-count'>
        <Text className='muted'>已签到 / 应到</Text>
        <Text className='checkin-count'>{c ? `${c.checkedIn} / ${c.checkedIn + c.confirmed + c.noShow}` : '—'}</Text>
        {stats ? <Text className='muted'>每 5 秒自动刷新 · {formatDateTime(stats.serverTime)}</Text> : null}
        <ErrorMessage error={statsResource.error} />
      </View>

      {volunteer ? (
        <View className='card checkin-mode'>
          <Text className='form-label'>志愿服务：到场时签到，离开时签退，时长自动记录</Text>
          <Chips
            variant='choice'
            label='签到或签退'
            options={MODES}
            value={mode}
            onChange={(m) => {
              setMode(m)
              setCodeError(null)
              setResult(null)
              setOut(null)
            }}
            optionClass={(m) => `mode-${m}`}
          />
        </View>
      ) : null}
      <CodeEntry
        noun='签到码'
        code={code}
        onCode={(v) => {
          setCode(v)
          setCodeError(null)
        }}
        error={codeError}
        busy={busy}
        onSubmit={checkin}
        scanText={checkingOut ? '扫描会员签到码签退' : '扫描会员签到码'}
        submitText={checkingOut ? '签退' : '签到'}
        placeholder='会员“我的报名”页的签到码（每 30 秒更新）'
        maxlength={120}
        cls='checkin'
      />
      <ErrorMessage error={error} />
      {out ? (
        <View className='verify-result checkout-result' data-result='valid'>
          <Text className='verify-title'>{out.alreadyCheckedOut ? '已签退过' : '签退成功'}</Text>
          <Text className='verify-line checkin-name'>{out.name}</Text>
          <Text className='verify-line'>会员编号 {out.memberNo}</Text>
          <Text className='verify-line checkout-hours'>服务时长 {hoursText(out.minutes)}</Text>
          <Text className='muted'>{`${formatDateTime(out.checkedInAt)} 签到 · ${formatDateTime(out.checkedOutAt)} 签退`}</Text>
        </View>
      ) : null}
      {result ? (
        <View className='verify-result checkin-result' data-result='valid'>
          <Text className='verify-title'>{result.alreadyCheckedIn ? '已签到过' : '签到成功'}</Text>
          <Text className='verify-line checkin-name'>{result.name}</Text>
          <Text className='verify-line'>会员编号 {result.memberNo}</Text>
          {result.teamName ? <Text className='verify-line'>队伍 {result.teamName}</Text> : null}
          <Text className='muted'>签到时间 {formatDateTime(result.checkedInAt)}</Text>
        </View>
      ) : null}

      <View className='card'>
        <Button className='btn btn-plain btn-block event-qr-btn' onClick={() => setShowQr(!showQr)}>
          {showQr ? '收起活动签到码' : '出示活动签到码（会员自助扫码签到）'}
        </Button>
        {showQr ? <EventQr id={id} /> : null}
      </View>

      {stats && stats.recent.length > 0 ? (
        <View className='card recent-checkins'>
          <Text className='section-title'>最近签到</Text>
          {stats.recent.map((r) => (
            <Row key={r.registrationId} k={r.name} v={formatDateTime(r.checkedInAt)} className='muted' />
          ))}
        </View>
      ) : null}
    </PageRoot>
  )
})

export default EventCheckinPage
