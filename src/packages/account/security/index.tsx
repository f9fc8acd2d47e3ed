/**
 * 我的 → 账号与安全 (issue 19): 下载我的数据 (prepared in the background, downloadable for 7 days), 更正 of the verified
 * name / phone (the union decides: CorrectionCard), 退会 (members: an
 * optional reason, the union confirms), 注销账号 (what happens, said plainly; a tick to confirm; 7 days of cooling-off
 * that a new login cancels). Each action says what happened beside it.
 */
import { useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, Textarea, View } from '@tarojs/components'
import {
  DEPARTURE_CONSEQUENCES,
  DEPARTURE_STATUS_LABELS,
  ERASURE_CONSEQUENCES,
  EXPORT_AVAILABLE_DAYS,
  EXPORT_STATUS_LABELS,
} from '@contract/privacy/labels'
import type { ExportView, PrivacyOverview } from '@contract/privacy/schemas'
import { pages } from '@contract/pages'
import { useStores } from '../../../stores/context'
import { useSignedInLoad } from '../../../hooks/useSignedInLoad'
import { documents } from '../../../platform/document'
import { go, restartAtLogin } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ResourceView } from '../../../components/ResourceView'
import { LoginRequired } from '../../../components/LoginRequired'
import { formatDateTime } from '../../../utils/date'
import { SecurityStore, type SecurityAction } from '../stores/SecurityStore'
import { CorrectionStore } from '../stores/CorrectionStore'
import { CorrectionCard } from './CorrectionCard'
import { PageRoot } from '../../../components/PageRoot'
import './index.css'

const Note = observer(function Note({ store, of }: { store: SecurityStore; of: SecurityAction[] }) {
  if (store.busy && of.includes(store.busy)) {
    return (
      <View className='security-note muted' role='status'>
        处理中…
      </View>
    )
  }
  if (!store.note || !store.lastAction || !of.includes(store.lastAction)) return null
  return (
    <View className={`security-note security-note-${store.note.kind}`} role={store.note.kind === 'error' ? 'alert' : 'status'}>
      {store.note.text}
    </View>
  )
})

const ExportRow = observer(function ExportRow({ e, store }: { e: ExportView; store: SecurityStore }) {
  const ready = e.status === 'done'
  return (
    <View className={`export-row export-${e.status}`}>
      <View className='export-head'>
        <Text>{formatDateTime(e.requestedAt)} 申请</Text>
        <Text className={`tag export-status`}>{EXPORT_STATUS_LABELS[e.status]}</Text>
      </View>
      {ready ? (
        <View className='export-actions'>
          <Text className='muted'>{formatDateTime(e.expiresAt)} 前可下载</Text>
          <Button className='btn btn-ghost export-xlsx' disabled={!!store.busy || undefined} onClick={() => void store.download(e, 'xlsx', documents.open)}>
            下载表格
          </Button>
          {documents.canOpen('json') ? (
            <Button className='btn btn-ghost export-json' disabled={!!store.busy || undefined} onClick={() => void store.download(e, 'json', documents.open)}>
              下载 JSON
            </Button>
          ) : null}
        </View>
      ) : e.status === 'pending' ? (
        <Text className='muted'>正在准备，请稍后下拉或重新打开本页查看</Text>
      ) : null}
    </View>
  )
})

const Body = observer(function Body({ o, store, correction }: { o: PrivacyOverview; store: SecurityStore; correction: CorrectionStore }) {
  const [reason, setReason] = useState('')
  const [confirmed, setConfirmed] = useState(false)
  const [erased, setErased] = useState(false)
  const d = o.departure

  if (erased) {
    return (
      <PageRoot className='page security-page'>
        <View className='card erasure-done' role='status'>
          <Text className='p-title'>注销申请已提交</Text>
          <Text className='p-para'>您已退出登录。7 天冷静期内重新登录即自动撤销注销；期满后账号注销，不可恢复。</Text>
          <Button className='btn btn-primary' onClick={restartAtLogin}>好的</Button>
        </View>
      </PageRoot>
    )
  }

  return (
    <PageRoot className='page security-page'>
      {o.erasure?.status === 'cancelled' && o.erasure.cancelledBy === 'login' ? (
        <View className='card erasure-cancelled' role='status'>
          <Text className='p-para'>您在冷静期内重新登录，{formatDateTime(o.erasure.cancelledAt!)} 提交的注销申请已自动撤销，账号继续有效。</Text>
        </View>
      ) : null}

      <Text className='section-title'>下载我的数据</Text>
      <View className='card export-card'>
        <Text className='p-para'>
          我们会整理系统中与您有关的全部记录（账号、会籍、申请及进度、福利券、报名、预约、消息等），生成一份表格和一份 JSON 文件，{EXPORT_AVAILABLE_DAYS} 天内可下载。
        </Text>
        {o.exports.length === 0 ? <Text className='muted export-empty'>您还没有申请过数据副本</Text> : o.exports.map((e) => <ExportRow key={e.id} e={e} store={store} />)}
        <Button className='btn btn-primary export-request' disabled={!!store.busy || o.exports.some((e) => e.status === 'pending') || undefined} onClick={() => void store.requestExport()}>
          申请下载我的数据
        </Button>
        <Note store={store} of={['export', ...o.exports.flatMap((e) => [`download-${e.id}-xlsx`, `download-${e.id}-json`] as SecurityAction[])]} />
      </View>

      <Text className='section-title'>更正姓名或手机号</Text>
      <CorrectionCard o={o} store={correction} reload={() => void store.load()} />

      <Text className='section-title'>退会</Text>
      <View className='card departure-card'>
        {d?.status === 'requested' ? (
          <>
            <Text className='p-para departure-state'>
              {DEPARTURE_STATUS_LABELS.requested}：{formatDateTime(d.requestedAt)} 提交，工会未处理时将于 {formatDateTime(d.dueAt)} 自动生效。
            </Text>
            <Button className='btn btn-ghost departure-withdraw' disabled={!!store.busy || undefined} onClick={() => void store.withdrawDeparture()}>
              撤回退会申请
            </Button>
          </>
        ) : o.isMember ? (
          <>
            {DEPARTURE_CONSEQUENCES.map((line) => (
              <Text key={line} className='p-para consequence'>· {line}</Text>
            ))}
            <Textarea
              className='input departure-reason'
              placeholder='退会原因（选填）'
              maxlength={200}
              value={reason}
              onInput={(ev) => setReason(ev.detail.value)}
            />
            <Button className='btn btn-ghost departure-request' disabled={!!store.busy || undefined} onClick={() => void store.requestDeparture(reason)}>
              申请退会
            </Button>
          </>
        ) : (
          <Text className='muted departure-none'>
            {d?.status === 'left' ? `您已于 ${formatDateTime(d.leftAt!)} 退会。` : '您目前不是工会会员。'}
            <Text className='link' onClick={() => go(pages.membership.status.path)}>申请入会</Text>
          </Text>
        )}
        <Note store={store} of={['departure', 'withdraw']} />
      </View>

      <Text className='section-title'>注销账号</Text>
      <View className='card erasure-card'>
        {ERASURE_CONSEQUENCES.map((line) => (
          <Text key={line} className='p-para consequence'>· {line}</Text>
        ))}
        <View
          className={`confirm-row ${confirmed ? 'confirm-on' : ''}`}
          role='checkbox'
          aria-checked={confirmed}
          onClick={() => setConfirmed(!confirmed)}
        >
          <Text className='confirm-box'>{confirmed ? '☑' : '☐'}</Text>
          <Text>我已阅读并了解注销后果</Text>
        </View>
        <Button
          className='btn btn-danger erasure-request'
          disabled={!confirmed || !!store.busy || undefined}
          onClick={() => void store.requestErasure().then((ok) => ok && setErased(true))}
        >
          注销账号
        </Button>
        <Note store={store} of={['erasure']} />
      </View>
    </PageRoot>
  )
})

function SecurityPage() {
  const root = useStores()
  const store = useMemo(() => new SecurityStore(root.api, root.session), [root])
  const userId = root.session.me?.id ?? null
  const correction = useMemo(
    () => new CorrectionStore({ api: root.api, storage: root.storage, now: root.now, userId: () => (root.session.me?.id === userId ? userId : null) }),
    [root, userId],
  )
  const authed = root.session.isAuthenticated
  useSignedInLoad(authed, store.overview.data !== null, () => store.load())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed && !store.overview.data) return <LoginRequired hint='登录后可下载您的数据、申请退会或注销账号' />
  return <ResourceView resource={store.overview}>{(o) => <Body o={o} store={store} correction={correction} />}</ResourceView>
}

export default observer(SecurityPage)
