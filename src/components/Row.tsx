/** A key–value line of a detail card (姓名：李晓梅); `className` styles the value (e.g. a sensitive number). */
import { Text, View } from '@tarojs/components'

export function Row({ k, v, className }: { k: string; v: string; className?: string }) {
  return (
    <View className='kv'>
      <Text className='kv-key'>{k}</Text>
      <Text className={`kv-value ${className ?? ''}`}>{v}</Text>
    </View>
  )
}
