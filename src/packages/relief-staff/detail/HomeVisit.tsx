/** 入户走访 (types that require it): the record, or at 初审 the form to record it — 初审 cannot pass without it. */
import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { reliefApi } from '@contract/relief/api'
import { chinaDate } from '@contract/relief/rules'
import type { ReviewDetail } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Row } from '../../../components/Row'
import type { Resource } from '../../../stores/Resource'
import { formatDate } from '../../../utils/date'
import { useCaseAction } from './useCaseAction'

export function HomeVisit({ d, resource }: { d: ReviewDetail; resource: Resource<ReviewDetail> }) {
  if (!d.type.requiresHomeVisit) return null
  return (
    <>
      <Text className='section-title'>入户走访</Text>
      <View className='card home-visit'>
        {d.homeVisit ? (
          <>
            <Row k='走访日期' v={formatDate(d.homeVisit.visitedOn)} />
            <Row k='走访人员' v={d.homeVisit.visitors} />
            <Text className='muted'>{d.homeVisit.findings}</Text>
          </>
        ) : d.actingLevel === 'base' ? (
          <VisitForm id={d.id} resource={resource} />
        ) : (
          <Text className='muted'>尚未走访</Text>
        )}
      </View>
    </>
  )
}

function VisitForm({ id, resource }: { id: number; resource: Resource<ReviewDetail> }) {
  const root = useStores()
  const { busy, errors, setErrors, error, run } = useCaseAction(resource)
  const [visit, setVisit] = useState({ visitedOn: chinaDate(new Date()), visitors: '', findings: '' })
  const record = () => {
    const e: Record<string, string> = {}
    if (!/^\d{4}-\d{2}-\d{2}$/.test(visit.visitedOn)) e.visitedOn = '日期格式应为 YYYY-MM-DD'
    if (visit.visitors.trim().length < 2) e.visitors = '请填写走访人员'
    if (visit.findings.trim().length < 5) e.findings = '请填写走访情况（至少 5 个字）'
    setErrors(e)
    if (Object.keys(e).length) return
    const body = { visitedOn: visit.visitedOn, visitors: visit.visitors.trim(), findings: visit.findings.trim() }
    void run(() => root.api.send(reliefApi.homeVisit, { params: { id }, body }), '走访记录已保存')
  }
  return (
    <>
      <Text className='muted'>困难职工帮扶须先记录入户走访，才能初审通过。</Text>
      <View className='form-field field-visitedOn'>
        <Text className='form-label'>走访日期</Text>
        <Input className='form-input' ariaLabel='走访日期' nativeProps={{ 'aria-label': '走访日期' }} value={visit.visitedOn} maxlength={10} onInput={(e) => setVisit({ ...visit, visitedOn: e.detail.value })} />
        <FieldError message={errors.visitedOn} />
      </View>
      <View className='form-field field-visitors'>
        <Text className='form-label'>走访人员</Text>
        <Input className='form-input' ariaLabel='走访人员' nativeProps={{ 'aria-label': '走访人员' }} value={visit.visitors} maxlength={60} onInput={(e) => setVisit({ ...visit, visitors: e.detail.value })} />
        <FieldError message={errors.visitors} />
      </View>
      <View className='form-field field-findings'>
        <Text className='form-label'>走访情况</Text>
        <Textarea className='form-textarea' ariaLabel='走访情况' nativeProps={{ 'aria-label': '走访情况' }} value={visit.findings} maxlength={1000} onInput={(e) => setVisit({ ...visit, findings: e.detail.value })} />
        <FieldError message={errors.findings} />
      </View>
      <ErrorMessage error={error} />
      <Button className='btn btn-ghost btn-block home-visit-btn' disabled={busy || undefined} onClick={record}>
        保存走访记录
      </Button>
    </>
  )
}
