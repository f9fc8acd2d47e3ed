import { pages } from '@contract/pages'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro'
import { vouchersApi } from '@contract/vouchers/api'
import type { MemberCampaignItem } from '@contract/vouchers/schemas'
import { CAMPAIGN_KINDS, CAMPAIGN_PHASES } from '@contract/vouchers/labels'
import { useStores } from '../../stores/context'
import { careModeClass } from '../../utils/a11y'
import { go, toLogin } from '../../platform/ui'
import { EmptyState } from '../../components/EmptyState'
import { Loading } from '../../components/Loading'
import { ResourceView } from '../../components/ResourceView'
import { useResource } from '../../hooks/useResource'
import { formatDateTime } from '../../utils/date'
import './index.css'

function CampaignItem({ c }: { c: MemberCampaignItem }) {
  return (
    <View className='card campaign-item' data-id={c.id} onClick={() => go(pages.vouchers.campaign.url({ id: c.id }))}>
      <View className='campaign-item-head'>
        <Text className='tag'>{CAMPAIGN_KINDS[c.kind]}</Text>
        <Text className='tag campaign-item-phase' data-phase={c.phase}>
          {c.myEntry ? '已报名' : c.myVouchers.length > 0 ? '已领取' : CAMPAIGN_PHASES[c.phase]}
        </Text>
      </View>
      <Text className='campaign-item-title'>{c.title}</Text>
      <Text className='muted'>
        {c.phase === 'upcoming' ? `${formatDateTime(c.opensAt)} 开抢` : `剩余 ${c.remaining} / ${c.totalStock} 张`} · {c.orgName}
      </Text>
    </View>
  )
}

/** The open campaigns (loaded when the tab shows, again on pull-down and on coming back). */
const Campaigns = observer(function Campaigns() {
  const { session, api } = useStores()
  const campaigns = useResource(() => api.send(vouchersApi.campaigns), [api])
  usePullDownRefresh(() => {
    void campaigns.reload().finally(() => stopPullDownRefresh())
  })
  const empty = (
    <View className='card'>
      <EmptyState
        title='暂时没有可领取的福利'
        hint={session.isMember ? '工会发布福利活动后会显示在这里，请留意开抢时间' : '福利券仅限工会会员领取，入会后即可参加'}
        actionText={session.isMember ? undefined : '申请入会'}
        onAction={session.isMember ? undefined : () => go(pages.membership.join.path)}
      />
    </View>
  )
  return (
    <ResourceView inline resource={campaigns} empty={empty}>
      {({ items }) => items.map((c) => <CampaignItem key={c.id} c={c} />)}
    </ResourceView>
  )
})

/** 福利 tab (main package, kept light): open campaigns with a link into the vouchers subpackage. */
function WelfarePage() {
  const { session } = useStores()
  // Logged in, <Campaigns> refreshes on pull-down; logged out there is nothing to refresh.
  usePullDownRefresh(() => {
    if (!session.isAuthenticated) stopPullDownRefresh()
  })

  if (session.status === 'unknown') return <Loading />
  if (!session.isAuthenticated) {
    return (
      <View className='page welfare-page'>
        <View className='card'>
          <EmptyState title='登录后领取工会福利' hint='电影、健身、游泳等福利券在这里领取' actionText='去登录' onAction={toLogin} />
        </View>
      </View>
    )
  }

  return (
    <View className={careModeClass('page welfare-page', session)}>
      <View className='card'>
        <View className='list-row my-vouchers-row' onClick={() => go(pages.vouchers.mine.path)}>
          <Text>我的券</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>
      <Text className='section-title'>工会活动</Text>
      <View className='card'>
        <View className='list-row welfare-events' onClick={() => go(pages.events.list.path)}>
          <Text>活动报名：技能竞赛、文体活动、疗休养</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>
      <Text className='section-title'>福利活动</Text>
      <Campaigns />
    </View>
  )
}

export default observer(WelfarePage)
