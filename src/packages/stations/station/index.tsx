/**
 * A station's page (a printed QR opens it with `id`; no login needed): live status and "x 分钟前确认", today's hours
 * and the week's, facilities, photos, the keeper's contact, open and recently resolved problems; 导航, 打卡 (optional,
 * anonymous-friendly) and 反馈问题 (logged in). Keepers set the status here too (the server decides who may).
 */
import { useState } from 'react'
import { Button, Image, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { observer } from 'mobx-react-lite'
import { pages } from '@contract/pages'
import { stationsApi } from '@contract/stations/api'
import { FACILITY_LABELS, KEEPER_STATUSES, KEEPER_STATUS_LABELS, type KeeperStatus } from '@contract/stations/labels'
import { WEEKDAY_LABELS, windowText } from '@contract/stations/hours'
import type { StationDetail } from '@contract/stations/schemas'
import { useStores } from '../../../stores/context'
import { location } from '../../../platform/location'
import { go, toast } from '../../../platform/ui'
import { ResourceView } from '../../../components/ResourceView'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { useResource } from '../../../hooks/useResource'
import { confirmedText, liveStatusText } from '../format'
import { PageRoot } from '../../../components/PageRoot'
import '../stations.css'

export default function StationPage() {
  const id = Number(useRouter().params.id)
  if (!(id > 0)) {
    return (
      <PageRoot className='page'>
        <ErrorMessage error='缺少驿站编号，请从驿站列表进入或重新扫码' />
      </PageRoot>
    )
  }
  return <Station id={id} />
}

const Station = observer(function Station({ id }: { id: number }) {
  const root = useStores()
  const resource = useResource(() => root.api.send(stationsApi.detail, { params: { id } }), [root, id], { pollMs: 60_000 })
  return <ResourceView resource={resource}>{(s) => <StationView s={s} onChanged={() => void resource.reload()} />}</ResourceView>
})

function StationView({ s, onChanged }: { s: StationDetail; onChanged: () => void }) {
  const root = useStores()
  const [busy, setBusy] = useState(false)
  const [checkedIn, setCheckedIn] = useState<number | null>(null)
  const [error, setError] = useState<unknown>(null)
  const now = Date.now()
  const session = root.session
  const mayKeep = session.isAuthenticated && (session.hasRole('station_keeper') || session.hasRole('admin'))

  const navigate = async () => {
    const r = await location.open({ latitude: s.lat, longitude: s.lng, name: s.name, address: s.address })
    if (!r.ok) toast(r.message)
  }
  const checkin = async () => {
    setBusy(true)
    try {
      const r = await root.api.send(stationsApi.checkin, { params: { id: s.id } })
      setCheckedIn(r.checkinsToday)
      toast('打卡成功', 'success')
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const setStatus = async (status: KeeperStatus) => {
    setBusy(true)
    setError(null)
    try {
      await root.api.send(stationsApi.setStatus, { params: { id: s.id }, body: { status } })
      toast('状态已更新', 'success')
      onChanged()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  const report = () => go(session.isAuthenticated ? pages.stations.report.url({ id: s.id }) : pages.login.path)

  return (
    <PageRoot className='page station-page'>
      <View className='card station-item'>
        <Text className='station-name'>{s.name}</Text>
        <View className='station-tags'>
          <Text className={`tag ${s.openNow ? 'station-open' : 'station-closed'}`}>{s.openNow ? '开放中' : '休息中'}</Text>
          <Text className={`tag status-${s.liveStatus} station-live`}>{liveStatusText(s.liveStatus)}</Text>
          <Text className='muted station-confirmed'>{confirmedText(s.confirmedAt, now)}</Text>
        </View>
        <Text className='muted'>{s.todayHours}</Text>
        <Text className='muted'>{s.address}</Text>
        <Text className='muted'>运营：{s.orgName}</Text>
        {s.keeperName || s.keeperPhone ? (
          <Text className='muted'>
            站长：{s.keeperName} {s.keeperPhone}
          </Text>
        ) : null}
        <View className='station-actions'>
          <Button className='btn btn-primary' onClick={() => void navigate()} aria-label={`导航到${s.name}`}>
            导航
          </Button>
          <Button className='btn btn-ghost checkin-btn' disabled={busy} onClick={() => void checkin()}>
            打卡
          </Button>
          <Button className='btn btn-ghost' onClick={report} aria-label='反馈问题'>
            反馈问题
          </Button>
        </View>
        {checkedIn !== null ? <Text className='checkin-count'>已打卡 · 今日 {checkedIn} 人</Text> : null}
        <Text className='muted'>进站无需下载或打卡，打卡可选、无需登录，仅用于统计服务人次</Text>
      </View>
      <ErrorMessage error={error} />

      {mayKeep ? (
        <View className='card keeper-controls' aria-label='站长操作'>
          <Text className='section-title'>站长操作：更新并确认当前状态</Text>
          <View className='station-actions'>
            {KEEPER_STATUSES.map((st) => (
              <Button key={st} className={`btn btn-small ${s.status === st ? 'btn-primary' : 'btn-ghost'}`} disabled={busy} onClick={() => void setStatus(st)}>
                {KEEPER_STATUS_LABELS[st]}
              </Button>
            ))}
          </View>
          <Button className='btn btn-plain' onClick={() => go(pages.stationsStaff.keep.path)}>
            处理问题反馈
          </Button>
        </View>
      ) : null}

      <View className='card' aria-label='问题反馈'>
        <Text className='section-title'>问题反馈</Text>
        {s.reports.length === 0 ? <Text className='muted'>暂无问题反馈</Text> : null}
        {s.reports.map((r) => (
          <View key={r.id} className='station-report'>
            <Text>{r.description}</Text>
            {r.photo ? <Image className='report-photo' src={r.photo.url} mode='aspectFill' aria-label='问题照片' nativeProps={{ alt: '问题照片' }} /> : null}
            {/* Only the reporter reads this: why others do not see the report or its photo (内容审核). */}
            {r.notice ? <Text className='report-notice'>{r.notice}</Text> : null}
            {r.resolvedAt ? (
              <Text className='report-resolved'>已处理：{r.resolutionNote}</Text>
            ) : (
              <Text className='muted report-open'>待处理</Text>
            )}
          </View>
        ))}
      </View>

      <View className='card'>
        <Text className='section-title'>设施</Text>
        <View className='station-facilities'>
          {s.facilities.map((f) => (
            <Text key={f} className='tag'>
              {FACILITY_LABELS[f]}
            </Text>
          ))}
        </View>
      </View>

      <View className='card'>
        <Text className='section-title'>开放时间</Text>
        {s.hours.allDay ? (
          <Text>24 小时开放</Text>
        ) : (
          WEEKDAY_LABELS.map((d, i) => {
            const w = s.hours.days[i]
            return (
              <View key={d} className='hours-row'>
                <Text>{d}</Text>
                <Text className='muted'>{w ? windowText(w) : '闭站'}</Text>
              </View>
            )
          })
        )}
        {s.hours.closedDates.length > 0 ? <Text className='muted'>节假日闭站：{s.hours.closedDates.join('、')}</Text> : null}
      </View>

      {s.photos.length > 0 ? (
        <View className='card station-photos'>
          {s.photos.map((p) => (
            <Image key={p.id} className='station-photo' src={p.url} mode='aspectFill' aria-label={`${s.name}照片`} nativeProps={{ alt: `${s.name}照片` }} />
          ))}
        </View>
      ) : null}
    </PageRoot>
  )
}
