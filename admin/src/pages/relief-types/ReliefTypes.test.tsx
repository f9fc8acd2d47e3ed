import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import ReliefTypesPage from './ReliefTypesPage'
import { FakeServer } from '../../../test/fake-server'
import { renderPage } from '../../../test/render-page'

const winter = {
  ...DEFAULT_AID_TYPES.hardship,
  name: '青禾街道冬季慰问',
  key: 'street_winter',
  org: { id: 1, name: '云溪区总工会' },
  reviewLevel: 1,
  openNow: true,
  windowLabel: '全年受理',
  amountLabel: '由区总工会核定，¥200–¥1000',
  amount: { kind: 'reviewer_set', min: 200, max: 1000 },
}
const paused = { ...winter, key: 'paused_one', name: '夏送清凉补助', active: false }
const page = (items: unknown[]) => ({ body: { items, nextCursor: null } })
const refusal = (status: number, reason: string, message: string, fields: Record<string, string> = {}) => ({
  status,
  body: { code: reason, reason, message, fields, requestId: 't' },
})

const button = (text: string) => Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s/g, '') === text)!
/** The message antd shows under a field (Form.Item help), by the field's label. */
const helpOf = (label: string) => {
  const item = Array.from(document.querySelectorAll('.ant-form-item')).find((el) => el.querySelector('label')?.textContent === label)
  return item?.querySelector('.ant-form-item-explain')?.textContent ?? null
}
const type = (label: string, value: string) => fireEvent.change(screen.getByLabelText(label), { target: { value } })
const click = (text: string) =>
  act(async () => {
    fireEvent.click(button(text))
  })

async function openEditor(s: FakeServer) {
  renderPage(<ReliefTypesPage />, s)
  await screen.findByText('青禾街道冬季慰问', undefined, { timeout: 20_000 })
  await act(async () => {
    fireEvent.click(screen.getByLabelText('编辑 青禾街道冬季慰问'))
  })
  await screen.findByLabelText('最高金额（元）', undefined, { timeout: 20_000 })
}

beforeEach(() => localStorage.clear())

describe('救助类型: the table', () => {
  it('lists the types the admin manages with owner, state, ceiling and documents', async () => {
    const s = new FakeServer().on('GET /api/relief/manage/types', () => page([winter, paused]))
    renderPage(<ReliefTypesPage />, s)
    expect(await screen.findByText('青禾街道冬季慰问', undefined, { timeout: 20_000 })).toBeTruthy()
    expect(screen.getByText('夏送清凉补助')).toBeTruthy()
    expect(screen.getByText('受理中')).toBeTruthy()
    expect(screen.getByText('已暂停')).toBeTruthy()
    expect(screen.getAllByText('¥1000')).toHaveLength(2)
    const docs = winter.documents.length
    const required = winter.documents.filter((d) => d.required).length
    expect(screen.getAllByText(`${docs} 项（必传 ${required} 项）`)).toHaveLength(2)
    expect(screen.getByText('已显示全部 2 个类型')).toBeTruthy()
  }, 120_000)

  it('says what to do when there is none, and shows a load error with 重试', async () => {
    let fail = true
    const s = new FakeServer().on('GET /api/relief/manage/types', () => (fail ? refusal(500, 'INTERNAL', '服务器开小差了') : page([])))
    renderPage(<ReliefTypesPage />, s)
    expect(await screen.findByText('服务器开小差了', undefined, { timeout: 20_000 })).toBeTruthy()
    fail = false
    await click('重试')
    expect(await screen.findByText('您管理的工会还没有救助类型，可点击“新建救助类型”设置')).toBeTruthy()
  }, 120_000)
})

describe('救助类型: the editor', () => {
  it('refuses a bad ceiling beside its field without asking the server, then saves the right body', async () => {
    const s = new FakeServer()
      .on('GET /api/relief/manage/types', () => page([winter]))
      .on('GET /api/relief/manage/types/street_winter', () => ({ body: winter }))
      .on('PUT /api/relief/types/street_winter', (req) => ({ body: { ...winter, amount: (req.data as { amount: unknown }).amount } }))
    await openEditor(s)
    type('最高金额（元）', '12.5')
    await click('保存修改')
    expect(helpOf('最高金额（元）')).toBe('请填写 0–1000000 的整数金额（元）')
    expect(s.called('PUT /api/relief/types/street_winter')).toHaveLength(0)

    type('最高金额（元）', '1500')
    expect(helpOf('最高金额（元）')).toBeNull()
    await click('保存修改')
    await waitFor(() => expect(s.called('PUT /api/relief/types/street_winter')).toHaveLength(1))
    const body = s.called('PUT /api/relief/types/street_winter')[0].data as Record<string, unknown>
    expect(body.amount).toEqual({ kind: 'reviewer_set', min: 200, max: 1500 })
    // what the panel does not edit goes back as it was; the owner is not sent when editing
    expect(body.fields).toEqual(winter.fields)
    expect(body.name).toBe('青禾街道冬季慰问')
    expect(body).not.toHaveProperty('orgId')
    // the list is read again after the save
    await waitFor(() => expect(s.called('GET /api/relief/manage/types').length).toBeGreaterThan(1))
  }, 120_000)

  it("shows the ceiling set above the owner, and the server's refusal beside its field and by reason, keeping what was typed", async () => {
    // a sub-union's type: the district's limits bind it
    const street = { ...winter, org: { id: 2, name: '青禾街道总工会' }, reviewLevel: 2 }
    const s = new FakeServer()
      .on('GET /api/relief/manage/types', () => page([street]))
      .on('GET /api/relief/manage/types/street_winter', () => ({ body: street }))
      .on('GET /api/relief/type-limits/2', () => ({ body: { org: street.org, own: null, effective: { maxAmount: 2000, fieldKinds: ['text', 'textarea'] } } }))
      .on('PUT /api/relief/types/street_winter', () =>
        refusal(400, 'RELIEF_TYPE_LIMITS', '金额超过上级工会设定的上限（¥2000）', { 'amount.max': '每件最高不能超过 ¥2000' }),
      )
    await openEditor(s)
    expect(await screen.findByText('上级工会设定：每件最高 ¥2000')).toBeTruthy()
    type('最高金额（元）', '5000')
    await click('保存修改')
    await waitFor(() => expect(helpOf('最高金额（元）')).toBe('每件最高不能超过 ¥2000'))
    expect(screen.getByRole('alert').textContent).toContain('金额超过上级工会设定的上限（¥2000）（见标红的项）')
    expect((screen.getByLabelText('最高金额（元）') as HTMLInputElement).value).toBe('5000')
  }, 120_000)
})

describe('救助类型: 新建', () => {
  it('refuses an unnamed document and a missing condition beside their fields, then creates the type for the admin\'s union', async () => {
    const s = new FakeServer()
      .on('GET /api/relief/manage/types', () => page([]))
      .on('GET /api/relief/type-limits/1', () => ({ body: { org: { id: 1, name: '云溪区总工会' }, own: null, effective: null } }))
    renderPage(<ReliefTypesPage />, s)
    await screen.findByText('您管理的工会还没有救助类型，可点击“新建救助类型”设置', undefined, { timeout: 20_000 })
    await click('新建救助类型')
    await screen.findByLabelText('类型名称', undefined, { timeout: 20_000 })
    type('类型名称', '云溪区夏送清凉')
    type('最低金额（元）', '100')
    type('最高金额（元）', '300')
    await click('新建')
    expect(helpOf('第 1 项材料名称')).toBe('请填写材料名称（最多 30 个字）')
    expect(helpOf('申请条件（每行一条，会员申请前看到）')).toBe('请至少写一条申请条件')
    expect(s.requests.filter((r) => r.method === 'PUT')).toHaveLength(0)

    // the key the new type will have, made once per draft (a retried save is the same type)
    const key = /"key":"(t_[0-9a-z]+)"/.exec(localStorage.getItem('union.aidTypeEdit.v1.7.new') ?? '')?.[1]
    expect(key).toBeTruthy()
    s.on(`PUT /api/relief/types/${key}`, (req) => ({ body: { ...winter, key, name: (req.data as { name: string }).name } }))
    type('第 1 项材料名称', '在职证明')
    type('申请条件（每行一条，会员申请前看到）', '一线户外作业的工会会员')
    type('第 1 项 字段名称', '工作岗位')
    await click('新建')
    await waitFor(() => expect(s.requests.filter((r) => r.method === 'PUT')).toHaveLength(1))
    const put = s.requests.find((r) => r.method === 'PUT')!
    expect(put.url).toBe(`/api/relief/types/${key}`)
    const body = put.data as { orgId: number; name: string; documents: { name: string; required: boolean }[]; fields: { label: string }[]; amount: unknown; eligibility: { summary: string[] } }
    expect(body.orgId).toBe(1)
    expect(body.name).toBe('云溪区夏送清凉')
    expect(body.documents).toEqual([expect.objectContaining({ name: '在职证明', required: true })])
    expect(body.fields.map((x) => x.label)).toEqual(['工作岗位'])
    expect(body.amount).toEqual({ kind: 'reviewer_set', min: 100, max: 300 })
    expect(body.eligibility.summary).toEqual(['一线户外作业的工会会员'])
  }, 120_000)
})

describe('救助类型: 下级工会自设类型范围', () => {
  it('checks the ceiling beside its field, then saves the limits for the chosen union', async () => {
    const s = new FakeServer()
      .on('GET /api/relief/manage/types', () => page([winter]))
      .on('GET /api/relief/type-limits/1', () => ({ body: { org: { id: 1, name: '云溪区总工会' }, own: null, effective: null } }))
      .on('PUT /api/relief/type-limits/1', (req) => ({ body: { org: { id: 1, name: '云溪区总工会' }, own: req.data, effective: null } }))
    renderPage(<ReliefTypesPage />, s)
    await screen.findByText('青禾街道冬季慰问', undefined, { timeout: 20_000 })
    await click('下级工会自设类型范围')
    expect(await screen.findByText('云溪区总工会是最上级工会，自设类型不受上级限制。', undefined, { timeout: 20_000 })).toBeTruthy()
    type('每件最高金额（元）', '两千')
    await click('保存范围')
    expect(helpOf('每件最高金额（元）')).toBe('请填写 0–1000000 的整数金额（元）')
    expect(s.called('PUT /api/relief/type-limits/1')).toHaveLength(0)
    type('每件最高金额（元）', '3000')
    await click('保存范围')
    await waitFor(() => expect(s.called('PUT /api/relief/type-limits/1')).toHaveLength(1))
    expect((s.called('PUT /api/relief/type-limits/1')[0].data as { maxAmount: number }).maxAmount).toBe(3000)
  }, 120_000)
})
