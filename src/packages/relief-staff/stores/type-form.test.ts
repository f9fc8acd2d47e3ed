import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import { amountLabel, windowLabel, withSensitiveForced } from '@contract/relief/rules'
import { AidTypeInput, type AidType, type AidTypeConfig } from '@contract/relief/schemas'
import { configProblems } from '@contract/relief/type-config'
import { emptyField, errorsOf, fromType, initialForm, newTypeKey, optionsFrom, toInput } from './type-form'

const view = (key: string, config: AidTypeConfig): AidType => ({
  ...config,
  key,
  org: { id: 1, name: '云溪区总工会' },
  reviewLevel: 1,
  openNow: true,
  windowLabel: windowLabel(config.window),
  amountLabel: amountLabel(config.amount),
})

describe('救助类型 form', () => {
  it.each(Object.entries(DEFAULT_AID_TYPES))('opening and saving %s untouched sends its configuration back unchanged', (key, config) => {
    const body = AidTypeInput.parse(toInput(fromType(view(key, config)), { creating: false }))
    expect(body).toEqual({ ...withSensitiveForced(config), reviewLevel: 1 })
    expect(configProblems(body)).toEqual({})
  })

  it('a new type names its owner; options keep their values when relabelled elsewhere; keys are fresh', () => {
    const f = initialForm(4)
    f.name = '青禾街道暖心补助'
    f.summary = '青禾街道辖区内工会会员\n\n 同一年度限申请 1 次 '
    f.amountMin = '200'
    f.amountMax = '1000'
    f.documents[0].name = '困难情况证明'
    const body = AidTypeInput.parse(toInput(f, { creating: true }))
    expect(body).toMatchObject({
      orgId: 4,
      eligibility: { summary: ['青禾街道辖区内工会会员', '同一年度限申请 1 次'] },
      amount: { kind: 'reviewer_set', min: 200, max: 1000 },
      fields: [{ key: 'field_1', label: '困难情况说明', kind: 'textarea', step: 'main', required: true }],
      documents: [{ key: 'doc_1', name: '困难情况证明', required: true }],
    })
    expect(toInput(f, { creating: false })).not.toHaveProperty('orgId')

    const before = [{ value: 'bachelor', label: '本科' }, { value: 'college', label: '大专' }]
    expect(optionsFrom('大专，本科、硕士', before)).toEqual([
      { value: 'college', label: '大专' },
      { value: 'bachelor', label: '本科' },
      { value: 'opt_1', label: '硕士' },
    ])
    expect(newTypeKey(0, () => 0)).toMatch(/^t_[a-z0-9]+$/)
    // a field removed while editing does not hand its key to the next new one
    expect(emptyField({ fields: [], steps: f.steps }, 'text', ['field_1', 'field_2']).key).toBe('field_3')
  })

  it('says in Chinese what is missing, keyed as the server keys its fields', () => {
    const f = initialForm(null)
    f.fields[0].label = ''
    const parsed = AidTypeInput.safeParse(toInput(f, { creating: true }))
    expect(parsed.success).toBe(false)
    const e = errorsOf(parsed.success ? [] : parsed.error.issues)
    expect(e).toMatchObject({
      name: '请填写类型名称（2–30 个字）',
      'fields.0.label': '请填写字段名称（最多 30 个字）',
      'documents.0.name': '请填写材料名称（最多 30 个字）',
      'eligibility.summary': '请至少写一条申请条件',
      'amount.min': '请填写 0–1000000 的整数金额（元）',
    })
  })
})
