/**
 * 审计日志 (office console): who did what to which record, when, from where — the rows of the admin's union subtree,
 * newest first, 加载更多 by cursor; filters by union (a union of the subtree, with its own subtree), person (name, or 只看此人 on a row), action, record (type and number),
 * China calendar days and 只看敏感操作; views and exports of personal data highlighted; 导出 .xlsx of the filtered rows
 * (the export is itself audited).
 */
import { useMemo, useState } from 'react'
import { App, Button, Input, Select, Space, Switch, Tag, Tooltip, Typography } from 'antd'
import { DownloadOutlined, EyeOutlined } from '@ant-design/icons'
import type { Dayjs } from 'dayjs'
import { auditApi } from '@contract/audit/api'
import { AUDIT_ACTION_LABELS, AUDIT_CHANNEL_LABELS, AUDIT_SUBJECT_LABELS, auditActionLabel, auditSubjectLabel } from '@contract/audit/labels'
import type { AuditRow } from '@contract/audit/schemas'
import { isApiError } from '@/api/errors'
import { useConsole, useSessionState } from '../../console'
import { useCursorTable } from '../../work/cursor'
import { CursorTable } from '../../work/CursorTable'
import { DateRange } from '../../work/DateRange'
import { useColumnChoice } from '../../work/columns'
import { downloadExport } from '../../work/download'
import { UnionSelect } from '../../work/UnionSelect'

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

/** "orgId: 5, count: 3" — the row's detail in one line (the full text in its tooltip). */
function summary(detail: Record<string, unknown> | null): string {
  if (!detail) return ''
  return Object.entries(detail)
    .map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join('，')
}

const actionOptions = Object.entries(AUDIT_ACTION_LABELS).map(([value, label]) => ({ value, label: `${label}（${value}）` }))
const subjectOptions = Object.entries(AUDIT_SUBJECT_LABELS).map(([value, label]) => ({ value, label }))

export default function AuditLogPage() {
  const { api } = useConsole()
  const { token } = useSessionState()
  const { message } = App.useApp()
  const [orgId, setOrgId] = useState<number | undefined>()
  const [actor, setActor] = useState('')
  const [actorPick, setActorPick] = useState<{ id: number; name: string } | null>(null)
  const [action, setAction] = useState<string | undefined>()
  const [subjectType, setSubjectType] = useState<string | undefined>()
  const [subjectId, setSubjectId] = useState('')
  const [dates, setDates] = useState<[Dayjs, Dayjs] | null>(null)
  const [sensitive, setSensitive] = useState(false)
  const [exporting, setExporting] = useState(false)

  const filters = {
    orgId,
    actorId: actorPick?.id,
    actor: actorPick ? undefined : actor || undefined,
    action,
    subjectType,
    subjectId: subjectId || undefined,
    from: dates?.[0].format('YYYY-MM-DD'),
    to: dates?.[1].format('YYYY-MM-DD'),
    sensitive: sensitive ? ('1' as const) : undefined,
  }
  const list = useCursorTable<AuditRow>(
    (cursor) => api.send(auditApi.list, { query: { ...filters, limit: 50, cursor } }),
    [orgId, filters.actorId, filters.actor, action, subjectType, filters.subjectId, filters.from, filters.to, sensitive],
  )

  const columns = useMemo(
    () => [
      { key: 'at', title: '时间', width: 180, render: (_: unknown, r: AuditRow) => when(r.at) },
      {
        key: 'actor',
        title: '操作人',
        width: 190,
        render: (_: unknown, r: AuditRow) =>
          r.actor ? (
            <Space size={4} style={{ whiteSpace: 'nowrap' }}>
              <span>{r.actor.name || `用户 ${r.actor.id}`}</span>
              <Button type="link" size="small" onClick={() => setActorPick({ id: r.actor!.id, name: r.actor!.name })}>
                只看此人
              </Button>
            </Space>
          ) : (
            <Typography.Text type="secondary">系统</Typography.Text>
          ),
      },
      {
        key: 'action',
        title: '操作',
        width: 250,
        render: (_: unknown, r: AuditRow) => (
          <Space size={4} wrap>
            <span title={r.action}>{auditActionLabel(r.action)}</span>
            {r.sensitive && (
              <Tag color="red" icon={<EyeOutlined />}>
                敏感信息
              </Tag>
            )}
          </Space>
        ),
      },
      {
        key: 'subject',
        title: '对象',
        width: 150,
        render: (_: unknown, r: AuditRow) => (r.subjectType ? `${auditSubjectLabel(r.subjectType)}${r.subjectId ? ` #${r.subjectId}` : ''}` : ''),
      },
      { key: 'org', title: '所属工会', width: 200, render: (_: unknown, r: AuditRow) => r.org?.name ?? '平台' },
      {
        key: 'origin',
        title: '来源',
        width: 230,
        render: (_: unknown, r: AuditRow) => (
          <span title={r.userAgent ?? undefined}>
            {[r.channel ? AUDIT_CHANNEL_LABELS[r.channel] : null, r.device, r.ip].filter(Boolean).join(' · ') || '—'}
          </span>
        ),
      },
      {
        key: 'detail',
        title: '详情',
        render: (_: unknown, r: AuditRow) => {
          const text = summary(r.detail)
          return text ? (
            <Tooltip title={text}>
              <span className="audit-detail">{text}</span>
            </Tooltip>
          ) : null
        },
      },
    ],
    [],
  )
  const { visible, chooser } = useColumnChoice('audit-log', columns)

  const exportRows = async () => {
    setExporting(true)
    try {
      const name = await downloadExport(auditApi.exportXlsx.path, filters, token, '审计日志.xlsx')
      message.success(`已导出 ${name}`)
    } catch (err) {
      message.error(isApiError(err) ? err.message : '导出失败，请稍后再试')
    } finally {
      setExporting(false)
    }
  }

  return (
    <>
      <Typography.Title level={3}>审计日志</Typography.Title>
      <Space wrap style={{ marginBottom: 12 }}>
        <UnionSelect roles={['admin']} value={orgId} onChange={setOrgId} />
        {actorPick ? (
          <Tag closable onClose={() => setActorPick(null)} closeIcon={<span aria-label="取消只看此人">×</span>} style={{ padding: '4px 8px' }}>
            操作人：{actorPick.name || `用户 ${actorPick.id}`}
          </Tag>
        ) : (
          <Input.Search aria-label="操作人" placeholder="操作人" allowClear style={{ width: 180 }} onSearch={(v) => setActor(v.trim())} />
        )}
        <Select aria-label="操作" allowClear showSearch optionFilterProp="label" placeholder="操作" style={{ width: 280 }} value={action} onChange={setAction} options={actionOptions} />
        <Select aria-label="对象类型" allowClear placeholder="对象类型" style={{ width: 160 }} value={subjectType} onChange={setSubjectType} options={subjectOptions} />
        <Input.Search aria-label="对象编号" placeholder="对象编号" allowClear style={{ width: 160 }} onSearch={(v) => setSubjectId(v.trim())} />
        <DateRange label="日期" value={dates} onChange={setDates} />
        <Space size={6}>
          <Switch id="audit-sensitive-only" checked={sensitive} onChange={setSensitive} aria-label="只看敏感操作" />
          <label htmlFor="audit-sensitive-only">只看敏感操作</label>
        </Space>
        {chooser}
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportRows}>
          导出 Excel
        </Button>
      </Space>
      <CursorTable<AuditRow>
        list={list}
        columns={visible}
        rowClassName={(r) => (r.sensitive ? 'audit-sensitive' : '')}
        scroll={{ x: 1400 }}
        emptyText='没有符合条件的操作记录'
      />
    </>
  )
}
