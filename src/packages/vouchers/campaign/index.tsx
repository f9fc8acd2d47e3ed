import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_PHASES, LIMIT_PERIODS } from '@contract/vouchers/labels'
import { useStores } from '../../../stores/context'
import { go, ROUTES } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { formatDateTime } from '../../../utils/date'
import { createCampaignStore } from '../stores'
import type { CampaignStore, ClaimOutcome } from '../stores/CampaignStore'
import { formatCountdown } from '../stores/time'
import '../vouchers.css'

const OUTCOME_TITLES: Record<ClaimOutcome['kind'], string> = {
  success: '领取成功',
  sold_out: '已领完',
  limit: '已达领取上限',
  not_open: '未开始',
  closed: '已结束',
  not_eligible: '不在领取范围',
  retry: '网络不给力',
  error: '领取失败',
}

function ClaimResult({ store }: { store: CampaignStore }) {
  const o = store.outcome
  if (!o) return null
  return (
    <View className='claim-result' data-kind={o.kind} role='alert'>
      <Text className='claim-result-title'>{OUTCOME_TITLES[o.kind]}</Text>
      <Text className='claim-result-message'>
        {o.kind === 'success' ? `券码 ${o.voucher.code}，请在有效期内到指定场馆出示` : o.message}
      </Text>
      {o.kind === 'success' ? (
        <Button className='btn btn-primary go-mine-btn' onClick={() => go(ROUTES.myVouchers)}>
          查看我的券
        </Button>
      ) : null}
    </View>
  )
}

function ClaimPanel({ store }: { store: CampaignStore }) {
  const c = store.campaign!
  const phase = store.phase
  const held = store.myVouchers.length
  const limitReached = held >= c.perMemberLimit.count
  const retry = store.outcome?.kind === 'retry'

  if (phase === 'upcoming') {
    return (
      <View className='card countdown-box'>
        <Text className='countdown-label'>距开抢还有</Text>
        <Text className='countdown'>{formatCountdown(store.msToOpen)}</Text>
        <Text className='muted'>{formatDateTime(c.opensAt)} 准时开抢，无需刷新页面</Text>
        <Button className='btn btn-primary btn-block claim-btn' disabled>
          未开始
        </Button>
      </View>
    )
  }
  let label = '立即领取'
  let disabled = store.claiming
  if (store.claiming) label = '领取中…'
  else if (retry) label = '重试'
  else if (limitReached) {
    label = '已领取'
    disabled = true
  } else if (phase === 'sold_out') {
    label = '已领完'
    disabled = true
  } else if (phase === 'closed') {
    label = '已结束'
    disabled = true
  }
  return (
    <View className='card countdown-box'>
      {phase === 'open' ? <Text className='countdown-label'>进行中 · 距截止 {formatCountdown(store.msToClose)}</Text> : null}
      {held > 0 ? (
        <View className='list-row held-row' onClick={() => go(ROUTES.myVouchers)}>
          <Text>您已领取 {held} 张，去我的券使用</Text>
          <Text className='arrow'>›</Text>
        </View>
      ) : null}
      <Button
        className='btn btn-primary btn-block claim-btn'
        loading={store.claiming || undefined}
        disabled={disabled || undefined}
        onClick={() => void store.claim()}
      >
        {label}
      </Button>
      <ClaimResult store={store} />
    </View>
  )
}

function CampaignPage() {
  const root = useStores()
  const router = useRouter()
  const id = Number(router.params.id)
  const [store] = useState(() => createCampaignStore(root, id))
  const authed = root.session.isAuthenticated
  const upcoming = store.phase === 'upcoming'
  const nearOpening = upcoming && store.msToOpen < 3000

  useEffect(() => {
    if (authed) void store.load()
  }, [authed, store])
  // A tick every second; near the opening instant five times a second so the button turns on at the instant.
  useEffect(() => {
    const t = setInterval(() => store.tick(), nearOpening ? 200 : 1000)
    return () => clearInterval(t)
  }, [store, nearOpening])
  useDidShow(() => {
    if (authed && store.campaign) void store.load()
  })

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可领取工会福利券' />
  const c = store.campaign
  if (!c) {
    if (store.error) {
      return (
        <View className='page'>
          <ErrorMessage error={store.error} onRetry={() => void store.load()} />
        </View>
      )
    }
    return <Loading text='活动加载中…' />
  }

  return (
    <View className='page campaign-page'>
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
        <View className='stock-line'>
          <Text className='stock-num'>{c.remaining}</Text>
          <Text className='muted'>/ 共 {c.totalStock} 张 剩余</Text>
        </View>
        <View className='kv'>
          <Text className='kv-key'>开抢时间</Text>
          <Text className='kv-value opens-at'>{formatDateTime(c.opensAt)}</Text>
        </View>
        <View className='kv'>
          <Text className='kv-key'>截止时间</Text>
          <Text className='kv-value'>{formatDateTime(c.closesAt)}</Text>
        </View>
        <View className='kv'>
          <Text className='kv-key'>每人限领</Text>
          <Text className='kv-value'>
            {c.perMemberLimit.count} 张（{LIMIT_PERIODS[c.perMemberLimit.period]}）
          </Text>
        </View>
        <View className='kv'>
          <Text className='kv-key'>券有效期</Text>
          <Text className='kv-value'>领取后 {c.voucherValidDays} 天内使用</Text>
        </View>
      </View>

      <ClaimPanel store={store} />
      {store.error ? <ErrorMessage error={store.error} onRetry={() => void store.load()} /> : null}

      <Text className='section-title'>可用场馆</Text>
      <View className='card'>
        {c.venues.map((v) => (
          <View key={v.id} className='venue-item'>
            <Text className='venue-name'>{v.name}</Text>
            <Text className='muted'>{v.address}</Text>
          </View>
        ))}
      </View>

      {c.rules ? (
        <>
          <Text className='section-title'>活动规则</Text>
          <View className='card'>
            <Text className='rules-text'>{c.rules}</Text>
          </View>
        </>
      ) : null}
    </View>
  )
}

export default observer(CampaignPage)
