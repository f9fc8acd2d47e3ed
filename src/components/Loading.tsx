import { Text, View } from '@tarojs/components'

export function Loading({ text = '加载中…' }: { text?: string }) {
  return (
    <View className='state state-loading' aria-busy='true'>
      <View className='spinner' />
      <Text className='state-hint'>{text}</Text>
    </View>
  )
}
