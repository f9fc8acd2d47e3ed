/** 我要咨询 rendered: errors beside their fields (the form's, the server's VALIDATION by field, a refusal naming a field), the draft kept. */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import AskPage from './index'
import { renderSignedIn, renderWithStores } from '../../../test/render'
import { FakeTransport, json, sampleSession } from '../../../test/fakes'
import { stubToast } from '../../../test/toast'
import { RootStore } from '../../../stores/RootStore'
import { MemoryStorage } from '../../../stores/storage'
import { StoresProvider } from '../../../stores/context'
import type { TransportRequest } from '../../../api/client'
import type { SubscribeResult } from '../../../platform/types'
import { legalCase } from '../test-fixtures'

const type = async (container: HTMLElement, selector: string, value: string) => {
  await act(async () => {
    fireEvent(container.querySelector(selector) as HTMLElement, new CustomEvent('input', { detail: { value } }))
  })
}
const click = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}
const valueOf = (container: HTMLElement, selector: string) => (container.querySelector(selector) as HTMLInputElement & { value?: string }).value
const posts = (requests: unknown[]) => (requests as TransportRequest[]).filter((r) => r.method === 'POST' && r.url === '/api/legal/cases')

describe('我要咨询', () => {
  stubToast()
  let redirect: jest.SpyInstance
  beforeEach(() => {
    redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }) as never)
  })
  afterEach(() => jest.restoreAllMocks())

  it('asks to log in first', () => {
    const transport = new FakeTransport()
    const root = new RootStore({ transport, storage: new MemoryStorage(), auth: { method: 'none', getCode: async () => 'unused' } })
    render(
      <StoresProvider store={root}>
        <AskPage />
      </StoresProvider>,
    )
    expect(screen.getByText(/登录后可在线咨询劳动纠纷/)).toBeTruthy()
  })

  it('the form’s own errors beside each field, nothing sent; 欠薪 asks for the amount and 电话联系 for the number', async () => {
    const { container, requests } = await renderSignedIn(<AskPage />, 'member', () => json(500, {}))
    await waitFor(() => expect(container.querySelector('.legal-ask')).toBeTruthy())
    expect(container.querySelector('.field-amount')).toBeNull()
    expect(container.querySelector('.field-phone')).toBeNull()
    await click(screen.getByText('提交咨询'))
    expect(container.querySelector('.field-kind .field-error')?.textContent).toBe('请选择纠纷类型')
    expect(container.querySelector('.field-employer .field-error')?.textContent).toBe('请填写用人单位')
    expect(container.querySelector('.field-description .field-error')?.textContent).toBe('请至少用 10 个字描述您遇到的问题')
    expect(container.querySelector('.field-contactPref .field-error')?.textContent).toBe('请选择联系方式')
    expect(container.querySelector('.field-contactTime .field-error')?.textContent).toBe('请选择方便联系的时间')

    await click(screen.getByText('欠薪'))
    await click(screen.getByText('电话联系'))
    expect(container.querySelector('.field-kind .field-error')).toBeNull()
    await click(screen.getByText('提交咨询'))
    expect(container.querySelector('.field-amount .field-error')?.textContent).toBe('请填写拖欠金额（元，整数）')
    expect(container.querySelector('.field-phone .field-error')?.textContent).toBe('请填写 11 位手机号')
    // typing in a field clears its error only
    await type(container, '.field-employer .form-input', '云溪速达配送站')
    expect(container.querySelector('.field-employer .field-error')).toBeNull()
    expect(container.querySelector('.field-amount .field-error')).toBeTruthy()
    expect(posts(requests)).toHaveLength(0)
  })

  it('the server’s VALIDATION fields and a refusal naming a field land beside them; the draft stays through both and a restart; sent once right, it opens the case', async () => {
    const answers = [
      json(400, { code: 'VALIDATION', reason: 'VALIDATION', message: '请求参数有误', fields: { description: '描述太短了（服务端）', employer: '单位名称有误（服务端）' }, requestId: 'r1' }),
      json(400, { code: 'VALIDATION', reason: 'LEGAL_PHONE_REQUIRED', message: '要电话就得留号码（措辞已改）', fields: { phone: '要电话就得留号码（措辞已改）' }, requestId: 'r2' }),
      json(200, legalCase({ id: 42 })),
    ]
    const view = await renderSignedIn(<AskPage />, 'member', (r) => {
      const req = r as TransportRequest
      if (req.method === 'POST' && req.url === '/api/legal/cases') return answers.shift()!
      throw new Error(`unexpected ${req.method} ${req.url}`)
    })
    const { container, requests } = view
    await waitFor(() => expect(container.querySelector('.legal-ask')).toBeTruthy())
    await click(screen.getByText('欠薪'))
    // the amount field appears: let its input finish rendering before typing in it
    await waitFor(() => expect(container.querySelector('.field-amount .form-input input')).toBeTruthy())
    await type(container, '.field-employer .form-input', '云溪速达配送站')
    await type(container, '.field-amount .form-input', '6800')
    await type(container, '.field-description .form-textarea', '站点拖欠我两个月工资，多次催讨未果。')
    await click(screen.getByText('电话联系'))
    await type(container, '.field-phone .form-input', '13800005678')
    await click(screen.getByText('工作日晚上'))

    await click(screen.getByText('提交咨询'))
    await waitFor(() => expect(container.querySelector('.field-description .field-error')?.textContent).toBe('描述太短了（服务端）'))
    expect(container.querySelector('.field-employer .field-error')?.textContent).toBe('单位名称有误（服务端）')
    expect(posts(requests)[0].data).toEqual({
      kind: 'unpaid_wages',
      employer: '云溪速达配送站',
      amount: 6800,
      description: '站点拖欠我两个月工资，多次催讨未果。',
      attachments: [],
      contactPref: 'phone',
      contactTime: 'weekday_evening',
      phone: '13800005678',
    })
    expect(valueOf(container, '.field-description .form-textarea')).toBe('站点拖欠我两个月工资，多次催讨未果。')
    expect(valueOf(container, '.field-amount .form-input')).toBe('6800')
    // beside the fields, not as a whole-form error box (the field errors themselves are announced: role=alert)
    expect(container.querySelector('.error-box')).toBeNull()

    await click(screen.getByText('提交咨询'))
    await waitFor(() => expect(container.querySelector('.field-phone .field-error')?.textContent).toBe('要电话就得留号码（措辞已改）'))
    expect(container.querySelector('.field-description .field-error')).toBeNull()
    expect(valueOf(container, '.field-phone .form-input')).toBe('13800005678')
    expect(redirect).not.toHaveBeenCalled()

    // The app closed and opened again on the same phone: everything typed is back.
    view.unmount()
    const again = new RootStore({ transport: view.transport, storage: view.storage, auth: { method: 'none', getCode: async () => 'unused' } })
    again.session.restore()
    const reopened = render(
      <StoresProvider store={again}>
        <AskPage />
      </StoresProvider>,
    )
    const c2 = reopened.container
    await waitFor(() => expect(c2.querySelector('.legal-ask')).toBeTruthy())
    expect(valueOf(c2, '.field-employer .form-input')).toBe('云溪速达配送站')
    expect(valueOf(c2, '.field-amount .form-input')).toBe('6800')
    expect(valueOf(c2, '.field-description .form-textarea')).toBe('站点拖欠我两个月工资，多次催讨未果。')
    expect(valueOf(c2, '.field-phone .form-input')).toBe('13800005678')
    expect(c2.querySelector('.field-kind .choice-active')?.textContent).toBe('欠薪')
    expect(c2.querySelector('.field-contactTime .choice-active')?.textContent).toBe('工作日晚上')

    await click(screen.getByText('提交咨询'))
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/packages/legal/case/index?id=42' }))
    // the case exists: the device copy is gone
    expect(view.storage.getItem('legal.ask.1')).toBeNull()
  })

  it('提交咨询 asks WeChat for the 法律援助答复 notice from the tap, reports the acceptance, and never holds the case up', async () => {
    const request = jest.fn(async (ids: string[]): Promise<SubscribeResult> => ({ ok: true, accepted: ids, rejected: [] }))
    const view = renderWithStores(<AskPage />, { subscribe: { supported: true, request } })
    const sent: TransportRequest[] = []
    view.transport.fallback = (r) => {
      const req = r as TransportRequest
      sent.push(req)
      if (req.url === '/api/notifications/subscribe-templates') return json(200, { templates: [{ key: 'legal_reply', templateId: 'tmpl_legal', label: '法律援助答复' }] })
      if (req.url === '/api/notifications/subscriptions') return json(200, { credits: [{ templateId: 'tmpl_legal', remaining: 1 }] })
      if (req.url === '/api/legal/cases') return json(200, legalCase({ id: 43 }))
      throw new Error(`unexpected ${req.method} ${req.url}`)
    }
    view.transport.reply(() => json(200, sampleSession('tok-1')))
    await act(async () => {
      await view.root.session.devLogin('member')
    })
    const { container } = view
    await waitFor(() => expect(sent.map((r) => r.url)).toContain('/api/notifications/subscribe-templates'))
    await click(screen.getByText('欠薪'))
    await waitFor(() => expect(container.querySelector('.field-amount .form-input input')).toBeTruthy())
    await type(container, '.field-employer .form-input', '云溪速达配送站')
    await type(container, '.field-amount .form-input', '6800')
    await type(container, '.field-description .form-textarea', '站点拖欠我两个月工资，多次催讨未果。')
    await click(screen.getByText('电话联系'))
    await type(container, '.field-phone .form-input', '13800005678')
    await click(screen.getByText('工作日晚上'))
    await click(screen.getByText('提交咨询'))
    expect(request).toHaveBeenCalledWith(['tmpl_legal'])
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/packages/legal/case/index?id=43' }))
    await waitFor(() => expect(sent.filter((r) => r.method === 'POST').map((r) => r.url).sort()).toEqual(['/api/legal/cases', '/api/notifications/subscriptions']))
  })

  it('another login on the same phone gets an empty form, not the previous user’s draft', async () => {
    const view = await renderSignedIn(<AskPage />, 'member', () => json(500, {}))
    await waitFor(() => expect(view.container.querySelector('.legal-ask')).toBeTruthy())
    await type(view.container, '.field-employer .form-input', '云溪速达配送站')
    view.transport.reply(() => json(200, { ...sampleSession('tok-2'), user: { id: 2, nickname: '王小骑', avatarUrl: null, roles: [] } }))
    await act(async () => {
      await view.root.session.devLogin('gig')
    })
    await waitFor(() => expect(view.container.querySelector('.legal-ask')).toBeTruthy())
    expect(valueOf(view.container, '.field-employer .form-input')).toBe('')
    expect(view.storage.getItem('legal.ask.2')).toBeNull()
  })
})
