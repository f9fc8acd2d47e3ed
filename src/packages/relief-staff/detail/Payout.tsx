/** 登记发放 once the 公示 is over and every objection answered (or why not yet). */
import { useState } from 'react'
import { Button, Input, Text, View } from '@tarojs/components'
import { reliefApi } from '@contract/relief/api'
import { PAYOUT_METHODS, PAYOUT_METHOD_KEYS, type PayoutMethod } from '@contract/relief/labels'
import { chinaDate } from '@contract/relief/rules'
import type { ReviewDetail } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { Chips, optionsOf } from '../../../components/Chips'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import type { Resource } from '../../../stores/Resource'
import { useCaseAction } from './useCaseAction'

export function Payout({ d, resource }: { d: ReviewDetail; resource: Resource<ReviewDetail> }) {
  return (
    <>
      {d.payoutBlockedReason ? <View className='notice payout-blocked'>{d.payoutBlockedReason}</View> : null}
      {d.payable ? <PayoutForm d={d} resource={resource} /> : null}
    </>
  )
}

function PayoutForm({ d, resource }: { d: ReviewDetail; resource: Resource<ReviewDetail> }) {
  const root = useStores()
  const { busy, errors, setErrors, error, run } = useCaseAction(resource)
  const [pay, setPay] = useState<{ paidOn: string; method: PayoutMethod | ''; reference: string }>({ paidOn: chinaDate(new Date()), method: '', reference: '' })
  const record = () => {
    const e: Record<string, string> = {}
    if (!/^\d{4}-\d{2}-\d{2}$/.test(pay.paidOn)) e.paidOn = '日期格式应为 YYYY-MM-DD'
    if (!pay.method) e.method = '请选择发放方式'
    if (pay.reference.trim().length < 2) e.reference = '请填写转账流水号或凭证号'
    setErrors(e)
    if (Object.keys(e).length || !pay.method) return
    const body = { paidOn: pay.paidOn, method: pay.method, reference: pay.reference.trim() }
    void run(() => root.api.send(reliefApi.payout, { params: { id: d.id }, body }), '已登记发放')
  }
  return (
    <View className='card payout-form'>
      <Text className='notice-title'>登记发放（¥{d.amount}）</Text>
      <View className='form-field field-paidOn'>
        <Text className='form-label'>发放日期</Text>
        <Input className='form-input' ariaLabel='发放日期' nativeProps={{ 'aria-label': '发放日期' }} value={pay.paidOn} maxlength={10} onInput={(e) => setPay({ ...pay, paidOn: e.detail.value })} />
        <FieldError message={errors.paidOn} />
      </View>
      <View className='form-field field-method'>
        <Text className='form-label'>发放方式</Text>
        <Chips variant='choice' options={optionsOf(PAYOUT_METHOD_KEYS, PAYOUT_METHODS)} value={pay.method} onChange={(m) => setPay({ ...pay, method: m })} />
        <FieldError message={errors.method} />
      </View>
      <View className='form-field field-reference'>
        <Text className='form-label'>流水号/凭证号</Text>
        <Input className='form-input' ariaLabel='流水号/凭证号' nativeProps={{ 'aria-label': '流水号/凭证号' }} value={pay.reference} maxlength={60} onInput={(e) => setPay({ ...pay, reference: e.detail.value })} />
        <FieldError message={errors.reference} />
      </View>
      <ErrorMessage error={error} />
      <Button className='btn btn-success btn-block payout-btn' loading={busy || undefined} disabled={busy || undefined} onClick={record}>
        确认已发放
      </Button>
    </View>
  )
}
