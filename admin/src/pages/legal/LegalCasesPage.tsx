/**
 * 法律援助 (office console): the legal staff's worklist as a table — filters (open / overdue / closed / all, union,
 * dispute, state, request dates), 排序 (oldest request first, or newest), 加载更多 by cursor, 列设置 — and a side panel with the whole case (the audited
 * staff view) where the handler takes, replies or asks for more, schedules a session and closes it, exactly the
 * steps of the mini-program's staff page (the server's rules and messages).
 */
import { useMemo, useState } from 'react'
import { Badge, Button, Segmented, Select, Space, Tag, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import type { SortOrder } from '@contract/paging'
import { legalApi } from '@contract/legal/api'
import { LEGAL_DISPUTE_KINDS, LEGAL_OUTCOMES, LEGAL_STATUSES, type LegalDisputeKind, type LegalStatus } from '@contract/legal/labels'
import type { LegalCaseItem } from '@contract/legal/schemas'
import { useConsole } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { DateRange } from '../../work/DateRange'
import { useColumnChoice } from '../../work/columns'
import { UnionSelect } from '../../work/UnionSelect'
import { SortSelect } from '../../work/SortSelect'
import { when } from '../../work/format'
import { LegalCaseDrawer } from './LegalCaseDrawer'

type Filter = 'open' | 'overdue' | 'closed' | 'all'

export default function LegalCasesPage() {
  const { api } = useConsole()
  const [filter, setFilter] = useState<Filter>('open')
  const [orgId, setOrgId] = useState<number | undefined>()
  const [kind, setKind] = useState<LegalDisputeKind | undefined>()
  const [status, setStatus] = useState<LegalStatus | undefined>()
  const [dates, setDates] = useState<[Dayjs, Dayjs] | null>(null)
  const [sort, setSort] = useState<SortOrder>('oldest')
  const [overdueCount, setOverdueCount] = useState(0)
  const [open, setOpen] = useState<number | null>(null)

  const from = dates?.[0].format('YYYY-MM-DD')
  const to = dates?.[1].format('YYYY-MM-DD')
  const list = useCursorTable<LegalCaseItem>(
    (cursor) =>
      api.send(legalApi.manageList, { query: { filter, orgId, kind, status, from, to, sort, limit: 50, cursor } }).then((page) => {
        setOverdueCount(page.overdueCount)
        return page
      }),
    [filter, orgId, kind, status, from, to, sort],
  )

  const columns = useMemo(
    () => [
      { key: 'id', title: '编号', dataIndex: 'id' },
      { key: 'memberName', title: '会员', render: (_: unknown, c: LegalCaseItem) => c.memberName ?? '—' },
      { key: 'kind', title: '纠纷类型', render: (_: unknown, c: LegalCaseItem) => LEGAL_DISPUTE_KINDS[c.kind] },
      { key: 'employer', title: '用人单位', dataIndex: 'employer' },
      { key: 'org', title: '所属工会', dataIndex: 'orgName' },
      { key: 'createdAt', title: '提交时间', render: (_: unknown, c: LegalCaseItem) => when(c.createdAt) },
      { key: 'due', title: '首次答复期限', render: (_: unknown, c: LegalCaseItem) => when(c.firstResponseDue) },
      {
        key: 'status',
        title: '状态',
        render: (_: unknown, c: LegalCaseItem) => (
          <Space size={4}>
            <Tag color={c.status === 'closed' ? 'default' : 'blue'}>{LEGAL_STATUSES[c.status]}</Tag>
            {c.overdue && <Tag color="red">已超时</Tag>}
            {c.outcome && <Tag>{LEGAL_OUTCOMES[c.outcome]}</Tag>}
          </Space>
        ),
      },
      { key: 'handler', title: '经办人', render: (_: unknown, c: LegalCaseItem) => c.handlerName ?? <Typography.Text type="secondary">未受理</Typography.Text> },
      { key: 'open', title: '操作', render: (_: unknown, c: LegalCaseItem) => <Button type="link" onClick={() => setOpen(c.id)} aria-label={`办理 ${c.id} 号咨询`}>办理</Button> },
    ],
    [],
  )
  const { visible, chooser } = useColumnChoice('legal-cases', columns)

  return (
    <>
      <Typography.Title level={3}>法律援助</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        {/* Tab lands on the options themselves, where the arrow keys work (the group's own tab stop ignored them) */}
        <Segmented<Filter>
          tabIndex={-1}
          aria-label="咨询范围"
          value={filter}
          onChange={setFilter}
          options={[
            { value: 'open', label: '未结案' },
            { value: 'overdue', label: <Badge count={overdueCount} size="small" offset={[8, -2]}>已超时</Badge> },
            { value: 'closed', label: '已结案' },
            { value: 'all', label: '全部' },
          ]}
        />
        <UnionSelect roles={['legal_staff', 'admin']} value={orgId} onChange={setOrgId} />
        <Select aria-label="纠纷类型" allowClear placeholder="纠纷类型" style={{ width: 140 }} value={kind} onChange={setKind}
          options={Object.entries(LEGAL_DISPUTE_KINDS).map(([value, label]) => ({ value, label }))} />
        <Select aria-label="办理状态" allowClear placeholder="办理状态" style={{ width: 140 }} value={status} onChange={setStatus}
          options={Object.entries(LEGAL_STATUSES).map(([value, label]) => ({ value, label: value === 'awaiting_member' ? '待会员补充' : label }))} />
        <DateRange label="提交日期" value={dates} onChange={setDates} />
        <SortSelect value={sort} onChange={setSort} oldest="最早提交在前" newest="最新提交在前" width={140} />
        {chooser}
      </Space>
      <CursorTable<LegalCaseItem>
        list={list}
        columns={visible}
        onRow={(c) => ({ onDoubleClick: () => setOpen(c.id) })}
        emptyText={filter === 'overdue' ? '没有超时未答复的咨询' : '暂无符合条件的咨询'}
      />
      <LegalCaseDrawer id={open} onClose={() => setOpen(null)} onChanged={list.reload} />
    </>
  )
}
