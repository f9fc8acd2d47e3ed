/**
 * 新建下级工会 / 编辑工会: the union's fields, checked with the contract's UnionFields through the mini-program's own
 * form step (same Chinese messages), each message beside its field — and the server's refusals too, by reason
 * (同名 → 名称, 类型不允许 → 类型 …); a refusal about no field shows above the buttons.
 */
import { useEffect, useState } from 'react'
import { Alert, Form, Input, Modal, Select } from 'antd'
import { unionsApi } from '@contract/unions/api'
import { UNION_CHILD_KINDS, UNION_KIND_LABELS, UNION_KINDS, type UnionKind } from '@contract/unions/labels'
import type { UnionDetail, UnionNode } from '@contract/unions/schemas'
import { isApiError } from '@/api/errors'
import { emptyForm, fieldErrorsOf, fromDetail, toBody, type UnionFieldName, type UnionForm } from '@/packages/unions-admin/union/form'
import { useConsole } from '../../console'

export type UnionFormTarget = { mode: 'create'; parent: UnionNode } | { mode: 'edit'; union: UnionDetail }

const LABELS: Record<UnionFieldName, string> = {
  name: '工会名称',
  kind: '工会类型',
  address: '地址',
  latitude: '纬度',
  longitude: '经度',
  contactName: '联系人',
  contactPhone: '联系电话',
  creditCode: '统一社会信用代码',
}
const PLACEHOLDERS: Partial<Record<UnionFieldName, string>> = {
  name: '例如：云溪区某某公司工会',
  address: '会员入会和找工会时会看到',
  latitude: '如 30.274（可不填）',
  longitude: '如 120.155（可不填）',
  contactPhone: '手机号或带区号的座机号',
  creditCode: '18 位（可不填）',
}

export function UnionFormModal({ target, onClose, onSaved }: { target: UnionFormTarget | null; onClose: () => void; onSaved: (u: UnionDetail) => void }) {
  const { api } = useConsole()
  const [form, setForm] = useState<UnionForm>(emptyForm())
  const [errors, setErrors] = useState<Partial<Record<UnionFieldName, string>>>({})
  const [failure, setFailure] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  useEffect(() => {
    if (!target) return
    setForm(target.mode === 'edit' ? fromDetail(target.union) : emptyForm())
    setErrors({})
    setFailure(null)
  }, [target])

  if (!target) return null
  const parentKind: UnionKind | null = target.mode === 'create' ? target.parent.kind : null
  const kinds = parentKind ? UNION_CHILD_KINDS[parentKind] : UNION_KINDS
  const set = (k: UnionFieldName, v: string) => {
    setForm((f) => ({ ...f, [k]: v }))
    setErrors((e) => ({ ...e, [k]: undefined }))
  }

  const save = async () => {
    const checked = toBody(form)
    if (!checked.ok) return setErrors(checked.errors)
    setBusy(true)
    setFailure(null)
    try {
      const saved =
        target.mode === 'create'
          ? await api.send(unionsApi.create, { body: { ...checked.body, parentId: target.parent.id } })
          : await api.send(unionsApi.update, { params: { id: target.union.id }, body: checked.body })
      onSaved(saved)
    } catch (err) {
      const beside = fieldErrorsOf(err)
      setErrors(beside)
      if (Object.keys(beside).length === 0) setFailure(isApiError(err) ? err.message : '保存失败，请重试')
    } finally {
      setBusy(false)
    }
  }

  const field = (k: UnionFieldName, input: React.ReactNode) => (
    <Form.Item key={k} label={LABELS[k]} required={k === 'name' || k === 'kind' || k === 'address'} validateStatus={errors[k] ? 'error' : undefined} help={errors[k]} htmlFor={`union-${k}`}>
      {input}
    </Form.Item>
  )
  const text = (k: Exclude<UnionFieldName, 'kind'>) =>
    field(k, <Input id={`union-${k}`} aria-label={LABELS[k]} value={form[k]} placeholder={PLACEHOLDERS[k]} onChange={(e) => set(k, e.target.value)} />)

  return (
    <Modal
      open
      title={target.mode === 'create' ? `在「${target.parent.name}」下新建工会` : `编辑「${target.union.name}」`}
      okText={target.mode === 'create' ? '新建' : '保存'}
      cancelText="取消"
      confirmLoading={busy}
      onOk={() => void save()}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      <Form layout="vertical" onFinish={() => void save()} data-testid="union-form">
        {text('name')}
        {field(
          'kind',
          <Select<UnionKind>
            id="union-kind"
            aria-label={LABELS.kind}
            placeholder="请选择工会类型"
            value={form.kind || undefined}
            onChange={(v) => set('kind', v)}
            options={kinds.map((k) => ({ value: k, label: UNION_KIND_LABELS[k] }))}
          />,
        )}
        {text('address')}
        <div style={{ display: 'grid', gridTemplateColumns: '1fr 1fr', columnGap: 16 }}>
          {text('latitude')}
          {text('longitude')}
          {text('contactName')}
          {text('contactPhone')}
        </div>
        {text('creditCode')}
        {failure && <Alert type="error" showIcon title={failure} />}
      </Form>
    </Modal>
  )
}
