/** 公示异议 on this case: each objection, its answer, or — for the level that approved the amount — the answer form. */
import { useState } from 'react'
import { Button, Text, Textarea, View } from '@tarojs/components'
import { reliefApi } from '@contract/relief/api'
import type { Objection, ReviewDetail } from '@contract/relief/schemas'
import { useStores } from '../../../stores/context'
import { toast } from '../../../platform/ui'
import { isApiError } from '../../../api/errors'
import { Chips } from '../../../components/Chips'
import { FieldError } from '../../../components/FieldError'
import { formatDateTime } from '../../../utils/date'

function ObjectionAnswer({ o, onDone }: { o: Objection; onDone: () => void }) {
  const root = useStores()
  const [answer, setAnswer] = useState('')
  const [upheld, setUpheld] = useState<'no' | 'yes'>('no')
  const [error, setError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const send = async () => {
    if (answer.trim().length < 2) return setError('请填写答复内容')
    setBusy(true)
    try {
      await root.api.send(reliefApi.answerObjection, { params: { id: o.id }, body: { answer: answer.trim(), upheld: upheld === 'yes' } })
      toast('已答复', 'success')
      onDone()
    } catch (err) {
      setError(isApiError(err) ? (err.field('answer') ?? err.message) : '提交失败，请稍后再试')
    } finally {
      setBusy(false)
    }
  }
  return (
    <View className='objection-answer'>
      <Textarea className='form-textarea' ariaLabel='核实情况与答复（异议人可见）' nativeProps={{ 'aria-label': '核实情况与答复（异议人可见）' }} value={answer} maxlength={500} placeholder='核实情况与答复（异议人可见）' onInput={(e) => setAnswer(e.detail.value)} />
      <Chips variant='choice' options={[{ value: 'no', label: '异议不成立，维持' }, { value: 'yes', label: '异议成立，撤销救助' }]} value={upheld} onChange={(v) => setUpheld(v)} />
      <FieldError message={error} />
      <Button className='btn btn-primary btn-block' loading={busy || undefined} disabled={busy || undefined} onClick={() => void send()}>
        提交答复
      </Button>
    </View>
  )
}

/** `onAnswered`: read the case again (an upheld objection changes its stage). */
export function Objections({ d, onAnswered }: { d: ReviewDetail; onAnswered: () => void }) {
  if (d.objections.length === 0) return null
  return (
    <>
      <Text className='section-title'>公示异议</Text>
      {d.objections.map((o) => (
        <View key={o.id} className='card objection'>
          <Text>{o.content}</Text>
          <Text className='muted' style={{ display: 'block' }}>
            {formatDateTime(o.createdAt)}
          </Text>
          {o.answeredAt ? (
            <Text className='muted'>
              已答复（{o.upheld ? '异议成立' : '异议不成立'}）：{o.answer}
            </Text>
          ) : d.canAnswerObjections ? (
            <ObjectionAnswer o={o} onDone={onAnswered} />
          ) : (
            <Text className='muted objection-readonly'>待答复：由负责复核的工会核实后答复</Text>
          )}
        </View>
      ))}
    </>
  )
}
