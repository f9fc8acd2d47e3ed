/**
 * One event beside the 活动审批 table: the whole record (GET manage event) and the registrations waiting for
 * approval (the organiser's registration list, audited by the server as in the mini-program), approved or rejected
 * in one go by the existing decision endpoint — a rejection needs the reason the member will read (the server's rule
 * and message, shown beside the field); rows the server skipped keep their reason.
 */
import { useCallback, useEffect, useState } from 'react'
import { Alert, App, Button, Descriptions, Drawer, Form, Input, Space, Spin, Table, Tag, Typography } from 'antd'
import { eventsApi } from '@contract/events/api'
import { APPROVAL_MODES, ENTRY_MODES, EVENT_KINDS, EVENT_PHASES } from '@contract/events/labels'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { DecideResult, Event, ManagedRegistration } from '@contract/events/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'
import { when } from '../../work/format'

function answerText(r: ManagedRegistration): string {
  return r.answers.map((a) => `${a.label}：${a.value === null ? '未填' : Array.isArray(a.value) ? a.value.join('、') : String(a.value)}`).join('；') || '—'
}

export function EventDrawer({ id, onClose, onDecided }: { id: number | null; onClose: () => void; onDecided: () => void }) {
  const { api } = useConsole()
  const { message } = App.useApp()
  const [event, setEvent] = useState<Event | null>(null)
  const [pending, setPending] = useState<ManagedRegistration[]>([])
  const [error, setError] = useState<string | null>(null)
  const [selected, setSelected] = useState<number[]>([])
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [result, setResult] = useState<DecideResult | null>(null)
  const [busy, setBusy] = useState<'approve' | 'reject' | null>(null)

  const load = useCallback(
    (eventId: number) => {
      setError(null)
      return Promise.all([
        api.send(eventsApi.manageEvent, { params: { id: eventId } }),
        api.send(eventsApi.manageRegistrations, { params: { id: eventId }, query: { status: 'pending', limit: 100 } }),
      ]).then(([e, regs]) => {
        setEvent(e)
        setPending(regs.items)
      })
    },
    [api],
  )

  useEffect(() => {
    if (id === null) return
    let live = true
    setEvent(null)
    setPending([])
    setSelected([])
    setResult(null)
    setReason('')
    setReasonError(null)
    load(id).catch((err: unknown) => live && setError(isApiError(err) ? err.message : '加载失败'))
    return () => {
      live = false
    }
  }, [id, load])

  const decide = async (decision: 'approve' | 'reject') => {
    if (id === null) return
    setBusy(decision)
    setReasonError(null)
    try {
      const res = await api.send(eventsApi.decide, { params: { id }, body: { ids: selected, decision, reason: decision === 'reject' ? reason : undefined } })
      setResult(res)
      const done = res.results.filter((r) => r.ok).length
      const skipped = res.results.length - done
      const verb = decision === 'approve' ? '通过' : '不通过'
      if (skipped === 0) message.success(`已${verb} ${done} 条报名`)
      else message.warning(`已${verb} ${done} 条，${skipped} 条未处理`)
      setSelected(res.results.filter((r) => !r.ok).map((r) => r.id))
      if (decision === 'reject') setReason('')
      await load(id)
      onDecided()
    } catch (err) {
      if (isApiError(err) && err.fields.reason) setReasonError(err.fields.reason)
      else message.error(isApiError(err) ? err.message : '操作失败，请稍后再试')
    } finally {
      setBusy(null)
    }
  }

  const skipped = new Map((result?.results ?? []).filter((r) => !r.ok).map((r) => [r.id, r.message]))

  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={event ? event.title : '活动详情'} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!event && !error && <Spin aria-label="加载中" />}
      {event && (
        <>
          <Descriptions size="small" column={2} bordered title="活动信息" items={[
            { key: 'kind', label: '活动类型', children: EVENT_KINDS[event.kind] },
            { key: 'phase', label: '状态', children: <Tag>{EVENT_PHASES[event.phase]}</Tag> },
            { key: 'org', label: '主办工会', children: event.orgName },
            { key: 'entry', label: '报名方式', children: ENTRY_MODES[event.entryMode] },
            { key: 'starts', label: '开始时间', children: when(event.startsAt) },
            { key: 'ends', label: '结束时间', children: when(event.endsAt) },
            { key: 'reg', label: '报名时间', children: `${when(event.registrationOpensAt)} 至 ${when(event.registrationClosesAt)}` },
            { key: 'approval', label: '审核方式', children: APPROVAL_MODES[event.approvalMode] },
            { key: 'place', label: '地点', children: `${event.place.name}（${event.place.address}）` },
            { key: 'capacity', label: '名额', children: `已占 ${event.counts.taken} / 共 ${event.capacity}，候补 ${event.counts.waitlisted}` },
            { key: 'desc', label: '活动介绍', span: 2, children: event.description },
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>待审核报名（{pending.length}）</Typography.Title>
          <Table<ManagedRegistration>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={pending}
            rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
            locale={{ emptyText: '没有待审核的报名' }}
            columns={[
              { key: 'name', title: '姓名', dataIndex: 'name' },
              { key: 'memberNo', title: '会员编号', dataIndex: 'memberNo' },
              { key: 'org', title: '所属工会', dataIndex: 'orgName' },
              { key: 'type', title: '就业形态', render: (_, r) => EMPLOYMENT_TYPES[r.employmentType] },
              { key: 'team', title: '队伍', render: (_, r) => (r.team ? <Space size={4}>{r.team.name}{!r.team.complete && <Tag color="orange">未组满</Tag>}</Space> : '—') },
              { key: 'answers', title: '报名信息', render: (_, r) => answerText(r) },
              { key: 'created', title: '报名时间', render: (_, r) => when(r.createdAt) },
              { key: 'skipped', title: '处理结果', render: (_, r) => (skipped.has(r.id) ? <Tag color="orange">{skipped.get(r.id)}</Tag> : null) },
            ]}
          />
          <Form layout="vertical" style={{ marginTop: 16 }}>
            <Form.Item label="不通过的原因（将告知报名人）" validateStatus={reasonError ? 'error' : undefined} help={reasonError ?? undefined}>
              <Input.TextArea aria-label="不通过的原因（将告知报名人）" rows={2} maxLength={200} showCount value={reason} onChange={(e) => setReason(e.target.value)} />
            </Form.Item>
            <Space>
              <Button type="primary" disabled={selected.length === 0} loading={busy === 'approve'} onClick={() => decide('approve')}>
                通过{selected.length ? `（${selected.length}）` : ''}
              </Button>
              <Button danger disabled={selected.length === 0} loading={busy === 'reject'} onClick={() => decide('reject')}>
                不通过{selected.length ? `（${selected.length}）` : ''}
              </Button>
            </Space>
          </Form>
        </>
      )}
    </Drawer>
  )
}
