/** 抽签: 参与抽签 / 已报名 (撤销报名) / 中签 (确认领取) / 未中签 with its reason, and 公平性说明. */
import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { ENTRY_STATES } from '@contract/vouchers/labels'
import { LOTTERY_DRAW_ALGORITHM } from '@contract/vouchers/draw-algorithm'
import { go } from '../../../platform/ui'
import { useStores } from '../../../stores/context'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { Row } from '../../../components/Row'
import { formatDateTime } from '../../../utils/date'
import type { CampaignStore } from '../stores/CampaignStore'
import { formatCountdown } from '../stores/time'
import { ClaimResult } from './ClaimResult'

/** Lottery wins waiting for confirmation before their deadline. */
const ToConfirm = observer(function ToConfirm({ store }: { store: CampaignStore }) {
  const pending = store.myVouchers.filter((v) => v.confirmBy && v.state === 'unused')
  if (pending.length === 0) return null
  return (
    <View className='notice confirm-box'>
      {pending.map((v) => (
        <View key={v.id}>
          <Text className='confirm-text'>恭喜中签！请在 {formatDateTime(v.confirmBy!)} 前确认领取，逾期券将转给候补会员。</Text>
          <Button className='btn btn-primary btn-block confirm-btn' loading={store.waitlistBusy || undefined} disabled={store.waitlistBusy || undefined} onClick={() => void store.confirm(v.id)}>
            确认领取
          </Button>
        </View>
      ))}
    </View>
  )
})

/** 抽签: 参与抽签 / 已报名 / 中签 / 未中签 + reason. */
export const LotteryPanel = observer(function LotteryPanel({ store }: { store: CampaignStore }) {
  const { subscriptions } = useStores()
  useEffect(() => subscriptions.prepare(), [subscriptions])
  const c = store.campaign!
  const entry = c.myEntry
  const phase = store.phase
  if (phase === 'upcoming') {
    return (
      <View className='card countdown-box'>
        <Text className='countdown-label'>距报名开始还有</Text>
        <Text className='countdown'>{formatCountdown(store.msToOpen)}</Text>
        <Button className='btn btn-primary btn-block claim-btn' disabled>
          未开始
        </Button>
      </View>
    )
  }
  return (
    <View className='card countdown-box lottery-box'>
      {entry ? (
        <View className='entry-state' data-state={entry.state}>
          <Text className='claim-result-title'>{ENTRY_STATES[entry.state]}</Text>
          <Text className='claim-result-message'>
            {entry.reason ?? (entry.state === 'entered' ? `${formatDateTime(entry.enteredAt)} 报名成功，${formatDateTime(c.closesAt)} 截止后开奖` : '')}
          </Text>
          {entry.state === 'won' ? (
            <Button className='btn btn-ghost go-mine-btn' onClick={() => go(pages.vouchers.mine.path)}>
              查看我的券
            </Button>
          ) : null}
          {entry.state === 'entered' && phase === 'open' ? <WithdrawEntry store={store} /> : null}
        </View>
      ) : phase === 'open' ? (
        <>
          <Text className='countdown-label'>报名中 · 距截止 {formatCountdown(store.msToClose)}</Text>
          {store.justWithdrawn ? <Text className='muted withdrawn-note'>已撤销报名，领取额度已退还；截止前可重新报名</Text> : null}
          <Button className='btn btn-primary btn-block claim-btn enter-btn' loading={store.claiming || undefined} disabled={store.claiming || undefined} onClick={() => {
            // From the tap: WeChat's dialog for the draw's result; the entry does not wait for it.
            void subscriptions.ask(['voucher_result'])
            void store.enter()
          }}>
            参与抽签
          </Button>
        </>
      ) : (
        <Text className='muted'>报名已截止，您未参与本次抽签</Text>
      )}
      <ToConfirm store={store} />
      {store.outcome?.kind === 'entered' ? null : <ClaimResult store={store} />}
      <ErrorMessage error={store.actionError} />
    </View>
  )
})

/** 撤销报名, after asking in a sheet: the limit the entry reserved comes back, and she can enter again before closing. */
const WithdrawEntry = observer(function WithdrawEntry({ store }: { store: CampaignStore }) {
  const [asking, setAsking] = useState(false)
  const confirm = async () => {
    setAsking(false)
    await store.withdrawEntry()
  }
  return (
    <>
      <Button
        className='btn btn-ghost btn-small withdraw-entry-btn'
        loading={store.claiming || undefined}
        disabled={store.claiming || undefined}
        onClick={() => setAsking(true)}
      >
        撤销报名
      </Button>
      {asking ? (
        <View className='sheet-mask withdraw-confirm' catchMove>
          <View className='sheet'>
            <Text className='sheet-title'>确定撤销本次抽签报名？</Text>
            <View className='sheet-body'>
              <Text>撤销后不参加本次开奖，报名占用的领取额度同时退还；截止前仍可重新报名。</Text>
            </View>
            <View className='sheet-actions'>
              <Button className='btn btn-plain' onClick={() => setAsking(false)}>
                再想想
              </Button>
              <Button className='btn btn-primary withdraw-confirm-btn' onClick={() => void confirm()}>
                确定撤销
              </Button>
            </View>
          </View>
        </View>
      ) : null}
    </>
  )
})

/** 公平性说明: the commitment published before the window, the seed revealed after the draw, how to re-run it. */
export const Fairness = observer(function Fairness({ store }: { store: CampaignStore }) {
  const l = store.campaign?.lottery
  if (!l) return null
  return (
    <>
      <Text className='section-title'>公平性说明</Text>
      <View className='card fairness-box'>
        <Row k='报名人数' v={`${l.entries} 人`} />
        <Text className='form-label'>承诺值（报名开始前公布）</Text>
        <Text className='fairness commitment' userSelect selectable>
          {l.commitment}
        </Text>
        <Text className='form-label'>随机种子（开奖后公布）</Text>
        <Text className='fairness seed' userSelect selectable>
          {l.seed ?? '开奖后公布'}
        </Text>
        {l.drawnAt ? <Text className='muted'>开奖时间 {formatDateTime(l.drawnAt)}</Text> : null}
        <Text className='rules-text' style={{ marginTop: '16px' }}>
          {LOTTERY_DRAW_ALGORITHM}
        </Text>
        {l.seed ? (
          store.draw ? (
            <Text className='muted draw-summary'>
              共 {store.draw.entries.length} 人报名，{store.draw.winners.length} 人中签。可用上述种子按规则复算，结果应完全一致。
            </Text>
          ) : (
            <Button className='btn btn-plain btn-small load-draw-btn' onClick={() => void store.loadDraw()}>
              查看开奖名单
            </Button>
          )
        ) : null}
        <ErrorMessage error={store.drawError} />
      </View>
    </>
  )
})
