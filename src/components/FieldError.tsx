import { Text } from '@tarojs/components'

/** Announced as it appears (role=alert): a screen reader reads the message beside the field at once (issue 18). */
const ANNOUNCE = { role: 'alert', 'aria-live': 'assertive' } as Record<string, unknown>

export function FieldError({ message }: { message?: string | null }) {
  if (!message) return null
  return (
    <Text className='field-error' {...ANNOUNCE}>
      {message}
    </Text>
  )
}
