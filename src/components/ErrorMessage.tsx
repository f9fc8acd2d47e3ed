import { Button, Text, View } from '@tarojs/components'
import { errorMessage } from '../api/errors'

interface Props {
  /** An ApiError (its Chinese message is shown) or a message. */
  error: unknown
  onRetry?: () => void
  retryText?: string
}

export function ErrorMessage({ error, onRetry, retryText = '重试' }: Props) {
  if (!error) return null
  const message = typeof error === 'string' ? error : errorMessage(error)
  return (
    <View className='error-box' role='alert'>
      <Text className='error-text'>{message}</Text>
      {onRetry ? (
        <Button className='btn btn-ghost' onClick={onRetry}>
          {retryText}
        </Button>
      ) : null}
    </View>
  )
}
