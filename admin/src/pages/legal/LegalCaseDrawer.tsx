/**
 * One legal-aid case beside the worklist: the staff view (the member's name, full phone and story — the server
 * audits every view), the thread, and the handler's steps: 受理, 回复 / 请会员补充, 预约咨询, 结案. Each answer is the
 * case as it is now; a refusal shows the server's message, beside its field when it names one.
 */
import { useEffect, useState, type ReactNode } from 'react'
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, InputNumber, Segmented, Select, Space, Spin, Tabs, Tag, Timeline, Typography } from 'antd'
import type { Dayjs } from 'dayjs'
import { legalApi } from '@contract/legal/api'
import {
  LEGAL_CONTACT_PREFS,
  LEGAL_CONTACT_TIMES,
  LEGAL_DISPUTE_KINDS,
  LEGAL_ENTRY_KINDS,
  LEGAL_OUTCOMES,
  LEGAL_SESSION_MODES,
  LEGAL_STAFF_OUTCOME_KEYS,
  LEGAL_STATUSES,
  type LegalSessionMode,
  type LegalStaffOutcome,
} from '@contract/legal/labels'
import type { LegalStaffCaseView } from '@contract/legal/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'
import { when } from '../../work/format'

type Fields = Record<string, string>

function FieldItem({ label, error, children }: { label: string; error?: string; children: ReactNode }) {
  return (
    <Form.Item label={label} validateStatus={error ? 'error' : undefined} help={error}>
      {children}
    </Form.Item>
  )
}

export function LegalCaseDrawer({ id, onClose, onChanged }: { id: number | null; onClose: () => void; onChanged: () => void }) {
  const { api } = useConsole()
  const { message } = App.useApp()
  const [view, setView] = useState<LegalStaffCaseView | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [fields, setFields] = useState<Fields>({})
  const [busy, setBusy] = useState<string | null>(null)
  // 回复
  const [replyKind, setReplyKind] = useState<'reply' | 'request_info'>('reply')
  const [text, setText] = useState('')
  // 预约
  const [mode, setMode] = useState<LegalSessionMode | undefined>()
  const [at, setAt] = useState<Dayjs | null>(null)
  const [place, setPlace] = useState('')
  const [note, setNote] = useState('')
  // 结案
  const [outcome, setOutcome] = useState<LegalStaffOutcome | undefined>()
  const [recovered, setRecovered] = useState<number | null>(null)
  const [closeNote, setCloseNote] = useState('')

  useEffect(() => {
    if (id === null) return
    let live = true
    setView(null)
    setError(null)
    setFields({})
    api
      .send(legalApi.manageDetail, { params: { id } })
      .then((v) => live && setView(v))
      .catch((err: unknown) => live && setError(isApiError(err) ? err.message : '加载失败'))
    return () => {
      live = false
    }
  }, [api, id])

  const act = async (name: string, call: () => Promise<LegalStaffCaseView>, done: string, reset?: () => void) => {
    setBusy(name)
    setFields({})
    try {
      setView(await call())
      reset?.()
      message.success(done)
      onChanged()
    } catch (err) {
      if (isApiError(err) && Object.keys(err.fields).length > 0) setFields(err.fields)
      else message.error(isApiError(err) ? err.message : '操作失败，请稍后再试')
    } finally {
      setBusy(null)
    }
  }

  const params = { id: id ?? 0 }
  const taken = view ? view.handlerName !== null : false
  const closed = view?.status === 'closed'

  const replyForm = (
    <Form layout="vertical">
      <FieldItem label="回复方式">
        <Segmented tabIndex={-1} aria-label="回复方式" value={replyKind} onChange={(v) => setReplyKind(v as 'reply' | 'request_info')}
          options={[{ value: 'reply', label: '答复会员' }, { value: 'request_info', label: '请会员补充情况' }]} />
      </FieldItem>
      <FieldItem label="内容" error={fields.text}>
        <Input.TextArea aria-label="内容" rows={4} value={text} onChange={(e) => setText(e.target.value)} />
      </FieldItem>
      <Button type="primary" loading={busy === 'reply'}
        onClick={() => act('reply', () => api.send(legalApi.reply, { params, body: { kind: replyKind, text, attachments: [] } }), replyKind === 'reply' ? '已答复会员' : '已请会员补充情况', () => setText(''))}>
        发送
      </Button>
    </Form>
  )

  const scheduleForm = (
    <Form layout="vertical">
      <FieldItem label="咨询方式" error={fields.mode}>
        <Select aria-label="咨询方式" placeholder="请选择" value={mode} onChange={setMode} options={Object.entries(LEGAL_SESSION_MODES).map(([value, label]) => ({ value, label }))} />
      </FieldItem>
      <FieldItem label="预约时间" error={fields.at}>
        <DatePicker aria-label="预约时间" showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" value={at} onChange={setAt} />
      </FieldItem>
      <FieldItem label="地点（面谈必填）" error={fields.place}>
        <Input aria-label="地点（面谈必填）" value={place} onChange={(e) => setPlace(e.target.value)} maxLength={200} />
      </FieldItem>
      <FieldItem label="备注" error={fields.note}>
        <Input aria-label="备注" value={note} onChange={(e) => setNote(e.target.value)} maxLength={500} />
      </FieldItem>
      <Button type="primary" loading={busy === 'schedule'}
        onClick={() => act('schedule', () => api.send(legalApi.schedule, { params, body: { mode: mode as LegalSessionMode, at: at ? at.format() : '', place: place || null, note: note || null } }), '已预约咨询')}>
        预约
      </Button>
    </Form>
  )

  const closeForm = (
    <Form layout="vertical">
      <FieldItem label="结案结果" error={fields.outcome}>
        <Select aria-label="结案结果" placeholder="请选择" value={outcome} onChange={setOutcome} options={LEGAL_STAFF_OUTCOME_KEYS.map((k) => ({ value: k, label: LEGAL_OUTCOMES[k] }))} />
      </FieldItem>
      {outcome === 'mediated' && (
        <FieldItem label="追回金额（元）" error={fields.amountRecovered}>
          <InputNumber aria-label="追回金额（元）" min={0} precision={0} style={{ width: 200 }} value={recovered} onChange={(v) => setRecovered(v)} />
        </FieldItem>
      )}
      <FieldItem label="结案说明" error={fields.note}>
        <Input.TextArea aria-label="结案说明" rows={3} value={closeNote} onChange={(e) => setCloseNote(e.target.value)} />
      </FieldItem>
      <Button danger loading={busy === 'close'}
        onClick={() => act('close', () => api.send(legalApi.close, { params, body: { outcome: outcome as LegalStaffOutcome, amountRecovered: outcome === 'mediated' ? recovered : null, note: closeNote } }), '已结案')}>
        结案
      </Button>
    </Form>
  )

  return (
    <Drawer open={id !== null} onClose={onClose} size="large" title={view ? `${LEGAL_DISPUTE_KINDS[view.kind]} · ${view.memberName}` : '咨询详情'} destroyOnHidden>
      {error && <Alert type="error" showIcon title={error} />}
      {!view && !error && <Spin aria-label="加载中" />}
      {view && (
        <>
          <Alert type="info" showIcon style={{ marginBottom: 12 }} title="本次查看含会员联系方式，已记入审计日志" />
          <Descriptions size="small" column={2} bordered title="咨询概况" items={[
            { key: 'status', label: '状态', children: <Space size={4}><Tag>{view.status === 'awaiting_member' ? '待会员补充' : LEGAL_STATUSES[view.status]}</Tag>{view.overdue && <Tag color="red">已超时</Tag>}</Space> },
            { key: 'org', label: '所属工会', children: view.orgName },
            { key: 'member', label: '会员', children: view.memberName },
            { key: 'phone', label: '手机号', children: view.phone ?? '—' },
            { key: 'employer', label: '用人单位', children: view.employer },
            { key: 'amount', label: '涉及金额', children: view.amount === null ? '—' : `${view.amount} 元` },
            { key: 'contact', label: '联系方式', children: `${LEGAL_CONTACT_PREFS[view.contactPref]} · ${LEGAL_CONTACT_TIMES[view.contactTime]}` },
            { key: 'due', label: '首次答复期限', children: when(view.firstResponseDue) },
            { key: 'handler', label: '经办人', children: view.handlerName ?? '未受理' },
            { key: 'session', label: '预约', children: view.session ? `${LEGAL_SESSION_MODES[view.session.mode]} ${when(view.session.at)}${view.session.place ? ` · ${view.session.place}` : ''}` : '—' },
            { key: 'desc', label: '问题描述', span: 2, children: view.description },
            ...(view.attachments.length ? [{ key: 'files', label: '附件', span: 2, children: view.attachments.map((f, i) => <a key={f.id} href={f.url} target="_blank" rel="noreferrer" style={{ marginRight: 8 }}>附件 {i + 1}</a>) }] : []),
            ...(view.outcome ? [{ key: 'outcome', label: '结案结果', span: 2, children: `${LEGAL_OUTCOMES[view.outcome]}${view.amountRecovered !== null ? `，追回 ${view.amountRecovered} 元` : ''}` }] : []),
          ]} />
          <Typography.Title level={5} style={{ marginTop: 16 }}>办理记录</Typography.Title>
          <Timeline items={view.entries.map((e) => ({
            key: e.id,
            content: (
              <>
                <Typography.Text strong>{LEGAL_ENTRY_KINDS[e.kind]}</Typography.Text>
                <Typography.Text type="secondary"> · {e.by} · {when(e.at)}</Typography.Text>
                {e.text && <div>{e.text}</div>}
              </>
            ),
          }))} />
          {!closed && !taken && (
            <Button type="primary" loading={busy === 'take'} onClick={() => act('take', () => api.send(legalApi.take, { params }), '已受理')}>受理</Button>
          )}
          {!closed && taken && (
            <Tabs items={[
              { key: 'reply', label: '回复', children: replyForm },
              { key: 'schedule', label: '预约咨询', children: scheduleForm },
              { key: 'close', label: '结案', children: closeForm },
            ]} />
          )}
        </>
      )}
    </Drawer>
  )
}
