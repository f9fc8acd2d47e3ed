/**
 * 活动管理 (office console): the events of the user's subtree as a table — filters (union, kind, state, start
 * dates), 加载更多 by cursor, 列设置 —, 新建活动 / 编辑 through the desktop form, and a side panel with the event's
 * registrations (`?open=<id>` opens it: the form lands here after 发布).
 */
import { useMemo, useState } from 'react'
import { useNavigate, useSearchParams } from 'react-router-dom'
import { Button, DatePicker, Select, Space, Tag, Typography } from 'antd'
import { PlusOutlined } from '@ant-design/icons'
import type { Dayjs } from 'dayjs'
import { eventsApi } from '@contract/events/api'
import { EVENT_KINDS, EVENT_PHASES, type EventKind } from '@contract/events/labels'
import type { Event, ManageEventsQuery } from '@contract/events/schemas'
import { useConsole } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { useColumnChoice } from '../../work/columns'
import { UnionSelect } from '../../work/UnionSelect'
import { when } from '../../work/format'
import { EventManageDrawer } from './EventManageDrawer'

type Phase = NonNullable<ManageEventsQuery['phase']>
const PHASES: Record<Phase, string> = { registering: '报名中', upcoming: '未开始', ongoing: '进行中', ended: '已结束' }

export default function EventsManagePage() {
  const { api } = useConsole()
  const navigate = useNavigate()
  const [search, setSearch] = useSearchParams()
  const [orgId, setOrgId] = useState<number | undefined>()
  const [kind, setKind] = useState<EventKind | undefined>()
  const [phase, setPhase] = useState<Phase | undefined>()
  // two single pickers, not a RangePicker: an empty RangePicker keeps Tab cycling between its two ends (a keyboard trap)
  const [fromDay, setFromDay] = useState<Dayjs | null>(null)
  const [toDay, setToDay] = useState<Dayjs | null>(null)
  const open = Number(search.get('open')) || null
  const setOpen = (id: number | null) => setSearch(id ? { open: String(id) } : {}, { replace: true })

  const from = fromDay?.format('YYYY-MM-DD')
  const to = toDay?.format('YYYY-MM-DD')
  const list = useCursorTable<Event>(
    (cursor) => api.send(eventsApi.manageEvents, { query: { orgId, kind, phase, from, to, limit: 50, cursor } }),
    [orgId, kind, phase, from, to],
  )

  const columns = useMemo(
    () => [
      { key: 'title', title: '活动名称', dataIndex: 'title' },
      { key: 'kind', title: '活动类型', render: (_: unknown, e: Event) => EVENT_KINDS[e.kind] },
      { key: 'org', title: '主办工会', dataIndex: 'orgName' },
      { key: 'startsAt', title: '开始时间', render: (_: unknown, e: Event) => when(e.startsAt) },
      { key: 'registration', title: '报名截止', render: (_: unknown, e: Event) => when(e.registrationClosesAt) },
      { key: 'phase', title: '状态', render: (_: unknown, e: Event) => <Tag>{EVENT_PHASES[e.phase]}</Tag> },
      { key: 'taken', title: '名额', render: (_: unknown, e: Event) => `${e.counts.taken} / ${e.capacity}` },
      {
        key: 'counts',
        title: '报名情况',
        render: (_: unknown, e: Event) =>
          `待审核 ${e.counts.pending} · 已签到 ${e.counts.checkedIn} · 候补 ${e.counts.waitlisted}${e.counts.noShow ? ` · 未到 ${e.counts.noShow}` : ''}`,
      },
      {
        key: 'actions',
        title: '操作',
        render: (_: unknown, e: Event) => (
          <Space size={0}>
            <Button type="link" onClick={() => setOpen(e.id)} aria-label={`报名名单 ${e.title}`}>报名名单</Button>
            {e.phase !== 'ended' && <Button type="link" onClick={() => navigate(`/events-manage/${e.id}/edit`)} aria-label={`编辑 ${e.title}`}>编辑</Button>}
          </Space>
        ),
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [navigate],
  )
  const { visible, chooser } = useColumnChoice('events-manage', columns)

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={3}>活动管理</Typography.Title>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('/events-manage/new')}>新建活动</Button>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>
        <UnionSelect roles={['admin']} value={orgId} onChange={setOrgId} />
        <Select aria-label="活动类型" allowClear placeholder="活动类型" style={{ width: 140 }} value={kind} onChange={setKind}
          options={Object.entries(EVENT_KINDS).map(([value, label]) => ({ value, label }))} />
        <Select aria-label="活动状态" allowClear placeholder="活动状态" style={{ width: 120 }} value={phase} onChange={setPhase}
          options={Object.entries(PHASES).map(([value, label]) => ({ value, label }))} />
        <DatePicker aria-label="开始日期（起）" placeholder="开始日期（起）" value={fromDay} onChange={setFromDay} />
        <DatePicker aria-label="开始日期（止）" placeholder="开始日期（止）" value={toDay} onChange={setToDay} />
        {chooser}
      </Space>
      <CursorTable<Event>
        list={list}
        columns={visible}
        onRow={(e) => ({ onDoubleClick: () => setOpen(e.id) })}
        emptyText="暂无符合条件的活动，可点击“新建活动”发布"
        unit="个活动"
      />
      <EventManageDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </>
  )
}
