/**
 * The form of a union, for a new one and for editing: every field of UnionFields, the kinds allowed where it sits,
 * coordinates typed or (weapp) picked on WeChat's map. Checked with the contract's schema first; the server's
 * refusals land beside their field (by reason) and everything typed stays as it was.
 */
import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { UNION_KIND_LABELS, type UnionKind } from '@contract/unions/labels'
import { Chips } from '../../../components/Chips'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { location } from '../../../platform/location'
import { toast } from '../../../platform/ui'
import { fieldErrorsOf, toBody, type UnionBody, type UnionFieldName, type UnionForm } from './form'

interface Props {
  value: UnionForm
  onChange: (next: UnionForm) => void
  /** The kinds it may be (allowed under its parent); one kind only: shown, not chosen. */
  kinds: readonly UnionKind[]
  submitText: string
  /** Saves; a rejection is shown on the form. */
  save: (body: UnionBody) => Promise<void>
}

type Errors = Partial<Record<UnionFieldName, string>>

export function UnionEditor({ value: f, onChange, kinds, submitText, save }: Props) {
  const [errors, setErrors] = useState<Errors>({})
  const [error, setError] = useState<unknown>(null)
  const [busy, setBusy] = useState(false)
  const set = (changes: Partial<UnionForm>) => {
    onChange({ ...f, ...changes })
    setErrors((e) => {
      const next = { ...e }
      for (const k of Object.keys(changes) as UnionFieldName[]) delete next[k]
      // The pair is checked together: a change to one clears the other's "fill both".
      if ('latitude' in changes || 'longitude' in changes) {
        delete next.latitude
        delete next.longitude
      }
      return next
    })
  }

  const pickOnMap = async () => {
    const lat = Number(f.latitude)
    const lng = Number(f.longitude)
    const near = f.latitude && f.longitude && !Number.isNaN(lat) && !Number.isNaN(lng) ? { latitude: lat, longitude: lng } : undefined
    const r = await location.chooseLocation(near)
    if (!r.ok) return r.reason === 'cancelled' ? undefined : toast(r.message)
    const place = [r.address, r.name].filter(Boolean).join(' ')
    set({ latitude: r.latitude.toFixed(6), longitude: r.longitude.toFixed(6), ...(!f.address.trim() && place ? { address: place } : {}) })
  }

  const submit = async () => {
    const checked = toBody(f)
    if (!checked.ok) {
      setErrors(checked.errors)
      setError(`请检查填写的内容：${Object.values(checked.errors)[0]}`)
      return
    }
    setBusy(true)
    setError(null)
    setErrors({})
    try {
      await save(checked.body)
    } catch (err) {
      const beside = fieldErrorsOf(err)
      setErrors(beside)
      // Beside its field when it belongs to one (the message said once); else above the button.
      setError(Object.keys(beside).length ? '请按标红的提示修改后再保存' : err)
    } finally {
      setBusy(false)
    }
  }

  const text = (k: 'name' | 'address' | 'contactName' | 'contactPhone' | 'creditCode', label: string, placeholder: string, maxlength: number, type: 'text' | 'number' = 'text') => (
    <View className={`form-field field-${k}`}>
      <Text className='form-label'>{label}</Text>
      <Input className={`form-input union-input-${k}`} type={type} value={f[k]} maxlength={maxlength} placeholder={placeholder} aria-label={label} onInput={(e) => set({ [k]: e.detail.value })} />
      <FieldError message={errors[k]} />
    </View>
  )

  return (
    <View className='card union-editor'>
      {text('name', '工会名称', '如：青禾街道第一社区联合工会', 60)}
      <View className='form-field field-kind'>
        <Text className='form-label'>工会类型</Text>
        {kinds.length > 1 || (kinds.length === 1 && f.kind !== kinds[0]) ? (
          <Chips
            variant='choice'
            label='工会类型'
            options={kinds.map((k) => ({ value: k, label: UNION_KIND_LABELS[k] }))}
            value={f.kind as UnionKind}
            onChange={(k) => set({ kind: k })}
          />
        ) : (
          <Text className='form-readonly'>{f.kind ? UNION_KIND_LABELS[f.kind] : '—'}</Text>
        )}
        <FieldError message={errors.kind} />
      </View>
      {text('address', '地址', '会员入会和找工会时会看到', 120)}
      <View className='form-field field-coordinates'>
        <Text className='form-label'>位置（经纬度，可不填）</Text>
        <View className='union-coords'>
          <View className='union-coord field-latitude'>
            <Input className='form-input union-input-latitude' type='digit' value={f.latitude} placeholder='纬度，如 30.274' aria-label='纬度' onInput={(e) => set({ latitude: e.detail.value })} />
            <FieldError message={errors.latitude} />
          </View>
          <View className='union-coord field-longitude'>
            <Input className='form-input union-input-longitude' type='digit' value={f.longitude} placeholder='经度，如 120.155' aria-label='经度' onInput={(e) => set({ longitude: e.detail.value })} />
            <FieldError message={errors.longitude} />
          </View>
        </View>
        <View className='actions-row union-coord-actions'>
          {location.canChoose ? (
            <Button className='btn btn-ghost btn-small union-map-btn' onClick={() => void pickOnMap()}>在地图上选点</Button>
          ) : null}
          {f.latitude || f.longitude ? (
            <Button className='btn btn-plain btn-small union-coords-clear' onClick={() => set({ latitude: '', longitude: '' })}>清除位置</Button>
          ) : null}
        </View>
      </View>
      {text('contactName', '联系人（可不填）', '如：李主席', 30)}
      {text('contactPhone', '联系电话（可不填）', '手机号或带区号的座机号，如 0571-87654321', 24)}
      {text('creditCode', '统一社会信用代码（可不填）', '18 位数字或大写字母', 18)}
      <ErrorMessage error={error} />
      <Button className='btn btn-primary btn-block union-save' loading={busy || undefined} disabled={busy || undefined} onClick={() => void submit()}>
        {submitText}
      </Button>
    </View>
  )
}
