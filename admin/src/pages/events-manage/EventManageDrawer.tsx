/**
 * One event beside the 活动管理 table: its figures and its registrations as a table by state (the organiser's
 * registration list, audited by the server), with what the server allows on them — 通过 / 不通过 of pending ones
 * (a rejection needs the reason the member reads), 签到 of a member without a phone once check-in opens, 签退 of a
 * volunteer — and the roster export (.xlsx, the same file the mini-program downloads).
 */
import { useCallback, useEffect, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Segmented, Space, Spin, Tag, Typography } from 'antd'
import { DownloadOutlined } from '@ant-design/icons'
import { buildPath } from '@contract/endpoint'
import { eventsApi } from '@contract/events/api'
import { APPROVAL_MODES, ENTRY_MODES, EVENT_KINDS, EVENT_PHASES, REGISTRATION_STATUSES, registrationStatusText, type RegistrationStatus } from '@contract/events/labels'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { Event, ManagedRegistration } from '@contract/events/schemas'
import { isApiError } from '@/api/errors'
import { useConsole, useSessionState } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { downloadExport } from '../../work/download'
import { when } from '../../work/format'

type Tab = RegistrationStatus | 'all'
const TABS: { value: Tab; label: string }[] = [
  { value: 'all', label: '全部' },
  ...(['pending', 'confirmed', 'waitlisted', 'checked_in', 'no_show', 'rejected', 'cancelled'] as const).map((s) => ({ value: s, label: REGISTRATION_STATUSES[s] })),
]

const answerText = (r: ManagedRegistration) =>
  r.answers.map((a) => `${a.label}：${a.type === 'file' ? `${a.files.length} 个文件` : a.value === null ? '未填' : Array.isArray(a.value) ? a.value.join('、') : String(a.value)}`).join('；') || '—'

const hours = (minutes: number) => `${Math.floor(minutes / 60)} 小时 ${minutes % 60} 分`

function statusTag(r: ManagedRegistration) {
  if (r.status === 'pending' && r.team && !r.team.complete) return <Tag color="orange">未组满 {r.team.size}/{r.team.minSize}</Tag>
  const color = { pending: 'orange', confirmed: 'blue', checked_in: 'green', no_show: 'red', waitlisted: 'purple', rejected: 'default', cancelled: 'default' }[r.status]
  return <Tag color={color}>{registrationStatusText(r.status, r.waitlistPosition)}</Tag>
}

export function EventManageDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { api } = useConsole()
  const { token } = useSessionState()
  const { message, modal } = App.useApp()
  const navigate = useNavigate()
  const [event, setEvent] = useState<Event | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [tab, setTab] = useState<Tab>('all')
  const [selected, setSelected] = useState<number[]>([])
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'approve' | 'reject' | 'roster' | null>(null)

  const regs = useCursorTable<ManagedRegistration>(
    (cursor) =>
      id === null
        ? Promise.resolve({ items: [], nextCursor: null })
        : api.send(eventsApi.manageRegistrations, { params: { id }, query: { status: tab === 'all' ? undefined : tab, cursor, limit: 100 } }),
    [id, tab],
  )

  const loadEvent = useCallback(
    (eventId: number) =>
      api
        .send(eventsApi.manageEvent, { params: { id: eventId } })
        .then((e) => {
          setEvent(e)
          setError(null)
        })
        .catch((err: unknown) => setError(isApiError(err) ? err.message : '加载失败')),
    [api],
  )

  useEffect(() => {
    setEvent(null)
    setError(null)
    setTab('all')
    setSelected([])
    setReason('')
    setReasonError(null)
    if (id !== null) void loadEvent(id)
  }, [id, loadEvent])

  const refresh = () => {
    if (id !== null) void loadEvent(id)
    regs.reload()
    onChanged()
  }

  const pendingIds = regs.items.filter((r) => r.status === 'pending').map((r) => r.id)
  const chosen = selected.filter((x) => pendingIds.includes(x))

  const decide = async (decision: 'approve' | 'reject') => {
    if (id === null) return
    setReasonError(null)
    setBusy(decision)
    try {
      const res = await api.send(eventsApi.decide, { params: { id }, body: { ids: chosen, decision, reason: decision === 'reject' ? reason.trim() : undefined } })
      const done = res.results.filter((r) => r.ok).length
      const skipped = res.results.filter((r) => !r.ok)
      const verb = decision === 'approve' ? '通过' : '不通过'
      const text = `已${verb} ${done} 条${skipped.length ? `，${skipped.length} 条未处理：${skipped.map((x) => x.message ?? '').join('；')}` : ''}${res.promoted ? `，候补递补 ${res.promoted} 人` : ''}`
      if (skipped.length) message.warning(text)
      else message.success(text)
      setSelected(skipped.map((x) => x.id))
      if (decision === 'reject') setReason('')
      refresh()
    } catch (err) {
      if (isApiError(err) && err.field('reason')) setReasonError(err.field('reason') ?? null)
      else message.error(isApiError(err) ? err.message : '操作失败，请稍后再试')
    } finally {
      setBusy(null)
    }
  }

  const act = (r: ManagedRegistration, what: 'checkin' | 'checkout') => {
    if (id === null) return
    const checkin = what === 'checkin'
    modal.confirm({
      title: checkin ? '手动签到' : '签退',
      content: checkin
        ? `请先核对 ${r.name}（会员编号 ${r.memberNo}）的身份证件。确认签到吗？此操作会记录在案。`
        : `为 ${r.name}（会员编号 ${r.memberNo}）签退，服务时长从签到时起计至现在。确认吗？此操作会记录在案。`,
      okText: checkin ? '已核对，签到' : '签退',
      cancelText: '取消',
      onOk: async () => {
        try {
          if (checkin) {
            const res = await api.send(eventsApi.checkinManual, { params: { id, registrationId: r.id } })
            message.success(res.alreadyCheckedIn ? `${r.name} 已签到过` : `${r.name} 签到成功`)
          } else {
            const res = await api.send(eventsApi.checkoutManual, { params: { id, registrationId: r.id } })
            message.success(`${res.alreadyCheckedOut ? '已签退过' : '签退成功'}，服务时长 ${hours(res.minutes)}`)
          }
          refresh()
        } catch (err) {
          message.error(isApiError(err) ? err.message : '操作失败，请稍后再试')
        }
      },
    })
  }

  const exportRoster = async () => {
    if (!event) return
    setBusy('roster')
    try {
      const name = await downloadExport(buildPath(eventsApi.roster.path, { id: event.id }), {}, token, `${event.title}-报名名单.xlsx`)
      message.success(`已导出 ${name}`)
    } catch (err) {
      message.error(isApiError(err) ? err.message : '导出失败，请稍后再试')
    } finally {
      setBusy(null)
    }
  }

  const checkinOpen = !!event && Date.now() >= Date.parse(event.checkinOpensAt) && event.phase !== 'ended'
  const volunteer = event?.kind === 'volunteer'

  return (
    <Drawer open={id !== null} onClose={onClose} size={1040} title={event ? event.title : '报名名单'} destroyOnHidden
      extra={event && (
        <Space>
          {event.phase !== 'ended' && <Button onClick={() => navigate(`/events-manage/${event.id}/edit`)}>编辑活动</Button>}
          <Button icon={<DownloadOutlined />} loading={busy === 'roster'} onClick={() => void exportRoster()}>导出名单（.xlsx）</Button>
        </Space>
      )}>
      {error && <Alert type="error" showIcon title={error} action={id !== null && <Button size="small" onClick={() => void loadEvent(id)}>重试</Button>} />}
      {!event && !error && <Spin aria-label="加载中" />}
      {event && (
        <>
          <Descriptions size="small" column={3} bordered items={[
            { key: 'kind', label: '活动类型', children: EVENT_KINDS[event.kind] },
            { key: 'phase', label: '状态', children: <Tag>{EVENT_PHASES[event.phase]}</Tag> },
            { key: 'org', label: '主办工会', children: event.orgName },
            { key: 'starts', label: '活动时间', span: 2, children: `${when(event.startsAt)} 至 ${when(event.endsAt)}` },
            { key: 'approval', label: '审核方式', children: APPROVAL_MODES[event.approvalMode] },
            { key: 'reg', label: '报名时间', span: 2, children: `${when(event.registrationOpensAt)} 至 ${when(event.registrationClosesAt)}` },
            { key: 'entry', label: '报名方式', children: ENTRY_MODES[event.entryMode] },
            { key: 'place', label: '地点', span: 2, children: `${event.place.name}（${event.place.address}）` },
            { key: 'capacity', label: '名额', children: `已占 ${event.counts.taken} / 共 ${event.capacity}` },
            { key: 'counts', label: '报名情况', span: 3, children: `待审核 ${event.counts.pending} · 已报名 ${event.counts.confirmed} · 已签到 ${event.counts.checkedIn} · 候补 ${event.counts.waitlisted} · 未到 ${event.counts.noShow}` },
          ]} />
          <Space style={{ margin: '16px 0 8px' }} wrap>
            <Typography.Text strong id="regs-tabs-label">报名状态</Typography.Text>
            <Segmented<Tab> aria-labelledby="regs-tabs-label" options={TABS} value={tab} onChange={(v) => { setTab(v); setSelected([]) }} />
          </Space>
          <CursorTable<ManagedRegistration>
            list={regs}
            size="small"
            scroll={{ x: 'max-content' }}
            emptyText={tab === 'pending' ? '没有待审核的报名' : '暂无报名，会员报名后会出现在这里'}
            unit="条报名"
            rowSelection={pendingIds.length ? {
              selectedRowKeys: chosen,
              onChange: (keys) => setSelected(keys as number[]),
              getCheckboxProps: (r) => ({ disabled: r.status !== 'pending', 'aria-label': `选择 ${r.name}` }),
            } : undefined}
            columns={[
              { key: 'name', title: '姓名', dataIndex: 'name' },
              { key: 'memberNo', title: '会员编号', dataIndex: 'memberNo' },
              { key: 'org', title: '所属工会', dataIndex: 'orgName' },
              { key: 'type', title: '就业形态', render: (_, r) => EMPLOYMENT_TYPES[r.employmentType] },
              { key: 'status', title: '状态', render: (_, r) => statusTag(r) },
              { key: 'team', title: '队伍', render: (_, r) => (r.team ? `${r.team.name}（${r.team.size} 人）` : '—') },
              { key: 'answers', title: '报名信息', render: (_, r) => answerText(r) },
              { key: 'created', title: '报名时间', render: (_, r) => when(r.createdAt) },
              { key: 'checkedIn', title: '签到时间', render: (_, r) => (r.checkedInAt ? when(r.checkedInAt) : '—') },
              ...(volunteer ? [{ key: 'hours', title: '服务时长', render: (_: unknown, r: ManagedRegistration) => (r.minutes !== null ? hours(r.minutes) : r.checkedInAt ? '服务中' : '—') }] : []),
              ...(event.scored ? [{ key: 'score', title: `成绩（${event.scoreUnit}）`, render: (_: unknown, r: ManagedRegistration) => r.score ?? '—' }] : []),
              {
                key: 'actions',
                title: '操作',
                render: (_, r) =>
                  checkinOpen && r.status === 'confirmed' ? (
                    <Button size="small" onClick={() => act(r, 'checkin')} aria-label={`为 ${r.name} 签到`}>签到</Button>
                  ) : volunteer && r.status === 'checked_in' && !r.checkedOutAt ? (
                    <Button size="small" onClick={() => act(r, 'checkout')} aria-label={`为 ${r.name} 签退`}>签退</Button>
                  ) : r.rejectReason ? (
                    <Typography.Text type="secondary">原因：{r.rejectReason}</Typography.Text>
                  ) : null,
              },
            ]}
          />
          {pendingIds.length > 0 && (
            <Form layout="vertical" style={{ marginTop: 16 }} component="div">
              <Form.Item label="不通过的原因（将告知报名人）" htmlFor="reject-reason" validateStatus={reasonError ? 'error' : undefined} help={reasonError ?? undefined}>
                <Input.TextArea id="reject-reason" aria-label="不通过的原因（将告知报名人）" rows={2} maxLength={200} showCount value={reason}
                  placeholder="例如：未上传有效的特种设备作业人员证" onChange={(e) => { setReason(e.target.value); setReasonError(null) }} />
              </Form.Item>
              <Space>
                <Button type="primary" disabled={chosen.length === 0} loading={busy === 'approve'} onClick={() => void decide('approve')}>
                  通过{chosen.length ? `（${chosen.length}）` : ''}
                </Button>
                <Button danger disabled={chosen.length === 0} loading={busy === 'reject'} onClick={() => void decide('reject')}>
                  不通过{chosen.length ? `（${chosen.length}）` : ''}
                </Button>
              </Space>
            </Form>
          )}
        </>
      )}
    </Drawer>
  )
}
