/**
 * 驿站值守 (keepers, and admins over the station's union): the stations I keep with their live status — set and
 * confirm 正常开放 / 暂停服务 / 已满 — and the open problem reports (with photos), each resolved with a note; the
 * reporter is told in 消息.
 */
import { useCallback, useEffect, useState } from 'react'
import { Button, Image, Input, Text, View } from '@tarojs/components'
import { observer } from 'mobx-react-lite'
import { pages } from '@contract/pages'
import { stationsApi } from '@contract/stations/api'
import { KEEPER_STATUSES, KEEPER_STATUS_LABELS, type KeeperStatus } from '@contract/stations/labels'
import type { KeeperReport, KeptList } from '@contract/stations/schemas'
import { useStores } from '../../../stores/context'
import { go, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { ResourceView } from '../../../components/ResourceView'
import { LoadMore } from '../../../components/LoadMore'
import { useResource } from '../../../hooks/useResource'
import { useCursorList } from '../../../hooks/useCursorList'
import { confirmedText, liveStatusText } from '../../stations/shared'
import { PageRoot } from '../../../components/PageRoot'
import '../staff.css'

function KeepPage() {
  const root = useStores()
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='驿站站长登录后可更新状态、处理问题反馈' />
  return <Kept />
}

const Kept = observer(function Kept() {
  const root = useStores()
  const resource = useResource(() => root.api.send(stationsApi.keeping, {}), [root], { isEmpty: (d) => d.items.length === 0 })
  return (
    <PageRoot className='page keep-page'>
      <ResourceView resource={resource} empty={<View className='card'><EmptyState title='暂无值守的驿站' hint='请联系工会管理员邀请您为驿站站长' /></View>}>
        {(data) => (
          <>
            {data.items.map((s) => (
              <KeptStation key={s.id} s={s} onChanged={() => void resource.reload()} />
            ))}
          </>
        )}
      </ResourceView>
    </PageRoot>
  )
})

function KeptStation({ s, onChanged }: { s: KeptList['items'][number]; onChanged: () => void }) {
  const root = useStores()
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const setStatus = async (status: KeeperStatus) => {
    setBusy(true)
    setError(null)
    try {
      await root.api.send(stationsApi.setStatus, { params: { id: s.id }, body: { status } })
      toast('已更新并确认', 'success')
      onChanged()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='card kept-station' aria-label={s.name}>
      <Text className='kept-name' onClick={() => go(pages.stations.station.url({ id: s.id }))}>
        {s.name}
      </Text>
      <Text className='muted'>
        当前：{liveStatusText(s.liveStatus)} · {confirmedText(s.confirmedAt, Date.now())}
      </Text>
      <View className='kept-actions' role='group' aria-label='更新并确认状态'>
        {KEEPER_STATUSES.map((st) => (
          <Button key={st} className='btn btn-ghost btn-small' disabled={busy} onClick={() => void setStatus(st)}>
            {KEEPER_STATUS_LABELS[st]}
          </Button>
        ))}
      </View>
      <ErrorMessage error={error} />
      <Text className='section-title'>待处理问题（{s.openReports}）</Text>
      <OpenReports stationId={s.id} onResolved={onChanged} />
    </View>
  )
}

function OpenReports({ stationId, onResolved }: { stationId: number; onResolved: () => void }) {
  const root = useStores()
  const fetchPage = useCallback(
    (cursor: string | undefined) => root.api.send(stationsApi.reports, { params: { id: stationId }, query: { state: 'open', cursor } }),
    [root, stationId],
  )
  const list = useCursorList(fetchPage)
  const { refresh } = list
  useEffect(() => void refresh(), [refresh])
  if (list.items === null) return list.error ? <ErrorMessage error={list.error} onRetry={() => void refresh()} /> : <Loading />
  if (list.items.length === 0) return <Text className='muted'>暂无待处理的问题</Text>
  return (
    <View>
      {list.items.map((r) => (
        <ReportRow
          key={r.id}
          r={r}
          onResolved={() => {
            void refresh()
            onResolved()
          }}
        />
      ))}
      <LoadMore list={list} />
    </View>
  )
}

function ReportRow({ r, onResolved }: { r: KeeperReport; onResolved: () => void }) {
  const root = useStores()
  const [note, setNote] = useState('')
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<unknown>(null)
  const resolve = async () => {
    setBusy(true)
    setError(null)
    try {
      await root.api.send(stationsApi.resolve, { params: { id: r.id }, body: { note: note.trim() } })
      toast('已处理，已通知反馈人', 'success')
      onResolved()
    } catch (e) {
      setError(e)
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='keeper-report'>
      <Text className='keeper-report-text'>{r.description}</Text>
      <Text className='muted'>{new Date(r.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })}</Text>
      {r.photo ? <Image className='keeper-report-photo' src={r.photo.url} mode='aspectFill' aria-label='问题照片' nativeProps={{ alt: '问题照片' }} /> : null}
      <Input className='resolve-input' value={note} placeholder='处理结果，如：已更换新饮水机' onInput={(e) => setNote(e.detail.value)} aria-label='处理结果' />
      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-small' disabled={busy || note.trim().length < 2} onClick={() => void resolve()}>
        标记已处理
      </Button>
    </View>
  )
}

export default observer(KeepPage)
