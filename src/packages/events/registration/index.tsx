import { pages } from '@contract/pages'
import { useEffect, useMemo, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { eventsApi } from '@contract/events/api'
import { CHECKIN_CODE_REFRESH_MS, ENTRY_MODES, parseEventQr, teamShortfallText } from '@contract/events/labels'
import type { Ranking, Registration } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { scan } from '../../../platform/scan'
import { go, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { errorMessage } from '../../../api/errors'
import { formatDateTime } from '../../../utils/date'
import { Row } from '../../../components/Row'
import { KindTag, RankingCard, StatusBadge } from '../components/bits'
import { eventDateTime, eventSpan, eventWhen } from '../format'
import { qrDataUrl } from '../../../utils/qr'
import { DoorCode } from '../stores/DoorCode'
import '../events.css'
import { QrImage } from '../../../components/QrImage'
import { PageRoot } from '../../../components/PageRoot'

/** While a decision or the event is still ahead, look again now and then (approval, promotion from the waitlist). */
const POLL_MS = 20_000
const LIVE = new Set(['pending', 'waitlisted', 'confirmed'])

function answerText(a: Registration['answers'][number]): string {
  if (a.type === 'file') return a.files.length ? `已上传 ${a.files.length} 个文件` : '未上传'
  if (a.value === null || a.value === '' || (Array.isArray(a.value) && a.value.length === 0)) return '未填写'
  return Array.isArray(a.value) ? a.value.join('、') : String(a.value)
}

function RegistrationPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后查看您的报名' />
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少报名编号，请从“我的活动”进入' /></PageRoot>
  return <RegistrationLoader id={id} />
}

type Answer = { registration: Registration; serverTime: string }

/** Loaded when shown; while a decision or the event is still ahead, again every POLL_MS (approval, promotion). */
const RegistrationLoader = observer(function RegistrationLoader({ id }: { id: number }) {
  const root = useStores()
  const [live, setLive] = useState(true)
  const resource = useResource<Answer>(() => root.api.send(eventsApi.registration, { params: { id } }), [root, id], { pollMs: live ? POLL_MS : undefined })
  const status = resource.data?.registration.status
  const isLive = status === undefined || LIVE.has(status)
  if (isLive !== live) setLive(isLive)
  return <ResourceView resource={resource}>{(res) => <RegistrationView res={res} onChange={(registration) => resource.set({ ...res, registration })} />}</ResourceView>
})

const RegistrationView = observer(function RegistrationView({ res, onChange }: { res: Answer; onChange: (r: Registration) => void }) {
  const root = useStores()
  const r = res.registration
  const [busy, setBusy] = useState<'cancel' | 'checkin' | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)
  const [ranking, setRanking] = useState<Ranking | null>(null)
  const [door] = useState(() => new DoorCode(root.api, r.id))

  // The code at the door: fetched while the registration is confirmed and the page is open, renewed every 30 s
  // (each lives ~60 s and only for this login), so a screenshot of it is soon worthless.
  const showDoor = r.status === 'confirmed' && r.event.phase !== 'ended'
  useEffect(() => {
    if (!showDoor) return undefined
    void door.refresh()
    const t = setInterval(() => void door.refresh(), CHECKIN_CODE_REFRESH_MS)
    return () => {
      clearInterval(t)
      door.clear()
    }
  }, [showDoor, door])
  const code = showDoor ? door.code : null
  const qr = useMemo(() => (code ? qrDataUrl(code) : null), [code])

  const now = res.serverTime
  const nowMs = Date.parse(res.serverTime)
  const checkinOpen = r.status === 'confirmed' && nowMs >= Date.parse(r.event.checkinOpensAt) && r.event.phase !== 'ended'

  const cancel = async () => {
    const ok = await Taro.showModal({ title: '取消报名', content: '确定取消本次报名吗？取消后名额将让给候补的会员。', confirmText: '取消报名', cancelText: '再想想' })
    if (!ok.confirm) return
    setBusy('cancel')
    setActionError(null)
    try {
      onChange(await root.api.send(eventsApi.cancel, { params: { id: r.id } }))
      toast('已取消报名', 'success')
    } catch (err) {
      setActionError(err)
    } finally {
      setBusy(null)
    }
  }

  const scanCheckin = async () => {
    const s = await scan.scan()
    if (!s.ok) return toast(s.message)
    const token = parseEventQr(s.code)
    if (!token) return toast('这不是活动签到码，请扫描主办方出示的签到二维码')
    setBusy('checkin')
    setActionError(null)
    try {
      onChange(await root.api.send(eventsApi.checkinByToken, { body: { token } }))
      toast('签到成功', 'success')
    } catch (err) {
      setActionError(err)
    } finally {
      setBusy(null)
    }
  }

  const loadRanking = async () => {
    try {
      setRanking(await root.api.send(eventsApi.ranking, { params: { id: r.eventId } }))
    } catch (err) {
      toast(errorMessage(err))
    }
  }

  return (
    <PageRoot className='page registration-page'>
      <View className='card'>
        <View className='status-line'>
          <Text className='event-title reg-event-title' onClick={() => go(pages.events.detail.url({ id: r.eventId }))}>
            {r.event.title}
          </Text>
        </View>
        <View className='status-line'>
          <KindTag kind={r.event.kind} />
          <StatusBadge status={r.status} position={r.waitlistPosition} />
        </View>
        <Text className='event-item-line reg-when'>{eventWhen(r.event.startsAt, r.event.endsAt, now)}</Text>
        <Row k='时间' v={eventSpan(r.event.startsAt, r.event.endsAt, now)} />
        <Row k='地点' v={`${r.event.place.name}（${r.event.place.address}）`} />
        <Row k='主办' v={r.event.orgName} />
        <Row k='报名时间' v={formatDateTime(r.createdAt)} />
        {r.checkedInAt ? <Row k='签到时间' v={formatDateTime(r.checkedInAt)} className='reg-checked-in-at' /> : null}
      </View>

      {r.status === 'pending' && r.team && !r.team.complete ? (
        <View className='notice pending-notice team-forming-notice'>
          <Text className='notice-title'>{teamShortfallText(r.team)}</Text>
          <Text>队友接受邀请后才算入队；组满 {r.team.minSize} 人后报名才生效。</Text>
        </View>
      ) : r.status === 'pending' ? (
        <View className='notice pending-notice'>
          <Text className='notice-title'>等待主办方审核</Text>
          <Text>审核结果会通过站内消息通知您，通过后此处显示签到二维码。</Text>
        </View>
      ) : null}
      {r.status === 'waitlisted' ? (
        <View className='notice waitlist-notice'>
          <Text className='notice-title'>您在候补第 {r.waitlistPosition} 位</Text>
          <Text>有人取消时按顺序自动递补，递补成功会通知您。</Text>
        </View>
      ) : null}
      {r.status === 'rejected' && r.rejectReason ? (
        <View className='notice reject-notice'>
          <Text className='notice-title'>未通过审核</Text>
          <Text className='reject-reason-text'>{r.rejectReason}</Text>
        </View>
      ) : null}
      {r.status === 'no_show' ? (
        <View className='notice'>
          <Text className='notice-title'>未签到，记为未到</Text>
          <Text>90 天内未到 3 次将暂停报名 30 天。不能参加时请在截止前取消报名。</Text>
        </View>
      ) : null}

      {showDoor ? (
        <View className='card qr-box reg-qr-box'>
          <Text className='muted'>入场签到码：请向工作人员出示（每 30 秒自动更新，截图无效）</Text>
          {qr && code ? (
            <>
              <QrImage className='reg-qr' src={qr} label={`入场签到码，请出示给工作人员扫描。码：${code}`} />
              <Text className='reg-code' userSelect selectable>
                {code}
              </Text>
            </>
          ) : (
            <Text className='muted reg-code-message'>{door.message ?? '签到码加载中…'}</Text>
          )}
          <Text className='muted'>签到 {eventDateTime(r.event.checkinOpensAt, now)} 开始 · 没带手机可请主办方核对证件后签到</Text>
        </View>
      ) : null}

      {checkinOpen ? (
        scan.supported ? (
          <Button className='btn btn-primary btn-block scan-checkin-btn' loading={busy === 'checkin' || undefined} disabled={busy !== null || undefined} onClick={() => void scanCheckin()}>
            扫描现场签到码
          </Button>
        ) : (
          <Text className='draft-hint'>网页版不能扫码：请向工作人员出示上方签到码</Text>
        )
      ) : null}

      {r.result ? (
        <View className='card rank-box my-rank'>
          <Text className='muted'>我的名次</Text>
          <Text className='rank-number'>第 {r.result.rank} 名</Text>
          <Text className='rank-of'>
            共 {r.result.of} 人 · 成绩 {r.result.score} {r.event.scoreUnit}
          </Text>
          {ranking ? null : (
            <Button className='btn btn-ghost btn-small ranking-btn' onClick={() => void loadRanking()}>
              查看排名
            </Button>
          )}
        </View>
      ) : r.event.scored && (r.status === 'checked_in' || r.status === 'no_show') && r.event.phase === 'ended' ? (
        <View className='card'>
          <Text className='muted'>成绩尚未公布，公布后在此查看名次</Text>
        </View>
      ) : null}

      {ranking ? <RankingCard ranking={ranking} markMine /> : null}

      {r.team ? (
        <View className='card team-info'>
          <Row k={ENTRY_MODES.team} v={`${r.team.name}（${r.team.size} 人）`} />
          {r.team.members.map((m) => (
            <Row key={m.id} k={m.captain ? '队长' : '队员'} v={m.name} />
          ))}
          {LIVE.has(r.status) || r.status === 'checked_in' ? (
            <Button className='btn btn-ghost btn-block manage-team-btn' onClick={() => go(pages.events.team.url({ id: r.id }))}>
              管理队伍与邀请
            </Button>
          ) : null}
        </View>
      ) : null}

      {r.answers.length > 0 ? (
        <View className='card answers'>
          <Text className='section-title'>报名信息</Text>
          {r.answers.map((a) => (
            <Row key={a.questionId} k={a.label} v={answerText(a)} />
          ))}
        </View>
      ) : null}

      <ErrorMessage error={actionError} />
      {r.canCancel ? (
        <View>
          <Button className='btn btn-plain btn-block cancel-btn' loading={busy === 'cancel' || undefined} disabled={busy !== null || undefined} onClick={() => void cancel()}>
            取消报名
          </Button>
          <Text className='draft-hint'>{eventDateTime(r.cancelUntil, now)} 前可取消</Text>
        </View>
      ) : LIVE.has(r.status) ? (
        <Text className='draft-hint'>已过取消截止时间（{eventDateTime(r.cancelUntil, now)}），如不能参加请联系主办方</Text>
      ) : null}
      <Button className='btn btn-ghost btn-block' onClick={() => go(pages.events.mine.path)}>
        我的活动
      </Button>
    </PageRoot>
  )
})

export default observer(RegistrationPage)
