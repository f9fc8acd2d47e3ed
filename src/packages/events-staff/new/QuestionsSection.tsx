/** 报名题目（可选）: up to MAX_QUESTIONS questions, each a label, a type, its choices and 必答/选答. */
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, View } from '@tarojs/components'
import { QUESTION_TYPES, QUESTION_TYPE_KEYS } from '@contract/events/labels'
import { Chips, optionsOf } from '../../../components/Chips'
import { FieldError } from '../../../components/FieldError'
import type { EventEditor } from '../stores/EventEditor'
import { CHOICE_TYPES, MAX_QUESTIONS, type QuestionForm } from '../stores/event-form'

const QuestionCard = observer(function QuestionCard({ editor, q, i }: { editor: EventEditor; q: QuestionForm; i: number }) {
  const { errors, frozen } = editor
  return (
    <View className={`card question-form question-form-${i}`}>
      <View className='form-field field-q-label'>
        <Text className='form-label'>第 {i + 1} 题</Text>
        <Input className='form-input' value={q.label} placeholder='如：本单位工龄（年）' disabled={frozen || undefined} onInput={(e) => editor.setQuestion(i, { label: e.detail.value })} />
        <FieldError message={errors[`questions.${i}.label`]} />
      </View>
      <View className='form-field field-q-type'>
        <Text className='form-label'>题目类型</Text>
        <Chips variant='choice' options={optionsOf(QUESTION_TYPE_KEYS, QUESTION_TYPES)} value={q.type} onChange={(k) => editor.setQuestion(i, { type: k })} optionClass={(k) => `qtype-${k}`} disabled={frozen} />
        <FieldError message={errors[`questions.${i}.type`]} />
      </View>
      {CHOICE_TYPES.includes(q.type) ? (
        <View className='form-field field-q-options'>
          <Text className='form-label'>选项（用逗号分隔）</Text>
          <Input className='form-input' value={q.options} placeholder='如：初级，中级，高级' disabled={frozen || undefined} onInput={(e) => editor.setQuestion(i, { options: e.detail.value })} />
          <FieldError message={errors[`questions.${i}.options`] || errors[`questions.${i}.options.0`]} />
        </View>
      ) : null}
      <View className='actions-row'>
        <Text className={`choice q-required ${q.required ? 'choice-active' : ''}`} onClick={frozen ? undefined : () => editor.setQuestion(i, { required: !q.required })}>
          {q.required ? '必答 ✓' : '选答'}
        </Text>
        {frozen ? null : (
          <Button className='btn btn-plain btn-small remove-question-btn' onClick={() => editor.removeQuestion(i)}>
            删除此题
          </Button>
        )}
      </View>
    </View>
  )
})

export const QuestionsSection = observer(function QuestionsSection({ editor }: { editor: EventEditor }) {
  const f = editor.form!
  const { errors, frozen } = editor
  return (
    <>
      <Text className='section-title'>报名题目（可选）</Text>
      {frozen ? <Text className='form-hint frozen-hint'>已有会员报名，报名题目不能修改</Text> : null}
      {f.questions.map((q, i) => (
        <QuestionCard key={i} editor={editor} q={q} i={i} />
      ))}
      <FieldError message={errors.questions} />
      {frozen || f.questions.length >= MAX_QUESTIONS ? null : (
        <Button className='btn btn-ghost btn-block add-question-btn' onClick={() => editor.addQuestion()}>
          添加题目
        </Button>
      )}
    </>
  )
})
