import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_PHASES, LIMIT_PERIODS } from '@contract/vouchers/labels'
import { useStores } from '../../../stores/context'
import { useSignedInLoad } from '../../../hooks/useSignedInLoad'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { ResourceView } from '../../../components/ResourceView'
import { Row } from '../../../components/Row'
import { formatDateTime } from '../../../utils/date'
import { createCampaignStore } from '../stores'
import type { CampaignStore } from '../stores/CampaignStore'
import { ClaimPanel } from './ClaimPanel'
import { Fairness, LotteryPanel } from './LotteryPanel'
import { PageRoot } from '../../../components/PageRoot'
import '../vouchers.css'

/** The campaign's card: kind and mode, the live phase, stock, window, limit and validity. */
const CampaignHead = observer(function CampaignHead({ store }: { store: CampaignStore }) {
  const c = store.campaign!
  const lottery = c.mode === 'lottery'
  return (
    <View className='card'>
      <View className='campaign-head'>
        <Text className='tag kind-tag'>
          {CAMPAIGN_KINDS[c.kind]} · {CAMPAIGN_MODES[c.mode]}
        </Text>
        <Text className='tag phase-tag' data-phase={store.phase}>
          {CAMPAIGN_PHASES[store.phase]}
        </Text>
      </View>
      <Text className='campaign-title'>{c.title}</Text>
      <Text className='muted'>{c.orgName}</Text>
      {lottery ? (
        <View className='stock-line'>
          <Text className='stock-num'>{c.totalStock}</Text>
          <Text className='muted'>张 · 已有 {c.lottery?.entries ?? 0} 人报名，截止后抽签</Text>
        </View>
      ) : (
        <View className='stock-line'>
          <Text className='stock-num'>{c.remaining}</Text>
          <Text className='muted'>/ 共 {c.totalStock} 张 剩余</Text>
        </View>
      )}
      <Row k={lottery ? '报名开始' : '开抢时间'} v={formatDateTime(c.opensAt)} className='opens-at' />
      <Row k={lottery ? '报名截止' : '截止时间'} v={formatDateTime(c.closesAt)} />
      <Row k='每人限领' v={`${c.perMemberLimit.count} 张（${LIMIT_PERIODS[c.perMemberLimit.period]}）`} />
      <Row k='券有效期' v={`领取后 ${c.voucherValidDays} 天内使用`} />
    </View>
  )
})

function CampaignPage() {
  const root = useStores()
  const router = useRouter()
  const id = Number(router.params.id)
  const [store] = useState(() => createCampaignStore(root, id))
  const authed = root.session.isAuthenticated
  const upcoming = store.phase === 'upcoming'
  const nearOpening = upcoming && store.msToOpen < 3000

  useSignedInLoad(authed, !!store.campaign, () => store.load())
  // A tick every second; near the opening instant five times a second so the button turns on at the instant.
  useEffect(() => {
    const t = setInterval(() => store.tick(), nearOpening ? 200 : 1000)
    return () => clearInterval(t)
  }, [store, nearOpening])

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可领取工会福利券' />

  return (
    <ResourceView resource={store.detail}>
      {({ campaign: c }) => (
        <PageRoot className='page campaign-page'>
          <CampaignHead store={store} />

          {store.isLottery ? <LotteryPanel store={store} /> : <ClaimPanel store={store} />}

          <Text className='section-title'>可用场馆</Text>
          <View className='card'>
            {c.venues.map((v) => (
              <View key={v.id} className='venue-item'>
                <Text className='venue-name'>{v.name}</Text>
                <Text className='muted'>{v.address}</Text>
              </View>
            ))}
          </View>

          <Fairness store={store} />

          {c.rules ? (
            <>
              <Text className='section-title'>活动规则</Text>
              <View className='card'>
                <Text className='rules-text'>{c.rules}</Text>
              </View>
            </>
          ) : null}
        </PageRoot>
      )}
    </ResourceView>
  )
}

export default observer(CampaignPage)
