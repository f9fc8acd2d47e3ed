/** 初审 / 复核 decision: 退回补充 (naming what is missing), 不通过 (with the reason), 通过 (复核: with the amount). */
import { useState } from 'react'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import { reliefApi } from '@contract/relief/api'
import { REVIEW_LEVELS, type ReviewLevel } from '@contract/relief/labels'
import type { ReviewDetail } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { Chips } from '../../../components/Chips'
import { ErrorMessage } from '../../../components/ErrorMessage'
import { FieldError } from '../../../components/FieldError'
import { Row } from '../../../components/Row'
import type { Resource } from '../../../stores/Resource'
import { useCaseAction } from './useCaseAction'

type Action = 'approve' | 'reject' | 'return'

export function ReviewActions({ d, resource }: { d: ReviewDetail; resource: Resource<ReviewDetail> }) {
  const [action, setAction] = useState<Action | null>(null)
  const level = d.actingLevel
  if (!level) return null
  return (
    <View className='card review-actions'>
      <Text className='notice-title'>{REVIEW_LEVELS[level]}</Text>
      {action === null ? (
        <View className='actions-row'>
          <Button className='btn btn-ghost return-btn' onClick={() => setAction('return')}>
            退回补充
          </Button>
          <Button className='btn btn-ghost reject-btn' onClick={() => setAction('reject')}>
            不通过
          </Button>
          <Button className='btn btn-success approve-btn' onClick={() => setAction('approve')}>
            通过
          </Button>
        </View>
      ) : (
        <ActionForm d={d} level={level} action={action} resource={resource} onClose={() => setAction(null)} />
      )}
    </View>
  )
}

function ActionForm({ d, level, action, resource, onClose }: { d: ReviewDetail; level: ReviewLevel; action: Action; resource: Resource<ReviewDetail>; onClose: () => void }) {
  const root = useStores()
  const { busy, errors, setErrors, error, run } = useCaseAction(resource)
  const [amount, setAmount] = useState('')
  const [note, setNote] = useState('')
  const [missing, setMissing] = useState<string[]>([])
  const rule = d.type.amount
  const noteLabel = action === 'reject' ? '不通过原因（申请人可见）' : action === 'return' ? '补充说明（申请人可见）' : '审核意见（选填）'

  const confirm = () => {
    const e: Record<string, string> = {}
    if (action === 'reject' && note.trim().length < 2) e.reason = '请填写不通过的原因'
    if (action === 'return' && missing.length === 0 && note.trim().length < 2) e.note = '请选择需要补充的材料，或写明需要补充的信息'
    let amt: number | undefined
    if (action === 'approve' && level === 'district') {
      if (rule.kind === 'reviewer_set') {
        amt = Number(amount)
        if (!amount.trim() || !Number.isInteger(amt)) e.amount = '请填写核定金额（整数，元）'
        else if (amt < rule.min || amt > rule.max) e.amount = `金额须在 ¥${rule.min}–¥${rule.max} 之间`
      } else amt = d.ruleAmount ?? undefined
    }
    setErrors(e)
    if (Object.keys(e).length) return
    const params = { id: d.id }
    const done = (ok: boolean) => ok && onClose()
    if (action === 'approve') void run(() => root.api.send(reliefApi.approve, { params, body: { amount: amt, note: note.trim() || undefined } }), level === 'district' ? '复核通过' : '初审通过', true).then(done)
    if (action === 'reject') void run(() => root.api.send(reliefApi.reject, { params, body: { reason: note.trim() } }), '已作出不通过决定', true).then(done)
    if (action === 'return') void run(() => root.api.send(reliefApi.returnForInfo, { params, body: { missingDocuments: missing, note: note.trim() || undefined } }), '已退回申请人补充', true).then(done)
  }

  return (
    <View className={`action-form action-${action}`}>
      {action === 'return' ? (
        <View className='form-field field-missing'>
          <Text className='form-label'>需要补充的材料</Text>
          <Chips variant='choice' multi options={d.type.documents.map((x) => ({ value: x.key, label: x.name }))} value={missing} onChange={(k) => setMissing(missing.includes(k) ? missing.filter((m) => m !== k) : [...missing, k])} />
        </View>
      ) : null}
      {action === 'approve' && level === 'district' ? (
        rule.kind === 'reviewer_set' ? (
          <View className='form-field field-amount'>
            <Text className='form-label'>
              核定金额（元，¥{rule.min}–¥{rule.max}）
            </Text>
            <Input
              className='form-input amount-input'
              ariaLabel='核定金额（元）'
              nativeProps={{ 'aria-label': '核定金额（元）' }}
              type='number'
              value={amount}
              maxlength={7}
              onInput={(e) => {
                setAmount(e.detail.value)
                setErrors({})
              }}
            />
            <FieldError message={errors.amount} />
          </View>
        ) : (
          <Row k='按标准发放' v={d.ruleAmount !== null ? `¥${d.ruleAmount}` : '表单不完整，无法确定金额'} />
        )
      ) : null}
      <View className={`form-field ${action === 'reject' ? 'field-reason' : 'field-note'}`}>
        <Text className='form-label'>{noteLabel}</Text>
        <Textarea
          className='form-textarea action-note'
          ariaLabel={noteLabel}
          nativeProps={{ 'aria-label': noteLabel }}
          value={note}
          maxlength={200}
          onInput={(e) => {
            setNote(e.detail.value)
            setErrors({})
          }}
        />
        <FieldError message={errors.reason || errors.note} />
      </View>
      <ErrorMessage error={error} />
      <View className='actions-row'>
        <Button className='btn btn-ghost' disabled={busy || undefined} onClick={onClose}>
          取消
        </Button>
        <Button className='btn btn-primary confirm-btn' loading={busy || undefined} disabled={busy || undefined} onClick={confirm}>
          {action === 'approve' ? '确认通过' : action === 'reject' ? '确认不通过' : '确认退回'}
        </Button>
      </View>
    </View>
  )
}
