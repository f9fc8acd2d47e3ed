/**
 * 取消该时段 (admins, before it starts): asks why — every member who booked it reads the reason in 消息 and their
 * booking is cancelled with it — then cancels it. A cancelled slot says so, with its reason.
 */
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { bookingsApi } from '@contract/bookings/api'
import type { CancelledSlot, SlotBookingList } from '@contract/bookings/schemas'
import { useStores } from '../../../stores/context'
import { isApiError } from '../../../api/errors'
import { toast } from '../../../platform/ui'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'

interface Props {
  slot: SlotBookingList['slot']
  /** Booked members who will be told (the list as loaded). */
  booked: number
  onCancelled: (slot: CancelledSlot) => void
}

export const CancelSlot = observer(function CancelSlot({ slot, booked, onCancelled }: Props) {
  const root = useStores()
  const [asking, setAsking] = useState(false)
  const [reason, setReason] = useState('')
  const [fieldError, setFieldError] = useState('')
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  if (slot.cancelled) {
    return (
      <View className='card slot-cancelled'>
        <Text className='tag service-closed'>已取消</Text>
        <Text className='bs-line'>取消原因：{slot.cancelReason}</Text>
      </View>
    )
  }
  if (Date.parse(slot.startsAt) <= root.now()) return null

  const submit = async () => {
    if (reason.trim().length < 2) return setFieldError('请写明取消原因（至少 2 个字），会员会收到')
    setBusy(true)
    setError(null)
    try {
      const r = await root.api.send(bookingsApi.cancelSlot, { params: { id: slot.id }, body: { reason: reason.trim() } })
      toast(r.cancelledBookings > 0 ? `已取消，已通知 ${r.cancelledBookings} 位会员` : '已取消该时段', 'success')
      setAsking(false)
      onCancelled(r)
    } catch (err) {
      if (isApiError(err) && err.fields.reason) setFieldError(err.fields.reason)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }

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
    <View className='card cancel-slot-form'>
      <Text className='form-label'>取消原因</Text>
      <Text className='bs-line'>
        {booked > 0 ? `已预约的 ${booked} 位会员的预约将一并取消，并在“消息”中收到原因。` : '取消后会员不能再预约该时段。'}
      </Text>
      <Textarea
        className='form-textarea cancel-slot-reason'
        value={reason}
        maxlength={200}
        placeholder='例如：体检车故障，改期另行通知'
        onInput={(e) => {
          setReason(e.detail.value)
          setFieldError('')
        }}
      />
      <FieldError message={fieldError} />
      <ErrorMessage error={error} />
      <View className='actions-row'>
        <Button className='btn btn-ghost' disabled={busy || undefined} onClick={() => setAsking(false)}>
          返回
        </Button>
        <Button className='btn btn-primary cancel-slot-confirm' loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
          确认取消时段
        </Button>
      </View>
    </View>
  )
})
