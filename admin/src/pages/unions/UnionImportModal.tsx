/**
 * 批量导入工会: pick a .xlsx / .csv → the server's dry run (nothing written) shown as a table — the summary, the
 * counts, every problem by row and column — → 确认导入 only when no row has a problem (all or nothing, as the
 * server commits). The file goes up through the API client's upload (the session's token, one relogin on 401).
 */
import { useState } from 'react'
import { Alert, Button, Descriptions, Modal, Space, Table, Typography, Upload } from 'antd'
import { UploadOutlined } from '@ant-design/icons'
import { unionsApi } from '@contract/unions/api'
import { UNION_IMPORT_COLUMNS, UNION_IMPORT_MAX_BYTES, UNION_IMPORT_MAX_ROWS, UNION_IMPORT_OPTIONAL_COLUMNS, UNION_KIND_LABELS, UNION_KINDS } from '@contract/unions/labels'
import type { ImportReport } from '@contract/imports'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'

const COLUMNS = (Object.keys(UNION_IMPORT_COLUMNS) as (keyof typeof UNION_IMPORT_COLUMNS)[])
  .map((k) => (UNION_IMPORT_OPTIONAL_COLUMNS.includes(k) ? `${UNION_IMPORT_COLUMNS[k]}（可选）` : UNION_IMPORT_COLUMNS[k]))
  .join('、')
const KINDS = UNION_KINDS.filter((k) => k !== 'district').map((k) => UNION_KIND_LABELS[k]).join('、')
const MAX_MB = UNION_IMPORT_MAX_BYTES / 1024 / 1024

export function ImportReportTable({ report }: { report: ImportReport }) {
  const c = report.counts
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="import-report">
      <Alert type={report.committed ? 'success' : c.rejected ? 'error' : 'info'} showIcon title={report.summary} description={report.fileName} />
      <Descriptions size="small" column={5} bordered items={[
        { key: 'total', label: '共', children: `${c.total} 行` },
        { key: 'new', label: '新增', children: c.new },
        { key: 'updated', label: '更新', children: c.updated },
        { key: 'unchanged', label: '无变化', children: c.unchanged },
        { key: 'rejected', label: '有问题', children: c.rejected },
      ]} />
      {report.problems.length > 0 && (
        <Table
          size="small"
          rowKey={(p) => `${p.row}-${p.column ?? ''}-${p.message}`}
          dataSource={report.problems}
          pagination={report.problems.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
          aria-label="有问题的行"
          columns={[
            { key: 'row', title: '行', dataIndex: 'row', width: 80, render: (r: number) => `第 ${r} 行` },
            { key: 'column', title: '列', dataIndex: 'column', width: 140, render: (c: string | null) => c ?? '整行' },
            { key: 'message', title: '问题', dataIndex: 'message' },
          ]}
        />
      )}
      {report.problemsTruncated && <Typography.Text type="secondary">问题过多，只列出前 {report.problems.length} 条；请先修正后再检查。</Typography.Text>}
    </Space>
  )
}

export function UnionImportModal({ open, onClose, onImported }: { open: boolean; onClose: () => void; onImported: () => void }) {
  const { api } = useConsole()
  const [file, setFile] = useState<File | null>(null)
  const [report, setReport] = useState<ImportReport | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'check' | 'commit' | null>(null)

  const send = async (endpoint: typeof unionsApi.importDryRun | typeof unionsApi.importCommit, f: File) => {
    const url = URL.createObjectURL(f)
    try {
      return await api.upload(endpoint, { filePath: url, fileName: f.name })
    } finally {
      URL.revokeObjectURL(url)
    }
  }
  const run = async (step: 'check' | 'commit', f: File) => {
    setBusy(step)
    setError(null)
    try {
      const r = await send(step === 'check' ? unionsApi.importDryRun : unionsApi.importCommit, f)
      setReport(r)
      if (r.committed) onImported()
    } catch (err) {
      setError(isApiError(err) ? err.message : '上传失败，请重试')
    } finally {
      setBusy(null)
    }
  }
  const pick = (f: File) => {
    if (f.size > UNION_IMPORT_MAX_BYTES) {
      setError(`文件不能超过 ${MAX_MB} MB，请分批导入`)
      return false
    }
    setFile(f)
    setReport(null)
    void run('check', f)
    return false
  }
  const close = () => {
    setFile(null)
    setReport(null)
    setError(null)
    onClose()
  }
  const canCommit = !!file && !!report && !report.committed && report.counts.rejected === 0

  return (
    <Modal
      open={open}
      title="批量导入工会"
      width={820}
      onCancel={close}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={close}>{report?.committed ? '完成' : '取消'}</Button>
          {!report?.committed && (
            <Button type="primary" disabled={!canCommit} loading={busy === 'commit'} onClick={() => file && void run('commit', file)}>
              确认导入
            </Button>
          )}
        </Space>
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Paragraph>
          .xlsx 或 .csv（UTF-8 或 GBK），不超过 {MAX_MB} MB、{UNION_IMPORT_MAX_ROWS} 行。第一行为表头：{COLUMNS}。“上级工会”可以写本文件中的另一个工会，也可以写系统中已有的、您管理范围内的工会，填名称或统一社会信用代码均可。“类型”填{KINDS}。
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">先检查每一行，全部无误后才能导入；有任何一行有问题时不会导入任何数据。</Typography.Paragraph>
        <Upload accept=".xlsx,.csv" showUploadList={false} beforeUpload={pick} disabled={busy !== null}>
          <Button icon={<UploadOutlined />} loading={busy === 'check'}>{file ? '重新选择文件' : '选择工会名单文件'}</Button>
        </Upload>
        {error && <Alert type="error" showIcon title={error} />}
        {report && <ImportReportTable report={report} />}
      </Space>
    </Modal>
  )
}
