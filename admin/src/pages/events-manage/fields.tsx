/**
 * The desktop form's fields over the mini-program's own `EventEditor` (src/packages/events-staff/stores: the form
 * state, the contract's schema check, the Chinese messages, the server's per-field refusals, the device draft): each
 * antd field shows its message beside it (`validateStatus` / `help`), keyed by the schema's path.
 */
import type { ReactNode } from 'react'
import { observer } from 'mobx-react-lite'
import { Button, Card, Checkbox, DatePicker, Form, Input, Radio, Select, Space, Typography } from 'antd'
import dayjs from 'dayjs'
import {
  APPROVAL_MODES,
  ENTRY_MODES,
  EVENT_KINDS,
  QUESTION_TYPES,
  defaultApprovalMode,
  type QuestionType,
} from '@contract/events/labels'
import { EMPLOYMENT_TYPES, type EmploymentType } from '@contract/membership/labels'
import type { EventEditor } from '@/packages/events-staff/stores/EventEditor'
import { CHOICE_TYPES, MAX_QUESTIONS, TIME_FORMAT, type FormState, type TextKey } from '@/packages/events-staff/stores/event-form'
import { UnionSelect } from '../../work/UnionSelect'

/** The element id of the field an error path names (`place.name` → event-field-place-name): labels and focus. */
export const fieldId = (path: string) => `event-field-${path.replace(/\./g, '-')}`

const options = <K extends string>(labels: Record<K, string>) => (Object.entries(labels) as [K, string][]).map(([value, label]) => ({ value, label }))

function Item({ editor, path, label, extra, children }: { editor: EventEditor; path: string; label: string; extra?: ReactNode; children: ReactNode }) {
  const message = editor.errors[path]
  return (
    <Form.Item label={label} htmlFor={fieldId(path)} validateStatus={message ? 'error' : undefined} help={message || undefined} extra={extra}>
      {children}
    </Form.Item>
  )
}

const frozenHint = (editor: EventEditor) => (editor.frozen ? '已有会员报名，不能修改' : undefined)

/** A text field of the form (the value as typed; the schema judges it on 发布). */
const Text = observer(function Text({ editor, k, label, path = k, placeholder, numeric, disabled, extra }: {
  editor: EventEditor; k: TextKey | 'description'; label: string; path?: string; placeholder?: string; numeric?: boolean; disabled?: boolean; extra?: ReactNode
}) {
  const f = editor.form!
  const common = { id: fieldId(path), 'aria-label': label, placeholder, disabled, status: editor.errors[path] ? ('error' as const) : undefined }
  return (
    <Item editor={editor} path={path} label={label} extra={extra}>
      {k === 'description' ? (
        <Input.TextArea {...common} rows={4} maxLength={4000} showCount value={f.description} onChange={(e) => editor.set('description', e.target.value)} />
      ) : (
        <Input {...common} inputMode={numeric ? 'numeric' : undefined} value={f[k]} onChange={(e) => editor.set(k, e.target.value)} />
      )}
    </Item>
  )
})

/** 报名开始 … 活动结束: zh_CN date-time pickers writing the form's "2026-12-05 09:00". */
const When = observer(function When({ editor, k, label }: { editor: EventEditor; k: 'registrationOpensAt' | 'registrationClosesAt' | 'startsAt' | 'endsAt'; label: string }) {
  const v = editor.form![k]
  const d = v ? dayjs(v) : null
  return (
    <Item editor={editor} path={k} label={label}>
      <DatePicker
        id={fieldId(k)}
        aria-label={label}
        showTime={{ format: 'HH:mm', minuteStep: 5 }}
        format={TIME_FORMAT}
        style={{ width: '100%' }}
        status={editor.errors[k] ? 'error' : undefined}
        value={d && d.isValid() ? d : null}
        onChange={(x) => editor.set(k, x ? x.format(TIME_FORMAT) : '')}
      />
    </Item>
  )
})

/** 基本信息: 活动类型, 名称, 介绍, 主办工会. */
export const BasicsCard = observer(function BasicsCard({ editor }: { editor: EventEditor }) {
  const f = editor.form!
  const { event, frozen } = editor
  return (
    <Card title="基本信息" size="small">
      <Item editor={editor} path="kind" label="活动类型" extra={frozenHint(editor)}>
        <Radio.Group id={fieldId('kind')} aria-label="活动类型" disabled={frozen} value={f.kind || undefined} onChange={(e) => editor.set('kind', e.target.value as FormState['kind'])} options={options(EVENT_KINDS)} />
      </Item>
      <Text editor={editor} k="title" label="活动名称" placeholder="如：2026 年职工技能竞赛" />
      <Text editor={editor} k="description" label="活动介绍" placeholder="活动内容、日程安排、注意事项" />
      <Item editor={editor} path="orgId" label="主办工会（其下会员可报名）" extra={event ? '主办工会不能修改' : undefined}>
        {event ? (
          <Input id={fieldId('orgId')} aria-label="主办工会（其下会员可报名）" value={event.orgName} disabled />
        ) : (
          <UnionSelect roles={['admin']} label="主办工会" value={f.orgId ?? undefined} onChange={(id) => editor.set('orgId', id ?? null)} id={fieldId('orgId')} status={editor.errors.orgId ? 'error' : undefined} />
        )}
      </Item>
    </Card>
  )
})

/** 时间与地点. */
export const TimePlaceCard = observer(function TimePlaceCard({ editor }: { editor: EventEditor }) {
  const f = editor.form!
  const coords = editor.errors['place.lat'] || editor.errors['place.lng']
  return (
    <Card title="时间与地点" size="small">
      <Space size="large" wrap style={{ width: '100%' }} styles={{ item: { minWidth: 260, flex: 1 } }}>
        <When editor={editor} k="registrationOpensAt" label="报名开始" />
        <When editor={editor} k="registrationClosesAt" label="报名截止" />
      </Space>
      <Space size="large" wrap style={{ width: '100%' }} styles={{ item: { minWidth: 260, flex: 1 } }}>
        <When editor={editor} k="startsAt" label="活动开始" />
        <When editor={editor} k="endsAt" label="活动结束" />
      </Space>
      <Text editor={editor} k="placeName" path="place.name" label="活动地点" placeholder="如：云溪区职工文化中心" />
      <Text editor={editor} k="placeAddress" path="place.address" label="详细地址" placeholder="街道门牌号" />
      <Form.Item label="经纬度（用于签到和导航）" htmlFor={fieldId('place.lat')} validateStatus={coords ? 'error' : undefined} help={coords || undefined}>
        <Space>
          <Input id={fieldId('place.lat')} aria-label="纬度" placeholder="纬度 30.274" inputMode="decimal" value={f.lat} onChange={(e) => editor.set('lat', e.target.value)} status={coords ? 'error' : undefined} />
          <Input id={fieldId('place.lng')} aria-label="经度" placeholder="经度 120.155" inputMode="decimal" value={f.lng} onChange={(e) => editor.set('lng', e.target.value)} status={coords ? 'error' : undefined} />
        </Space>
      </Form.Item>
    </Card>
  )
})

/** 报名规则: 名额, 报名方式 (团队人数), 审核方式, 可报名的会员, 取消截止. */
export const RulesCard = observer(function RulesCard({ editor }: { editor: EventEditor }) {
  const f = editor.form!
  const { frozen } = editor
  const approval = f.approvalMode || (f.kind ? defaultApprovalMode(f.kind) : undefined)
  return (
    <Card title="报名规则" size="small">
      <Text editor={editor} k="capacity" label={f.entryMode === 'team' ? '名额（队数）' : '名额（人数）'} placeholder="如 50" numeric />
      <Item editor={editor} path="entryMode" label="报名方式" extra={frozenHint(editor)}>
        <Radio.Group id={fieldId('entryMode')} aria-label="报名方式" disabled={frozen} value={f.entryMode} onChange={(e) => editor.set('entryMode', e.target.value as FormState['entryMode'])} options={options(ENTRY_MODES)} />
      </Item>
      {f.entryMode === 'team' && (
        <Space size="large" wrap>
          <Text editor={editor} k="teamMinSize" label="每队最少人数（含队长）" placeholder="如 3" numeric disabled={frozen} />
          <Text editor={editor} k="teamMaxSize" label="每队最多人数（含队长）" placeholder="如 5" numeric disabled={frozen} />
        </Space>
      )}
      <Item editor={editor} path="approvalMode" label="审核方式" extra={frozenHint(editor) ?? (f.approvalMode ? undefined : '未选择时按活动类型默认（竞赛和疗休养需审核）')}>
        <Radio.Group id={fieldId('approvalMode')} aria-label="审核方式" disabled={frozen} value={approval} onChange={(e) => editor.set('approvalMode', e.target.value as FormState['approvalMode'])} options={options(APPROVAL_MODES)} />
      </Item>
      <Item editor={editor} path="eligibleEmploymentTypes" label="可报名的会员" extra="都不选：全部会员均可报名">
        <div id={fieldId('eligibleEmploymentTypes')} role="group" aria-label="可报名的会员">
          <Checkbox.Group value={f.eligibleEmploymentTypes} onChange={(v) => editor.set('eligibleEmploymentTypes', v as EmploymentType[])} options={options(EMPLOYMENT_TYPES)} />
        </div>
      </Item>
      <Text editor={editor} k="cancelCutoffHours" label="开始前多少小时内不能取消" placeholder="如 24（0 表示开始前都可取消）" numeric />
    </Card>
  )
})

/** 报名题目（可选）. */
export const QuestionsCard = observer(function QuestionsCard({ editor }: { editor: EventEditor }) {
  const f = editor.form!
  const { errors, frozen } = editor
  return (
    <Card title="报名题目（可选）" size="small" extra={frozen ? <Typography.Text type="secondary">已有会员报名，报名题目不能修改</Typography.Text> : null}>
      {f.questions.map((q, i) => (
        <Card key={i} type="inner" size="small" title={`第 ${i + 1} 题`} style={{ marginBottom: 12 }}
          extra={frozen ? null : <Button size="small" onClick={() => editor.removeQuestion(i)} aria-label={`删除第 ${i + 1} 题`}>删除此题</Button>}>
          <Item editor={editor} path={`questions.${i}.label`} label="题目">
            <Input id={fieldId(`questions.${i}.label`)} aria-label={`第 ${i + 1} 题 题目`} placeholder="如：本单位工龄（年）" disabled={frozen} value={q.label} onChange={(e) => editor.setQuestion(i, { label: e.target.value })} />
          </Item>
          <Space size="large" wrap align="start">
            <Item editor={editor} path={`questions.${i}.type`} label="题目类型">
              <Select id={fieldId(`questions.${i}.type`)} aria-label={`第 ${i + 1} 题 题目类型`} style={{ width: 160 }} disabled={frozen} value={q.type}
                onChange={(t: QuestionType) => editor.setQuestion(i, { type: t })} options={options(QUESTION_TYPES)} />
            </Item>
            <Form.Item label="是否必答">
              <Checkbox aria-label={`第 ${i + 1} 题 必答`} disabled={frozen} checked={q.required} onChange={(e) => editor.setQuestion(i, { required: e.target.checked })}>必答</Checkbox>
            </Form.Item>
          </Space>
          {CHOICE_TYPES.includes(q.type) && (
            <Form.Item label="选项（用逗号分隔）" htmlFor={fieldId(`questions.${i}.options`)}
              validateStatus={errors[`questions.${i}.options`] || errors[`questions.${i}.options.0`] ? 'error' : undefined}
              help={errors[`questions.${i}.options`] || errors[`questions.${i}.options.0`] || undefined}>
              <Input id={fieldId(`questions.${i}.options`)} aria-label={`第 ${i + 1} 题 选项（用逗号分隔）`} placeholder="如：初级，中级，高级" disabled={frozen} value={q.options} onChange={(e) => editor.setQuestion(i, { options: e.target.value })} />
            </Form.Item>
          )}
        </Card>
      ))}
      {errors.questions && <Typography.Text type="danger">{errors.questions}</Typography.Text>}
      {!frozen && f.questions.length < MAX_QUESTIONS && <Button onClick={() => editor.addQuestion()}>添加题目</Button>}
    </Card>
  )
})
