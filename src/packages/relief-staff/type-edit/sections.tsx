/** The sections of 新建/编辑救助类型 around the form and checklist: 基本信息, 受理时间, 金额规则, 审核, 申请条件. */
import { observer } from 'mobx-react-lite'
import { Button, Text, View } from '@tarojs/components'
import { EMPLOYMENT_TYPES, EMPLOYMENT_TYPE_KEYS } from '@contract/membership/labels'
import { FIELD_KINDS } from '@contract/relief/labels'
import type { AidTypeLimits } from '@contract/relief/schemas'
import { Chips, optionsOf, type ChipOption } from '../../../components/Chips'
import { FieldError } from '../../../components/FieldError'
import type { AdminOrg, AidTypeEditor } from '../stores/AidTypeEditor'
import type { AmountKind, WindowKind } from '../stores/type-form'
import { AMOUNT_CHOICES, LEVEL_CHOICES, WINDOW_CHOICES } from '../stores/type-labels'
import { AreaField, Check, LineField } from './controls'

const WINDOW_OPTIONS: ChipOption<WindowKind>[] = WINDOW_CHOICES
const AMOUNT_OPTIONS: ChipOption<AmountKind>[] = AMOUNT_CHOICES
const LEVEL_OPTIONS: ChipOption<string>[] = LEVEL_CHOICES
const EMPLOYMENT_OPTIONS = optionsOf(EMPLOYMENT_TYPE_KEYS, EMPLOYMENT_TYPES)

/** 类型名称, 介绍, 所属工会, 启用. */
export const BasicsSection = observer(function BasicsSection({ editor, orgs }: { editor: AidTypeEditor; orgs: AdminOrg[] }) {
  const f = editor.form!
  const { errors, type } = editor
  return (
    <View className='card'>
      <LineField name='name' label='类型名称' value={f.name} placeholder='如：青禾街道暖心补助' maxlength={30} onInput={(v) => editor.set('name', v)} error={errors.name} />
      <AreaField name='description' label='类型介绍' value={f.description} placeholder='一段话介绍救助对象和内容，显示在会员看到的类型卡片上' maxlength={300} onInput={(v) => editor.set('description', v)} error={errors.description} />
      <View className='form-field field-orgId'>
        <Text className='form-label'>所属工会（其下会员可申请，由该工会管理员设置）</Text>
        {editor.creating && orgs.length > 1 ? (
          <Chips variant='choice' label='所属工会' options={orgs.map((o) => ({ value: o.id, label: o.name }))} value={f.orgId ?? undefined} onChange={(id) => editor.set('orgId', id ?? null)} optionClass={(id) => `org-${id}`} />
        ) : (
          <Text className='form-readonly'>{type ? `${type.org.name}（不能修改）` : (orgs.find((o) => o.id === f.orgId) ?? orgs[0])?.name ?? '您没有可管理的工会'}</Text>
        )}
        <FieldError message={errors.orgId} />
      </View>
      <Check className='field-active' checked={f.active} onToggle={() => editor.set('active', !f.active)}>
        启用（会员可以看到并申请；不勾选即暂停受理）
      </Check>
      <FieldError message={errors.active} />
    </View>
  )
})

/** 受理时间: all year, or every year between two month-days. */
export const WindowSection = observer(function WindowSection({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  const { errors } = editor
  return (
    <>
      <Text className='section-title'>受理时间</Text>
      <View className='card'>
        <View className='form-field field-window'>
          <Chips variant='choice' label='受理时间' options={WINDOW_OPTIONS} value={f.windowKind} onChange={(k) => editor.set('windowKind', k)} optionClass={(k) => `window-${k}`} />
          <FieldError message={errors.window} />
        </View>
        {f.windowKind === 'yearly' ? (
          <View className='aid-pair'>
            <LineField name='windowFrom' label='每年开始（月-日）' value={f.windowFrom} placeholder='07-01' maxlength={5} onInput={(v) => editor.set('windowFrom', v)} error={errors['window.from']} />
            <LineField name='windowTo' label='每年截止（月-日）' value={f.windowTo} placeholder='09-30' maxlength={5} onInput={(v) => editor.set('windowTo', v)} error={errors['window.to']} hint='可跨年，如 12-01 至 02-28' />
          </View>
        ) : null}
      </View>
    </>
  )
})

/** 金额规则: set at 复核 within a range, a fixed amount per option of a choice field, or per distance band. */
export const AmountSection = observer(function AmountSection({ editor, limits }: { editor: AidTypeEditor; limits: AidTypeLimits | null }) {
  const f = editor.form!
  const { errors } = editor
  const choiceFields = f.fields.filter((x) => x.kind === 'choice')
  const intFields = f.fields.filter((x) => x.kind === 'integer')
  const basis = f.amountKind === 'fixed_tiers' ? choiceFields : intFields
  const field = f.fields.find((x) => x.key === f.amountField)
  return (
    <>
      <Text className='section-title'>金额规则</Text>
      <View className='card'>
        <View className='form-field field-amount'>
          <Chips variant='choice' label='金额规则' options={AMOUNT_OPTIONS} value={f.amountKind} onChange={(k) => editor.set('amountKind', k)} optionClass={(k) => `amount-${k}`} />
          {limits ? <Text className='form-hint amount-ceiling'>上级工会设定：每件最高 ¥{limits.maxAmount}</Text> : null}
          <FieldError message={errors.amount} />
        </View>
        {f.amountKind === 'reviewer_set' ? (
          <View className='aid-pair'>
            <LineField name='amountMin' label='最低金额（元）' type='number' value={f.amountMin} placeholder='如 200' onInput={(v) => editor.set('amountMin', v)} error={errors['amount.min']} />
            <LineField name='amountMax' label='最高金额（元）' type='number' value={f.amountMax} placeholder='如 2000' onInput={(v) => editor.set('amountMax', v)} error={errors['amount.max']} hint='复核时在此范围内核定' />
          </View>
        ) : (
          <>
            <View className='form-field field-amountField'>
              <Text className='form-label'>{f.amountKind === 'fixed_tiers' ? '按哪个单选字段定额' : '按哪个整数字段（行程公里数）'}</Text>
              {basis.length ? (
                <Chips variant='choice' label='金额依据的字段' options={basis.map((x) => ({ value: x.key, label: x.label.trim() || x.key }))} value={f.amountField || undefined} onChange={(k) => editor.set('amountField', k ?? '')} optionClass={(k) => `basis-${k}`} />
              ) : (
                <Text className='form-hint'>{f.amountKind === 'fixed_tiers' ? '请先在申请表中添加一个“单选”字段' : '请先在申请表中添加一个“整数”字段'}</Text>
              )}
              <FieldError message={errors['amount.field']} />
            </View>
            {f.amountKind === 'fixed_tiers' && field
              ? field.options.map((o, j) => (
                  <LineField key={o.value} name={`tier-${j}`} label={`「${o.label}」金额（元）`} type='number' value={f.tierAmounts[o.value] ?? ''} onInput={(v) => editor.setTierAmount(o.value, v)} error={errors[`amount.tiers.${j}.amount`]} />
                ))
              : null}
            {f.amountKind === 'distance_bands' ? (
              <>
                {f.bands.map((b, j) => (
                  <View key={j} className={`aid-band aid-band-${j}`}>
                    <View className='aid-pair'>
                      <LineField name='band-km' label={j === f.bands.length - 1 ? '不超过（公里，最后一档不填）' : '不超过（公里）'} type='number' value={b.upToKm} onInput={(v) => editor.setBand(j, { upToKm: v })} error={errors[`amount.bands.${j}.upToKm`]} />
                      <LineField name='band-amount' label='金额（元）' type='number' value={b.amount} onInput={(v) => editor.setBand(j, { amount: v })} error={errors[`amount.bands.${j}.amount`]} />
                    </View>
                    {f.bands.length > 1 ? (
                      <View className='item-actions'>
                        <View className='item-action item-remove' role='button' aria-label={`删除第 ${j + 1} 档`} onClick={() => editor.removeBand(j)}>
                          删除此档
                        </View>
                      </View>
                    ) : null}
                  </View>
                ))}
                <FieldError message={errors['amount.bands']} />
                <Button className='btn btn-ghost btn-block add-band-btn' onClick={() => editor.addBand()}>
                  添加距离档
                </Button>
              </>
            ) : null}
          </>
        )}
      </View>
    </>
  )
})

/** 审核: the 复核 level, the deadlines in working days, 入户走访. */
export const ReviewSection = observer(function ReviewSection({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  const { errors } = editor
  return (
    <>
      <Text className='section-title'>审核</Text>
      <View className='card'>
        <View className='form-field field-reviewLevel'>
          <Text className='form-label'>复核、公示和发放由哪一级工会办理</Text>
          <Chips variant='choice' label='复核层级' options={LEVEL_OPTIONS} value={f.reviewLevel} onChange={(k) => editor.set('reviewLevel', k)} optionClass={(k) => `level-${k || 'default'}`} />
          <Text className='form-hint'>初审由申请人所在的基层工会办理；复核层级不能低于所属工会。</Text>
          <FieldError message={errors.reviewLevel} />
        </View>
        <View className='aid-pair'>
          <LineField name='baseDays' label='初审期限（工作日）' type='number' value={f.baseDays} onInput={(v) => editor.set('baseDays', v)} error={errors['reviewWorkingDays.base']} />
          <LineField name='districtDays' label='复核期限（工作日）' type='number' value={f.districtDays} onInput={(v) => editor.set('districtDays', v)} error={errors['reviewWorkingDays.district']} />
        </View>
        <Check className='field-requiresHomeVisit' checked={f.requiresHomeVisit} onToggle={() => editor.set('requiresHomeVisit', !f.requiresHomeVisit)}>
          初审通过前须入户走访
        </Check>
      </View>
    </>
  )
})

/** 申请条件: what applicants read first, who may apply, and how often. */
export const EligibilitySection = observer(function EligibilitySection({ editor }: { editor: AidTypeEditor }) {
  const f = editor.form!
  const { errors } = editor
  const summaryError = errors['eligibility.summary'] ?? Object.entries(errors).find(([k]) => k.startsWith('eligibility.summary.'))?.[1]
  return (
    <>
      <Text className='section-title'>申请条件</Text>
      <View className='card'>
        <AreaField name='summary' label='申请条件（每行一条，会员申请前看到）' value={f.summary} placeholder={'如：本街道辖区内工会会员\n同一年度限申请 1 次'} maxlength={1200} onInput={(v) => editor.set('summary', v)} error={summaryError} />
        <View className='form-field field-employmentTypes'>
          <Text className='form-label'>限定就业形态（不选则全部会员可申请）</Text>
          <Chips variant='choice' multi label='限定就业形态' options={EMPLOYMENT_OPTIONS} value={f.employmentTypes} onChange={(t) => editor.toggleEmploymentType(t)} optionClass={(t) => `emp-${t}`} />
          <FieldError message={errors['eligibility.employmentTypes']} />
        </View>
        <LineField name='minMembershipMonths' label='入会满几个月才能申请（可不填）' type='number' value={f.minMembershipMonths} onInput={(v) => editor.set('minMembershipMonths', v)} error={errors['eligibility.minMembershipMonths']} />
        <LineField name='perYear' label='每人每年最多申请（次）' type='number' value={f.perYear} onInput={(v) => editor.set('perYear', v)} error={errors['limits.perYear']} />
        <FieldError message={errors['eligibility.fieldMax'] ?? errors['limits.causeFields']} />
      </View>
    </>
  )
})

/** What the limits set above the owning union allow its own types to collect (shown above the form's fields). */
export function KindsHint({ limits }: { limits: AidTypeLimits | null }) {
  if (!limits) return null
  return <Text className='form-hint kinds-hint'>上级工会允许收集：{limits.fieldKinds.map((k) => FIELD_KINDS[k]).join('、')}</Text>
}
