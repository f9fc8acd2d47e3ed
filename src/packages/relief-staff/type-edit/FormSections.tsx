/** 申请表 (steps and fields) and 材料清单 of the aid-type editor: add, edit, reorder, remove. */
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { FIELD_KINDS, type FieldKind } from '@contract/relief/labels'
import { Chips } from '../../../components/Chips'
import { FieldError } from '../../../components/FieldError'
import type { AidTypeEditor } from '../stores/AidTypeEditor'
import { isSensitiveKind, MAX_DOCUMENTS, MAX_FIELDS, MAX_STEPS, NUMBER_KINDS, TEXT_KINDS, type FieldForm } from '../stores/type-form'
import { Check, ItemActions, LineField } from './controls'

/** The first message among `keys` (a field's own messages first, then the item's). */
const first = (errors: Record<string, string>, ...keys: string[]) => keys.map((k) => errors[k]).find(Boolean)

export const StepsSection = observer(function StepsSection({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  const { errors } = editor
  return (
    <>
      <Text className='section-title'>填写步骤</Text>
      <View className='card aid-steps'>
        <Text className='form-hint'>申请表按步骤分页填写；材料上传和确认提交始终是最后两步。</Text>
        {f.steps.map((s, i) => (
          <View key={s.key} className={`aid-step aid-step-${i}`}>
            <LineField name='step-title' label={`第 ${i + 1} 步名称`} value={s.title} placeholder='如：事故经过' maxlength={20} onInput={(v) => editor.setStepTitle(i, v)} error={errors[`steps.${i}.title`]} />
            {f.steps.length > 1 ? (
              <View className='item-actions'>
                <View className='item-action item-remove' role='button' aria-label={`删除第 ${i + 1} 步：${s.title || '未命名'}`} onClick={() => editor.removeStep(i)}>
                  删除此步
                </View>
              </View>
            ) : null}
          </View>
        ))}
        <FieldError message={errors.steps} />
        {f.steps.length < MAX_STEPS ? (
          <Button className='btn btn-ghost btn-block add-step-btn' onClick={() => editor.addStep()}>
            添加步骤
          </Button>
        ) : null}
      </View>
    </>
  )
})

const FieldCard = observer(function FieldCard({ editor, x, i, kinds }: { editor: AidTypeEditor; x: FieldForm; i: number; kinds: readonly FieldKind[] }) {
  const f = editor.form!
  const { errors } = editor
  const e = (k: string) => errors[`fields.${i}.${k}`]
  const what = x.label.trim() || `第 ${i + 1} 项`
  // The kinds this union may collect, plus the field's own (so a field beyond the limits shows what it is).
  const shown = kinds.includes(x.kind) ? kinds : [...kinds, x.kind]
  const locked = isSensitiveKind(x.kind)
  return (
    <View className={`card aid-field aid-field-${i}`} data-key={x.key}>
      <Text className='aid-item-title'>第 {i + 1} 项 · {x.label.trim() || '未命名字段'}</Text>
      <LineField name='f-label' label='字段名称' value={x.label} placeholder='如：住院医院' maxlength={30} onInput={(v) => editor.setField(i, { label: v })} error={e('label')} />
      <View className='form-field field-f-kind'>
        <Text className='form-label'>字段类型</Text>
        <Chips variant='choice' label={`${what}的字段类型`} options={shown.map((k) => ({ value: k, label: FIELD_KINDS[k] }))} value={x.kind} onChange={(k) => editor.setFieldKind(i, k)} optionClass={(k) => `kind-${k}`} />
        <FieldError message={e('kind')} />
      </View>
      {f.steps.length > 1 ? (
        <View className='form-field field-f-step'>
          <Text className='form-label'>所在步骤</Text>
          <Chips variant='choice' label={`${what}所在步骤`} options={f.steps.map((s, j) => ({ value: s.key, label: s.title.trim() || `第 ${j + 1} 步` }))} value={x.step} onChange={(k) => editor.setField(i, { step: k })} optionClass={(k) => `step-${k}`} />
          <FieldError message={e('step')} />
        </View>
      ) : (
        <FieldError message={e('step')} />
      )}
      {x.kind === 'choice' ? (
        <LineField name='f-options' label='选项（用逗号分隔）' value={x.optionsText} placeholder='如：高中，大专，本科' maxlength={400} onInput={(v) => editor.setField(i, { optionsText: v })} error={first(errors, `fields.${i}.options`, `fields.${i}.options.0.label`)} />
      ) : null}
      {NUMBER_KINDS.includes(x.kind) ? (
        <View className='aid-pair'>
          <LineField name='f-min' label='最小值（可不填）' type='digit' value={x.min} onInput={(v) => editor.setField(i, { min: v })} error={e('min')} />
          <LineField name='f-max' label='最大值（可不填）' type='digit' value={x.max} onInput={(v) => editor.setField(i, { max: v })} error={e('max')} />
        </View>
      ) : null}
      {TEXT_KINDS.includes(x.kind) ? (
        <LineField name='f-maxLength' label='最多字数（可不填）' type='number' value={x.maxLength} onInput={(v) => editor.setField(i, { maxLength: v })} error={e('maxLength')} />
      ) : null}
      <LineField name='f-hint' label='填写提示（可不填）' value={x.hint} placeholder='显示在输入框下方' maxlength={80} onInput={(v) => editor.setField(i, { hint: v })} error={e('hint')} />
      <Check className='f-required' checked={x.required} onToggle={() => editor.setField(i, { required: !x.required })}>
        必填
      </Check>
      <Check className='f-sensitive' checked={x.sensitive || locked} locked={locked} onToggle={() => editor.setField(i, { sensitive: !x.sensitive })}>
        {locked ? '加密保存（身份证号、手机号码、病情/诊断始终加密，审核查看留痕）' : '加密保存（如家庭收入、事情经过；审核查看留痕）'}
      </Check>
      <FieldError message={errors[`fields.${i}`]} />
      <ItemActions what={what} first={i === 0} last={i === f.fields.length - 1} onMove={(by) => editor.moveField(i, by)} onRemove={() => editor.removeField(i)} removable={f.fields.length > 1} />
    </View>
  )
})

export const FieldsSection = observer(function FieldsSection({ editor, kinds }: { editor: AidTypeEditor; kinds: readonly FieldKind[] }) {
  const f = editor.form!
  return (
    <>
      <Text className='section-title'>申请表字段</Text>
      {f.fields.map((x, i) => (
        <FieldCard key={x.key} editor={editor} x={x} i={i} kinds={kinds} />
      ))}
      <FieldError message={editor.errors.fields} />
      {f.fields.length < MAX_FIELDS ? (
        <Button className='btn btn-ghost btn-block add-field-btn' onClick={() => editor.addField()}>
          添加字段
        </Button>
      ) : null}
    </>
  )
})

export const DocumentsSection = observer(function DocumentsSection({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  const { errors } = editor
  return (
    <>
      <Text className='section-title'>申请材料清单</Text>
      {f.documents.map((d, i) => {
        const what = d.name.trim() || `第 ${i + 1} 项材料`
        return (
          <View key={d.key} className={`card aid-doc aid-doc-${i}`} data-key={d.key}>
            <LineField name='d-name' label={`第 ${i + 1} 项材料名称`} value={d.name} placeholder='如：出院小结' maxlength={30} onInput={(v) => editor.setDocument(i, { name: v })} error={errors[`documents.${i}.name`]} />
            <LineField name='d-hint' label='说明（可不填）' value={d.hint} placeholder='如：未办理身份证的可上传户口簿本人页' maxlength={80} onInput={(v) => editor.setDocument(i, { hint: v })} error={errors[`documents.${i}.hint`]} />
            <Check className='d-required' checked={d.required} onToggle={() => editor.setDocument(i, { required: !d.required })}>
              必传
            </Check>
            <FieldError message={errors[`documents.${i}`]} />
            <ItemActions what={what} first={i === 0} last={i === f.documents.length - 1} onMove={(by) => editor.moveDocument(i, by)} onRemove={() => editor.removeDocument(i)} removable={f.documents.length > 1} />
          </View>
        )
      })}
      <FieldError message={errors.documents} />
      {f.documents.length < MAX_DOCUMENTS ? (
        <Button className='btn btn-ghost btn-block add-doc-btn' onClick={() => editor.addDocument()}>
          添加材料
        </Button>
      ) : null}
    </>
  )
})
