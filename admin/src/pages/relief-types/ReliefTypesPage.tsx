/**
 * 救助类型 (office console, admins with relief.manage): every aid type of the unions the admin manages — paused ones
 * too — as a table (名称, 所属工会, 状态, 受理时间, 金额规则, 最高金额, 申请材料), 加载更多 by cursor, 列设置;
 * 新建救助类型 / 编辑 in a side panel over the mini-program's own `AidTypeEditor` (src/packages/relief-staff/stores),
 * and 下级工会自设类型范围 (the limits a union sets for its sub-unions' own types) in another.
 */
import { useMemo, useState } from 'react'
import { Button, Space, Tag, Typography } from 'antd'
import { PlusOutlined, SettingOutlined } from '@ant-design/icons'
import { reliefApi } from '@contract/relief/api'
import type { AidType } from '@contract/relief/schemas'
import { typeState } from '@/packages/relief-staff/stores/type-labels'
import { useConsole } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { useColumnChoice } from '../../work/columns'
import { TypeEditDrawer } from './TypeEditDrawer'
import { LimitsDrawer } from './LimitsDrawer'

type Row = AidType & { id: string }

const STATE_COLOR = { open: 'green', closed: 'default', paused: 'orange' } as const

/** The most one case of this type may receive, in yuan. */
export function ceilingOf(t: AidType): number {
  const a = t.amount
  if (a.kind === 'reviewer_set') return a.max
  if (a.kind === 'fixed_tiers') return Math.max(0, ...a.tiers.map((x) => x.amount))
  return Math.max(0, ...a.bands.map((b) => b.amount))
}

export default function ReliefTypesPage() {
  const { api } = useConsole()
  /** '' = 新建; a key = 编辑; null = closed. */
  const [editing, setEditing] = useState<string | null>(null)
  const [limitsOpen, setLimitsOpen] = useState(false)
  const list = useCursorTable<Row>(
    (cursor) => api.send(reliefApi.manageTypes, { query: { cursor } }).then((p) => ({ ...p, items: p.items.map((t) => ({ ...t, id: t.key })) })),
    [],
  )

  const columns = useMemo(
    () => [
      { key: 'name', title: '类型名称', dataIndex: 'name' },
      { key: 'org', title: '所属工会', render: (_: unknown, t: Row) => t.org.name },
      {
        key: 'state',
        title: '状态',
        render: (_: unknown, t: Row) => {
          const s = typeState(t)
          return <Tag color={STATE_COLOR[s.key]}>{s.label}</Tag>
        },
      },
      { key: 'window', title: '受理时间', dataIndex: 'windowLabel' },
      { key: 'amount', title: '金额规则', dataIndex: 'amountLabel' },
      { key: 'ceiling', title: '每件最高（元）', render: (_: unknown, t: Row) => `¥${ceilingOf(t)}` },
      {
        key: 'documents',
        title: '申请材料',
        render: (_: unknown, t: Row) => `${t.documents.length} 项（必传 ${t.documents.filter((d) => d.required).length} 项）`,
      },
      {
        key: 'actions',
        title: '操作',
        render: (_: unknown, t: Row) => (
          <Button type="link" onClick={() => setEditing(t.key)} aria-label={`编辑 ${t.name}`}>编辑</Button>
        ),
      },
    ],
    [],
  )
  const { visible, chooser } = useColumnChoice('relief-types', columns)

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} align="center">
        <Typography.Title level={3}>救助类型</Typography.Title>
        <Space>
          <Button icon={<SettingOutlined />} onClick={() => setLimitsOpen(true)}>下级工会自设类型范围</Button>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('')}>新建救助类型</Button>
        </Space>
      </Space>
      <Space wrap style={{ marginBottom: 12 }}>{chooser}</Space>
      <CursorTable<Row>
        list={list}
        columns={visible}
        onRow={(t) => ({ onDoubleClick: () => setEditing(t.key) })}
        emptyText="您管理的工会还没有救助类型，可点击“新建救助类型”设置"
        unit="个类型"
      />
      <TypeEditDrawer
        typeKey={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null)
          list.reload()
        }}
      />
      <LimitsDrawer open={limitsOpen} onClose={() => setLimitsOpen(false)} />
    </>
  )
}
