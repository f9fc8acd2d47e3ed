/** The sections of 新建活动 / 编辑活动 (基本信息, 时间与地点, 报名规则), each drawn from the editor's form. */
import { observer } from 'mobx-react-lite'
import { Button, Input, Text, Textarea, View } from '@tarojs/components'
import {
  APPROVAL_MODES,
  APPROVAL_MODE_KEYS,
  ENTRY_MODES,
  ENTRY_MODE_KEYS,
  EVENT_KINDS,
  EVENT_KIND_KEYS,
  defaultApprovalMode,
  type ApprovalMode,
} from '@contract/events/labels'
import { EMPLOYMENT_TYPES, EMPLOYMENT_TYPE_KEYS, type EmploymentType } from '@contract/membership/labels'
import { Chips, optionsOf, type ChipOption } from '../../../components/Chips'
import { FieldError } from '../../../components/FieldError'
import { location } from '../../../platform/location'
import { toast } from '../../../platform/ui'
import type { AdminOrg, EventEditor } from '../stores/EventEditor'
import { TIME_FORMAT } from '../stores/event-form'
import { TextField } from './TextField'

const TIME_HINT = '格式：2026-12-05 09:00'
/** 全部会员 (no limit) or any set of employment types. */
const ELIGIBLE_OPTIONS: ChipOption<EmploymentType | 'all'>[] = [{ value: 'all', label: '全部会员' }, ...optionsOf(EMPLOYMENT_TYPE_KEYS, EMPLOYMENT_TYPES)]

function FrozenHint({ editor }: { editor: EventEditor }) {
  return editor.frozen ? <Text className='form-hint frozen-hint'>已有会员报名，不能修改</Text> : null
}

/** 活动类型, 名称, 介绍, 主办工会. */
export const BasicsSection = observer(function BasicsSection({ editor, orgs }: { editor: EventEditor; orgs: AdminOrg[] }) {
  const f = editor.form!
  const { errors, event, frozen } = editor
  return (
    <View className='card'>
      <View className='form-field field-kind'>
        <Text className='form-label'>活动类型</Text>
        <Chips variant='choice' options={optionsOf(EVENT_KIND_KEYS, EVENT_KINDS)} value={f.kind} onChange={(k) => editor.set('kind', k)} optionClass={(k) => `kind-${k}`} disabled={frozen} />
        <FrozenHint editor={editor} />
        <FieldError message={errors.kind} />
      </View>
      <TextField editor={editor} k='title' label='活动名称' placeholder='如：2026 年职工技能竞赛' />
      <View className='form-field field-description'>
        <Text className='form-label'>活动介绍</Text>
        <Textarea className='form-textarea' value={f.description} maxlength={4000} placeholder='活动内容、日程安排、注意事项' onInput={(e) => editor.set('description', e.detail.value)} />
        <FieldError message={errors.description} />
      </View>
      {!editor.editId && orgs.length > 1 ? (
        <View className='form-field field-orgId'>
          <Text className='form-label'>主办工会（其下会员可报名）</Text>
          <Chips variant='choice' options={orgs.map((o) => ({ value: o.id, label: o.name }))} value={f.orgId ?? undefined} onChange={(id) => editor.set('orgId', id ?? null)} optionClass={(id) => `org-${id}`} label='主办工会' />
          <FieldError message={errors.orgId} />
        </View>
      ) : event || orgs.length === 1 ? (
        <View className='form-field field-orgId'>
          <Text className='form-label'>主办工会</Text>
          <Text className='form-readonly'>{event ? `${event.orgName}（不能修改）` : orgs[0].name}</Text>
          <FieldError message={errors.orgId} />
        </View>
      ) : null}
    </View>
  )
})

/** 报名开始/截止, 活动开始/结束, 地点, 经纬度 (or 使用当前位置). */
export const TimePlaceSection = observer(function TimePlaceSection({ editor }: { editor: EventEditor }) {
  const f = editor.form!
  const { errors } = editor
  const locate = async () => {
    const r = await location.locate()
    if (!r.ok) return toast(r.message)
    editor.setCoords(r.latitude, r.longitude)
  }
  return (
    <>
      <Text className='section-title'>时间与地点</Text>
      <View className='card'>
        <TextField editor={editor} k='registrationOpensAt' label='报名开始' placeholder={TIME_FORMAT} hint={TIME_HINT} />
        <TextField editor={editor} k='registrationClosesAt' label='报名截止' placeholder={TIME_FORMAT} hint={TIME_HINT} />
        <TextField editor={editor} k='startsAt' label='活动开始' placeholder={TIME_FORMAT} hint={TIME_HINT} />
        <TextField editor={editor} k='endsAt' label='活动结束' placeholder={TIME_FORMAT} hint={TIME_HINT} />
        <TextField editor={editor} k='placeName' label='活动地点' placeholder='如：云溪区职工文化中心' errKey='place.name' />
        <TextField editor={editor} k='placeAddress' label='详细地址' placeholder='街道门牌号' errKey='place.address' />
        <View className='form-field field-coords'>
          <Text className='form-label'>经纬度（用于签到和导航）</Text>
          <View className='actions-row'>
            <Input className='form-input' type='digit' value={f.lat} placeholder='纬度 30.274' onInput={(e) => editor.set('lat', e.detail.value)} />
            <Input className='form-input' type='digit' value={f.lng} placeholder='经度 120.155' onInput={(e) => editor.set('lng', e.detail.value)} />
          </View>
          <FieldError message={errors['place.lat'] || errors['place.lng']} />
          <Button className='btn btn-plain btn-small' onClick={() => void locate()}>
            使用当前位置
          </Button>
        </View>
      </View>
    </>
  )
})

/** 名额, 报名方式 (团队人数), 审核方式, 可报名的会员, 取消截止. */
export const RulesSection = observer(function RulesSection({ editor }: { editor: EventEditor }) {
  const f = editor.form!
  const { errors, frozen } = editor
  const approval: ApprovalMode | '' = f.approvalMode || (f.kind ? defaultApprovalMode(f.kind) : '')
  return (
    <>
      <Text className='section-title'>报名规则</Text>
      <View className='card'>
        <TextField editor={editor} k='capacity' label={f.entryMode === 'team' ? '名额（队数）' : '名额（人数）'} placeholder='如 50' type='number' />
        <View className='form-field field-entryMode'>
          <Text className='form-label'>报名方式</Text>
          <Chips variant='choice' options={optionsOf(ENTRY_MODE_KEYS, ENTRY_MODES)} value={f.entryMode} onChange={(k) => editor.set('entryMode', k)} optionClass={(k) => `entry-${k}`} disabled={frozen} />
          <FrozenHint editor={editor} />
          <FieldError message={errors.entryMode} />
        </View>
        {f.entryMode === 'team' ? (
          <>
            <TextField editor={editor} k='teamMinSize' label='每队最少人数（含队长）' placeholder='如 3' type='number' disabled={frozen} />
            <TextField editor={editor} k='teamMaxSize' label='每队最多人数（含队长）' placeholder='如 5' type='number' disabled={frozen} />
          </>
        ) : null}
        <View className='form-field field-approvalMode'>
          <Text className='form-label'>审核方式</Text>
          <Chips variant='choice' options={optionsOf(APPROVAL_MODE_KEYS, APPROVAL_MODES)} value={approval} onChange={(k) => editor.set('approvalMode', k)} optionClass={(k) => `approval-${k}`} disabled={frozen} />
          {frozen ? <FrozenHint editor={editor} /> : f.approvalMode ? null : <Text className='form-hint'>未选择时按活动类型默认（竞赛和疗休养需审核）</Text>}
          <FieldError message={errors.approvalMode} />
        </View>
        <View className='form-field field-eligibility'>
          <Text className='form-label'>可报名的会员</Text>
          <Chips
            multi
            variant='choice'
            options={ELIGIBLE_OPTIONS}
            value={f.eligibleEmploymentTypes.length ? f.eligibleEmploymentTypes : ['all']}
            onChange={(t) => (t === 'all' ? editor.set('eligibleEmploymentTypes', []) : editor.toggleType(t))}
            optionClass={(t) => `eligible-${t}`}
            label='可报名的会员'
          />
          <FieldError message={errors.eligibleEmploymentTypes} />
        </View>
        <TextField editor={editor} k='cancelCutoffHours' label='开始前多少小时内不能取消' placeholder='如 24（0 表示开始前都可取消）' type='number' />
      </View>
    </>
  )
})
