/** 可用场馆 of 新建福利活动: pick registered venues, or fill in new ones (name, address, coordinates). */
import { Button, Input, Text, View } from '@tarojs/components'
import type { StaffVenue } from '@contract/vouchers/schemas'
import { Chips } from '../../../components/Chips'
import { FieldError } from '../../../components/FieldError'
import type { FormState, VenueForm } from './form'

interface Props {
  f: FormState
  /** Registry venues this union's campaign may use (its own, its subtree's, its ancestors'). */
  known: readonly StaffVenue[]
  errors: Record<string, string>
  onPick: (v: StaffVenue) => void
  onChange: (i: number, k: keyof VenueForm, value: string) => void
  onRemove: (i: number) => void
  onAdd: () => void
  onLocate: (i: number) => void
}

export function VenueFields({ f, known, errors, onPick, onChange, onRemove, onAdd, onLocate }: Props) {
  const removable = f.venues.length > 1
  return (
    <>
      <Text className='section-title'>可用场馆</Text>
      {known.length > 0 ? (
        <View className='card venue-known'>
          <Text className='form-label'>选择已登记的场馆</Text>
          <Chips
            multi
            variant='choice'
            label='已登记的场馆'
            options={known.map((v) => ({ value: v.id, label: v.name }))}
            value={f.venues.flatMap((x) => (x.venueId === null ? [] : [x.venueId]))}
            onChange={(id) => onPick(known.find((v) => v.id === id)!)}
            optionClass={() => 'known-venue'}
          />
          <Text className='form-hint'>或在下方填写新场馆，发布后登记到场馆库</Text>
        </View>
      ) : null}
      {f.venues.map((v, i) =>
        v.venueId !== null ? (
          <View key={i} className={`card venue-form venue-picked venue-form-${i}`}>
            <View className='merchant-head'>
              <View>
                <Text className='merchant-name'>{v.name}</Text>
                <Text className='muted' style={{ display: 'block' }}>
                  {v.address}
                </Text>
              </View>
              {removable ? (
                <Button className='btn btn-plain btn-small' onClick={() => onRemove(i)}>
                  删除
                </Button>
              ) : null}
            </View>
            <FieldError message={errors[`venues.${i}.venueId`]} />
          </View>
        ) : (
          <View key={i} className={`card venue-form venue-form-${i}`}>
            <View className='form-field field-venue-name'>
              <Text className='form-label'>场馆名称</Text>
              <Input className='form-input' value={v.name} placeholder='如：云溪影城' onInput={(e) => onChange(i, 'name', e.detail.value)} />
              <FieldError message={errors[`venues.${i}.name`]} />
            </View>
            <View className='form-field field-venue-address'>
              <Text className='form-label'>地址</Text>
              <Input className='form-input' value={v.address} placeholder='街道门牌号' onInput={(e) => onChange(i, 'address', e.detail.value)} />
              <FieldError message={errors[`venues.${i}.address`]} />
            </View>
            <View className='form-field field-venue-coords'>
              <Text className='form-label'>经纬度</Text>
              <View className='actions-row'>
                <Input className='form-input' type='digit' value={v.lat} placeholder='纬度 30.274' onInput={(e) => onChange(i, 'lat', e.detail.value)} />
                <Input className='form-input' type='digit' value={v.lng} placeholder='经度 120.155' onInput={(e) => onChange(i, 'lng', e.detail.value)} />
              </View>
              <FieldError message={errors[`venues.${i}.lat`] || errors[`venues.${i}.lng`]} />
              <View className='actions-row'>
                <Button className='btn btn-plain btn-small' onClick={() => onLocate(i)}>
                  使用当前位置
                </Button>
                {removable ? (
                  <Button className='btn btn-plain btn-small' onClick={() => onRemove(i)}>
                    删除此场馆
                  </Button>
                ) : null}
              </View>
            </View>
          </View>
        ),
      )}
      <FieldError message={errors.venues} />
      <Button className='btn btn-ghost btn-block add-venue-btn' onClick={onAdd}>
        添加场馆
      </Button>
    </>
  )
}
