import { Text } from '@tarojs/components'

export function FieldError({ message }: { message?: string | null }) {
  if (!message) return null
  return <Text className='field-error'>{message}</Text>
}
