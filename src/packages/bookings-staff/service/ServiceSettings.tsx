/**
 * A service's settings on its staff page (admins): 编辑服务 (kind, name, description; the union stays) and 停止预约 /
 * 恢复预约. Stopping takes no new bookings; the bookings already made stay valid (members keep, cancel and are checked
 * in as before), so it asks once before it stops. The server decides who may (`services.manage` over the union).
 */
import { useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { bookingsApi } from '@contract/bookings/api'
import { BOOKING_SERVICE_KINDS, BOOKING_SERVICE_KIND_KEYS } from '@contract/bookings/labels'
import type { BookingService } from '@contract/bookings/schemas'
import { useStores } from '../../../stores/context'
import { toast } from '../../../platform/ui'
import { Chips, optionsOf } from '../../../components/Chips'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { SERVICE_KEYS, checkService, fieldErrorsOf, type Errors, type ServiceField, type ServiceForm } from '../forms'

interface Props {
  service: BookingService
  /** The saved service (the page keeps its slots). */
  onSaved: (s: BookingService) => void
}

export const ServiceSettings = observer(function ServiceSettings({ service, onSaved }: Props) {
  const root = useStores()
  const [editing, setEditing] = useState<ServiceForm | null>(null)
  const [confirming, setConfirming] = useState(false)
  const [errors, setErrors] = useState<Errors<ServiceField>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  const save = async (f: ServiceForm, closed: boolean, done: string) => {
    const checked = checkService(f)
    if (!checked.ok) return setErrors(checked.errors)
    setBusy(true)
    setError(null)
    setErrors({})
    try {
      const saved = await root.api.send(bookingsApi.updateService, { params: { id: service.id }, body: { ...checked.body, closed } })
      onSaved(saved)
      setEditing(null)
      setConfirming(false)
      toast(done, 'success')
    } catch (err) {
      const beside = fieldErrorsOf(err, SERVICE_KEYS)
      if (editing && Object.keys(beside).length) setErrors(beside)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }
  const current: ServiceForm = { orgId: service.orgId, kind: service.kind, title: service.title, description: service.description }
  const set = <K extends ServiceField>(k: K, v: ServiceForm[K]) => {
    setEditing((f) => (f ? { ...f, [k]: v } : f))
    if (errors[k]) setErrors({ ...errors, [k]: undefined })
  }

  return (
    <View className='card service-settings'>
      {editing ? (
        <View className='service-edit'>
          <View className='form-field field-kind'>
            <Text className='form-label'>服务类别</Text>
            <Chips variant='choice' label='服务类别' options={optionsOf(BOOKING_SERVICE_KIND_KEYS, BOOKING_SERVICE_KINDS)} value={editing.kind || undefined} onChange={(k) => k && set('kind', k)} optionClass={(k) => `kind-${k}`} />
            <FieldError message={errors.kind} />
          </View>
          <View className='form-field field-title'>
            <Text className='form-label'>服务名称</Text>
            <Input className='form-input' aria-label='服务名称' nativeProps={{ 'aria-label': '服务名称' }} value={editing.title} maxlength={40} onInput={(e) => set('title', e.detail.value)} />
            <FieldError message={errors.title} />
          </View>
          <View className='form-field field-description'>
            <Text className='form-label'>服务说明</Text>
            <Textarea className='form-textarea' aria-label='服务说明' nativeProps={{ 'aria-label': '服务说明' }} value={editing.description} maxlength={500} onInput={(e) => set('description', e.detail.value)} />
            <FieldError message={errors.description} />
          </View>
          <Text className='form-hint'>所属工会（{service.orgName}）不能更改。</Text>
          <ErrorMessage error={error} />
          <View className='actions-row'>
            <Button className='btn btn-ghost service-edit-cancel' disabled={busy || undefined} onClick={() => { setEditing(null); setErrors({}); setError(null) }}>
              取消
            </Button>
            <Button className='btn btn-primary service-save-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void save(editing, service.closed, '已保存')}>
              保存
            </Button>
          </View>
        </View>
      ) : confirming ? (
        <View className='service-close-confirm'>
          <Text className='bs-line'>停止后会员不能再预约本服务的任何时段；已经预约的仍然有效（可取消、可签到），随时可以恢复预约。</Text>
          <ErrorMessage error={error} />
          <View className='actions-row'>
            <Button className='btn btn-ghost' disabled={busy || undefined} onClick={() => setConfirming(false)}>
              取消
            </Button>
            <Button className='btn btn-primary service-close-confirm-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void save(current, true, '已停止预约')}>
              确认停止预约
            </Button>
          </View>
        </View>
      ) : (
        <>
          <ErrorMessage error={error} />
          <View className='actions-row'>
            <Button className='btn btn-ghost service-edit-btn' onClick={() => { setEditing(current); setError(null) }}>
              编辑服务
            </Button>
            {service.closed ? (
              <Button className='btn btn-primary service-reopen-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void save(current, false, '已恢复预约')}>
                恢复预约
              </Button>
            ) : (
              <Button className='btn btn-ghost service-close-btn' onClick={() => { setConfirming(true); setError(null) }}>
                停止预约
              </Button>
            )}
          </View>
        </>
      )}
    </View>
  )
})
