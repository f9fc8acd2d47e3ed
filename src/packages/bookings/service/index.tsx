import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { bookingsApi } from '@contract/bookings/api'
import { BOOKING_SERVICE_KINDS, slotRemainingText } from '@contract/bookings/labels'
import { BookingReasons } from '@contract/bookings/reasons'
import type { ServiceDetail, Slot } from '@contract/bookings/schemas'
import { useStores } from '../../../stores/context'
import { useResource } from '../../../hooks/useResource'
import { hasReason } from '../../../api/errors'
import { go, toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoginRequired } from '../../../components/LoginRequired'
import { ResourceView } from '../../../components/ResourceView'
import { slotWhen } from '../format'
import { PageRoot } from '../../../components/PageRoot'
import '../bookings.css'

/** A service and its time slots: 预约 a slot with places left, 取消预约 one's own booking. */
function ServicePage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录后可预约' />
  return <ServiceSlots id={id} />
}

const ServiceSlots = observer(function ServiceSlots({ id }: { id: number }) {
  const root = useStores()
  const service = useResource(() => root.api.send(bookingsApi.service, { params: { id } }), [id, root])
  const [busy, setBusy] = useState<number | null>(null)
  const [error, setError] = useState<unknown>(null)

  const { subscriptions } = root
  useEffect(() => subscriptions.prepare(), [subscriptions])

  const act = async (slot: Slot) => {
    // 预约, from the tap before anything is awaited: WeChat's dialog for the day-before reminder; never holds it up.
    if (!slot.myBookingId) void subscriptions.ask(['booking_reminder'])
    setBusy(slot.id)
    setError(null)
    try {
      if (slot.myBookingId) {
        await root.api.send(bookingsApi.cancel, { params: { id: slot.myBookingId } })
        toast('已取消预约', 'success')
      } else {
        await root.api.send(bookingsApi.book, { params: { id: slot.id } })
        toast('预约成功', 'success')
      }
    } catch (err) {
      // Full or already booked meanwhile: the list below shows it as it is now.
      if (!hasReason(err, BookingReasons.SLOT_FULL) && !hasReason(err, BookingReasons.ALREADY_BOOKED)) setError(err)
      else toast(hasReason(err, BookingReasons.SLOT_FULL) ? '该时段已约满' : '您已预约该时段')
    } finally {
      setBusy(null)
      await service.reload()
    }
  }

  return (
    <ResourceView resource={service}>
      {(s: ServiceDetail) => (
        <PageRoot className='page booking-service-page'>
          <View className='card booking-card'>
            <Text className='booking-title service-title'>{s.title}</Text>
            <Text className='booking-line'>
              {BOOKING_SERVICE_KINDS[s.kind]} · {s.orgName}
            </Text>
            {s.description ? <Text className='booking-line'>{s.description}</Text> : null}
          </View>
          <ErrorMessage error={error} />
          <View className='card'>
            <Text className='section-title'>选择时段</Text>
            {s.slots.length === 0 ? (
              <EmptyState title='暂无可预约时段' hint='工会发布新时段后可在此预约' />
            ) : (
              s.slots.map((slot) => {
                const full = slot.taken >= slot.capacity
                const when = slotWhen(slot.startsAt, slot.endsAt)
                return (
                  <View key={slot.id} className='slot-row' data-id={slot.id} data-mine={slot.myBookingId ? 'yes' : 'no'}>
                    <View className='slot-info'>
                      <Text className='slot-when'>{when}</Text>
                      <Text className='slot-place'>{slot.place}</Text>
                      <Text className='slot-left'>{slot.myBookingId ? '已预约' : slotRemainingText(slot)}</Text>
                    </View>
                    <Button
                      className={`btn btn-small slot-action ${slot.myBookingId ? 'btn-ghost cancel-btn' : 'btn-primary book-btn'}`}
                      aria-label={slot.myBookingId ? `取消预约 ${when}` : `预约 ${when}`}
                      loading={busy === slot.id || undefined}
                      disabled={busy !== null || (full && !slot.myBookingId) || undefined}
                      onClick={() => void act(slot)}
                    >
                      {slot.myBookingId ? '取消预约' : full ? '已约满' : '预约'}
                    </Button>
                  </View>
                )
              })
            )}
          </View>
          <Button className='btn btn-plain btn-block' onClick={() => go(pages.bookings.mine.path)}>
            我的预约
          </Button>
        </PageRoot>
      )}
    </ResourceView>
  )
})

export default observer(ServicePage)
