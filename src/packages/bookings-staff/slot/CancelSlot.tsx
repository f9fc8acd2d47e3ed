/**
 * 取消该时段 (admins, before it starts): asks why — every member who booked it reads the reason in 消息 and their
 * booking is cancelled with it — then cancels it. A cancelled slot says so, with its reason.
 */
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { bookingsApi } from '@contract/bookings/api'
import type { CancelledSlot, SlotBookingList } from '@contract/bookings/schemas'
import { useStores } from '../../../stores/context'
import { toast } from '../../../platform/ui'
import { ReasonForm } from '../../../components/ReasonForm'

interface Props {
  slot: SlotBookingList['slot']
  /** Booked members who will be told (the list as loaded). */
  booked: number
  onCancelled: (slot: CancelledSlot) => void
}

export const CancelSlot = observer(function CancelSlot({ slot, booked, onCancelled }: Props) {
  const root = useStores()
  const [asking, setAsking] = useState(false)

  if (slot.cancelled) {
    return (
      <View className='card slot-cancelled'>
        <Text className='tag service-closed'>已取消</Text>
        <Text className='bs-line'>取消原因：{slot.cancelReason}</Text>
      </View>
    )
  }
  if (Date.parse(slot.startsAt) <= root.now()) return null

  if (!asking) {
    return (
      <View className='actions-row'>
        <Button className='btn btn-ghost cancel-slot-btn' onClick={() => setAsking(true)}>
          取消该时段
        </Button>
      </View>
    )
  }
  return (
    <ReasonForm
      name='cancel-slot'
      className='card'
      label='取消原因'
      hint={booked > 0 ? `已预约的 ${booked} 位会员的预约将一并取消，并在“消息”中收到原因。` : '取消后会员不能再预约该时段。'}
      placeholder='例如：体检车故障，改期另行通知'
      required='请写明取消原因（至少 2 个字），会员会收到'
      confirmText='确认取消时段'
      onBack={() => setAsking(false)}
      onSubmit={async (reason) => {
        const r = await root.api.send(bookingsApi.cancelSlot, { params: { id: slot.id }, body: { reason } })
        toast(r.cancelledBookings > 0 ? `已取消，已通知 ${r.cancelledBookings} 位会员` : '已取消该时段', 'success')
        setAsking(false)
        onCancelled(r)
      }}
    />
  )
})
