/**
 * A decision that needs a written reason (撤销角色, 撤销工会, 取消时段): the reason's box with its error beside it,
 * then 返回 and the confirm button. `onSubmit` gets the trimmed reason once it has at least 2 characters (else
 * `required` is shown beside the box). A refusal naming the field `reason` is shown beside the box; any other goes
 * to `onError` when given (the page shows it its own way), else under the box. `name` prefixes the class names
 * (`<name>-form`, `<name>-reason`, `<name>-confirm`). What was typed stays until the submit succeeds.
 */
import { useState, type ReactNode } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { isApiError } from '../api/errors'
import { ErrorMessage } from './ErrorMessage'
import { FieldError } from './FieldError'

interface Props {
  name: string
  label: ReactNode
  /** Said under the label: what the decision does. */
  hint?: ReactNode
  placeholder: string
  /** The message beside the box when the reason is too short. */
  required: string
  confirmText: string
  backText?: string
  /** Disables the buttons while something else on the page is busy. */
  disabled?: boolean
  className?: string
  onSubmit: (reason: string) => Promise<void>
  onBack: () => void
  onError?: (err: unknown) => void
}

export function ReasonForm({ name, label, hint, placeholder, required, confirmText, backText = '返回', disabled, className, onSubmit, onBack, onError }: Props) {
  const [reason, setReason] = useState('')
  const [fieldError, setFieldError] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const submit = async () => {
    const r = reason.trim()
    if (r.length < 2) return setFieldError(required)
    setBusy(true)
    setError(null)
    onError?.(null)
    try {
      await onSubmit(r)
    } catch (err) {
      const beside = isApiError(err) ? err.field('reason') : null
      if (beside) setFieldError(beside)
      else if (onError) onError(err)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <View className={`${name}-form${className ? ` ${className}` : ''}`}>
      <Text className='form-label'>{label}</Text>
      {hint ? <Text className='form-hint'>{hint}</Text> : null}
      <Textarea
        className={`form-textarea ${name}-reason`}
        value={reason}
        maxlength={200}
        placeholder={placeholder}
        onInput={(e) => {
          setReason(e.detail.value)
          setFieldError('')
        }}
      />
      <FieldError message={fieldError} />
      <ErrorMessage error={error} />
      <View className='actions-row'>
        <Button className='btn btn-ghost' disabled={busy || undefined} onClick={onBack}>
          {backText}
        </Button>
        <Button
          className={`btn btn-primary ${name}-confirm`}
          loading={busy || undefined}
          disabled={busy || disabled || undefined}
          onClick={() => void submit()}
        >
          {confirmText}
        </Button>
      </View>
    </View>
  )
}
