import { pages } from '@contract/pages'
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { useRouter } from '@tarojs/taro'
import { bookingsApi } from '@contract/bookings/api'
import { BOOKING_SERVICE_KINDS, slotRemainingText } from '@contract/bookings/labels'
import type { ServiceDetail } from '@contract/bookings/schemas'
import { useStores } from '../../../stores/context'
import { useResource } from '../../../hooks/useResource'
import { go, toast } from '../../../platform/ui'
import { EmptyState } from '../../../components/EmptyState'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { ResourceView } from '../../../components/ResourceView'
import { slotWhen } from '../../bookings/shared'
import { SLOT_KEYS, TIME_FORMAT, checkSlot, emptySlot, fieldErrorsOf, type Errors, type SlotField, type SlotForm } from '../forms'
import { ServiceSettings } from './ServiceSettings'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'
import '../bookings-staff.css'

const StaffServicePage = observer(function StaffServicePage() {
  const root = useStores()
  const id = Number(useRouter().params.id)
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录工作人员账号后可管理预约服务' />
  if (!(id > 0)) return <PageRoot className='page'><ErrorMessage error='缺少服务编号，请从预约服务管理进入' /></PageRoot>
  return <StaffService id={id} />
})

/** A service: its upcoming slots (each opens its bookings and check-in) and, for admins, 编辑服务, 停止/恢复预约 and 添加时段. */
const StaffService = observer(function StaffService({ id }: { id: number }) {
  const root = useStores()
  const resource = useResource(() => root.api.send(bookingsApi.manageService, { params: { id } }), [root, id])
  const isAdmin = root.session.hasRole('admin')
  return (
    <ResourceView resource={resource}>
      {(s) => (
        <PageRoot className='page bookings-staff-service'>
          <View className='card bs-card'>
            <Text className='bs-title service-title'>{s.title}</Text>
            <Text className='bs-line'>{s.orgName}</Text>
            {s.description ? <Text className='bs-line'>{s.description}</Text> : null}
            <View className='bs-tags'>
              <Text className='tag'>{BOOKING_SERVICE_KINDS[s.kind]}</Text>
              {s.closed ? <Text className='tag service-closed'>已停止预约</Text> : null}
            </View>
          </View>
          {isAdmin ? <ServiceSettings service={s} onSaved={(saved) => resource.set({ ...s, ...saved })} /> : null}
          <Text className='section-title'>即将开始的时段</Text>
          <View className='card slot-list'>
            {s.slots.length === 0 ? (
              <EmptyState title='暂无时段' hint={isAdmin ? '在下方添加时段后，会员即可预约' : '管理员添加时段后会显示在这里'} />
            ) : (
              s.slots.map((slot) => (
                <View
                  key={slot.id}
                  className='bs-row staff-slot-item'
                  data-id={slot.id}
                  role='link'
                  aria-label={`${slotWhen(slot.startsAt, slot.endsAt)}，${slot.place}，已约 ${slot.taken} 人，查看预约名单`}
                  onClick={() => go(pages.bookingsStaff.slot.url({ id: slot.id }))}
                >
                  <View className='bs-row-info'>
                    <Text className='bs-row-main'>{slotWhen(slot.startsAt, slot.endsAt)}</Text>
                    <Text className='bs-row-sub'>{slot.place}</Text>
                    <Text className='bs-row-sub'>{slot.cancelled ? `已取消 · ${slot.cancelReason ?? ''}` : `已约 ${slot.taken} 人 · ${slotRemainingText(slot)}`}</Text>
                  </View>
                  <Text className='arrow'>›</Text>
                </View>
              ))
            )}
          </View>
          {isAdmin ? <AddSlot serviceId={s.id} onAdded={(slot) => resource.set({ ...s, slots: [...s.slots, slot].sort((a, b) => a.startsAt.localeCompare(b.startsAt)) })} /> : null}
        </PageRoot>
      )}
    </ResourceView>
  )
})

/** 添加时段: start, end, place, capacity; checked here, then the server's refusals beside their fields (typed values stay). */
const AddSlot = observer(function AddSlot({ serviceId, onAdded }: { serviceId: number; onAdded: (slot: ServiceDetail['slots'][number]) => void }) {
  const root = useStores()
  const [f, setF] = useState<SlotForm>(() => emptySlot(root.now()))
  const [errors, setErrors] = useState<Errors<SlotField>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const set = (k: SlotField, v: string) => {
    setF({ ...f, [k]: v })
    if (errors[k]) setErrors({ ...errors, [k]: undefined })
  }
  const submit = async () => {
    const checked = checkSlot(f)
    if (!checked.ok) return setErrors(checked.errors)
    setBusy(true)
    setError(null)
    setErrors({})
    try {
      const slot = await root.api.send(bookingsApi.addSlot, { params: { id: serviceId }, body: checked.body })
      onAdded(slot)
      toast('时段已添加', 'success')
      // The next slot usually follows this one at the same place with the same capacity.
      setF({ ...f, startsAt: f.endsAt, endsAt: '' })
    } catch (err) {
      const beside = fieldErrorsOf(err, SLOT_KEYS)
      if (Object.keys(beside).length) setErrors(beside)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }
  const field = (k: SlotField, label: string, placeholder: string, type: 'text' | 'number' = 'text') => (
    <View className={`form-field field-${k}`}>
      <Text className='form-label'>{label}</Text>
      <Input className='form-input' aria-label={label} type={type} value={f[k]} placeholder={placeholder} onInput={(e) => set(k, e.detail.value)} />
      <FieldError message={errors[k]} />
    </View>
  )
  return (
    <>
      <Text className='section-title'>添加时段</Text>
      <View className='card add-slot'>
        {field('startsAt', '开始时间', TIME_FORMAT)}
        {field('endsAt', '结束时间', TIME_FORMAT)}
        <Text className='form-hint'>格式：2026-12-05 09:00</Text>
        {field('place', '地点', '如：工会服务中心二楼 / 体检车停靠点')}
        {field('capacity', '名额', '1–500', 'number')}
        <ErrorMessage error={error} />
        <Button className='btn btn-primary btn-block add-slot-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
          添加时段
        </Button>
      </View>
    </>
  )
})

export default StaffServicePage
