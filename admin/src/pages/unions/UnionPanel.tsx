/**
 * The side panel of 组织架构: one union's details (the server's detail: kind, parent, address, contact, credit code,
 * its open sub-unions and its own active members) and what the caller may do to it — 新建下级工会 (by its kind),
 * 编辑, and, strictly below their own post (`movable`), 移动到… and 撤销 / 恢复. Refusals show the server's message;
 * the ones about a field of the dialog show beside it.
 */
import { useEffect, useState } from 'react'
import { Alert, App, Button, Card, Descriptions, Form, Input, Modal, Select, Space, Spin, Tag, Typography } from 'antd'
import { unionsApi } from '@contract/unions/api'
import { UNION_CHILD_KINDS } from '@contract/unions/labels'
import { UnionReasons } from '@contract/unions/reasons'
import type { UnionDetail, UnionNode } from '@contract/unions/schemas'
import { hasReason, isApiError } from '@/api/errors'
import { useConsole } from '../../console'
import { when } from '../../work/format'
import { checkCloseReason, checkMoveParent } from './form'

export interface PanelActions {
  onCreateChild: (parent: UnionDetail) => void
  onEdit: (u: UnionDetail) => void
  /** After a move, close or reopen: the union as it is now, and where it was before. */
  onChanged: (u: UnionDetail, before: UnionDetail) => void
}

function MoveModal({ union, onClose, onMoved }: { union: UnionDetail; onClose: () => void; onMoved: (u: UnionDetail) => void }) {
  const { api } = useConsole()
  const [q, setQ] = useState('')
  const [options, setOptions] = useState<{ value: number; label: string }[]>([])
  const [to, setTo] = useState<number | undefined>()
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    let live = true
    const t = setTimeout(() => {
      api
        .send(unionsApi.list, { query: { q: q || undefined, limit: 50 } })
        .then((r) => live && setOptions(r.items.filter((u) => u.id !== union.id && UNION_CHILD_KINDS[u.kind].includes(union.kind)).map((u) => ({ value: u.id, label: u.parentName ? `${u.name}（${u.parentName}）` : u.name }))))
        .catch(() => live && setOptions([]))
    }, q ? 300 : 0)
    return () => {
      live = false
      clearTimeout(t)
    }
  }, [api, q, union])
  const move = async () => {
    const checked = checkMoveParent(to)
    if (!checked.ok) return setError(checked.message)
    setBusy(true)
    try {
      onMoved(await api.send(unionsApi.move, { params: { id: union.id }, body: { parentId: checked.value } }))
    } catch (err) {
      setError(isApiError(err) ? err.message : '移动失败，请重试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <Modal open title={`移动「${union.name}」`} okText="移动" cancelText="取消" confirmLoading={busy} onOk={() => void move()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">它的下级工会随之移动。只能移到您管辖范围内、可以设立{union.kindLabel}的工会之下。</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="新的上级工会" validateStatus={error ? 'error' : undefined} help={error}>
          <Select
            aria-label="新的上级工会"
            showSearch={{ filterOption: false, onSearch: setQ }}
            placeholder="输入工会名称搜索"
            value={to}
            onChange={(v) => {
              setTo(v)
              setError(null)
            }}
            options={options}
          />
        </Form.Item>
      </Form>
    </Modal>
  )
}

function CloseModal({ union, onClose, onClosed }: { union: UnionDetail; onClose: () => void; onClosed: (u: UnionDetail) => void }) {
  const { api } = useConsole()
  const [reason, setReason] = useState('')
  const [fieldError, setFieldError] = useState<string | null>(null)
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const close = async () => {
    const checked = checkCloseReason(reason)
    if (!checked.ok) return setFieldError(checked.message)
    setBusy(true)
    setError(null)
    try {
      onClosed(await api.send(unionsApi.close, { params: { id: union.id }, body: { reason: checked.value } }))
    } catch (err) {
      if (isApiError(err) && err.fields.reason) setFieldError(err.fields.reason)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }
  // what to do next depends on why it was refused
  const hint = hasReason(error, UnionReasons.UNION_HAS_OPEN_CHILDREN)
    ? '请先撤销或移走它的下级工会。'
    : hasReason(error, UnionReasons.UNION_HAS_MEMBERS)
      ? '会员转出后才能撤销。'
      : hasReason(error, UnionReasons.UNION_HAS_PENDING)
        ? '请先在“入会审核”中处理待审核的申请。'
        : undefined
  return (
    <Modal open title={`撤销「${union.name}」`} okText="确认撤销" okButtonProps={{ danger: true }} cancelText="取消" confirmLoading={busy} onOk={() => void close()} onCancel={onClose}>
      <Typography.Paragraph type="secondary">撤销后不再出现在入会和任命工作人员的选择中，记录保留，可以恢复。</Typography.Paragraph>
      <Form layout="vertical">
        <Form.Item label="撤销原因" required validateStatus={fieldError ? 'error' : undefined} help={fieldError}>
          <Input.TextArea aria-label="撤销原因" rows={3} maxLength={200} value={reason} onChange={(e) => {
            setReason(e.target.value)
            setFieldError(null)
          }} />
        </Form.Item>
      </Form>
      {isApiError(error) && <Alert type="error" showIcon title={error.message} description={hint} />}
    </Modal>
  )
}

export function UnionPanel({ id, version, actions }: { id: number | null; version: number; actions: PanelActions }) {
  const { api } = useConsole()
  const { message } = App.useApp()
  const [d, setD] = useState<UnionDetail | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [dialog, setDialog] = useState<'move' | 'close' | null>(null)
  const [reopening, setReopening] = useState(false)

  useEffect(() => {
    if (id === null) return
    let live = true
    setError(null)
    api
      .send(unionsApi.detail, { params: { id } })
      .then((r) => live && setD(r))
      .catch((err: unknown) => live && setError(isApiError(err) ? err.message : '加载失败'))
    return () => {
      live = false
    }
  }, [api, id, version])

  if (id === null) return <Card><Typography.Text type="secondary">在左侧选择一个工会，查看详情和管理。</Typography.Text></Card>
  if (error) return <Card><Alert type="error" showIcon title={error} /></Card>
  if (!d || d.id !== id) return <Card><Spin aria-label="加载中" /></Card>

  const changed = (u: UnionDetail, msg: string) => {
    setDialog(null)
    void message.success(msg)
    actions.onChanged(u, d)
    setD(u)
  }
  const reopen = async () => {
    setReopening(true)
    try {
      changed(await api.send(unionsApi.reopen, { params: { id: d.id } }), '已恢复')
    } catch (err) {
      void message.error(isApiError(err) ? err.message : '恢复失败，请重试')
    } finally {
      setReopening(false)
    }
  }
  const canHaveChildren = UNION_CHILD_KINDS[d.kind].length > 0 && !d.closedAt

  return (
    <Card
      title={<Space>{d.name}{d.closedAt && <Tag>已撤销</Tag>}</Space>}
      data-testid="union-panel"
      extra={
        <Space wrap>
          {canHaveChildren && <Button type="primary" onClick={() => actions.onCreateChild(d)}>新建下级工会</Button>}
          {!d.closedAt && <Button onClick={() => actions.onEdit(d)}>编辑</Button>}
          {d.movable && !d.closedAt && <Button onClick={() => setDialog('move')}>移动到…</Button>}
          {d.movable && !d.closedAt && <Button danger onClick={() => setDialog('close')}>撤销</Button>}
          {d.movable && d.closedAt && <Button loading={reopening} onClick={() => void reopen()}>恢复</Button>}
        </Space>
      }
    >
      <Descriptions
        column={1}
        size="small"
        items={[
          { key: 'kind', label: '类型', children: d.kindLabel },
          { key: 'parent', label: '上级工会', children: d.parentName ?? '（根工会）' },
          { key: 'level', label: '层级', children: `第 ${d.level} 级` },
          { key: 'members', label: '会员人数', children: <span data-testid="union-members">{d.memberCount} 人（本级，不含下级工会）</span> },
          { key: 'children', label: '下级工会', children: `${d.childCount} 个` },
          { key: 'address', label: '地址', children: d.address ?? '—' },
          { key: 'contact', label: '联系人', children: [d.contactName, d.contactPhone].filter(Boolean).join(' · ') || '—' },
          { key: 'credit', label: '统一社会信用代码', children: d.creditCode ?? '—' },
          ...(d.closedAt ? [{ key: 'closed', label: '撤销时间', children: when(d.closedAt) }] : []),
        ]}
      />
      {!d.movable && <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>这是您任职的工会（或根工会），只能由上级工会移动或撤销。</Typography.Paragraph>}
      {dialog === 'move' && <MoveModal union={d} onClose={() => setDialog(null)} onMoved={(u) => changed(u, '已移动')} />}
      {dialog === 'close' && <CloseModal union={d} onClose={() => setDialog(null)} onClosed={(u) => changed(u, '已撤销')} />}
    </Card>
  )
}

export type { UnionNode }
