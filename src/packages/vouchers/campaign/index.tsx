import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useDidShow, useRouter } from '@tarojs/taro'
import { CAMPAIGN_KINDS, CAMPAIGN_MODES, CAMPAIGN_PHASES, ENTRY_STATES, LIMIT_PERIODS, WAITLIST_STATES } from '@contract/vouchers/labels'
import { LOTTERY_DRAW_ALGORITHM } from '@contract/vouchers/draw-algorithm'
import type { Voucher } from '@contract/vouchers/schemas'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { formatDateTime } from '../../../utils/date'
import { createCampaignStore } from '../stores'
import type { CampaignStore, ClaimOutcome } from '../stores/CampaignStore'
import { formatCountdown } from '../stores/time'
import '../vouchers.css'

const OUTCOME_TITLES: Record<ClaimOutcome['kind'], string> = {
  success: '领取成功',
  entered: '已报名',
  sold_out: '已领完',
  limit: '已达领取上限',
  not_open: '未开始',
  closed: '已结束',
  not_eligible: '不在领取范围',
  retry: '网络不给力',
  error: '领取失败',
}

function successText(v: Voucher): string {
  const only = typeof v.venueId === 'number' ? v.venues.find((x) => x.id === v.venueId) ?? v.venues[0] : null
  return only ? `券码 ${v.code}，限「${only.name}」使用，请在有效期内到该场馆出示` : `券码 ${v.code}，请在有效期内到指定场馆出示`
}

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

const ClaimResult = observer(function ClaimResult({ store }: { store: CampaignStore }) {
  const o = store.outcome
  if (!o) return null
  return (
    <View className='claim-result' data-kind={o.kind} role='alert'>
      <Text className='claim-result-title'>{OUTCOME_TITLES[o.kind]}</Text>
      <Text className='claim-result-message'>
        {o.kind === 'success' ? successText(o.voucher) : o.message}
      </Text>
      {o.kind === 'success' ? (
        <Button className='btn btn-primary go-mine-btn' onClick={() => go(pages.vouchers.mine.path)}>
          查看我的券
        </Button>
      ) : null}
    </View>
  )
})

/** 候补: offered when a first-come campaign is sold out; shows the place in line. */
const Waitlist = observer(function Waitlist({ store }: { store: CampaignStore }) {
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
      <Button className='btn btn-ghost btn-block join-waitlist-btn' loading={store.waitlistBusy || undefined} disabled={store.waitlistBusy || undefined} onClick={() => void store.setWaitlist(true)}>
        加入候补
      </Button>
    </View>
  )
})

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
const LotteryPanel = observer(function LotteryPanel({ store }: { store: CampaignStore }) {
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
          <Button className='btn btn-primary btn-block claim-btn enter-btn' loading={store.claiming || undefined} disabled={store.claiming || undefined} onClick={() => void store.enter()}>
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
const Fairness = observer(function Fairness({ store }: { store: CampaignStore }) {
  const l = store.campaign?.lottery
  if (!l) return null
  return (
    <>
      <Text className='section-title'>公平性说明</Text>
      <View className='card fairness-box'>
        <View className='kv'>
          <Text className='kv-key'>报名人数</Text>
          <Text className='kv-value'>{l.entries} 人</Text>
        </View>
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

const ClaimPanel = observer(function ClaimPanel({ store }: { store: CampaignStore }) {
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
        onClick={() => void store.claim()}
      >
        {label}
      </Button>
      <ClaimResult store={store} />
      <Waitlist store={store} />
      <ErrorMessage error={store.actionError} />
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
        {c.mode === 'lottery' ? (
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
        <View className='kv'>
          <Text className='kv-key'>{c.mode === 'lottery' ? '报名开始' : '开抢时间'}</Text>
          <Text className='kv-value opens-at'>{formatDateTime(c.opensAt)}</Text>
        </View>
        <View className='kv'>
          <Text className='kv-key'>{c.mode === 'lottery' ? '报名截止' : '截止时间'}</Text>
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

      {store.isLottery ? <LotteryPanel store={store} /> : <ClaimPanel store={store} />}
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

      <Fairness store={store} />

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
