import { pages } from '@contract/pages'
import { useCallback, useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { useDidShow, usePullDownRefresh, stopPullDownRefresh } from '@tarojs/taro'
import { vouchersApi } from '@contract/vouchers/api'
import type { MemberCampaign } from '@contract/vouchers/schemas'
import { CAMPAIGN_KINDS, CAMPAIGN_PHASES } from '@contract/vouchers/labels'
import { useStores } from '../../stores/context'
import { go, toLogin } from '../../platform/ui'
import { EmptyState } from '../../components/EmptyState'
import { ErrorMessage } from '../../components/ErrorMessage'
import { Loading } from '../../components/Loading'
import { formatDateTime } from '../../utils/date'
import './index.css'

/** 福利 tab (main package, kept light): open campaigns with a link into the vouchers subpackage. */
function WelfarePage() {
  const { session, api } = useStores()
  const authed = session.isAuthenticated
  const [items, setItems] = useState<MemberCampaign[] | null>(null)
  const [error, setError] = useState<unknown>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      setItems((await api.send(vouchersApi.campaigns)).items)
    } catch (err) {
      setError(err)
    }
  }, [api])

  useEffect(() => {
    if (authed) void load()
  }, [authed, load])
  useDidShow(() => {
    if (authed && items) void load()
  })
  usePullDownRefresh(() => {
    void load().finally(() => stopPullDownRefresh())
  })

  if (session.status === 'unknown') return <Loading />
  if (!authed) {
    return (
      <View className='page welfare-page'>
        <View className='card'>
          <EmptyState title='登录后领取工会福利' hint='电影、健身、游泳等福利券在这里领取' actionText='去登录' onAction={toLogin} />
        </View>
      </View>
    )
  }

  return (
    <View className='page welfare-page'>
      <View className='card'>
        <View className='list-row my-vouchers-row' onClick={() => go(pages.vouchers.mine.path)}>
          <Text>我的券</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>
      <Text className='section-title'>工会活动</Text>
      <View className='card'>
        <View className='list-row welfare-events' onClick={() => (session.isAuthenticated ? go(pages.events.list.path) : toLogin())}>
          <Text>活动报名：技能竞赛、文体活动、疗休养</Text>
          <Text className='arrow'>›</Text>
        </View>
      </View>
      <Text className='section-title'>福利活动</Text>
      {items === null ? (
        error ? (
          <ErrorMessage error={error} onRetry={() => void load()} />
        ) : (
          <Loading text='正在加载福利活动…' />
        )
      ) : (
        <>
          <ErrorMessage error={error} onRetry={() => void load()} />
          {items.length === 0 ? (
            <View className='card'>
              <EmptyState
                title='暂时没有可领取的福利'
                hint={session.isMember ? '工会发布福利活动后会显示在这里，请留意开抢时间' : '福利券仅限工会会员领取，入会后即可参加'}
                actionText={session.isMember ? undefined : '申请入会'}
                onAction={session.isMember ? undefined : () => go(pages.membership.join.path)}
              />
            </View>
          ) : (
            items.map((c) => (
              <View key={c.id} className='card campaign-item' data-id={c.id} onClick={() => go(pages.vouchers.campaign.url({ id: c.id }))}>
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
            ))
          )}
        </>
      )}
    </View>
  )
}

export default observer(WelfarePage)
