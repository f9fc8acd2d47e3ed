import { Button, Text, View } from '@tarojs/components'

interface Props {
  title: string
  /** Tell the user what to do next. */
  hint?: string
  actionText?: string
  onAction?: () => void
}

export function EmptyState({ title, hint, actionText, onAction }: Props) {
  return (
    <View className='state state-empty'>
      <Text className='state-title'>{title}</Text>
      {hint ? <Text className='state-hint'>{hint}</Text> : null}
      {actionText && onAction ? (
        <Button className='btn btn-ghost' onClick={onAction}>
          {actionText}
        </Button>
      ) : null}
    </View>
  )
}
