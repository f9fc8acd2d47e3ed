/**
 * 帮扶审核 (office console): the 初审 / 复核 queues as a table — filters (type, overdue), 加载更多 by cursor, 列设置 —
 * a side Drawer with the full record (the audited reviewer view), and 导出发放名单 (.xlsx for the finance office: the
 * cases the caller may pay now; full ID numbers only when ticked, which the server audits per case).
 */
import { useEffect, useMemo, useState } from 'react'
import { App, Button, Checkbox, Segmented, Select, Space, Tag, Typography } from 'antd'
import type { SortOrder } from '@contract/paging'
import { OverdueSelect, type OverdueFilter } from '../../work/OverdueSelect'
import { UnionSelect } from '../../work/UnionSelect'
import { SortSelect } from '../../work/SortSelect'
import { FileExcelOutlined } from '@ant-design/icons'
import { reliefApi } from '@contract/relief/api'
import type { ReliefQueueItem } from '@contract/relief/schemas'
import { isApiError } from '@/api/errors'
import { useConsole, useSessionState } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { useColumnChoice } from '../../work/columns'
import { downloadExport } from '../../work/download'
import { CaseDrawer } from './CaseDrawer'

const day = (iso: string) => new Date(iso).toLocaleDateString('zh-CN', { timeZone: 'Asia/Shanghai' })

export default function ReliefReviewPage() {
  const { api } = useConsole()
  const { token } = useSessionState()
  const { message } = App.useApp()
  const [level, setLevel] = useState<'base' | 'district'>('base')
  const [overdue, setOverdue] = useState<OverdueFilter>()
  const [typeKey, setTypeKey] = useState<string | undefined>()
  const [orgId, setOrgId] = useState<number | undefined>()
  const [sort, setSort] = useState<SortOrder>('oldest')
  const [types, setTypes] = useState<{ key: string; name: string }[]>([])
  const [open, setOpen] = useState<number | null>(null)
  const [reveal, setReveal] = useState(false)
  const [exporting, setExporting] = useState(false)

  useEffect(() => {
    api.send(reliefApi.types).then((r) => setTypes(r.items.map((t) => ({ key: t.key, name: t.name })))).catch(() => setTypes([]))
  }, [api])

  const list = useCursorTable<ReliefQueueItem>(
    (cursor) => api.send(reliefApi.reviewQueue, { query: { level, overdue, typeKey, orgId, sort, limit: 50, cursor } }),
    [level, overdue, typeKey, orgId, sort],
  )

  const columns = useMemo(
    () => [
      { key: 'id', title: '案件编号', dataIndex: 'id' },
      { key: 'applicantName', title: '申请人', dataIndex: 'applicantName' },
      { key: 'typeName', title: '救助类型', dataIndex: 'typeName' },
      { key: 'org', title: '所属工会', render: (_: unknown, r: ReliefQueueItem) => r.org.name },
      { key: 'waitingSince', title: '进入本环节', render: (_: unknown, r: ReliefQueueItem) => day(r.waitingSince) },
      { key: 'dueBy', title: '办理时限', render: (_: unknown, r: ReliefQueueItem) => day(r.dueBy) },
      {
        key: 'state',
        title: '状态',
        render: (_: unknown, r: ReliefQueueItem) => (
          <Space size={4}>
            {r.overdue ? <Tag color="red">已超时</Tag> : <Tag color="blue">办理中</Tag>}
            {r.resubmission && <Tag>补充后重新提交</Tag>}
            {r.homeVisitDone === false && <Tag color="orange">待入户走访</Tag>}
          </Space>
        ),
      },
      { key: 'open', title: '操作', render: (_: unknown, r: ReliefQueueItem) => <Button type="link" onClick={() => setOpen(r.id)}>查看</Button> },
    ],
    [],
  )
  const { visible, chooser } = useColumnChoice('relief-review', columns)

  const exportPayouts = async () => {
    setExporting(true)
    try {
      await downloadExport(reliefApi.payoutList.path, { typeKey, reveal: reveal ? '1' : undefined }, token, '发放名单.xlsx')
      message.success('发放名单已导出')
    } catch (err) {
      message.error(isApiError(err) ? err.message : '导出失败，请稍后再试')
    } finally {
      setExporting(false)
    }
  }

  return (
    <>
      <Typography.Title level={3}>帮扶审核</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Segmented tabIndex={-1} aria-label="审核环节" value={level} onChange={(v) => setLevel(v as 'base' | 'district')} options={[{ value: 'base', label: '初审' }, { value: 'district', label: '复核' }]} />
        <UnionSelect roles={['reviewer', 'admin']} value={orgId} onChange={setOrgId} />
        <OverdueSelect value={overdue} onChange={setOverdue} />
        <Select aria-label="救助类型" allowClear placeholder="救助类型" style={{ width: 180 }} value={typeKey} onChange={setTypeKey}
          options={types.map((t) => ({ value: t.key, label: t.name }))} />
        <SortSelect value={sort} onChange={setSort} oldest="等待最久在前" newest="最新进入在前" />
        {chooser}
        <Checkbox checked={reveal} onChange={(e) => setReveal(e.target.checked)}>显示完整身份证号（将记入审计日志）</Checkbox>
        <Button icon={<FileExcelOutlined />} loading={exporting} onClick={exportPayouts}>导出发放名单</Button>
      </Space>
      <CursorTable<ReliefQueueItem>
        list={list}
        columns={visible}
        onRow={(r) => ({ onDoubleClick: () => setOpen(r.id) })}
        emptyText={level === 'base' ? '暂无待初审的案件' : '暂无待复核的案件'}
      />
      <CaseDrawer id={open} onClose={() => setOpen(null)} />
    </>
  )
}
