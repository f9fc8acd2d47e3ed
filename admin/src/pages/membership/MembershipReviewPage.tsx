/**
 * 入会审核 (office console): the reviewer's queue as a table — filters (union of the post, employment type, overdue,
 * submitted dates), oldest or newest first, 加载更多 by cursor, 列设置 — and 批量通过 of the selected rows: the server
 * judges each as a single approval and answers per row; refused rows stay selected with their reason.
 */
import { useMemo, useState } from 'react'
import { App, Button, Select, Space, Tag, Typography } from 'antd'
import { OverdueSelect, type OverdueFilter } from '../../work/OverdueSelect'
import { SortSelect } from '../../work/SortSelect'
import { CheckOutlined } from '@ant-design/icons'
import type { Dayjs } from 'dayjs'
import type { SortOrder } from '@contract/paging'
import { membershipApi } from '@contract/membership/api'
import { EMPLOYMENT_TYPES, type EmploymentType } from '@contract/membership/labels'
import type { BulkApproveResult, ReviewQueueItem } from '@contract/membership/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { DateRange } from '../../work/DateRange'
import { useColumnChoice } from '../../work/columns'

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

export default function MembershipReviewPage() {
  const { api } = useConsole()
  const { message } = App.useApp()
  const [employmentType, setEmploymentType] = useState<EmploymentType | undefined>()
  const [overdue, setOverdue] = useState<OverdueFilter>()
  const [sort, setSort] = useState<SortOrder>('oldest')
  const [dates, setDates] = useState<[Dayjs, Dayjs] | null>(null)
  const [selected, setSelected] = useState<number[]>([])
  const [result, setResult] = useState<BulkApproveResult | null>(null)
  const [busy, setBusy] = useState(false)

  const filters = { employmentType, overdue, sort, from: dates?.[0].format('YYYY-MM-DD'), to: dates?.[1].format('YYYY-MM-DD') }
  const list = useCursorTable<ReviewQueueItem>(
    (cursor) => api.send(membershipApi.reviewQueue, { query: { ...filters, limit: 50, cursor } }),
    [employmentType, overdue, sort, filters.from, filters.to],
  )

  const columns = useMemo(
    () => [
      { key: 'name', title: '申请人', dataIndex: 'name' },
      { key: 'org', title: '申请工会', render: (_: unknown, r: ReviewQueueItem) => r.org.name },
      { key: 'employmentType', title: '就业形态', render: (_: unknown, r: ReviewQueueItem) => EMPLOYMENT_TYPES[r.employmentType] },
      { key: 'submittedAt', title: '提交时间', render: (_: unknown, r: ReviewQueueItem) => when(r.submittedAt) },
      { key: 'waitingHours', title: '已等待', render: (_: unknown, r: ReviewQueueItem) => `${r.waitingHours} 小时` },
      {
        key: 'state',
        title: '状态',
        render: (_: unknown, r: ReviewQueueItem) => (
          <Space size={4}>
            {r.overdue && <Tag color="red">已超时</Tag>}
            {r.resubmission && <Tag>重新提交</Tag>}
          </Space>
        ),
      },
      {
        key: 'result',
        title: '批量结果',
        render: (_: unknown, r: ReviewQueueItem) => {
          const item = result?.results.find((x) => x.id === r.id)
          if (!item) return null
          return item.ok ? <Tag color="green">已通过</Tag> : <Tag color="orange">{item.message}</Tag>
        },
      },
    ],
    [result],
  )
  const { visible, chooser } = useColumnChoice('membership-review', columns)

  const approveSelected = async () => {
    setBusy(true)
    try {
      const res = await api.send(membershipApi.bulkApprove, { body: { ids: selected } })
      setResult(res)
      setSelected(res.results.filter((r) => !r.ok).map((r) => r.id))
      if (res.refused === 0) message.success(`已通过 ${res.approved} 份入会申请`)
      else message.warning(`已通过 ${res.approved} 份，${res.refused} 份未能通过`)
    } catch (err) {
      message.error(isApiError(err) ? err.message : '操作失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }

  return (
    <>
      <Typography.Title level={3}>入会审核</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <Select aria-label="就业形态" allowClear placeholder="就业形态" style={{ width: 180 }} value={employmentType} onChange={setEmploymentType}
          options={Object.entries(EMPLOYMENT_TYPES).map(([value, label]) => ({ value, label }))} />
        <OverdueSelect value={overdue} onChange={setOverdue} />
        <DateRange label="提交日期" value={dates} onChange={setDates} />
        <SortSelect value={sort} onChange={setSort} oldest="最早提交在前" newest="最新提交在前" width={140} />
        {chooser}
        <Button type="primary" icon={<CheckOutlined />} disabled={selected.length === 0} loading={busy} onClick={approveSelected}>
          批量通过{selected.length ? `（${selected.length}）` : ''}
        </Button>
      </Space>
      <CursorTable<ReviewQueueItem>
        list={list}
        columns={visible}
        rowSelection={{ selectedRowKeys: selected, onChange: (keys) => setSelected(keys as number[]) }}
        emptyText='暂无待审核的入会申请'
      />
    </>
  )
}
