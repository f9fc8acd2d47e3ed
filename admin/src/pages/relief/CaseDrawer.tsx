/**
 * The full record of a relief case beside the queue: the existing reviewer view (GET /api/relief/review/:id — it
 * decrypts the sensitive values and writes the audit row, exactly as the mini-program's review page does).
 */
import { useEffect, useState } from 'react'
import { Alert, Descriptions, Drawer, Spin, Tag, Timeline, Typography } from 'antd'
import { reliefApi } from '@contract/relief/api'
import { EMPLOYMENT_TYPES } from '@contract/membership/labels'
import type { ReviewDetail } from '@contract/relief/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'

const when = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false })

export function CaseDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const { api } = useConsole()
  const [detail, setDetail] = useState<ReviewDetail | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (id === null) return
    let live = true
    setDetail(null)
    setError(null)
    api
      .send(reliefApi.reviewDetail, { params: { id } })
      .then((d) => live && setDetail(d))
      .catch((err: unknown) => live && setError(isApiError(err) ? err.message : '加载失败'))
    return () => {
      live = false
    }
  }, [api, id])

  const fields = detail ? detail.type.fields.map((f) => ({ key: f.key, label: f.label, children: String(detail.fields[f.key] ?? '—') })) : []
  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={detail ? `${detail.typeName} · ${detail.applicant.name}` : '案件详情'} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!detail && !error && <Spin aria-label="加载中" />}
      {detail && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本次查看含敏感信息，已记入审计日志" />
          <Descriptions size="small" column={2} bordered title="申请概况" items={[
            { key: 'stage', label: '阶段', children: <Tag>{detail.stageLabel}</Tag> },
            { key: 'org', label: '所属工会', children: detail.org.name },
            { key: 'member', label: '会员编号', children: detail.applicant.memberNo },
            { key: 'type', label: '就业形态', children: EMPLOYMENT_TYPES[detail.applicant.employmentType] },
            { key: 'submitted', label: '提交时间', children: detail.submittedAt ? when(detail.submittedAt) : '—' },
            { key: 'amount', label: '核定金额', children: detail.amount === null ? '—' : `${detail.amount} 元` },
          ]} />
          <Descriptions size="small" column={1} bordered title="申请内容" style={{ marginTop: 16 }} items={fields} />
          {detail.documents.length > 0 && (
            <Descriptions size="small" column={1} bordered title="证明材料" style={{ marginTop: 16 }} items={detail.documents.map((d) => ({
              key: d.key,
              label: d.name,
              children: d.files.length ? d.files.map((f, i) => <a key={f.id} href={f.url} target="_blank" rel="noreferrer" style={{ marginRight: 8 }}>文件 {i + 1}</a>) : '未上传',
            }))} />
          )}
          {detail.homeVisit && (
            <Descriptions size="small" column={1} bordered title="入户走访" style={{ marginTop: 16 }} items={[
              { key: 'on', label: '走访日期', children: detail.homeVisit.visitedOn },
              { key: 'who', label: '走访人员', children: detail.homeVisit.visitors },
              { key: 'what', label: '走访情况', children: detail.homeVisit.findings },
            ]} />
          )}
          <Typography.Title level={5} style={{ marginTop: 16 }}>进度</Typography.Title>
          <Timeline items={detail.timeline.map((t) => ({ key: `${t.at}-${t.kind}`, content: `${when(t.at)} ${t.title}${t.by ? `（${t.by}）` : ''}${t.note ? `：${t.note}` : ''}` }))} />
        </>
      )}
    </Drawer>
  )
}
