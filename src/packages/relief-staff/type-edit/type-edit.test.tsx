import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import { AidTypeInput } from '@contract/relief/schemas'
import TypeEditPage from './index'
import { renderSignedIn } from '../../../test/render'
import { stubToast } from '../../../test/toast'
import { json, sampleMe } from '../../../test/fakes'
import type { TransportRequest, TransportResponse, TransportUpload } from '../../../api/client'

const admin = {
  token: 'tok-admin',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: {
    ...sampleMe,
    id: 7,
    nickname: '青禾街道管理员',
    roles: [
      { role: 'admin' as const, orgId: 2, orgName: '青禾街道总工会' },
      { role: 'admin' as const, orgId: 4, orgName: '星河物流有限公司工会' },
    ],
  },
}
/** What binds the unions below the root when the district has set nothing: ¥2000, no ID number / phone / medical. */
const limitsOf = (id: number, name: string) => ({ org: { id, name }, own: null, effective: { maxAmount: 2000, fieldKinds: ['text', 'textarea', 'integer', 'money', 'date', 'choice'] } })
const streetWinter = {
  ...DEFAULT_AID_TYPES.hardship,
  name: '青禾街道冬季慰问',
  key: 'street_winter',
  org: { id: 2, name: '青禾街道总工会' },
  reviewLevel: 2,
  openNow: true,
  windowLabel: '全年受理',
  amountLabel: '由区总工会核定，¥200–¥1000',
  amount: { kind: 'reviewer_set', min: 200, max: 1000 },
}

const input = (container: HTMLElement, sel: string) => container.querySelector(`${sel} .form-input, ${sel} .form-textarea`) as HTMLElement
const typeInto = (container: HTMLElement, sel: string, value: string) => fireEvent(input(container, sel), new CustomEvent('input', { detail: { value } }))
const valueOf = (container: HTMLElement, sel: string) => (container.querySelector(`${sel} input`) as HTMLInputElement | null)?.value
const errorOf = (container: HTMLElement, sel: string) => container.querySelector(`${sel} .field-error`)?.textContent
const click = (container: HTMLElement, sel: string) => fireEvent.click(container.querySelector(sel) as HTMLElement)
/** Taro's inputs render asynchronously: let new ones mount before typing into them. */
const settle = () =>
  act(async () => {
    await new Promise((r) => setTimeout(r, 50))
  })

type Handle = (r: TransportRequest | TransportUpload) => TransportResponse
async function open(put: Handle, extra?: Handle) {
  const view = await renderSignedIn(
    <TypeEditPage />,
    'admin',
    (r) => {
      if (r.url === '/api/relief/type-limits/2') return json(200, limitsOf(2, '青禾街道总工会'))
      if (r.url === '/api/relief/type-limits/4') return json(200, limitsOf(4, '星河物流有限公司工会'))
      if ('method' in r && r.method === 'PUT' && r.url.startsWith('/api/relief/types/')) return put(r)
      const other = extra?.(r)
      if (other) return other
      throw new Error(`unexpected ${r.url}`)
    },
    admin,
  )
  await waitFor(() => expect(view.container.querySelector('.save-type-btn')).toBeTruthy())
  await settle()
  return view
}
const puts = (requests: (TransportRequest | TransportUpload)[]) => requests.filter((r): r is TransportRequest => 'method' in r && r.method === 'PUT')

/** The smallest complete new type (street's own, reviewer-set). */
async function fillBasics(container: HTMLElement, maxAmount = '1000') {
  await act(async () => {
    typeInto(container, '.field-name', '青禾街道暖心补助')
    typeInto(container, '.field-description', '青禾街道辖区内会员遭遇突发困难时的小额补助。')
    typeInto(container, '.field-amountMin', '200')
    typeInto(container, '.field-amountMax', maxAmount)
    typeInto(container, '.aid-doc-0 .field-d-name', '困难情况证明')
    typeInto(container, '.field-summary', '青禾街道辖区内工会会员')
  })
}

describe('新建/编辑救助类型', () => {
  stubToast()
  afterEach(() => {
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('creating a type: checked first in Chinese, then sends the whole configuration with its owning union', async () => {
    let saved: unknown = null
    const { container, requests, storage } = await open((r) => {
      const body = (r as TransportRequest).data as Record<string, unknown>
      saved = body
      return json(200, { ...body, key: r.url.split('/').pop(), org: { id: 4, name: '星河物流有限公司工会' }, reviewLevel: 3, openNow: false, windowLabel: '每年 12-01 至 02-28 受理', amountLabel: '由区总工会核定，¥200–¥1000' })
    })
    // nothing typed: the messages beside the fields, nothing sent
    await act(async () => {
      fireEvent.click(screen.getByText('创建救助类型'))
    })
    expect(errorOf(container, '.field-name')).toBe('请填写类型名称（2–30 个字）')
    expect(errorOf(container, '.aid-doc-0 .field-d-name')).toBe('请填写材料名称（最多 30 个字）')
    expect(errorOf(container, '.field-summary')).toBe('请至少写一条申请条件')
    expect(puts(requests)).toHaveLength(0)

    await fillBasics(container)
    await act(async () => {
      click(container, '.org-4')
      click(container, '.window-yearly')
      fireEvent.click(screen.getByText('添加字段'))
    })
    await settle()
    // only the kinds the unions above allow: no ID number here
    expect(container.querySelector('.aid-field-1 .kind-id_number')).toBeNull()
    await act(async () => {
      typeInto(container, '.aid-field-1 .field-f-label', '家庭人口')
      click(container, '.aid-field-1 .kind-integer')
    })
    await settle()
    await act(async () => {
      typeInto(container, '.aid-field-1 .field-f-min', '1')
      typeInto(container, '.aid-field-1 .field-f-max', '20')
      click(container, '.aid-field-1 .f-required')
      fireEvent.click(screen.getByText('添加字段'))
      typeInto(container, '.field-windowFrom', '12-01')
      typeInto(container, '.field-windowTo', '02-28')
    })
    await settle()
    await act(async () => {
      typeInto(container, '.aid-field-2 .field-f-label', '困难类别')
      click(container, '.aid-field-2 .kind-choice')
    })
    await settle()
    await act(async () => {
      typeInto(container, '.aid-field-2 .field-f-options', '因病，因灾、其他')
      click(container, '.aid-field-2 .move-up')
      fireEvent.click(screen.getByText('添加材料'))
    })
    await settle()
    await act(async () => {
      typeInto(container, '.aid-doc-1 .field-d-name', '户口簿')
      click(container, '.aid-doc-1 .d-required')
    })
    // the moved field is second now
    expect(container.querySelector('.aid-field-1 .aid-item-title')?.textContent).toContain('困难类别')

    const back = jest.spyOn(Taro, 'navigateBack').mockImplementation(() => Promise.resolve({ errMsg: 'navigateBack:ok' }) as never)
    const stack = jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never)
    await act(async () => {
      fireEvent.click(screen.getByText('创建救助类型'))
    })
    await waitFor(() => expect(saved).not.toBeNull())
    const sent = puts(requests)
    expect(sent).toHaveLength(1)
    expect(sent[0].url).toMatch(/^\/api\/relief\/types\/t_[a-z0-9]+$/)
    expect(AidTypeInput.safeParse(sent[0].data).success).toBe(true)
    expect(sent[0].data).toEqual({
      name: '青禾街道暖心补助',
      description: '青禾街道辖区内会员遭遇突发困难时的小额补助。',
      orgId: 4,
      active: true,
      steps: [{ key: 'main', title: '申请情况' }],
      fields: [
        { key: 'field_1', label: '困难情况说明', kind: 'textarea', step: 'main', required: true, sensitive: false },
        {
          key: 'field_3', label: '困难类别', kind: 'choice', step: 'main', required: true, sensitive: false,
          options: [{ value: 'opt_1', label: '因病' }, { value: 'opt_2', label: '因灾' }, { value: 'opt_3', label: '其他' }],
        },
        { key: 'field_2', label: '家庭人口', kind: 'integer', step: 'main', required: false, sensitive: false, min: 1, max: 20 },
      ],
      documents: [
        { key: 'doc_1', name: '困难情况证明', required: true },
        { key: 'doc_2', name: '户口簿', required: false },
      ],
      eligibility: { summary: ['青禾街道辖区内工会会员'] },
      amount: { kind: 'reviewer_set', min: 200, max: 1000 },
      window: { kind: 'yearly', from: '12-01', to: '02-28' },
      limits: { perYear: 1, causeGroup: null, causeFields: [] },
      requiresHomeVisit: false,
      reviewWorkingDays: { base: 5, district: 10 },
    })
    // saved: the draft is gone and the admin is back on the list
    await waitFor(() => expect(back).toHaveBeenCalled())
    expect(storage.getItem('union.aidTypeEdit.v1.7.new')).toBeNull()
    back.mockRestore()
    stack.mockRestore()
  })

  it('the server’s refusals are shown beside their fields, by reason, and everything typed stays', async () => {
    const answers: TransportResponse[] = [
      json(400, {
        code: 'VALIDATION',
        reason: 'RELIEF_TYPE_LIMITS',
        message: '救助金额最高 ¥5000，超过上级工会设定的上限 ¥2000',
        fields: { 'amount.max': '救助金额最高 ¥5000，超过上级工会设定的上限 ¥2000' },
        requestId: 'r1',
      }),
      // reworded on purpose: the page places it by its reason, not by its text
      json(403, { code: 'FORBIDDEN', reason: 'RELIEF_TYPE_FORBIDDEN', message: '（改写）这一类型归别的工会管', requestId: 'r2' }),
      json(400, { code: 'VALIDATION', message: '字段名称重复', fields: { 'fields.0.label': '字段名称重复' }, requestId: 'r3' }),
    ]
    const { container, requests, storage } = await open(() => answers.shift()!)
    await fillBasics(container, '5000')
    await act(async () => {
      fireEvent.click(screen.getByText('创建救助类型'))
    })
    await waitFor(() => expect(errorOf(container, '.field-amountMax')).toBe('救助金额最高 ¥5000，超过上级工会设定的上限 ¥2000'))
    expect(container.querySelector('.error-box')?.textContent).toContain('超过上级工会设定的上限')
    expect(valueOf(container, '.field-name')).toBe('青禾街道暖心补助')
    expect(valueOf(container, '.field-amountMax')).toBe('5000')
    expect(valueOf(container, '.aid-doc-0 .field-d-name')).toBe('困难情况证明')
    expect(storage.getItem('union.aidTypeEdit.v1.7.new')).toContain('青禾街道暖心补助')
    const key = puts(requests)[0].url

    // fixing the field clears its message; the next refusal is about the owner
    await act(async () => {
      typeInto(container, '.field-amountMax', '2000')
    })
    expect(errorOf(container, '.field-amountMax')).toBeUndefined()
    await act(async () => {
      fireEvent.click(screen.getByText('创建救助类型'))
    })
    await waitFor(() => expect(errorOf(container, '.field-orgId')).toBe('（改写）这一类型归别的工会管'))
    await act(async () => {
      fireEvent.click(screen.getByText('创建救助类型'))
    })
    await waitFor(() => expect(errorOf(container, '.aid-field-0 .field-f-label')).toBe('字段名称重复'))
    expect(valueOf(container, '.field-amountMax')).toBe('2000')
    // every attempt was the same new type (one key): a retried save never makes a second one
    expect(new Set(puts(requests).map((r) => r.url))).toEqual(new Set([key]))
  })

  it('editing: opens the stored type, keeps its owner fixed, and saves it paused without an owner in the body', async () => {
    ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { key: 'street_winter' }
    const { container, requests } = await open(
      (r) => json(200, { ...((r as TransportRequest).data as object), key: 'street_winter', org: streetWinter.org, reviewLevel: 2, openNow: true, windowLabel: '全年受理', amountLabel: '' }),
      (r) => (r.url === '/api/relief/manage/types/street_winter' ? json(200, streetWinter) : undefined as unknown as TransportResponse),
    )
    expect(valueOf(container, '.field-name')).toBe('青禾街道冬季慰问')
    expect(container.querySelector('.field-orgId .form-readonly')?.textContent).toBe('青禾街道总工会（不能修改）')
    expect(container.querySelector('.level-2')?.className).toContain('choice-active')
    expect(container.querySelector('.field-requiresHomeVisit')?.getAttribute('aria-checked')).toBe('true')
    await act(async () => {
      click(container, '.field-active')
    })
    const back = jest.spyOn(Taro, 'navigateBack').mockImplementation(() => Promise.resolve({ errMsg: 'navigateBack:ok' }) as never)
    const stack = jest.spyOn(Taro, 'getCurrentPages').mockReturnValue([{}, {}] as never)
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    await waitFor(() => expect(puts(requests)).toHaveLength(1))
    await waitFor(() => expect(back).toHaveBeenCalled())
    const sent = puts(requests)[0]
    expect(sent.url).toBe('/api/relief/types/street_winter')
    const { key: _k, org: _o, openNow: _n, windowLabel: _w, amountLabel: _a, ...config } = streetWinter
    expect(sent.data).toEqual({ ...config, active: false })
    back.mockRestore()
    stack.mockRestore()
  })
})
