import { useCallback, useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { useReachBottom, useRouter } from '@tarojs/taro'
import { bookingsApi } from '@contract/bookings/api'
import { BookingReasons } from '@contract/bookings/reasons'
import { BOOKING_STATUSES } from '@contract/bookings/labels'
import type { SlotBooking, SlotBookingList } from '@contract/bookings/schemas'
import { useStores } from '../../../stores/context'
import { useCursorList } from '../../../hooks/useCursorList'
import { errorMessage, hasReason } from '../../../api/errors'
import { toast } from '../../../platform/ui'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { LoadMore } from '../../../components/LoadMore'
import { formatDateTime } from '../../../utils/date'
import { slotWhen } from '../../bookings/shared'
import { CancelSlot } from './CancelSlot'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'
import '../bookings-staff.css'

const SlotPage = observer(function SlotPage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录工作人员账号后可管理预约服务' />
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少时段编号，请从预约服务进入' /></PageRoot>
  return <SlotBookings id={id} />
})

/**
 * A slot's bookings in arrival order (names masked by the server), and check-in at the door from the list: members
 * show their 我的预约 page; staff find them here and tap 签到 (from an hour before the slot until its end).
 */
const SlotBookings = observer(function SlotBookings({ id }: { id: number }) {
  const root = useStores()
  const [head, setHead] = useState<Pick<SlotBookingList, 'slot' | 'service'> | null>(null)
  const fetchPage = useCallback(
    async (cursor: string | undefined) => {
      const page = await root.api.send(bookingsApi.slotBookings, { params: { id }, query: { cursor } })
      setHead({ slot: page.slot, service: page.service })
      return page
    },
    [root, id],
  )
  const list = useCursorList(fetchPage)
  const { refresh, loadMore } = list
  useEffect(() => {
    void refresh()
  }, [refresh])
  useReachBottom(() => void loadMore())
  // Check-ins made here, over the rows as loaded; and each row's refusal, beside it.
  const [done, setDone] = useState<Record<number, SlotBooking>>({})
  const [rowError, setRowError] = useState<Record<number, string>>({})
  const [busyId, setBusyId] = useState<number | null>(null)

  const checkin = async (b: SlotBooking) => {
    setBusyId(b.id)
    setRowError({ ...rowError, [b.id]: '' })
    try {
      const r = await root.api.send(bookingsApi.checkin, { params: { id: b.id } })
      setDone((d) => ({ ...d, [b.id]: r }))
      toast(r.alreadyCheckedIn ? `${r.name} 已签到过` : `${r.name} 签到成功`, 'success')
    } catch (err) {
      setRowError((e) => ({ ...e, [b.id]: errorMessage(err) }))
      // Cancelled (or checked in at another door) meanwhile: the list is stale, show it as it is now.
      if (hasReason(err, BookingReasons.BOOKING_NOT_ACTIVE)) void refresh()
    } finally {
      setBusyId(null)
    }
  }

  if (!list.items) return list.error ? <PageRoot className='page'><ErrorMessage error={list.error} onRetry={() => void refresh()} /></PageRoot> : <Loading />
  const rows = list.items.map((b) => done[b.id] ?? b)
  const checkedIn = rows.filter((b) => b.status === 'checked_in').length
  return (
    <PageRoot className='page bookings-staff-slot'>
      {head ? (
        <View className='card bs-card slot-head'>
          <Text className='bs-title'>{head.service.title}</Text>
          <Text className='bs-line'>{slotWhen(head.slot.startsAt, head.slot.endsAt)}</Text>
          <Text className='bs-line'>{head.slot.place}</Text>
          <Text className='bs-count slot-checkin-count' aria-label={`已签到 ${checkedIn} 人，共预约 ${rows.length} 人`}>{`${checkedIn} / ${rows.length}`}</Text>
          <Text className='muted'>已签到 / 已预约 · 签到于开始前 1 小时开放，至结束为止</Text>
        </View>
      ) : null}
      {head && root.session.hasRole('admin') ? (
        <CancelSlot
          slot={head.slot}
          booked={rows.filter((b) => b.status === 'booked').length}
          onCancelled={({ cancelledBookings: _n, ...slot }) => {
            setHead({ ...head, slot })
            void refresh()
          }}
        />
      ) : null}
      <ErrorMessage error={list.error} onRetry={() => void refresh()} />
      <View className='card'>
        {rows.length === 0 ? (
          <EmptyState title='该时段还没有人预约' hint='会员预约后会显示在这里' />
        ) : (
          rows.map((b) => (
            <View key={b.id} className='slot-booking-item' data-id={b.id} data-status={b.status}>
              <View className='bs-row'>
                <View className='bs-row-info'>
                  <Text className='bs-row-main booking-name'>{b.name}</Text>
                  <Text className='bs-row-sub'>{`会员编号 ${b.memberNo}`}</Text>
                  <Text className='bs-row-sub'>{b.checkedInAt ? `签到 ${formatDateTime(b.checkedInAt)}` : `预约于 ${formatDateTime(b.createdAt)}`}</Text>
                </View>
                {b.status === 'booked' ? (
                  <Button
                    className='btn btn-primary bs-action booking-checkin-btn'
                    aria-label={`为 ${b.name} 签到`}
                    loading={busyId === b.id || undefined}
                    disabled={busyId !== null || undefined}
                    onClick={() => void checkin(b)}
                  >
                    签到
                  </Button>
                ) : (
                  <Text className='bs-done booking-status'>{BOOKING_STATUSES[b.status]}</Text>
                )}
              </View>
              {rowError[b.id] ? <Text className='field-error booking-checkin-error'>{rowError[b.id]}</Text> : null}
            </View>
          ))
        )}
      </View>
      <LoadMore list={list} />
    </PageRoot>
  )
})

export default SlotPage
