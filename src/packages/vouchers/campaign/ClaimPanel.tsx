/** 先到先得: the countdown, the venue to claim for (split stock), 立即领取 / 重试, what it ended in, and 候补. */
import { pages } from '@contract/pages'
import { useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { WAITLIST_STATES } from '@contract/vouchers/labels'
import { go } from '../../../platform/ui'
import { useStores } from '../../../stores/context'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { formatDateTime } from '../../../utils/date'
import type { CampaignStore } from '../stores/CampaignStore'
import { formatCountdown } from '../stores/time'
import { ClaimResult } from './ClaimResult'

/** 分场馆库存: one chip per venue with what is left there; a venue with nothing left cannot be chosen. */
const VenueChoices = observer(function VenueChoices({ store }: { store: CampaignStore }) {
  const split = store.venueStock
  if (!split) return null
  const chosen = store.claimVenueId
  const locked = store.lockedVenueId !== null
  return (
    <View className='venue-choices'>
      <Text className='form-label'>选择领取场馆（券只能在该场馆使用）</Text>
      <View className='choices'>
        {split.map((row) => {
          const soldOut = row.remaining <= 0
          const active = chosen === row.venueId
          const disabled = !active && (soldOut || locked)
          return (
            <View
              key={row.venueId}
              className={`choice venue-choice ${active ? 'choice-active' : ''} ${disabled ? 'choice-disabled' : ''}`}
              data-venue={row.venueId}
              aria-disabled={disabled || undefined}
              onClick={() => store.chooseVenue(row.venueId)}
            >
              <Text className='venue-choice-name'>{store.venueName(row.venueId) ?? `场馆 ${row.venueId}`}</Text>
              <Text className='venue-choice-left'>{soldOut ? '已领完' : `剩 ${row.remaining} 张`}</Text>
            </View>
          )
        })}
      </View>
      {locked ? <Text className='form-hint'>上次领取还没有结果，点“重试”继续领取所选场馆的券</Text> : null}
      <FieldError message={store.venueError} />
    </View>
  )
})

/** 候补: offered when a first-come campaign is sold out; shows the place in line. */
const Waitlist = observer(function Waitlist({ store }: { store: CampaignStore }) {
  const { subscriptions } = useStores()
  const c = store.campaign!
  const w = c.myWaitlist
  if (w && w.state === 'waiting') {
    return (
      <View className='notice waitlist-box'>
        <Text className='waitlist-place'>候补第 {w.position ?? '—'} 位</Text>
        <Text className='muted'>（共 {w.length} 人候补）有人退券时按顺序自动发给您，并发消息通知</Text>
        <Button className='btn btn-plain btn-small leave-waitlist-btn' loading={store.waitlistBusy || undefined} disabled={store.waitlistBusy || undefined} onClick={() => void store.setWaitlist(false)}>
          退出候补
        </Button>
      </View>
    )
  }
  if (w && w.state !== 'left') {
    return (
      <View className='notice waitlist-box'>
        <Text className='waitlist-state'>{WAITLIST_STATES[w.state]}</Text>
      </View>
    )
  }
  if (c.mode !== 'first_come' || store.phase !== 'sold_out' || store.myVouchers.length > 0) return null
  return (
    <View className='notice waitlist-box'>
      <Text className='muted'>券已领完，目前 {c.waitlistLength} 人候补。有人退券时按候补顺序自动发放。</Text>
      <Button className='btn btn-ghost btn-block join-waitlist-btn' loading={store.waitlistBusy || undefined} disabled={store.waitlistBusy || undefined} onClick={() => {
          void subscriptions.ask(['voucher_result'])
          void store.setWaitlist(true)
        }}>
        加入候补
      </Button>
    </View>
  )
})

export const ClaimPanel = observer(function ClaimPanel({ store }: { store: CampaignStore }) {
  const { subscriptions } = useStores()
  useEffect(() => subscriptions.prepare(), [subscriptions])
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
        <VenueChoices store={store} />
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
        <View className='list-row held-row' onClick={() => go(pages.vouchers.mine.path)}>
          <Text>您已领取 {held} 张，去我的券使用</Text>
          <Text className='arrow'>›</Text>
        </View>
      ) : null}
      {/* No venue to pick once the member may not claim more (the voucher line above says where it is). */}
      {(phase === 'open' && !limitReached) || retry ? <VenueChoices store={store} /> : null}
      <Button
        className='btn btn-primary btn-block claim-btn'
        loading={store.claiming || undefined}
        disabled={disabled || undefined}
        onClick={() => {
          // From the tap: WeChat's dialog for the waitlist / hand-over notices; the claim does not wait for it.
          void subscriptions.ask(['voucher_result'])
          void store.claim()
        }}
      >
        {label}
      </Button>
      <ClaimResult store={store} />
      <Waitlist store={store} />
      <ErrorMessage error={store.actionError} />
    </View>
  )
})
