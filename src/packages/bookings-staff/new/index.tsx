import { pages } from '@contract/pages'
import { useEffect, useState } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { bookingsApi } from '@contract/bookings/api'
import { BOOKING_SERVICE_KINDS, BOOKING_SERVICE_KIND_KEYS } from '@contract/bookings/labels'
import { useStores } from '../../../stores/context'
import { DraftSync } from '../../../stores/DraftSync'
import { replaceWith, toast } from '../../../platform/ui'
import { Chips, optionsOf } from '../../../components/Chips'
import { EmptyState } from '../../../components/EmptyState'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Loading } from '../../../components/Loading'
import { LoginRequired } from '../../../components/LoginRequired'
import { SERVICE_KEYS, checkService, emptyService, fieldErrorsOf, isServiceForm, type Errors, type ServiceField, type ServiceForm } from '../forms'
import { PageRoot } from '../../../components/PageRoot'
import '../../../styles/staff.css'
import '../bookings-staff.css'

/** 发布预约服务: what, for which union (the admin's grants), described; then its time slots on the service page. */
const NewServicePage = observer(function NewServicePage() {
  const root = useStores()
  if (root.session.status === 'unknown') return <Loading />
  if (!root.session.isAuthenticated) return <LoginRequired hint='登录工作人员账号后可管理预约服务' />
  return <NewServiceForm />
})

const NewServiceForm = observer(function NewServiceForm() {
  const root = useStores()
  const { session } = root
  // The unions where the caller is admin: where a service may be published (its members and those below may book).
  const orgs = session.roles.filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName }))
  const uid = session.me?.id ?? null
  const [draft] = useState(() => {
    // Kept on the device as typed: a refusal or a closed app loses nothing.
    const d = new DraftSync<ServiceForm>(emptyService(null), { storage: root.storage, key: () => (uid ? `bookings-staff.service-draft.${uid}` : null) })
    const v = d.restore(null, emptyService(null))
    if (!isServiceForm(v)) {
      d.clear()
      d.restore(null, emptyService(null))
    }
    return d
  })
  useEffect(() => () => draft.dispose(), [draft])
  const [errors, setErrors] = useState<Errors<ServiceField>>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)

  if (orgs.length === 0) {
    return (
      <PageRoot className='page'>
        <View className='card'>
          <EmptyState title='您不是工会管理员' hint='只有工会管理员可以发布预约服务' />
        </View>
      </PageRoot>
    )
  }

  const f = draft.value
  const orgId = f.orgId !== null && orgs.some((o) => o.id === f.orgId) ? f.orgId : orgs.length === 1 ? orgs[0].id : null
  const set = <K extends ServiceField>(k: K, v: ServiceForm[K]) => {
    draft.update({ ...draft.value, [k]: v })
    if (errors[k]) setErrors({ ...errors, [k]: undefined })
  }

  const submit = async () => {
    const checked = checkService({ ...f, orgId })
    if (!checked.ok) return setErrors(checked.errors)
    setBusy(true)
    setError(null)
    setErrors({})
    try {
      const saved = await root.api.send(bookingsApi.createService, { body: checked.body })
      draft.clear()
      toast('已发布，请添加时段', 'success')
      replaceWith(pages.bookingsStaff.service.url({ id: saved.id }))
    } catch (err) {
      const beside = fieldErrorsOf(err, SERVICE_KEYS)
      if (Object.keys(beside).length) setErrors(beside)
      else setError(err)
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageRoot className='page bookings-staff-new'>
      {draft.restoredFrom === 'device' ? <Text className='form-hint restored-note'>已恢复您上次未发布的填写内容。</Text> : null}
      <View className='card'>
        <View className='form-field field-kind'>
          <Text className='form-label'>服务类别</Text>
          <Chips variant='choice' label='服务类别' options={optionsOf(BOOKING_SERVICE_KIND_KEYS, BOOKING_SERVICE_KINDS)} value={f.kind || undefined} onChange={(k) => k && set('kind', k)} optionClass={(k) => `kind-${k}`} />
          <FieldError message={errors.kind} />
        </View>
        <View className='form-field field-title'>
          <Text className='form-label'>服务名称</Text>
          <Input className='form-input' aria-label='服务名称' value={f.title} maxlength={40} placeholder='如：劳动法律咨询面谈' onInput={(e) => set('title', e.detail.value)} />
          <FieldError message={errors.title} />
        </View>
        <View className='form-field field-description'>
          <Text className='form-label'>服务说明</Text>
          <Textarea className='form-textarea' aria-label='服务说明' value={f.description} maxlength={500} placeholder='服务内容、需携带的材料、注意事项' onInput={(e) => set('description', e.detail.value)} />
          <FieldError message={errors.description} />
        </View>
        <View className='form-field field-orgId'>
          <Text className='form-label'>所属工会（其会员及下级工会会员可预约）</Text>
          {orgs.length > 1 ? (
            <Chips variant='choice' label='所属工会' options={orgs.map((o) => ({ value: o.id, label: o.name }))} value={orgId ?? undefined} onChange={(id) => set('orgId', id ?? null)} optionClass={(id) => `org-${id}`} />
          ) : (
            <Text className='form-readonly'>{orgs[0].name}</Text>
          )}
          <FieldError message={errors.orgId} />
        </View>
        <Text className='form-hint'>时间、地点和名额在发布后按时段添加。</Text>
      </View>
      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-block publish-service-btn' loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
        发布服务
      </Button>
    </PageRoot>
  )
})

export default NewServicePage
