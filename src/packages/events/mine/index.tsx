import { pages } from '@contract/pages'
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { MY_EVENTS_SCOPE_KEYS, MY_EVENTS_SCOPES, type MyEventsScope } from '@contract/events/labels'
import { useStores } from '../../../stores/context'
import { useSignedInLoad } from '../../../hooks/useSignedInLoad'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { Chips } from '../../../components/Chips'
import { KindTag, StatusBadge } from '../components/bits'
import { eventWhen } from '../format'
import { createMyRegistrations } from '../stores'
import { PageRoot } from '../../../components/PageRoot'
import '../events.css'

const SCOPES = MY_EVENTS_SCOPE_KEYS.map((k) => ({ value: k, label: MY_EVENTS_SCOPES[k] }))

/** 我的活动: upcoming and past registrations. A member has a handful a year: pages of 20, more on reaching the bottom. */
function MyEventsPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [list] = useState(() => createMyRegistrations(root, 'upcoming'))

  useSignedInLoad(authed, list.loaded, () => list.refresh())
  useReachBottom(() => void list.loadMore())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后查看您报名的活动' />

  const now = list.serverTime ?? root.now()
  return (
    <PageRoot className='page my-events-page'>
      <Chips label='报名范围' options={SCOPES} value={list.filter.scope} onChange={(scope) => scope && void list.setFilter({ scope: scope as MyEventsScope })} />
      {!list.loaded ? (
        list.error ? <ErrorMessage error={list.error} onRetry={() => void list.refresh()} /> : <Loading />
      ) : list.items.length === 0 ? (
        <View className='card'>
          <EmptyState
            title={list.filter.scope === 'upcoming' ? '还没有要参加的活动' : '还没有参加过的活动'}
            hint='去活动列表看看正在报名的活动'
            actionText='浏览活动'
            onAction={() => go(pages.events.list.path)}
          />
        </View>
      ) : (
        <View>
          <ErrorMessage error={list.error} onRetry={() => void list.refresh()} />
          {list.items.map((r) => (
            <View key={r.id} className='card my-reg-item' data-id={r.id} onClick={() => go(pages.events.registration.url({ id: r.id }))}>
              <View className='reg-item-head'>
                <Text className='event-item-title'>{r.event.title}</Text>
              </View>
              <Text className='event-item-line'>{eventWhen(r.event.startsAt, r.event.endsAt, now)}</Text>
              <Text className='event-item-line'>{r.event.place.name}</Text>
              <View className='event-item-tags'>
                <KindTag kind={r.event.kind} />
                <StatusBadge status={r.status} position={r.waitlistPosition} />
                {r.result ? <Text className='tag'>第 {r.result.rank} 名</Text> : null}
              </View>
            </View>
          ))}
          <Text className='list-footer'>{list.loadingMore ? '加载中…' : list.moreError ? '加载失败，上滑重试' : list.hasMore ? '上滑加载更多' : '没有更多了'}</Text>
        </View>
      )}
    </PageRoot>
  )
}

export default observer(MyEventsPage)
