/**
 * The six aid types every database gets, owned by the root union (its admins may change them later through
 * PUT /api/relief/types/:key; sub-unions add their own).
 * Plain data typed by the contract (type-only import: zod-free). The app reads types from the server, not from here.
 */
import type { AidTypeConfig } from './schemas'

const MEDICAL_CAUSE = { causeGroup: 'medical', causeFields: ['hospital', 'admission_date'] }
const REVIEW_DAYS = { base: 5, district: 5 }

export const DEFAULT_AID_TYPES: Record<string, AidTypeConfig> = {
  hardship: {
    name: '困难职工帮扶',
    description: '因病、因残、因灾等原因导致家庭生活困难的会员，可申请困难帮扶。基层工会将安排入户走访。',
    steps: [
      { key: 'family', title: '家庭情况' },
      { key: 'hardship', title: '困难情况' },
    ],
    fields: [
      { key: 'household_size', label: '家庭人口', kind: 'integer', step: 'family', required: true, sensitive: false, min: 1, max: 20, hint: '共同生活的家庭成员人数' },
      { key: 'monthly_income_per_head', label: '家庭月人均收入（元）', kind: 'money', step: 'family', required: true, sensitive: true, min: 0, max: 100000 },
      {
        key: 'cause', label: '致困原因', kind: 'choice', step: 'hardship', required: true, sensitive: false,
        options: [
          { value: 'illness', label: '因病' },
          { value: 'disability', label: '因残' },
          { value: 'disaster', label: '因灾' },
          { value: 'accident', label: '因意外' },
          { value: 'education', label: '因子女就学' },
          { value: 'other', label: '其他' },
        ],
      },
      { key: 'situation', label: '困难情况说明', kind: 'textarea', step: 'hardship', required: true, sensitive: true, maxLength: 1000, hint: '请说明家庭困难的经过和现状' },
    ],
    documents: [
      { key: 'hardship_proof', name: '困难情况证明', required: true, hint: '社区（村）或单位出具' },
      { key: 'income_proof', name: '家庭收入证明', required: false },
    ],
    eligibility: {
      summary: ['本区工会会员', '家庭月人均收入不高于 2500 元', '同一年度限申请 1 次'],
      fieldMax: [{ field: 'monthly_income_per_head', max: 2500, message: '家庭月人均收入高于 2500 元，不符合困难职工帮扶条件' }],
    },
    amount: { kind: 'reviewer_set', min: 500, max: 5000 },
    window: { kind: 'all_year' },
    limits: { perYear: 1, causeGroup: null, causeFields: [] },
    requiresHomeVisit: true,
    reviewWorkingDays: REVIEW_DAYS,
    active: true,
  },
  serious_illness: {
    name: '大病医疗救助',
    description: '会员本人患重大疾病，医保及商业保险报销后个人负担仍然较重的，可申请大病医疗救助。',
    steps: [
      { key: 'illness', title: '病情与就医' },
      { key: 'costs', title: '医疗费用' },
    ],
    fields: [
      { key: 'diagnosis', label: '确诊疾病', kind: 'medical', step: 'illness', required: true, sensitive: true, maxLength: 60 },
      { key: 'hospital', label: '就诊医院', kind: 'text', step: 'illness', required: true, sensitive: false, maxLength: 60 },
      { key: 'admission_date', label: '入院日期', kind: 'date', step: 'illness', required: true, sensitive: false, notFuture: true },
      { key: 'total_cost', label: '医疗总费用（元）', kind: 'money', step: 'costs', required: true, sensitive: false, min: 1, max: 10000000 },
      { key: 'reimbursed', label: '已报销金额（元）', kind: 'money', step: 'costs', required: true, sensitive: false, min: 0, max: 10000000, notAbove: 'total_cost', hint: '医保及商业保险已报销的部分' },
    ],
    documents: [
      { key: 'invoices', name: '医疗费用发票', required: true },
      { key: 'discharge_summary', name: '出院小结', required: true },
      { key: 'itemised_bill', name: '费用明细清单', required: false, hint: '住院费用清单；审核时可能要求补充' },
    ],
    eligibility: { summary: ['本区工会会员本人', '医保及商业保险报销后个人负担较重', '同一年度限申请 1 次'] },
    amount: { kind: 'reviewer_set', min: 1000, max: 30000 },
    window: { kind: 'all_year' },
    limits: { perYear: 1, ...MEDICAL_CAUSE },
    requiresHomeVisit: false,
    reviewWorkingDays: REVIEW_DAYS,
    active: true,
  },
  school_aid: {
    name: '金秋助学',
    description: '会员子女当年考入高中、大学或研究生，家庭经济困难的，可申请金秋助学金，按就读阶段定额发放。',
    steps: [{ key: 'child', title: '子女与学校' }],
    fields: [
      { key: 'child_name', label: '子女姓名', kind: 'text', step: 'child', required: true, sensitive: false, maxLength: 20 },
      { key: 'child_id_number', label: '子女身份证号', kind: 'id_number', step: 'child', required: true, sensitive: true },
      { key: 'school', label: '录取学校', kind: 'text', step: 'child', required: true, sensitive: false, maxLength: 60 },
      { key: 'admission_year', label: '入学年份', kind: 'integer', step: 'child', required: true, sensitive: false, min: 2000, max: 2100 },
      {
        key: 'school_stage', label: '就读阶段', kind: 'choice', step: 'child', required: true, sensitive: false,
        options: [
          { value: 'high_school', label: '高中/中职' },
          { value: 'college', label: '大专' },
          { value: 'bachelor', label: '本科' },
          { value: 'postgraduate', label: '研究生' },
        ],
      },
    ],
    documents: [
      { key: 'admission_letter', name: '录取通知书', required: true },
      { key: 'child_id_page', name: '子女身份证人像页', required: true, hint: '未办理身份证的可上传户口簿本人页' },
      { key: 'hardship_proof', name: '家庭困难证明', required: true },
    ],
    eligibility: { summary: ['入会满 12 个月的会员', '子女当年入学', '每年 7 月 1 日至 9 月 30 日受理'], minMembershipMonths: 12 },
    amount: {
      kind: 'fixed_tiers',
      field: 'school_stage',
      tiers: [
        { value: 'high_school', label: '高中/中职', amount: 1000 },
        { value: 'college', label: '大专', amount: 2000 },
        { value: 'bachelor', label: '本科', amount: 3000 },
        { value: 'postgraduate', label: '研究生', amount: 4000 },
      ],
    },
    window: { kind: 'yearly', from: '07-01', to: '09-30' },
    limits: { perYear: 1, causeGroup: null, causeFields: [] },
    requiresHomeVisit: false,
    reviewWorkingDays: REVIEW_DAYS,
    active: true,
  },
  mutual_aid: {
    name: '职工医疗互助',
    description: '参加职工医疗互助的会员住院治疗后，可按规定申请互助金。',
    steps: [{ key: 'stay', title: '住院情况' }],
    fields: [
      { key: 'hospital', label: '住院医院', kind: 'text', step: 'stay', required: true, sensitive: false, maxLength: 60 },
      { key: 'admission_date', label: '入院日期', kind: 'date', step: 'stay', required: true, sensitive: false, notFuture: true },
      { key: 'discharge_date', label: '出院日期', kind: 'date', step: 'stay', required: true, sensitive: false, notFuture: true, notBefore: 'admission_date' },
      { key: 'diagnosis', label: '诊断', kind: 'medical', step: 'stay', required: true, sensitive: true, maxLength: 60 },
      { key: 'total_cost', label: '住院总费用（元）', kind: 'money', step: 'stay', required: true, sensitive: false, min: 1, max: 10000000 },
    ],
    documents: [
      { key: 'invoices', name: '住院费用发票', required: true },
      { key: 'record_first_page', name: '病案首页', required: true },
    ],
    eligibility: { summary: ['参加职工医疗互助的会员', '每年最多申请 2 次'] },
    amount: { kind: 'reviewer_set', min: 100, max: 10000 },
    window: { kind: 'all_year' },
    limits: { perYear: 2, ...MEDICAL_CAUSE },
    requiresHomeVisit: false,
    reviewWorkingDays: REVIEW_DAYS,
    active: true,
  },
  gig_accident: {
    name: '新就业形态劳动者意外伤害',
    description: '快递员、外卖配送员、网约车司机等新就业形态劳动者会员在工作中发生意外伤害的，可申请救助。',
    steps: [
      { key: 'accident', title: '事故经过' },
      { key: 'treatment', title: '就医情况' },
    ],
    fields: [
      { key: 'accident_date', label: '事故日期', kind: 'date', step: 'accident', required: true, sensitive: false, notFuture: true },
      { key: 'accident_place', label: '事故地点', kind: 'text', step: 'accident', required: true, sensitive: false, maxLength: 80 },
      { key: 'what_happened', label: '事故经过', kind: 'textarea', step: 'accident', required: true, sensitive: true, maxLength: 1000 },
      { key: 'hospital', label: '就诊医院', kind: 'text', step: 'treatment', required: true, sensitive: false, maxLength: 60 },
      { key: 'admission_date', label: '就诊日期', kind: 'date', step: 'treatment', required: true, sensitive: false, notFuture: true, notBefore: 'accident_date' },
    ],
    documents: [
      { key: 'medical_records', name: '病历或诊断证明', required: true },
      { key: 'invoices', name: '医疗费用发票', required: true },
    ],
    eligibility: {
      summary: ['新就业形态劳动者会员（快递员、外卖配送员、网约车司机、货车司机、网络主播等）', '同一年度限申请 1 次'],
      employmentTypes: ['ride_hailing', 'courier', 'delivery', 'truck', 'streamer', 'other_gig'],
    },
    amount: { kind: 'reviewer_set', min: 200, max: 20000 },
    window: { kind: 'all_year' },
    limits: { perYear: 1, ...MEDICAL_CAUSE },
    requiresHomeVisit: false,
    reviewWorkingDays: REVIEW_DAYS,
    active: true,
  },
  travel_subsidy: {
    name: '返岗/返乡交通补贴',
    description: '春节前后返乡或返岗的会员，凭车票或机票按路程远近领取定额交通补贴。',
    steps: [{ key: 'trip', title: '行程' }],
    fields: [
      {
        key: 'direction', label: '行程类型', kind: 'choice', step: 'trip', required: true, sensitive: false,
        options: [
          { value: 'home', label: '返乡' },
          { value: 'work', label: '返岗' },
        ],
      },
      { key: 'from_city', label: '出发地', kind: 'text', step: 'trip', required: true, sensitive: false, maxLength: 30 },
      { key: 'to_city', label: '目的地', kind: 'text', step: 'trip', required: true, sensitive: false, maxLength: 30 },
      { key: 'travel_date', label: '出行日期', kind: 'date', step: 'trip', required: true, sensitive: false },
      { key: 'distance_km', label: '行程距离（公里）', kind: 'integer', step: 'trip', required: true, sensitive: false, min: 1, max: 6000, hint: '按车票或地图上的里程填写' },
      { key: 'ticket_no', label: '车次/航班号', kind: 'text', step: 'trip', required: false, sensitive: false, maxLength: 20 },
    ],
    documents: [{ key: 'ticket', name: '车票或行程单', required: true, hint: '纸质车票照片或电子行程单截图' }],
    eligibility: { summary: ['本区工会会员', '每年 1 月 1 日至 3 月 31 日受理', '返乡、返岗每年合计最多 2 次'] },
    amount: {
      kind: 'distance_bands',
      field: 'distance_km',
      bands: [
        { upToKm: 100, amount: 80 },
        { upToKm: 300, amount: 120 },
        { upToKm: 500, amount: 160 },
        { upToKm: 800, amount: 200 },
        { upToKm: 1200, amount: 260 },
        { upToKm: 1600, amount: 320 },
        { upToKm: 2000, amount: 380 },
        { upToKm: null, amount: 450 },
      ],
    },
    window: { kind: 'yearly', from: '01-01', to: '03-31' },
    limits: { perYear: 2, causeGroup: null, causeFields: [] },
    requiresHomeVisit: false,
    reviewWorkingDays: REVIEW_DAYS,
    active: true,
  },
}
