/**
 * 最近的导入: the roster commits of the admin's subtree (or the chosen union's), read from the audit log — each commit
 * is audited with its file name and counts (membership.roster_import / _refused), so the log is the record.
 */
import { useEffect, useState } from 'react'
import { Alert, Button, Card, Table, Tag } from 'antd'
import { auditApi } from '@contract/audit/api'
import type { AuditRow } from '@contract/audit/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'
import { when } from '../../work/format'

interface Detail {
  fileName?: string
  counts?: { total?: number; new?: number; updated?: number; rejected?: number }
  skipped?: number
}

export function PastImports({ orgId, reloadKey }: { orgId: number | undefined; reloadKey: number }) {
  const { api } = useConsole()
  const [rows, setRows] = useState<AuditRow[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)

  useEffect(() => {
    let live = true
    setError(null)
    api
      .send(auditApi.list, { query: { action: 'membership.roster_import', orgId, limit: 10 } })
      .then((page) => live && setRows(page.items))
      .catch((err: unknown) => live && setError(isApiError(err) ? err.message : '加载失败，请稍后再试'))
    return () => {
      live = false
    }
  }, [api, orgId, reloadKey, attempt])

  const d = (r: AuditRow) => (r.detail ?? {}) as Detail
  return (
    <Card style={{ marginTop: 24 }} title="最近的导入">
      {error ? (
        <Alert type="error" showIcon title={error} action={<Button size="small" onClick={() => setAttempt((n) => n + 1)}>重试</Button>} />
      ) : (
        <Table<AuditRow>
          size="small"
          rowKey="id"
          loading={rows === null}
          dataSource={rows ?? []}
          pagination={false}
          locale={{ emptyText: '还没有导入过会员名册' }}
          columns={[
            { key: 'at', title: '时间', width: 170, render: (_, r) => when(r.at) },
            { key: 'actor', title: '操作人', width: 140, render: (_, r) => r.actor?.name ?? '—' },
            { key: 'org', title: '所属工会', width: 220, render: (_, r) => r.org?.name ?? '—' },
            { key: 'file', title: '文件', render: (_, r) => d(r).fileName ?? '—' },
            {
              key: 'counts',
              title: '结果',
              width: 300,
              render: (_, r) => {
                const c = d(r).counts ?? {}
                return (
                  <>
                    <Tag color="green">新增 {c.new ?? 0}</Tag>
                    <Tag color="blue">更新 {c.updated ?? 0}</Tag>
                    {(d(r).skipped ?? 0) > 0 && <Tag color="gold">跳过 {d(r).skipped}</Tag>}
                  </>
                )
              },
            },
          ]}
        />
      )}
    </Card>
  )
}
