import { pages } from '@contract/pages'
import { useCallback, useEffect } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { bookingsApi } from '@contract/bookings/api'
import { BOOKING_SERVICE_KINDS } from '@contract/bookings/labels'
import { useStores } from '../../../stores/context'
import { useCursorList } from '../../../hooks/useCursorList'
import { go } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { slotWhen } from '../format'
import { PageRoot } from '../../../components/PageRoot'
import '../bookings.css'

/** 在线预约: the services of the member's union and the unions above it. */
function BookingListPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const fetchPage = useCallback((cursor: string | undefined) => root.api.send(bookingsApi.services, { query: { cursor } }), [root])
  const list = useCursorList(fetchPage)
  const { refresh, loadMore } = list
  useEffect(() => {
    if (authed) void refresh()
  }, [authed, refresh])
  useReachBottom(() => void loadMore())

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可预约法律咨询、心理咨询、体检等服务' />
  if (!list.items) return list.error ? <PageRoot className='page'><ErrorMessage error={list.error} onRetry={() => void refresh()} /></PageRoot> : <Loading />

  return (
    <PageRoot className='page bookings-list-page'>
      <Button className='btn btn-ghost btn-block my-bookings-link' aria-label='查看我的预约' onClick={() => go(pages.bookings.mine.path)}>
        我的预约
      </Button>
      <ErrorMessage error={list.error} onRetry={() => void refresh()} />
      {list.items.length === 0 ? (
        <View className='card'>
          <EmptyState
            title='暂无可预约的服务'
            hint={root.session.isMember ? '工会发布预约服务后会显示在这里' : '加入工会后可预约工会提供的服务'}
          />
        </View>
      ) : (
        list.items.map((s) => (
          <View
            key={s.id}
            className='card booking-card service-item'
            data-id={s.id}
            role='link'
            onClick={() => go(pages.bookings.service.url({ id: s.id }))}
          >
            <Text className='booking-title'>{s.title}</Text>
            <Text className='booking-line'>{s.orgName}</Text>
            <Text className='booking-line'>{s.nextSlotAt ? `最近时段 ${slotWhen(s.nextSlotAt, s.nextSlotAt).split(' ').slice(0, 2).join(' ')}` : '暂无可预约时段'}</Text>
            <View className='booking-tags'>
              <Text className='tag'>{BOOKING_SERVICE_KINDS[s.kind]}</Text>
              <Text className='tag'>{s.openSlots > 0 ? `${s.openSlots} 个时段可约` : '已约满'}</Text>
            </View>
          </View>
        ))
      )}
      {list.hasMore ? (
        <Button className='btn btn-plain btn-block' loading={list.loadingMore || undefined} onClick={() => void loadMore()}>
          加载更多
        </Button>
      ) : null}
    </PageRoot>
  )
}

export default observer(BookingListPage)
