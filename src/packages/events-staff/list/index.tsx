import { pages } from '@contract/pages'
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { EVENT_KINDS, EVENT_PHASES } from '@contract/events/labels'
import { useStores } from '../../../stores/context'
import { useSignedInLoad } from '../../../hooks/useSignedInLoad'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { eventSpan } from '../../events/shared'
import { createManagedEvents } from '../stores'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'


/** 活动管理: the organiser's events, newest start first, with the numbers that need attention. */
function ManageEventsPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  // Organisers open the registrations; check-in staff go straight to the door.
  const open = (id: number) => go(root.session.hasRole('admin') ? pages.eventsStaff.detail.url({ id: id }) : pages.eventsStaff.checkin.url({ id: id }))
  const [list] = useState(() => createManagedEvents(root))

  useSignedInLoad(authed, list.loaded, () => list.refresh())
  useReachBottom(() => void list.loadMore())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后管理活动' />
  if (!list.loaded) return list.error ? <PageRoot className='page'><ErrorMessage error={list.error} onRetry={() => void list.refresh()} /></PageRoot> : <Loading />

  const now = list.serverTime ?? root.now()
  return (
    <PageRoot className='page manage-events-page'>
      {root.session.hasRole('admin') ? (
        <Button className='btn btn-primary btn-block new-event-btn' onClick={() => go(pages.eventsStaff.edit.path)}>
          新建活动
        </Button>
      ) : null}
      <ErrorMessage error={list.error} onRetry={() => void list.refresh()} />
      {list.items.length === 0 ? (
        <View className='card'>
          <EmptyState title='还没有您组织或负责签到的活动' hint={root.session.hasRole('admin') ? '点击上方“新建活动”发布第一个活动' : '您所在工会及下属工会发布的活动会显示在这里'} />
        </View>
      ) : (
        list.items.map((e) => (
          <View key={e.id} className='card manage-event-item' data-id={e.id} onClick={() => open(e.id)}>
            <Text className='event-item-title'>{e.title}</Text>
            <Text className='event-item-line'>{eventSpan(e.startsAt, e.endsAt, now)}</Text>
            <View className='event-item-tags'>
              <Text className='tag'>{EVENT_KINDS[e.kind]}</Text>
              <Text className='tag phase-tag' data-phase={e.phase}>
                {EVENT_PHASES[e.phase]}
              </Text>
              {e.counts.pending > 0 ? <Text className='tag tag-overdue pending-count'>待审核 {e.counts.pending}</Text> : null}
            </View>
            <Text className='event-item-line'>
              名额 {e.counts.taken}/{e.capacity} · 已签到 {e.counts.checkedIn} · 候补 {e.counts.waitlisted}
            </Text>
          </View>
        ))
      )}
      <Text className='list-footer'>{list.loadingMore ? '加载中…' : list.hasMore ? '上滑加载更多' : ''}</Text>
    </PageRoot>
  )
}

export default observer(ManageEventsPage)
