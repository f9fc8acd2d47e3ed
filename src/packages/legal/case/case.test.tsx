/** A member's consultation rendered: status, promise, next step, thread; a follow-up; the rating once closed. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import CasePage from './index'
import { renderSignedIn } from '../../../test/render'
import { json } from '../../../test/fakes'
import { stubToast } from '../../../test/toast'
import type { TransportRequest } from '../../../api/client'
import type { LegalCaseView } from '@contract/legal/schemas'
import { entry, legalCase, submitted } from '../test-fixtures'

const at = (params: Record<string, string>) => {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = params
}
const click = async (el: Element) => {
  await act(async () => {
    fireEvent.click(el)
  })
}
const type = async (container: HTMLElement, selector: string, value: string) => {
  await act(async () => {
    fireEvent(container.querySelector(selector) as HTMLElement, new CustomEvent('input', { detail: { value } }))
  })
}
const sent = (requests: unknown[], method: string, url: string) => (requests as TransportRequest[]).filter((r) => r.method === method && r.url === url)

const replied = legalCase({
  status: 'scheduled',
  handlerName: '法律援助专员·孙',
  firstResponseAt: '2026-11-20T03:00:00.000Z',
  updatedAt: '2026-11-20T03:10:00.000Z',
  session: { mode: 'phone', at: '2026-11-23T11:00:00.000Z', place: null, note: null },
  nextStep: '专员将于 2026年11月23日 19:00 电话联系您',
  entries: [
    submitted,
    entry({ id: 2, kind: 'taken', text: '法律援助专员·孙已受理您的咨询' }),
    entry({ id: 3, kind: 'reply', text: '请保留工资条和考勤记录，可先向站点书面催讨。' }),
    entry({ id: 4, kind: 'scheduled', text: '电话咨询：2026-11-23 19:00' }),
  ],
})

function serve(cases: { current: LegalCaseView }, extra: (r: TransportRequest) => ReturnType<typeof json> | null = () => null) {
  return (req: unknown) => {
    const r = req as TransportRequest
    const x = extra(r)
    if (x) return x
    if (r.method === 'GET' && r.url === `/api/legal/cases/${cases.current.id}`) return json(200, cases.current)
    throw new Error(`unexpected ${r.method} ${r.url}`)
  }
}

describe('我的咨询', () => {
  const toast = stubToast()
  beforeEach(() => at({ id: '7' }))
  afterEach(() => {
    delete (globalThis as { __routerParams?: unknown }).__routerParams
    toast.mockClear()
  })

  it('a new request: 待受理, the promised answer time and what happens next; the hotline one tap away', async () => {
    const { container } = await renderSignedIn(<CasePage />, 'member', serve({ current: legalCase() }))
    await waitFor(() => expect(container.querySelector('.legal-case')).toBeTruthy())
    expect(container.querySelector('.legal-item-title')?.textContent).toBe('欠薪 · 云溪速达配送站')
    expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('待受理')
    expect(container.querySelector('.next-step')?.textContent).toBe('下一步：等待工会法律援助专员受理')
    expect(container.textContent).toContain('前答复')
    expect(container.textContent).toContain('涉及金额：¥6800')
    expect(container.textContent).toContain('电话联系 138****5678')
    expect(container.querySelectorAll('.legal-thread [role="listitem"]')).toHaveLength(1)
    expect(screen.getByLabelText('拨打职工维权热线 12351')).toBeTruthy()
    expect(container.querySelector('.rate-card')).toBeNull()
  })

  it('overdue: the promise broken is said, and that the union chases it', async () => {
    const { container } = await renderSignedIn(<CasePage />, 'member', serve({ current: legalCase({ overdue: true }) }))
    await waitFor(() => expect(container.querySelector('.legal-case')).toBeTruthy())
    expect(container.textContent).toContain('（已超时，工会已督办）')
  })

  it('the thread in order, the handler, the first answer’s time; a follow-up is sent and the box emptied; an empty one is refused beside the box', async () => {
    const cases = { current: replied }
    const withMessage: LegalCaseView = {
      ...replied,
      updatedAt: '2026-11-20T04:00:00.000Z',
      entries: [...replied.entries, entry({ id: 5, kind: 'member_message', author: 'member', by: '您', text: '好的，工资条我拍照了。' })],
    }
    const { container, requests } = await renderSignedIn(
      <CasePage />,
      'member',
      serve(cases, (r) => (r.method === 'POST' && r.url === '/api/legal/cases/7/messages' ? json(200, withMessage) : null)),
    )
    await waitFor(() => expect(container.querySelector('.legal-case')).toBeTruthy())
    expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('已预约咨询')
    expect(container.querySelector('.next-step')?.textContent).toBe('下一步：专员将于 2026年11月23日 19:00 电话联系您')
    expect(container.textContent).toContain('专员 法律援助专员·孙')
    expect(container.textContent).toContain('首次答复：')
    const titles = Array.from(container.querySelectorAll('.legal-entry-title')).map((e) => e.textContent)
    expect(titles).toEqual(['提交咨询', '已受理', '专员答复', '已预约咨询'])
    expect(container.querySelector('.legal-entry[data-kind="reply"]')?.textContent).toContain('请保留工资条和考勤记录')

    await click(screen.getByText('发送'))
    expect(container.querySelector('.reply-card .field-error')?.textContent).toBe('请填写内容')
    await type(container, '.reply-card .form-textarea', '好的，工资条我拍照了。')
    expect(container.querySelector('.reply-card .field-error')).toBeNull()
    await click(screen.getByText('发送'))
    await waitFor(() => expect(container.querySelectorAll('.legal-thread [role="listitem"]')).toHaveLength(5))
    expect(sent(requests, 'POST', '/api/legal/cases/7/messages')[0].data).toEqual({ text: '好的，工资条我拍照了。', attachments: [] })
    expect((container.querySelector('.reply-card .form-textarea') as HTMLTextAreaElement & { value?: string }).value).toBe('')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已发送' }))
  })

  it('asked for more: the box says 补充情况; a refusal keeps what was typed', async () => {
    const waiting = legalCase({ status: 'awaiting_member', handlerName: '法律援助专员·孙', nextStep: '请补充情况', entries: [submitted, entry({ id: 2, kind: 'request_info', text: '请提供劳动合同' })] })
    const { container } = await renderSignedIn(
      <CasePage />,
      'member',
      serve({ current: waiting }, (r) =>
        r.method === 'POST' && r.url === '/api/legal/cases/7/messages' ? json(409, { code: 'CONFLICT', reason: 'LEGAL_CASE_CLOSED', message: '该咨询已结案', requestId: 'r' }) : null,
      ),
    )
    await waitFor(() => expect(container.querySelector('.legal-case')).toBeTruthy())
    expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('待您补充')
    expect(screen.getByLabelText('补充情况')).toBeTruthy()
    await type(container, '.reply-card .form-textarea', '合同在附件里')
    await click(screen.getByText('发送'))
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('该咨询已结案'))
    expect((container.querySelector('.reply-card .form-textarea') as HTMLTextAreaElement & { value?: string }).value).toBe('合同在附件里')
  })

  it('closed with an outcome: no reply box; rated once (stars required), then the rating shows', async () => {
    const closed = legalCase({
      status: 'closed',
      outcome: 'mediated',
      amountRecovered: 6800,
      handlerName: '法律援助专员·孙',
      firstResponseAt: '2026-11-20T03:00:00.000Z',
      closedAt: '2026-11-25T03:00:00.000Z',
      updatedAt: '2026-11-25T03:00:00.000Z',
      nextStep: '已结案，欢迎为这次服务评分',
      entries: [submitted, entry({ id: 6, kind: 'closed', text: '调解成功，追回 ¥6800。站点已补发工资。' })],
    })
    const rated: LegalCaseView = { ...closed, rating: { stars: 4, comment: '很及时', at: '2026-11-25T05:00:00.000Z' }, nextStep: '已结案' }
    const { container, requests } = await renderSignedIn(
      <CasePage />,
      'member',
      serve({ current: closed }, (r) => (r.method === 'POST' && r.url === '/api/legal/cases/7/rating' ? json(200, rated) : null)),
    )
    await waitFor(() => expect(container.querySelector('.legal-case')).toBeTruthy())
    expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('调解成功')
    expect(container.textContent).toContain('追回金额：¥6800')
    expect(container.querySelector('.reply-card')).toBeNull()
    expect(screen.queryByText('撤回咨询')).toBeNull()

    await click(screen.getByText('提交评价'))
    expect(container.querySelector('.rate-card .field-error')?.textContent).toBe('请选择评分')
    expect(sent(requests, 'POST', '/api/legal/cases/7/rating')).toHaveLength(0)
    await click(screen.getByLabelText('4 星'))
    expect(screen.getByLabelText('4 星').getAttribute('aria-checked')).toBe('true')
    await type(container, '.rate-card .form-textarea', ' 很及时 ')
    await click(screen.getByText('提交评价'))
    await waitFor(() => expect(container.querySelector('.rate-card')).toBeNull())
    expect(sent(requests, 'POST', '/api/legal/cases/7/rating')[0].data).toEqual({ stars: 4, comment: '很及时' })
    expect(container.textContent).toContain('我的评价')
    expect(container.textContent).toContain('★★★★ 很及时')
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '感谢您的评价' }))
  })

  it('withdrawn: nothing to rate', async () => {
    const withdrawn = legalCase({ status: 'closed', outcome: 'withdrawn', closedAt: '2026-11-21T03:00:00.000Z', nextStep: '您已撤回这次咨询' })
    const { container } = await renderSignedIn(<CasePage />, 'member', serve({ current: withdrawn }))
    await waitFor(() => expect(container.querySelector('.legal-case')).toBeTruthy())
    expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('撤回')
    expect(container.querySelector('.rate-card')).toBeNull()
  })
})
