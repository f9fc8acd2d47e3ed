import { View } from '@tarojs/components'
import { toLogin } from '../platform/ui'
import { EmptyState } from './EmptyState'

/** The whole page for a visitor who must log in first; `hint` says what logging in unlocks here. */
export function LoginRequired({ hint }: { hint: string }) {
  return (
    <View className='page'>
      <View className='card'>
        <EmptyState title='请先登录' hint={hint} actionText='去登录' onAction={toLogin} />
      </View>
    </View>
  )
}
