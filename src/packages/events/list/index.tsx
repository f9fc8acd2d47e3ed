import { pages } from '@contract/pages'
import { useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { EVENT_KIND_KEYS, EVENT_KINDS, EVENT_PHASE_FILTER_KEYS, EVENT_PHASE_FILTERS, type EventKind, type EventPhaseFilter } from '@contract/events/labels'
import type { EventCard } from '@contract/events/schemas'
import { useStores } from '../../../stores/context'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { Chips } from '../../../components/Chips'
import { KindTag, PhaseTag, StatusBadge } from '../components/bits'
import { WindowedList } from '../components/WindowedList'
import { eventWhen } from '../format'
import { eventListOf } from '../stores'
import { PageRoot } from '../../../components/PageRoot'
import '../events.css'

const KIND_OPTIONS: { value: EventKind | undefined; label: string }[] = [
  { value: undefined, label: '全部' },
  ...EVENT_KIND_KEYS.map((k) => ({ value: k, label: EVENT_KINDS[k] })),
]
const PHASE_OPTIONS: { value: EventPhaseFilter | undefined; label: string }[] = [
  ...EVENT_PHASE_FILTER_KEYS.map((k) => ({ value: k, label: EVENT_PHASE_FILTERS[k] })),
  { value: undefined, label: '全部' },
]

/** Each row is exactly this tall (design px) so the list can be windowed. */
const ROW_HEIGHT = 250
/** The filters above the list (design px). */
const HEADER_HEIGHT = 300

function seatsText(e: EventCard): string {
  if (e.phase === 'ended') return `${e.counts.taken} 人参加`
  return e.placesLeft > 0 ? `余 ${e.placesLeft} 个名额` : '名额已满，可候补'
}

const EventRow = ({ e, now }: { e: EventCard; now: string | number }) => (
  <View className='event-row'>
    <View className='event-item' data-id={e.id} onClick={() => go(pages.events.detail.url({ id: e.id }))}>
      <Text className='event-item-title'>{e.title}</Text>
      <Text className='event-item-line event-item-when'>{eventWhen(e.startsAt, e.endsAt, now)}</Text>
      <Text className='event-item-line'>
        {e.place.name} · {e.orgName}
      </Text>
      <View className='event-item-tags'>
        <KindTag kind={e.kind} />
        <PhaseTag phase={e.phase} />
        {e.myStatus ? <StatusBadge status={e.myStatus} position={e.myWaitlistPosition} /> : <Text className='tag seats-tag'>{seatsText(e)}</Text>}
      </View>
    </View>
  </View>
)

function EventListPage() {
  const root = useStores()
  const list = eventListOf(root)
  const authed = root.session.isAuthenticated
  const isOrganiser = root.session.hasRole('admin')
  // Venue staff check members in at the door (events.checkin) but do not manage registrations.
  const isCheckinStaff = !isOrganiser && root.session.hasRole('venue_staff')

  useEffect(() => {
    if (authed && !list.loaded && !list.loading) void list.refresh()
  }, [authed, list])

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可查看并报名工会活动' />

  const now = list.serverTime ?? root.now()
  const f = list.filter

  return (
    <PageRoot className='page events-list-page'>
      <View className='events-head'>
        <View className='actions-row events-links'>
          <Button className='btn btn-ghost btn-small mine-link' onClick={() => go(pages.events.mine.path)}>
            我的活动
          </Button>
          <Button className='btn btn-ghost btn-small invite-link' onClick={() => go(pages.events.invite.path)}>
            输入邀请码
          </Button>
          {isOrganiser || isCheckinStaff ? (
            <Button className='btn btn-ghost btn-small manage-link' onClick={() => go(pages.eventsStaff.list.path)}>
              {isOrganiser ? '活动管理' : '活动签到'}
            </Button>
          ) : null}
        </View>
        <Chips className='kind-chips' label='活动类型' options={KIND_OPTIONS} value={f.kind} onChange={(kind) => void list.setFilter({ ...f, kind })} />
        <Chips className='phase-chips' label='活动状态' options={PHASE_OPTIONS} value={f.phase} onChange={(phase) => void list.setFilter({ ...f, phase })} />
      </View>
      {list.error && list.items.length > 0 ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : null}
      {!list.loaded ? (
        list.error ? (
          <ErrorMessage error={list.error} onRetry={() => void list.refresh()} />
        ) : (
          <Loading text='活动加载中…' />
        )
      ) : list.items.length === 0 ? (
        <View className='card events-empty'>
          <EmptyState
            title={list.loading ? '正在筛选…' : '没有符合条件的活动'}
            hint={
              root.session.isMember
                ? '换个类型或状态看看；工会发布新活动后会出现在这里'
                : '活动面向工会会员开放，入会后即可报名'
            }
            actionText={f.kind || f.phase ? '查看全部活动' : undefined}
            onAction={f.kind || f.phase ? () => void list.setFilter({}) : undefined}
          />
        </View>
      ) : (
        <View className='events-body' data-loading={list.loading ? 'true' : 'false'}>
        <WindowedList
          className='event-list'
          items={list.items}
          rowHeight={ROW_HEIGHT}
          reserve={HEADER_HEIGHT}
          keyOf={(e) => e.id}
          renderItem={(e) => <EventRow e={e} now={now} />}
          onEndReached={() => void list.loadMore()}
          footer={
            <Text className='list-footer' onClick={list.moreError ? () => void list.loadMore() : undefined}>
              {list.loadingMore
                ? '加载中…'
                : list.moreError
                  ? '加载失败，点此重试'
                  : list.hasMore
                    ? '上滑加载更多'
                    : `共 ${list.items.length} 个活动，没有更多了`}
            </Text>
          }
        />
        </View>
      )}
    </PageRoot>
  )
}

export default observer(EventListPage)
