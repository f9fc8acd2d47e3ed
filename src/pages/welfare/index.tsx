import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { useStores } from '../../stores/context'
import { go, ROUTES, toLogin } from '../../platform/ui'
import { EmptyState } from '../../components/EmptyState'
import { Loading } from '../../components/Loading'

function WelfarePage() {
  const { session } = useStores()

  if (session.status === 'unknown') return <Loading />

  return (
    <View className='page welfare-page'>
      <Text className='section-title'>我的福利</Text>
      <View className='card'>
        <EmptyState
          title='暂时没有可领取的福利'
          hint='工会发布福利活动（如消费券）后，可领取的福利会显示在这里。领券功能即将上线，请留意首页通知。'
          actionText={session.isAuthenticated ? undefined : '登录后领取'}
          onAction={session.isAuthenticated ? undefined : toLogin}
        />
      </View>
      <Text className='section-title'>工会活动</Text>
      <View className='card'>
        <View className='list-row welfare-events' onClick={() => (session.isAuthenticated ? go(ROUTES.events) : toLogin())}>
          <Text>活动报名：技能竞赛、文体活动、疗休养</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>
    </View>
  )
}

export default observer(WelfarePage)
