import { Button, Text, Textarea, View } from '@tarojs/components'
import { scan } from '../platform/scan'
import { toast } from '../platform/ui'
import { FieldError } from './FieldError'

interface Props {
  /** What is shown at the door: 会员码, 报名码 … */
  noun: string
  code: string
  onCode(value: string): void
  error: string | null
  busy: boolean
  /** Sends a scanned or pasted code. */
  onSubmit(value: string): Promise<void>
  scanText: string
  submitText: string
  placeholder: string
  maxlength: number
  /** Page-specific class names kept for styling and tests, e.g. 'verify' → verify-input / verify-btn. */
  cls: string
}

/** The staff's code entry at a door: the camera on weapp, pasting on H5; one field, one error, one button. */
export function CodeEntry({ noun, code, onCode, error, busy, onSubmit, scanText, submitText, placeholder, maxlength, cls }: Props) {
  const scanCode = async () => {
    const r = await scan.scan()
    if (!r.ok) return toast(r.message)
    await onSubmit(r.code)
  }
  return (
    <>
      {scan.supported ? (
        <Button className='btn btn-primary btn-block scan-btn' disabled={busy || undefined} onClick={() => void scanCode()}>
          {scanText}
        </Button>
      ) : null}
      <View className='card field-code'>
        <Text className='form-label'>{scan.supported ? `或粘贴${noun}` : `请粘贴会员出示的${noun}`}</Text>
        <Textarea
          className={`form-textarea ${cls}-input`}
          value={code}
          maxlength={maxlength}
          placeholder={placeholder}
          onInput={(e) => onCode(e.detail.value)}
        />
        <FieldError message={error} />
        <Button className={`btn btn-ghost btn-block ${cls}-btn`} loading={busy || undefined} disabled={busy || undefined} onClick={() => void onSubmit(code)}>
          {submitText}
        </Button>
      </View>
    </>
  )
}
