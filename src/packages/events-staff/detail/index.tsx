import { pages } from '@contract/pages'
import { useCallback, useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Image, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { buildPath } from '@contract/endpoint'
import { eventsApi } from '@contract/events/api'
import { REGISTRATION_STATUSES, type RegistrationStatus } from '@contract/events/labels'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { AnswerFile, AnsweredQuestion, Event, ManagedRegistration } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { documents } from '../../../platform/document'
import { go, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { isApiError } from '../../../api/errors'
import { formatDateTime } from '../../../utils/date'
import { Chips, StatusBadge } from '../../events/components/bits'
import { eventSpan } from '../../events/format'
import { createManagedRegistrations } from '../../events/stores'
import '../../events/events.css'
import '../../../styles/staff.css'

const STATUS_TABS: { value: RegistrationStatus | undefined; label: string }[] = [
  { value: 'pending', label: REGISTRATION_STATUSES.pending },
  { value: undefined, label: '全部' },
  { value: 'confirmed', label: REGISTRATION_STATUSES.confirmed },
  { value: 'waitlisted', label: REGISTRATION_STATUSES.waitlisted },
  { value: 'checked_in', label: REGISTRATION_STATUSES.checked_in },
  { value: 'no_show', label: REGISTRATION_STATUSES.no_show },
  { value: 'rejected', label: REGISTRATION_STATUSES.rejected },
  { value: 'cancelled', label: REGISTRATION_STATUSES.cancelled },
]

function answerText(a: AnsweredQuestion): string {
  if (a.value === null || a.value === '' || (Array.isArray(a.value) && a.value.length === 0)) return '未填写'
  return Array.isArray(a.value) ? a.value.join('、') : String(a.value)
}

/** Files open through the server's short-lived signed links: photos in the viewer, PDFs in the document viewer. */
async function openFile(f: AnswerFile, all: AnswerFile[]): Promise<void> {
  if (f.mime.startsWith('image/')) {
    const urls = all.filter((x) => x.mime.startsWith('image/')).map((x) => x.url)
    await Taro.previewImage({ current: f.url, urls }).catch(() => toast('无法打开图片，请刷新后重试'))
    return
  }
  const r = await documents.open({ url: f.url, headers: {}, fileName: `附件-${f.id}.pdf`, fileType: 'pdf' })
  if (!r.ok) toast(r.message)
}

interface ItemProps {
  r: ManagedRegistration
  selected: boolean
  onToggle?: () => void
  /** Manual check-in (a member without a phone, ID checked at the door); only while check-in is open. */
  onCheckin?: () => void
}

const RegistrationItem = ({ r, selected, onToggle, onCheckin }: ItemProps) => (
  <View className='card manage-reg-item' data-id={r.id} data-status={r.status}>
    <View className='reg-item-head'>
      <View className='check-row' onClick={onToggle}>
        {onToggle ? (
          <View className='select-box' role='checkbox' aria-checked={selected} data-checked={selected ? 'true' : 'false'}>
            {selected ? '✓' : ''}
          </View>
        ) : null}
        <Text className='reg-name'>{r.name}</Text>
      </View>
      {r.team && !r.team.complete && r.status === 'pending' ? (
        <Text className='reg-status team-incomplete' data-status='forming'>
          未组满 {r.team.size}/{r.team.minSize}
        </Text>
      ) : (
        <StatusBadge status={r.status} position={r.waitlistPosition} />
      )}
    </View>
    <Text className='answer-line'>
      会员编号 {r.memberNo} · {EMPLOYMENT_TYPES[r.employmentType]} · {r.orgName}
    </Text>
    <Text className='answer-line'>报名于 {formatDateTime(r.createdAt)}</Text>
    {r.checkedInAt ? <Text className='answer-line'>签到于 {formatDateTime(r.checkedInAt)}</Text> : null}
    {r.team ? (
      <Text className='answer-line reg-team'>
        队伍「{r.team.name}」（{r.team.size} 人，每队 {r.team.minSize}–{r.team.maxSize} 人）：
        {r.team.members.map((m) => `${m.name}（${m.memberNo}）${m.captain ? '队长' : ''}`).join('、')}
      </Text>
    ) : null}
    {r.answers.map((a) => (
      <View key={a.questionId} className='reg-answer' data-question={a.questionId}>
        <Text className='answer-line'>
          {a.label}：{a.type === 'file' ? (a.files.length ? `${a.files.length} 个文件` : '未上传') : answerText(a)}
        </Text>
        {a.files.length ? (
          <View className='files'>
            {a.files.map((f) => (
              <View key={f.id} className='file-chip answer-file' data-mime={f.mime} onClick={() => void openFile(f, a.files)}>
                {f.mime.startsWith('image/') ? <Image className='file-thumb' src={f.url} mode='aspectFill' /> : <Text>📄 PDF 文件</Text>}
              </View>
            ))}
          </View>
        ) : null}
      </View>
    ))}
    {r.rejectReason ? <Text className='answer-line'>不通过原因：{r.rejectReason}</Text> : null}
    {onCheckin ? (
      <Button className='btn btn-plain btn-small manual-checkin-btn' onClick={onCheckin}>
        未带手机：核对证件后签到
      </Button>
    ) : null}
  </View>
)

function ManageEventPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  const [event, setEvent] = useState<Event | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [list] = useState(() => createManagedRegistrations(root, id, 'pending'))
  const [selected, setSelected] = useState<number[]>([])
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'approve' | 'reject' | 'roster' | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)

  const loadEvent = useCallback(async () => {
    try {
      setEvent(await root.api.send(eventsApi.manageEvent, { params: { id } }))
      setError(null)
    } catch (err) {
      setError(err)
    }
  }, [root, id])

  useEffect(() => {
    if (!(id > 0)) return
    void loadEvent()
    void list.refresh()
  }, [id, loadEvent, list])
  useDidShow(() => {
    if (event) {
      void loadEvent()
      void list.refresh()
    }
  })
  useReachBottom(() => void list.loadMore())

  if (!(id > 0)) return <View className='page'><ErrorMessage error='缺少活动编号，请从活动管理进入' /></View>
  if (!event) return error ? <View className='page'><ErrorMessage error={error} onRetry={() => void loadEvent()} /></View> : <Loading />

  const e = event
  const pendingIds = list.items.filter((r) => r.status === 'pending').map((r) => r.id)
  const chosen = selected.filter((x) => pendingIds.includes(x))
  const toggle = (rid: number) => setSelected((s) => (s.includes(rid) ? s.filter((x) => x !== rid) : [...s, rid]))

  const decide = async (decision: 'approve' | 'reject') => {
    setActionError(null)
    if (decision === 'reject') {
      const r = reason.trim()
      if (r.length < 2) return setReasonError('请填写不通过的原因')
    }
    setBusy(decision)
    try {
      const res = await root.api.send(eventsApi.decide, {
        params: { id },
        body: { ids: chosen, decision, reason: decision === 'reject' ? reason.trim() : undefined },
      })
      const done = res.results.filter((x) => x.ok).length
      const skipped = res.results.filter((x) => !x.ok)
      toast(`${decision === 'approve' ? '已通过' : '已拒绝'} ${done} 条${skipped.length ? `，${skipped.length} 条未处理` : ''}${res.promoted ? `，候补递补 ${res.promoted} 人` : ''}`, 'none')
      if (skipped.length) setActionError(skipped.map((x) => `#${x.id} ${x.message ?? ''}`).join('；'))
      setEvent({ ...e, counts: res.counts })
      setSelected([])
      setRejecting(false)
      setReason('')
      void list.refresh()
    } catch (err) {
      if (isApiError(err) && err.field('reason')) setReasonError(err.field('reason') ?? null)
      else setActionError(err)
    } finally {
      setBusy(null)
    }
  }

  const checkinOpen = root.now() >= Date.parse(e.checkinOpensAt) && e.phase !== 'ended'
  const manualCheckin = async (r: ManagedRegistration) => {
    const ok = await Taro.showModal({
      title: '手动签到',
      content: `请先核对 ${r.name}（会员编号 ${r.memberNo}）的身份证件。确认签到吗？此操作会记录在案。`,
      confirmText: '已核对，签到',
      cancelText: '取消',
    })
    if (!ok.confirm) return
    setActionError(null)
    try {
      const res = await root.api.send(eventsApi.checkinManual, { params: { id, registrationId: r.id } })
      toast(res.alreadyCheckedIn ? '已签到过' : '签到成功', 'success')
      void loadEvent()
      void list.refresh()
    } catch (err) {
      setActionError(err)
    }
  }

  const downloadRoster = async () => {
    setBusy('roster')
    const token = root.session.token
    const r = await documents.open({
      url: buildPath(eventsApi.roster.path, { id }),
      headers: token ? { authorization: `Bearer ${token}` } : {},
      fileName: `${e.title}-报名名单.xlsx`,
      fileType: 'xlsx',
    })
    setBusy(null)
    if (!r.ok) toast(r.message)
    else toast('名单已下载', 'success')
  }

  return (
    <View className='page manage-event-page'>
      <View className='card'>
        <Text className='event-title'>{e.title}</Text>
        <Text className='muted'>{eventSpan(e.startsAt, e.endsAt, root.now())}</Text>
        <View className='event-item-tags counts-line'>
          <Text className='tag count-pending'>待审核 {e.counts.pending}</Text>
          <Text className='tag count-confirmed'>已报名 {e.counts.confirmed}</Text>
          <Text className='tag count-checked-in'>已签到 {e.counts.checkedIn}</Text>
          <Text className='tag'>候补 {e.counts.waitlisted}</Text>
        </View>
        <Text className='answer-line'>
          名额 {e.counts.taken}/{e.capacity}
          {e.counts.noShow ? ` · 未到 ${e.counts.noShow}` : ''}
        </Text>
        <View className='actions-row manage-actions'>
          {e.phase === 'ended' ? null : (
            <Button className='btn btn-ghost btn-small edit-event-btn' onClick={() => go(pages.eventsStaff.edit.url({ id }))}>
              编辑
            </Button>
          )}
          <Button className='btn btn-ghost btn-small checkin-link' onClick={() => go(pages.eventsStaff.checkin.url({ id: id }))}>
            签到
          </Button>
          {e.scored ? (
            <Button className='btn btn-ghost btn-small scores-link' onClick={() => go(pages.eventsStaff.scores.url({ id: id }))}>
              成绩
            </Button>
          ) : null}
          <Button className='btn btn-ghost btn-small roster-btn' loading={busy === 'roster' || undefined} disabled={busy !== null || undefined} onClick={() => void downloadRoster()}>
            下载名单
          </Button>
        </View>
      </View>

      <Chips className='status-tabs' options={STATUS_TABS} value={list.filter.status} onChange={(status) => void list.setFilter({ status })} />
      {!list.loaded ? (
        list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
      ) : list.items.length === 0 ? (
        <View className='card'>
          <EmptyState title={list.filter.status === 'pending' ? '没有待审核的报名' : '暂无报名'} hint='会员报名后会出现在这里' actionText='刷新' onAction={() => void list.refresh()} />
        </View>
      ) : (
        <View>
          <ErrorMessage error={list.error} onRetry={() => void list.refresh()} />
          {list.items.map((r) => (
            <RegistrationItem
              key={r.id}
              r={r}
              selected={chosen.includes(r.id)}
              onToggle={r.status === 'pending' ? () => toggle(r.id) : undefined}
              onCheckin={checkinOpen && r.status === 'confirmed' ? () => void manualCheckin(r) : undefined}
            />
          ))}
          <Text className='list-footer'>{list.loadingMore ? '加载中…' : list.hasMore ? '上滑加载更多' : `共 ${list.items.length} 条`}</Text>
        </View>
      )}

      {pendingIds.length > 0 ? (
        <View className='bulk-bar'>
          <ErrorMessage error={actionError} />
          {rejecting ? (
            <View className='reject-sheet'>
              <Text className='form-label'>不通过的原因（会告知报名人）</Text>
              <Textarea
                className='form-textarea sheet-input reject-reason'
                value={reason}
                maxlength={200}
                placeholder='例如：未上传有效的特种设备作业人员证'
                onInput={(ev) => {
                  setReason(ev.detail.value)
                  setReasonError(null)
                }}
              />
              <FieldError message={reasonError} />
              <View className='actions-row'>
                <Button className='btn btn-plain' onClick={() => setRejecting(false)}>
                  返回
                </Button>
                <Button className='btn btn-primary reject-confirm-btn' loading={busy === 'reject' || undefined} disabled={busy !== null || undefined} onClick={() => void decide('reject')}>
                  确认不通过（{chosen.length}）
                </Button>
              </View>
            </View>
          ) : (
            <View>
              <View className='check-row select-all' onClick={() => setSelected(chosen.length === pendingIds.length ? [] : pendingIds)}>
                <View className='select-box' data-checked={chosen.length === pendingIds.length ? 'true' : 'false'}>
                  {chosen.length === pendingIds.length ? '✓' : ''}
                </View>
                <Text>全选待审核（已选 {chosen.length}/{pendingIds.length}）</Text>
              </View>
              <View className='actions-row'>
                <Button className='btn btn-plain reject-btn' disabled={chosen.length === 0 || busy !== null || undefined} onClick={() => setRejecting(true)}>
                  不通过
                </Button>
                <Button className='btn btn-success approve-btn' loading={busy === 'approve' || undefined} disabled={chosen.length === 0 || busy !== null || undefined} onClick={() => void decide('approve')}>
                  通过（{chosen.length}）
                </Button>
              </View>
            </View>
          )}
        </View>
      ) : (
        <ErrorMessage error={actionError} />
      )}
    </View>
  )
}

export default observer(ManageEventPage)
