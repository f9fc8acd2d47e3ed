import { DEFAULT_AID_TYPES } from './defaults'
import { maskPublicName } from './labels'
import { DEFAULT_SUB_TYPE_LIMITS } from './labels'
import { amountLabel, fieldError, isSensitiveField, maxAmountOf, missingDocuments, ruleAmount, typeLimitProblems, validateFields, windowOpen, withSensitiveForced } from './rules'

describe('relief rules (shared by app and server)', () => {
  it('travel subsidy: eight distance bands from ¥80 to ¥450', () => {
    const rule = DEFAULT_AID_TYPES.travel_subsidy.amount
    const amounts = [1, 100, 101, 300, 500, 800, 1200, 1600, 2000, 2001, 6000].map((d) => ruleAmount(rule, { distance_km: d }))
    expect(amounts).toEqual([80, 80, 120, 120, 160, 200, 260, 320, 380, 450, 450])
    expect(ruleAmount(rule, {})).toBeNull()
    expect(amountLabel(rule)).toBe('按行程距离定额（8 档），¥80–¥450')
  })

  it('金秋助学: fixed amount by school stage; reviewer-set types give none', () => {
    expect(ruleAmount(DEFAULT_AID_TYPES.school_aid.amount, { school_stage: 'high_school' })).toBe(1000)
    expect(ruleAmount(DEFAULT_AID_TYPES.school_aid.amount, { school_stage: 'postgraduate' })).toBe(4000)
    expect(ruleAmount(DEFAULT_AID_TYPES.hardship.amount, { household_size: 3 })).toBeNull()
  })

  it('field messages name the field; cross-field rules name both', () => {
    const t = DEFAULT_AID_TYPES.serious_illness
    expect(validateFields(t, {}, '2026-08-01')).toMatchObject({ diagnosis: '请填写确诊疾病', total_cost: '请填写医疗总费用（元）' })
    const errors = validateFields(
      t,
      { diagnosis: '肺癌', hospital: '某医院', admission_date: '2026-09-01', total_cost: 100, reimbursed: 100.123 },
      '2026-08-01',
    )
    expect(errors).toEqual({ admission_date: '入院日期不能晚于今天', reimbursed: '已报销金额（元）最多保留两位小数' })
    expect(validateFields(t, { diagnosis: '肺癌', hospital: '某医院', admission_date: '2026-07-01', total_cost: 100, reimbursed: 200 }, '2026-08-01')).toEqual({
      reimbursed: '已报销金额（元）不能大于医疗总费用（元）',
    })
    // binary fractions are not "more than two decimals"
    expect(validateFields(t, { diagnosis: '肺癌', hospital: '某医院', admission_date: '2026-07-01', total_cost: 0.3, reimbursed: 0.1 }, '2026-08-01')).toEqual({
      total_cost: '医疗总费用（元）不能小于 1',
    })
    expect(validateFields(DEFAULT_AID_TYPES.school_aid, { child_id_number: '123' }, '2026-08-01').child_id_number).toBeTruthy()
  })

  it('the checklist names what is missing, in order; optional items never block', () => {
    expect(missingDocuments(DEFAULT_AID_TYPES.serious_illness, { invoices: ['f1'] })).toEqual([{ key: 'discharge_summary', name: '出院小结' }])
    expect(missingDocuments(DEFAULT_AID_TYPES.hardship, { hardship_proof: ['f1'] })).toEqual([])
  })

  it('windows, including one that wraps the new year', () => {
    expect(windowOpen({ kind: 'yearly', from: '07-01', to: '09-30' }, '2026-09-30')).toBe(true)
    expect(windowOpen({ kind: 'yearly', from: '07-01', to: '09-30' }, '2026-10-01')).toBe(false)
    expect(windowOpen({ kind: 'yearly', from: '12-01', to: '02-28' }, '2027-01-15')).toBe(true)
    expect(windowOpen({ kind: 'yearly', from: '12-01', to: '02-28' }, '2027-03-01')).toBe(false)
  })

  it('masks names for the public notice', () => {
    expect(maskPublicName('张小明')).toBe('张*明')
    expect(maskPublicName('李晓梅')).toBe('李*梅')
    expect(maskPublicName('张三')).toBe('张*')
    expect(maskPublicName('欧阳小明')).toBe('欧**明')
  })

  it('ID numbers, phones and medical fields are sensitive whatever the flag says', () => {
    expect(isSensitiveField({ kind: 'id_number', sensitive: false })).toBe(true)
    expect(isSensitiveField({ kind: 'phone', sensitive: false })).toBe(true)
    expect(isSensitiveField({ kind: 'medical', sensitive: false })).toBe(true)
    expect(isSensitiveField({ kind: 'text', sensitive: false })).toBe(false)
    expect(isSensitiveField({ kind: 'textarea', sensitive: true })).toBe(true)
    const forced = withSensitiveForced({ fields: DEFAULT_AID_TYPES.school_aid.fields.map((f) => ({ ...f, sensitive: false })) })
    expect(forced.fields.filter((f) => f.sensitive).map((f) => f.key)).toEqual(['child_id_number'])
    const phone = { key: 'phone', label: '联系电话', kind: 'phone' as const, step: 's', required: true, sensitive: true }
    expect(fieldError(phone, { phone: '1381234567' }, '2026-08-01')).toBe('联系电话请填写 11 位手机号码')
    expect(fieldError(phone, { phone: '13812345678' }, '2026-08-01')).toBeNull()
  })

  it('a sub-union type beyond the limits set above it is named field by field', () => {
    expect(maxAmountOf(DEFAULT_AID_TYPES.travel_subsidy.amount)).toBe(450)
    expect(maxAmountOf(DEFAULT_AID_TYPES.school_aid.amount)).toBe(4000)
    expect(typeLimitProblems(DEFAULT_AID_TYPES.school_aid, DEFAULT_SUB_TYPE_LIMITS)).toEqual({
      amount: '救助金额最高 ¥4000，超过上级工会设定的上限 ¥2000',
      'fields.1.kind': '上级工会未允许基层自设类型收集「身份证号」',
    })
    expect(typeLimitProblems(DEFAULT_AID_TYPES.travel_subsidy, DEFAULT_SUB_TYPE_LIMITS)).toEqual({})
  })
})
