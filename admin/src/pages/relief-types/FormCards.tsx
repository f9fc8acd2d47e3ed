/**
 * 填写步骤, 申请表字段 and 申请材料清单 of the desktop aid-type editor, over the mini-program's `AidTypeEditor`: add,
 * edit, reorder, remove — the same labels and limits as the phone's FormSections; each message beside its control.
 */
import type { ReactNode } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Card, Checkbox, Form, Input, Select, Space, Typography } from 'antd'
import { FIELD_KINDS, FIELD_KIND_KEYS, type FieldKind } from '@contract/relief/labels'
import type { AidTypeEditor } from '@/packages/relief-staff/stores/AidTypeEditor'
import { isSensitiveKind, MAX_DOCUMENTS, MAX_FIELDS, MAX_STEPS, NUMBER_KINDS, TEXT_KINDS, type FieldForm } from '@/packages/relief-staff/stores/type-form'
import { fieldId } from './ids'

/** One labelled input with its message (the first of `paths` that has one) beside it. */
function Line({ editor, paths, label, value, onChange, placeholder, width = 240, aria }: {
  editor: AidTypeEditor; paths: string[]; label: string; value: string; onChange: (v: string) => void; placeholder?: string; width?: number; aria?: string
}) {
  const message = paths.map((p) => editor.errors[p]).find(Boolean)
  return (
    <Form.Item label={label} htmlFor={fieldId(paths[0])} validateStatus={message ? 'error' : undefined} help={message || undefined}>
      <Input id={fieldId(paths[0])} aria-label={aria ?? label} placeholder={placeholder} style={{ width }} value={value}
        status={message ? 'error' : undefined} onChange={(e) => onChange(e.target.value)} />
    </Form.Item>
  )
}

function Actions({ what, first, last, removable, onMove, onRemove }: { what: string; first: boolean; last: boolean; removable: boolean; onMove: (by: -1 | 1) => void; onRemove: () => void }) {
  return (
    <Space size="small">
      <Button size="small" autoInsertSpace={false} disabled={first} onClick={() => onMove(-1)} aria-label={`上移 ${what}`}>上移</Button>
      <Button size="small" autoInsertSpace={false} disabled={last} onClick={() => onMove(1)} aria-label={`下移 ${what}`}>下移</Button>
      {removable && <Button size="small" autoInsertSpace={false} danger onClick={onRemove} aria-label={`删除 ${what}`}>删除</Button>}
    </Space>
  )
}

const ListError = ({ message }: { message?: string }) => (message ? <div><Typography.Text type="danger">{message}</Typography.Text></div> : null)

export const StepsCard = observer(function StepsCard({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  return (
    <Card title="填写步骤" size="small" extra={<Typography.Text type="secondary">材料上传和确认提交始终是最后两步</Typography.Text>}>
      {f.steps.map((s, i) => (
        <Space key={s.key} align="start" wrap style={{ width: '100%' }}>
          <Line editor={editor} paths={[`steps.${i}.title`, `steps.${i}`]} label={`第 ${i + 1} 步名称`} value={s.title} placeholder="如：事故经过" onChange={(v) => editor.setStepTitle(i, v)} />
          {f.steps.length > 1 && (
            <Form.Item label="操作">
              <Button size="small" danger onClick={() => editor.removeStep(i)} aria-label={`删除此步：第 ${i + 1} 步 ${s.title || '未命名'}`}>删除此步</Button>
            </Form.Item>
          )}
        </Space>
      ))}
      <ListError message={editor.errors.steps} />
      {f.steps.length < MAX_STEPS && <Button onClick={() => editor.addStep()}>添加步骤</Button>}
    </Card>
  )
})

const FieldRow = observer(function FieldRow({ editor, x, i }: { editor: AidTypeEditor; x: FieldForm; i: number }) {
  const f = editor.form!
  const { errors } = editor
  const p = (k: string) => `fields.${i}.${k}`
  const what = x.label.trim() || `第 ${i + 1} 项`
  const locked = isSensitiveKind(x.kind)
  const kindError = errors[p('kind')]
  const stepError = errors[p('step')]
  const extra: ReactNode[] = []
  if (x.kind === 'choice')
    extra.push(<Line key="o" editor={editor} paths={[p('options'), p('options.0.label')]} label="选项（用逗号分隔）" aria={`${what} 选项（用逗号分隔）`} width={360} value={x.optionsText} placeholder="如：高中，大专，本科" onChange={(v) => editor.setField(i, { optionsText: v })} />)
  if (NUMBER_KINDS.includes(x.kind)) {
    extra.push(<Line key="min" editor={editor} paths={[p('min')]} label="最小值（可不填）" aria={`${what} 最小值（可不填）`} width={140} value={x.min} onChange={(v) => editor.setField(i, { min: v })} />)
    extra.push(<Line key="max" editor={editor} paths={[p('max')]} label="最大值（可不填）" aria={`${what} 最大值（可不填）`} width={140} value={x.max} onChange={(v) => editor.setField(i, { max: v })} />)
  }
  if (TEXT_KINDS.includes(x.kind))
    extra.push(<Line key="len" editor={editor} paths={[p('maxLength')]} label="最多字数（可不填）" aria={`${what} 最多字数（可不填）`} width={140} value={x.maxLength} onChange={(v) => editor.setField(i, { maxLength: v })} />)
  return (
    <Card type="inner" size="small" title={`第 ${i + 1} 项 · ${x.label.trim() || '未命名字段'}`} style={{ marginBottom: 12 }}
      extra={<Actions what={what} first={i === 0} last={i === f.fields.length - 1} removable={f.fields.length > 1} onMove={(by) => editor.moveField(i, by)} onRemove={() => editor.removeField(i)} />}>
      <Space align="start" wrap>
        <Line editor={editor} paths={[p('label')]} label="字段名称" aria={`第 ${i + 1} 项 字段名称`} value={x.label} placeholder="如：住院医院" onChange={(v) => editor.setField(i, { label: v })} />
        <Form.Item label="字段类型" htmlFor={fieldId(p('kind'))} validateStatus={kindError ? 'error' : undefined} help={kindError || undefined}>
          <Select id={fieldId(p('kind'))} aria-label={`${what}的字段类型`} style={{ width: 160 }} value={x.kind} status={kindError ? 'error' : undefined}
            options={FIELD_KIND_KEYS.map((k) => ({ value: k, label: FIELD_KINDS[k] }))} onChange={(k: FieldKind) => editor.setFieldKind(i, k)} />
        </Form.Item>
        {f.steps.length > 1 && (
          <Form.Item label="所在步骤" htmlFor={fieldId(p('step'))} validateStatus={stepError ? 'error' : undefined} help={stepError || undefined}>
            <Select id={fieldId(p('step'))} aria-label={`${what}所在步骤`} style={{ width: 160 }} value={x.step}
              options={f.steps.map((s, j) => ({ value: s.key, label: s.title.trim() || `第 ${j + 1} 步` }))} onChange={(k: string) => editor.setField(i, { step: k })} />
          </Form.Item>
        )}
      </Space>
      {extra.length > 0 && <Space align="start" wrap>{extra}</Space>}
      <Line editor={editor} paths={[p('hint')]} label="填写提示（可不填）" aria={`${what} 填写提示（可不填）`} width={480} value={x.hint} placeholder="显示在输入框下方" onChange={(v) => editor.setField(i, { hint: v })} />
      <Space wrap>
        <Checkbox checked={x.required} onChange={() => editor.setField(i, { required: !x.required })}>必填</Checkbox>
        <Checkbox checked={x.sensitive || locked} disabled={locked} onChange={() => editor.setField(i, { sensitive: !x.sensitive })}>
          {locked ? '加密保存（身份证号、手机号码、病情/诊断始终加密，审核查看留痕）' : '加密保存（如家庭收入、事情经过；审核查看留痕）'}
        </Checkbox>
      </Space>
      <ListError message={errors[`fields.${i}`]} />
    </Card>
  )
})

export const FieldsCard = observer(function FieldsCard({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  return (
    <Card title="申请表字段" size="small">
      {f.fields.map((x, i) => (
        <FieldRow key={x.key} editor={editor} x={x} i={i} />
      ))}
      <ListError message={editor.errors.fields} />
      {f.fields.length < MAX_FIELDS && <Button onClick={() => editor.addField()}>添加字段</Button>}
    </Card>
  )
})

export const DocumentsCard = observer(function DocumentsCard({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  return (
    <Card title="申请材料清单" size="small">
      {f.documents.map((d, i) => {
        const what = d.name.trim() || `第 ${i + 1} 项材料`
        return (
          <Space key={d.key} align="start" wrap style={{ width: '100%' }}>
            <Line editor={editor} paths={[`documents.${i}.name`, `documents.${i}`]} label={`第 ${i + 1} 项材料名称`} value={d.name} placeholder="如：出院小结" onChange={(v) => editor.setDocument(i, { name: v })} />
            <Line editor={editor} paths={[`documents.${i}.hint`]} label="说明（可不填）" aria={`第 ${i + 1} 项材料说明（可不填）`} value={d.hint} placeholder="如：未办理身份证的可上传户口簿本人页" onChange={(v) => editor.setDocument(i, { hint: v })} />
            <Form.Item label="是否必传">
              <Checkbox aria-label={`${what} 必传`} checked={d.required} onChange={() => editor.setDocument(i, { required: !d.required })}>必传</Checkbox>
            </Form.Item>
            <Form.Item label="操作">
              <Actions what={what} first={i === 0} last={i === f.documents.length - 1} removable={f.documents.length > 1} onMove={(by) => editor.moveDocument(i, by)} onRemove={() => editor.removeDocument(i)} />
            </Form.Item>
          </Space>
        )
      })}
      <ListError message={editor.errors.documents} />
      {f.documents.length < MAX_DOCUMENTS && <Button onClick={() => editor.addDocument()}>添加材料</Button>}
    </Card>
  )
})
