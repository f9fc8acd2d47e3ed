/**
 * 会员名册导入 (office console): a federation brings in the members it already has. 下载模板 → choose the union the
 * file is for → upload the .xlsx/.csv (the server sniffs its bytes and size; its refusals shown by reason) → the dry
 * run as a table, row by row (masked ID number and phone, the union, 新增 / 更新台账 / 已在台账 / 已是会员 / 有错误 with
 * the Chinese message per column; counts on top, a filter by outcome) → 确认导入: the whole file, or — when some rows
 * have problems — the others, the problem rows left out and downloadable as .xlsx to fix and upload again. The past
 * imports are read from the audit log (each commit is audited).
 */
import { useMemo, useState } from 'react'
import { Alert, App, Button, Card, Result, Segmented, Space, Statistic, Table, Tag, Typography, Upload } from 'antd'
import { DownloadOutlined, InboxOutlined } from '@ant-design/icons'
import type { UploadFile } from 'antd'
import { rosterApi } from '@contract/roster/api'
import { ROSTER_COLUMNS, ROSTER_MAX_BYTES, ROSTER_OPTIONAL_COLUMNS, ROSTER_OUTCOMES, type RosterColumn, type RosterOutcome } from '@contract/roster/labels'
import { RosterReasons, type RosterReason } from '@contract/roster/reasons'
import type { RosterPreviewRow, RosterReport } from '@contract/roster/schemas'
import { isApiError } from '@/api/errors'
import { useConsole, useSessionState } from '../../console'
import { UnionSelect } from '../../work/UnionSelect'
import { downloadExport } from '../../work/download'
import { sendFile, sendFileForDownload } from '../../work/upload'
import { PastImports } from './PastImports'

const COLUMN_HINT = (Object.keys(ROSTER_COLUMNS) as RosterColumn[])
  .map((k) => (ROSTER_OPTIONAL_COLUMNS.includes(k) ? `${ROSTER_COLUMNS[k]}（可选）` : ROSTER_COLUMNS[k]))
  .join('、')

/** What each upload refusal means for the person at the desk (the server's own sentence follows it). */
const REFUSAL_TITLES: Partial<Record<RosterReason | 'FILE_TOO_LARGE', string>> = {
  ROSTER_FILE_TYPE: '文件格式不支持',
  ROSTER_FILE_TOO_LARGE: '文件太大',
  FILE_TOO_LARGE: '文件太大',
  ROSTER_FILE_EMPTY: '文件是空的',
  ROSTER_FILE_UNREADABLE: '无法读取文件',
  ROSTER_COLUMNS_MISSING: '表头不完整',
  ROSTER_NO_ROWS: '没有数据行',
  ROSTER_TOO_MANY_ROWS: '行数超过上限',
  ROSTER_UNION_OUTSIDE: '不能导入到所选工会',
  ROSTER_UNION_CLOSED: '所选工会已撤销',
  ROSTER_IMPORT_CONFLICT: '导入冲突',
}

const OUTCOME_COLORS: Record<RosterOutcome, string> = { new: 'green', updated: 'blue', unchanged: 'default', member: 'gold', error: 'red' }
type Filter = RosterOutcome | 'all'

interface Refusal {
  title: string
  message: string
}

function refusalOf(err: unknown): Refusal {
  if (isApiError(err)) return { title: REFUSAL_TITLES[err.reason as RosterReason] ?? '操作未完成', message: err.message }
  return { title: '操作未完成', message: '网络异常，请稍后再试' }
}

export default function RosterImportPage() {
  const { api } = useConsole()
  const { token } = useSessionState()
  const { message } = App.useApp()
  const [orgId, setOrgId] = useState<number | undefined>()
  const [file, setFile] = useState<File | null>(null)
  const [preview, setPreview] = useState<RosterReport | null>(null)
  const [result, setResult] = useState<RosterReport | null>(null)
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null)
  const [refusal, setRefusal] = useState<Refusal | null>(null)
  const [filter, setFilter] = useState<Filter>('all')
  const [pastKey, setPastKey] = useState(0)

  const check = async (f: File, union = orgId) => {
    setFile(f)
    setPreview(null)
    setResult(null)
    setRefusal(null)
    setFilter('all')
    if (f.size > ROSTER_MAX_BYTES) {
      setRefusal({ title: REFUSAL_TITLES.ROSTER_FILE_TOO_LARGE!, message: RosterReasons.ROSTER_FILE_TOO_LARGE.message() })
      return
    }
    setBusy('check')
    try {
      setPreview(await sendFile(api, rosterApi.dryRun, f, { orgId: union }))
    } catch (err) {
      setRefusal(refusalOf(err))
    } finally {
      setBusy(null)
    }
  }

  const commit = async () => {
    if (!file || !preview) return
    setBusy('commit')
    setRefusal(null)
    try {
      const skip = preview.counts.rejected > 0
      const r = await sendFile(api, rosterApi.commit, file, { orgId, skipRejected: skip ? '1' : undefined })
      if (r.committed) {
        setResult(r)
        setPreview(null)
        setPastKey((k) => k + 1)
        message.success('导入完成')
      } else {
        // Someone changed the roster since the check: the new judgement is the preview now.
        setPreview(r)
        setRefusal({ title: '未导入', message: r.summary })
      }
    } catch (err) {
      setRefusal(refusalOf(err))
    } finally {
      setBusy(null)
    }
  }

  const saveProblems = async () => {
    if (!file) return
    try {
      const name = await sendFileForDownload(rosterApi.problemRows, file, { orgId }, token, '会员台账-问题行.xlsx')
      message.success(`已下载 ${name}`)
    } catch (err) {
      message.error(isApiError(err) ? err.message : '下载失败，请稍后再试')
    }
  }

  const saveTemplate = async () => {
    try {
      await downloadExport(rosterApi.template.path, {}, token, '会员台账模板.xlsx')
      message.success('已下载模板')
    } catch (err) {
      message.error(isApiError(err) ? err.message : '下载失败，请稍后再试')
    }
  }

  const restart = () => {
    setFile(null)
    setPreview(null)
    setResult(null)
    setRefusal(null)
  }

  const fileList: UploadFile[] = file ? [{ uid: 'roster', name: file.name, status: refusal ? 'error' : busy === 'check' ? 'uploading' : 'done' }] : []

  return (
    <>
      <Typography.Title level={3}>会员名册导入</Typography.Title>
      <Typography.Paragraph type="secondary" style={{ maxWidth: 960 }}>
        上传 .xlsx 或 .csv 文件（不超过 {ROSTER_MAX_BYTES / 1024 / 1024} MB），第一行为表头：{COLUMN_HINT}。先逐行检查，确认后再导入；同一文件可重复导入，不会重复登记。导入的会员在小程序中完成会员认证后即可使用会员服务。
      </Typography.Paragraph>
      <Space wrap align="center" style={{ marginBottom: 16 }}>
        <Button icon={<DownloadOutlined />} onClick={saveTemplate}>
          下载模板
        </Button>
        <UnionSelect
          label="导入到"
          roles={['admin']}
          value={orgId}
          onChange={(v) => {
            setOrgId(v)
            if (file && !result) void check(file, v)
          }}
        />
        <Typography.Text type="secondary">选择后，“所属工会”留空的行导入到该工会，填写的工会须在其下</Typography.Text>
      </Space>

      {result ? (
        <ImportResult report={result} onProblems={saveProblems} onAgain={restart} />
      ) : (
        <>
          <Upload.Dragger
            height={preview ? 64 : 160}
            accept=".xlsx,.csv"
            multiple={false}
            fileList={fileList}
            showUploadList={{ showRemoveIcon: false }}
            disabled={busy !== null}
            beforeUpload={(f) => {
              void check(f as File)
              return false
            }}
          >
            {preview ? (
              <p className="ant-upload-text">重新选择台账文件（.xlsx 或 .csv）</p>
            ) : (
              <>
                <p className="ant-upload-drag-icon">
                  <InboxOutlined />
                </p>
                <p className="ant-upload-text">{file ? '重新选择台账文件' : '点击或拖入台账文件'}</p>
                <p className="ant-upload-hint">.xlsx 或 .csv（UTF-8 / GBK）</p>
              </>
            )}
          </Upload.Dragger>
          {busy === 'check' && <Alert style={{ marginTop: 12 }} type="info" showIcon title={`正在检查 ${file?.name ?? ''}…`} />}
          {refusal && <Alert style={{ marginTop: 12 }} type="error" showIcon role="alert" title={refusal.title} description={refusal.message} />}
          {preview && <Preview report={preview} filter={filter} onFilter={setFilter} busy={busy} onCommit={commit} onProblems={saveProblems} />}
        </>
      )}
      <PastImports orgId={orgId} reloadKey={pastKey} />
    </>
  )
}

function Counts({ report }: { report: RosterReport }) {
  const c = report.counts
  return (
    <Space size={32} wrap>
      <Statistic title="共" value={c.total} suffix="行" />
      <Statistic title={ROSTER_OUTCOMES.new} value={c.new} suffix="人" />
      <Statistic title={ROSTER_OUTCOMES.updated} value={c.updated} suffix="人" />
      <Statistic title={ROSTER_OUTCOMES.unchanged} value={c.unchanged} suffix="人" />
      <Statistic title={ROSTER_OUTCOMES.member} value={report.members} suffix="人" />
      <Statistic title={ROSTER_OUTCOMES.error} value={c.rejected - report.members} suffix="行" />
    </Space>
  )
}

function Preview(props: {
  report: RosterReport
  filter: Filter
  onFilter: (f: Filter) => void
  busy: 'check' | 'commit' | null
  onCommit: () => void
  onProblems: () => void
}) {
  const { report, filter, busy } = props
  const c = report.counts
  const writable = c.new + c.updated
  const byOutcome = useMemo(() => {
    const n: Record<Filter, number> = { all: report.rows.length, new: 0, updated: 0, unchanged: 0, member: 0, error: 0 }
    for (const r of report.rows) n[r.outcome] += 1
    return n
  }, [report])
  const rows = filter === 'all' ? report.rows : report.rows.filter((r) => r.outcome === filter)
  const columns = [
    { key: 'row', title: '行号', dataIndex: 'row', width: 72 },
    { key: 'name', title: '姓名', dataIndex: 'name', width: 120 },
    { key: 'idNumber', title: '身份证号', dataIndex: 'idNumber', width: 190 },
    { key: 'phone', title: '手机号', dataIndex: 'phone', width: 130 },
    { key: 'union', title: '所属工会', dataIndex: 'unionName', width: 220 },
    {
      key: 'outcome',
      title: '结果',
      width: 110,
      render: (_: unknown, r: RosterPreviewRow) => <Tag color={OUTCOME_COLORS[r.outcome]}>{ROSTER_OUTCOMES[r.outcome]}</Tag>,
    },
    {
      key: 'problems',
      title: '问题',
      render: (_: unknown, r: RosterPreviewRow) =>
        r.problems.length ? (
          <ul className="roster-problems">
            {r.problems.map((p, i) => (
              <li key={i}>{p.column ? `${p.column}：${p.message}` : p.message}</li>
            ))}
          </ul>
        ) : null,
    },
  ]

  return (
    <Card style={{ marginTop: 16 }} title={`检查结果：${report.fileName}`}>
      <Counts report={report} />
      <Alert
        style={{ margin: '16px 0' }}
        type={c.rejected > 0 ? 'warning' : 'success'}
        showIcon
        title={
          c.rejected === 0
            ? `检查通过：可导入 ${writable} 人${c.unchanged ? `，${c.unchanged} 人已在台账无变化` : ''}`
            : `${c.rejected} 行不会导入（${report.members} 行已是会员，${c.rejected - report.members} 行有错误）。可先导入其余 ${writable} 人，再下载问题行修改后重新上传`
        }
      />
      <Space wrap style={{ marginBottom: 12 }}>
        {/* Tab lands on the options themselves, where the arrow keys work (the group's own tab stop ignored them) */}
        <Segmented<Filter>
          tabIndex={-1}
          aria-label="按结果筛选"
          value={filter}
          onChange={props.onFilter}
          options={(['all', 'new', 'updated', 'unchanged', 'member', 'error'] as const).map((k) => ({
            value: k,
            label: `${k === 'all' ? '全部' : ROSTER_OUTCOMES[k]} ${byOutcome[k]}`,
          }))}
        />
        {c.rejected > 0 && (
          <Button icon={<DownloadOutlined />} onClick={props.onProblems}>
            下载问题行
          </Button>
        )}
      </Space>
      {report.rowsTruncated && <Typography.Paragraph type="secondary">仅逐行显示前 {report.rows.length} 行，计数包含全部 {c.total} 行。</Typography.Paragraph>}
      <Table<RosterPreviewRow>
        size="middle"
        rowKey="row"
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 50, hideOnSinglePage: true, showSizeChanger: false }}
        rowClassName={(r) => (r.outcome === 'error' ? 'roster-row-error' : '')}
        locale={{ emptyText: filter === 'all' ? '文件中没有数据行' : `没有“${ROSTER_OUTCOMES[filter]}”的行` }}
      />
      <Space style={{ marginTop: 16 }}>
        <Button type="primary" disabled={writable === 0 || busy !== null} loading={busy === 'commit'} onClick={props.onCommit}>
          {c.rejected > 0 ? `确认导入 ${writable} 人（跳过 ${c.rejected} 行）` : `确认导入 ${writable} 人`}
        </Button>
        {writable === 0 && <Typography.Text type="secondary">没有需要写入的行</Typography.Text>}
      </Space>
    </Card>
  )
}

function ImportResult({ report, onProblems, onAgain }: { report: RosterReport; onProblems: () => void; onAgain: () => void }) {
  const c = report.counts
  return (
    <Result
      status="success"
      title={`已导入 ${c.new + c.updated} 人`}
      subTitle={`新增 ${c.new} 人、更新 ${c.updated} 人、无变化 ${c.unchanged} 人；跳过 ${report.skipped} 行（${report.fileName}）`}
      extra={[
        report.skipped > 0 ? (
          <Button key="problems" icon={<DownloadOutlined />} onClick={onProblems}>
            下载问题行
          </Button>
        ) : null,
        <Button key="again" type="primary" onClick={onAgain}>
          导入另一份文件
        </Button>,
      ]}
    />
  )
}
