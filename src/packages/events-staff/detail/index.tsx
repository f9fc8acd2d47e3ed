import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, Textarea, View } from '@tarojs/components'
import Taro, { useDidShow, useReachBottom, useRouter } from '@tarojs/taro'
import { buildPath } from '@contract/endpoint'
import { eventsApi } from '@contract/events/api'
import { REGISTRATION_STATUSES, type RegistrationStatus } from '@contract/events/labels'
import type { ManagedRegistration } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { documents } from '../../../platform/document'
import { go, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Chips } from '../../../components/Chips'
import { ResourceView } from '../../../components/ResourceView'
import { useResource } from '../../../hooks/useResource'
import { isApiError } from '../../../api/errors'
import { eventSpan } from '../../events/shared'
import { createManagedRegistrations } from '../stores'
import { RegistrationItem } from './RegistrationItem'
import { hoursText } from '../stores/volunteer'
import { PageRoot } from '../../../components/PageRoot'
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

function ManageEventPage() {
  const id = Number(useRouter().params.id)
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少活动编号，请从活动管理进入' /></PageRoot>
  return <ManageEvent id={id} />
}

const ManageEvent = observer(function ManageEvent({ id }: { id: number }) {
  const root = useStores()
  // The event (counts) is loaded when shown and again on coming back; the registrations are a paged list.
  const resource = useResource(() => root.api.send(eventsApi.manageEvent, { params: { id } }), [root, id])
  const [list] = useState(() => createManagedRegistrations(root, id, 'pending'))
  const [selected, setSelected] = useState<number[]>([])
  const [rejecting, setRejecting] = useState(false)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'approve' | 'reject' | 'roster' | null>(null)
  const [actionError, setActionError] = useState<unknown>(null)

  useEffect(() => {
    void list.refresh()
  }, [list])
  useDidShow(() => {
    if (list.loaded) void list.refresh()
  })
  useReachBottom(() => void list.loadMore())

  return <ResourceView resource={resource}>{(e) => {
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
      resource.set({ ...e, counts: res.counts })
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
      void resource.reload()
      void list.refresh()
    } catch (err) {
      setActionError(err)
    }
  }

  // 志愿服务: check out from the list; the hours are check-in → now.
  const volunteer = e.kind === 'volunteer'
  const manualCheckout = async (r: ManagedRegistration) => {
    const ok = await Taro.showModal({
      title: '签退',
      content: `为 ${r.name}（会员编号 ${r.memberNo}）签退，服务时长从签到时起计至现在。确认吗？此操作会记录在案。`,
      confirmText: '签退',
      cancelText: '取消',
    })
    if (!ok.confirm) return
    setActionError(null)
    try {
      const res = await root.api.send(eventsApi.checkoutManual, { params: { id, registrationId: r.id } })
      toast(`${res.alreadyCheckedOut ? '已签退过' : '签退成功'}，${hoursText(res.minutes)}`, 'none')
      void list.refresh()
    } catch (err) {
      setActionError(err)
    }
  }
  const recorded = volunteer ? list.items.filter((r) => r.minutes !== null) : []
  const recordedMinutes = recorded.reduce((sum, r) => sum + (r.minutes ?? 0), 0)

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
    <PageRoot className='page manage-event-page'>
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
        {volunteer && list.loaded ? (
          <Text className='answer-line volunteer-summary'>
            {`志愿服务：已签退 ${recorded.length} 人，共 ${hoursText(recordedMinutes)}${list.hasMore ? '（已加载部分）' : ''}`}
          </Text>
        ) : null}
        <View className='actions-row manage-actions'>
          {e.phase === 'ended' ? null : (
            <Button className='btn btn-ghost btn-small edit-event-btn' onClick={() => go(pages.eventsStaff.edit.url({ id }))}>
              编辑
            </Button>
          )}
          <Button className='btn btn-ghost btn-small checkin-link' onClick={() => go(pages.eventsStaff.checkin.url({ id: id }))}>
            {volunteer ? '签到 / 签退' : '签到'}
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
              volunteer={volunteer}
              onCheckout={volunteer && r.status === 'checked_in' && !r.checkedOutAt ? () => void manualCheckout(r) : undefined}
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
    </PageRoot>
  )
}}</ResourceView>
})

export default ManageEventPage
