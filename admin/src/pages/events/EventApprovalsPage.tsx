/**
 * 活动审批 (office console): the organiser's events as a table — filters (union, kind, phase, 待审核 waiting,
 * start dates), 排序 by start (earliest first, as a queue: the events to approve for soonest; or latest first),
 * 加载更多 by cursor, 列设置 — and a side panel with the whole event and its registrations waiting for
 * approval, approved or rejected there by the existing decision endpoint (the server judges each row).
 */
import { useMemo, useState } from 'react'
import { Button, Select, Space, Tag, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import type { SortOrder } from '@contract/paging'
import { eventsApi } from '@contract/events/api'
import { EVENT_KINDS, EVENT_PHASES, type EventKind } from '@contract/events/labels'
import type { Event } from '@contract/events/schemas'
import { useConsole } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { DateRange } from '../../work/DateRange'
import { useColumnChoice } from '../../work/columns'
import { UnionSelect } from '../../work/UnionSelect'
import { SortSelect } from '../../work/SortSelect'
import { when } from '../../work/format'
import { EventDrawer } from './EventDrawer'

type Phase = 'upcoming' | 'ongoing' | 'ended'
const PHASES: Record<Phase, string> = { upcoming: '未开始', ongoing: '进行中', ended: '已结束' }

export default function EventApprovalsPage() {
  const { api } = useConsole()
  const [orgId, setOrgId] = useState<number | undefined>()
  const [kind, setKind] = useState<EventKind | undefined>()
  const [phase, setPhase] = useState<Phase | undefined>()
  const [pending, setPending] = useState<'1' | '0' | undefined>('1')
  const [dates, setDates] = useState<[Dayjs, Dayjs] | null>(null)
  const [sort, setSort] = useState<SortOrder>('oldest')
  const [open, setOpen] = useState<number | null>(null)

  const from = dates?.[0].format('YYYY-MM-DD')
  const to = dates?.[1].format('YYYY-MM-DD')
  const list = useCursorTable<Event>(
    (cursor) => api.send(eventsApi.manageEvents, { query: { orgId, kind, phase, pending, from, to, sort, limit: 50, cursor } }),
    [orgId, kind, phase, pending, from, to, sort],
  )

  const columns = useMemo(
    () => [
      { key: 'title', title: '活动名称', dataIndex: 'title' },
      { key: 'kind', title: '活动类型', render: (_: unknown, e: Event) => EVENT_KINDS[e.kind] },
      { key: 'org', title: '主办工会', dataIndex: 'orgName' },
      { key: 'startsAt', title: '开始时间', render: (_: unknown, e: Event) => when(e.startsAt) },
      { key: 'phase', title: '状态', render: (_: unknown, e: Event) => <Tag>{EVENT_PHASES[e.phase]}</Tag> },
      { key: 'taken', title: '名额', render: (_: unknown, e: Event) => `${e.counts.taken} / ${e.capacity}` },
      {
        key: 'pending',
        title: '待审核',
        render: (_: unknown, e: Event) => (e.counts.pending > 0 ? <Tag color="orange">{e.counts.pending} 人待审核</Tag> : <Typography.Text type="secondary">无</Typography.Text>),
      },
      { key: 'open', title: '操作', render: (_: unknown, e: Event) => <Button type="link" onClick={() => setOpen(e.id)} aria-label={`审批 ${e.title}`}>审批</Button> },
    ],
    [],
  )
  const { visible, chooser } = useColumnChoice('event-approvals', columns)

  return (
    <>
      <Typography.Title level={3}>活动审批</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <UnionSelect roles={['admin']} value={orgId} onChange={setOrgId} />
        <Select aria-label="活动类型" allowClear placeholder="活动类型" style={{ width: 140 }} value={kind} onChange={setKind}
          options={Object.entries(EVENT_KINDS).map(([value, label]) => ({ value, label }))} />
        <Select aria-label="活动状态" allowClear placeholder="活动状态" style={{ width: 120 }} value={phase} onChange={setPhase}
          options={Object.entries(PHASES).map(([value, label]) => ({ value, label }))} />
        <Select aria-label="审核情况" allowClear placeholder="审核情况" style={{ width: 140 }} value={pending} onChange={setPending}
          options={[{ value: '1', label: '有待审核报名' }, { value: '0', label: '无待审核报名' }]} />
        <DateRange label="开始日期" value={dates} onChange={setDates} />
        <SortSelect value={sort} onChange={setSort} oldest="最早开始在前" newest="最晚开始在前" />
        {chooser}
      </Space>
      <CursorTable<Event>
        list={list}
        columns={visible}
        onRow={(e) => ({ onDoubleClick: () => setOpen(e.id) })}
        emptyText={pending === '1' ? '暂无待审核的活动报名' : '暂无符合条件的活动'}
        unit="个活动"
      />
      <EventDrawer id={open} onClose={() => setOpen(null)} onDecided={list.reload} />
    </>
  )
}
