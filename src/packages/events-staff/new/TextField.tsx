import { observer } from 'mobx-react-lite'
import { Input, Text, View } from '@tarojs/components'
import { FieldError } from '../../../components/FieldError'
import type { EventEditor } from '../stores/EventEditor'
import type { TextKey } from '../stores/event-form'

interface Props {
  editor: EventEditor
  k: TextKey
  label: string
  placeholder: string
  type?: 'text' | 'number'
  /** The server's path for this field when it differs (place.name …). */
  errKey?: string
  hint?: string
  disabled?: boolean
}

/** One text line of the event form (`.field-<k>`), with its message beside it. */
export const TextField = observer(function TextField({ editor, k, label, placeholder, type, errKey, hint, disabled }: Props) {
  const f = editor.form
  if (!f) return null
  return (
    <View className={`form-field field-${k}`}>
      <Text className='form-label'>{label}</Text>
      <Input className='form-input' type={type ?? 'text'} value={f[k]} placeholder={placeholder} disabled={disabled || undefined} onInput={(e) => editor.set(k, e.detail.value)} />
      {hint ? <Text className='form-hint'>{hint}</Text> : null}
      <FieldError message={editor.errors[errKey ?? k]} />
    </View>
  )
})
