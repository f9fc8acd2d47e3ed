/** A step of the type's own fields (病情与就医, 医疗费用 …): each with its input, hint and the message beside it. */
import { observer } from 'mobx-react-lite'
import { Input, Picker, Text, Textarea, View } from '@tarojs/components'
import type { AidField } from '@contract/relief/schemas'
import { isSensitiveField } from '@contract/relief/rules'
import { FieldError } from '../../../components/FieldError'
import { Chips } from '../../../components/Chips'
import { parseNumberText, type ApplyStore } from '../stores/ApplyStore'

const FieldInput = observer(function FieldInput({ store, field }: { store: ApplyStore; field: AidField }) {
  const v = store.fields[field.key]
  const text = v === null || v === undefined ? '' : String(v)
  const blur = () => void store.flush()
  switch (field.kind) {
    case 'textarea':
      return (
        <Textarea
          className='form-textarea'
          value={text}
          maxlength={field.maxLength ?? 1000}
          placeholder={field.hint ?? `请填写${field.label}`}
          onInput={(e) => store.setField(field.key, e.detail.value)}
          onBlur={blur}
        />
      )
    case 'choice':
      return (
        <Chips
          variant='choice'
          label={field.label}
          options={field.options ?? []}
          value={typeof v === 'string' ? v : ''}
          onChange={(value) => {
            store.setField(field.key, value)
            void store.flush()
          }}
        />
      )
    case 'date':
      return (
        <View className='phone-row'>
          <Input
            className='form-input'
            value={text}
            maxlength={10}
            placeholder='如 2026-11-01'
            onInput={(e) => store.setField(field.key, e.detail.value.trim())}
            onBlur={blur}
          />
          <Picker mode='date' value={text || store.today} end={field.notFuture ? store.today : undefined} onChange={(e) => store.setField(field.key, String(e.detail.value))}>
            <View className='btn btn-ghost btn-small'>选择</View>
          </Picker>
        </View>
      )
    case 'integer':
    case 'money':
      return (
        <Input
          className='form-input'
          type={field.kind === 'integer' ? 'number' : 'digit'}
          value={text}
          placeholder={field.hint ?? (field.kind === 'money' ? '金额（元）' : '请填写数字')}
          onInput={(e) => store.setField(field.key, parseNumberText(e.detail.value))}
          onBlur={blur}
        />
      )
    default:
      return (
        <Input
          className='form-input'
          type={field.kind === 'id_number' ? 'idcard' : field.kind === 'phone' ? 'number' : 'text'}
          value={text}
          maxlength={field.kind === 'id_number' ? 18 : field.kind === 'phone' ? 11 : (field.maxLength ?? 60)}
          placeholder={field.hint ?? `请填写${field.label}`}
          onInput={(e) => store.setField(field.key, field.kind === 'id_number' ? e.detail.value.toUpperCase() : e.detail.value)}
          onBlur={blur}
        />
      )
  }
})

export const FieldsStep = observer(function FieldsStep({ store, step }: { store: ApplyStore; step: string }) {
  return (
    <View className='card'>
      {store.fieldsOf(step).map((f) => (
        <View key={f.key} className={`form-field field-${f.key}`}>
          <Text className='form-label'>
            {f.label}
            {f.required ? <Text className='doc-required'>*</Text> : null}
          </Text>
          <FieldInput store={store} field={f} />
          {f.hint && f.kind !== 'textarea' ? <Text className='form-hint'>{f.hint}</Text> : null}
          {isSensitiveField(f) ? <Text className='form-hint field-sensitive'>敏感信息，加密保存</Text> : null}
          <FieldError message={store.fieldErrors[f.key]} />
        </View>
      ))}
    </View>
  )
})
