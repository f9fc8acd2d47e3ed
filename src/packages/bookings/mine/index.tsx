import { pages } from '@contract/pages'
import { useCallback, useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { bookingsApi } from '@contract/bookings/api'
import { BOOKING_SERVICE_KINDS, BOOKING_STATUSES, MY_BOOKING_SCOPE_KEYS, MY_BOOKING_SCOPES, type MyBookingScope } from '@contract/bookings/labels'
import { useStores } from '../../../stores/context'
import { useCursorList } from '../../../hooks/useCursorList'
import { go, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { slotWhen } from '../format'
import { PageRoot } from '../../../components/PageRoot'
import '../bookings.css'

/** 我的预约: upcoming bookings (cancel until the slot starts) and past ones. */
function MyBookingsPage() {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [scope, setScope] = useState<MyBookingScope>('upcoming')
  const fetchPage = useCallback((cursor: string | undefined) => root.api.send(bookingsApi.mine, { query: { scope, cursor } }), [root, scope])
  const list = useCursorList(fetchPage)
  const { refresh, loadMore } = list
  const [busy, setBusy] = useState<number | null>(null)
  const [error, setError] = useState<unknown>(null)
  useEffect(() => {
    if (authed) void refresh()
  }, [authed, refresh])
  useReachBottom(() => void loadMore())

  const cancel = async (id: number) => {
    setBusy(id)
    setError(null)
    try {
      await root.api.send(bookingsApi.cancel, { params: { id } })
      toast('已取消预约', 'success')
      await refresh()
    } catch (err) {
      setError(err)
    } finally {
      setBusy(null)
    }
  }

  if (root.session.status === 'unknown') return <Loading />
  if (!authed) return <LoginRequired hint='登录后可查看您的预约' />

  return (
    <PageRoot className='page my-bookings-page'>
      <View className='tabs-row' aria-label='预约分类'>
        {MY_BOOKING_SCOPE_KEYS.map((k) => (
          <Button
            key={k}
            aria-selected={scope === k}
            className={`btn btn-small ${scope === k ? 'btn-primary' : 'btn-plain'} scope-${k}`}
            onClick={() => setScope(k)}
          >
            {MY_BOOKING_SCOPES[k]}
          </Button>
        ))}
      </View>
      <ErrorMessage error={error ?? list.error} onRetry={() => void refresh()} />
      {!list.items ? (
        list.error ? null : <Loading />
      ) : list.items.length === 0 ? (
        <View className='card'>
          <EmptyState
            title={scope === 'upcoming' ? '暂无待参加的预约' : '暂无历史预约'}
            hint='在“在线预约”中选择服务和时段'
            actionText='去预约'
            onAction={() => go(pages.bookings.list.path)}
          />
        </View>
      ) : (
        list.items.map((b) => (
          <View key={b.id} className='card booking-card booking-item' data-id={b.id} data-status={b.status}>
            <Text className='booking-title'>{b.service.title}</Text>
            <Text className='booking-line booking-when'>{slotWhen(b.slot.startsAt, b.slot.endsAt)}</Text>
            <Text className='booking-line'>{b.slot.place}</Text>
            <View className='booking-tags'>
              <Text className='tag'>{BOOKING_SERVICE_KINDS[b.service.kind]}</Text>
              <Text className='tag booking-status'>{BOOKING_STATUSES[b.status]}</Text>
            </View>
            {b.slot.cancelled ? <Text className='booking-line booking-slot-cancelled'>工会已取消该时段：{b.slot.cancelReason}</Text> : null}
            {b.status === 'booked' && scope === 'upcoming' ? (
              <View className='actions-row'>
                <Button
                  className='btn btn-ghost btn-small cancel-booking-btn'
                  aria-label={`取消预约 ${b.service.title}`}
                  loading={busy === b.id || undefined}
                  disabled={busy !== null || undefined}
                  onClick={() => void cancel(b.id)}
                >
                  取消预约
                </Button>
              </View>
            ) : null}
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

export default observer(MyBookingsPage)
