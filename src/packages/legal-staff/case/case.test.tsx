/** 咨询处理 rendered: take, reply, ask for more, schedule (China time), close with an outcome; refusals beside their fields. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import StaffCasePage from './index'
import { renderSignedIn } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import { stubToast } from '../../../test/toast'
import type { TransportRequest } from '../../../api/client'
import type { LegalStaffCaseView } from '@contract/legal/schemas'
import { entry, staffCase, submitted } from '../../legal/test-fixtures'

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
const valueOf = (container: HTMLElement, selector: string) => (container.querySelector(selector) as HTMLInputElement & { value?: string }).value
const sent = (requests: unknown[], url: string) => (requests as TransportRequest[]).filter((r) => r.method === 'POST' && r.url === url)
const staffSession = () => ({
  ...sampleSession('tok-s'),
  user: { id: 9, nickname: '法律援助专员·孙', avatarUrl: null, roles: [{ role: 'legal_staff', orgId: 1, orgName: '云溪区总工会' }] },
})

/** A fake server holding one case: each step answers with the case moved on (a later updatedAt). */
function server() {
  let c: LegalStaffCaseView = staffCase()
  let tick = 0
  const step = (next: Partial<LegalStaffCaseView>, e?: Parameters<typeof entry>[0]) => {
    tick += 1
    c = { ...c, ...next, updatedAt: new Date(Date.parse('2026-11-20T02:00:00.000Z') + tick * 60_000).toISOString(), entries: e ? [...c.entries, entry(e)] : c.entries }
    return json(200, c)
  }
  const refusals: Record<string, ReturnType<typeof json>[]> = {}
  const handle = (req: unknown) => {
    const r = req as TransportRequest
    const refused = refusals[r.url]?.shift()
    if (refused) return refused
    const body = r.data as Record<string, unknown>
    if (r.method === 'GET' && r.url === '/api/legal/manage/cases/7') return json(200, c)
    if (r.method === 'POST' && r.url === '/api/legal/manage/cases/7/take') return step({ status: 'in_progress', handlerName: '法律援助专员·孙', mine: true }, { id: 2, kind: 'taken' })
    if (r.method === 'POST' && r.url === '/api/legal/manage/cases/7/messages') {
      return step(
        { status: body.kind === 'request_info' ? 'awaiting_member' : c.status, firstResponseAt: c.firstResponseAt ?? '2026-11-20T03:00:00.000Z' },
        { id: 10 + tick, kind: body.kind as 'reply', text: body.text as string },
      )
    }
    if (r.method === 'POST' && r.url === '/api/legal/manage/cases/7/session') {
      return step({ status: 'scheduled', session: { mode: body.mode as 'phone', at: body.at as string, place: null, note: null } }, { id: 20, kind: 'scheduled', text: '电话咨询：2026-11-23 19:00' })
    }
    if (r.method === 'POST' && r.url === '/api/legal/manage/cases/7/close') {
      return step({ status: 'closed', outcome: body.outcome as 'mediated', amountRecovered: body.amountRecovered as number }, { id: 30, kind: 'closed', text: body.note as string })
    }
    throw new Error(`unexpected ${r.method} ${r.url}`)
  }
  return { handle, refusals, get current() { return c } }
}

describe('咨询处理', () => {
  const toast = stubToast()
  beforeEach(() => at({ id: '7' }))
  afterEach(() => {
    delete (globalThis as { __routerParams?: unknown }).__routerParams
    toast.mockClear()
  })

  it('the whole case for its staff: the member, the full phone, contact time, amount, the thread; 受理 only until taken', async () => {
    const s = server()
    const { container, requests } = await renderSignedIn(<StaffCasePage />, 'legal', s.handle, staffSession())
    await waitFor(() => expect(container.querySelector('.legal-staff-case')).toBeTruthy())
    expect(container.textContent).toContain('李晓梅 · 星河物流有限公司工会')
    expect(container.textContent).toContain('电话联系 · 工作日晚上 · 13800005678')
    expect(container.textContent).toContain('涉及金额：¥6800')
    expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('待受理')
    expect(screen.queryByText('发送答复')).toBeNull()
    expect(container.querySelector('.close-btn')).toBeNull()

    await click(screen.getByText('受理'))
    await waitFor(() => expect(screen.getByText('发送答复')).toBeTruthy())
    expect(sent(requests, '/api/legal/manage/cases/7/take')).toHaveLength(1)
    expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('处理中')
    expect(screen.queryByText('受理')).toBeNull()
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已受理' }))
  })

  it('taken by someone else meanwhile: the refusal is shown', async () => {
    const s = server()
    s.refusals['/api/legal/manage/cases/7/take'] = [json(409, { code: 'CONFLICT', reason: 'LEGAL_ALREADY_TAKEN', message: '该咨询已由法律援助专员·钱受理', requestId: 'r' })]
    const { container } = await renderSignedIn(<StaffCasePage />, 'legal', s.handle, staffSession())
    await waitFor(() => expect(screen.getByText('受理')).toBeTruthy())
    await click(screen.getByText('受理'))
    await waitFor(() => expect(container.querySelector('[role="alert"]')?.textContent).toContain('该咨询已由法律援助专员·钱受理'))
  })

  it('reply, ask for more, schedule a phone call in China time, close as 调解成功 with the amount: each sent as typed, the thread grows', async () => {
    const s = server()
    const { container, requests } = await renderSignedIn(<StaffCasePage />, 'legal', s.handle, staffSession())
    await waitFor(() => expect(screen.getByText('受理')).toBeTruthy())
    await click(screen.getByText('受理'))
    await waitFor(() => expect(screen.getByText('发送答复')).toBeTruthy())

    // reply: empty is refused beside the box
    await click(screen.getByText('发送答复'))
    expect(container.querySelector('.staff-actions .field-error')?.textContent).toBe('请填写内容')
    expect(sent(requests, '/api/legal/manage/cases/7/messages')).toHaveLength(0)
    await type(container, '.staff-actions .form-textarea', '请保留工资条和考勤记录。')
    await click(screen.getByText('发送答复'))
    await waitFor(() => expect(container.querySelector('.legal-entry[data-kind="reply"]')?.textContent).toContain('请保留工资条和考勤记录。'))
    expect(sent(requests, '/api/legal/manage/cases/7/messages')[0].data).toEqual({ kind: 'reply', text: '请保留工资条和考勤记录。', attachments: [] })
    expect(valueOf(container, '.staff-actions .form-textarea')).toBe('')

    // ask for more
    await type(container, '.staff-actions .form-textarea', '请补充劳动合同照片。')
    await click(screen.getByText('请会员补充'))
    await waitFor(() => expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('待会员补充'))
    expect(sent(requests, '/api/legal/manage/cases/7/messages')[1].data).toEqual({ kind: 'request_info', text: '请补充劳动合同照片。', attachments: [] })
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已请会员补充' }))

    // schedule: a time that is not one is refused beside the field; the server's refusal too; 19:00 China time is 11:00 UTC
    expect(container.querySelector('.choice-phone.choice-active')).toBeTruthy()
    await type(container, '.session-at', '下周一晚上')
    await click(screen.getByText('预约'))
    expect(container.querySelector('.staff-actions .field-error')?.textContent).toBe('请按 2026-11-23 19:00 的格式填写预约时间')
    s.refusals['/api/legal/manage/cases/7/session'] = [json(400, { code: 'VALIDATION', reason: 'LEGAL_SESSION_IN_PAST', message: '时间已经过了（措辞已改）', fields: { at: '时间已经过了（措辞已改）' }, requestId: 'r' })]
    await type(container, '.session-at', '2026-02-30 19:00')
    await click(screen.getByText('预约'))
    expect(container.querySelector('.staff-actions .field-error')?.textContent).toBe('请按 2026-11-23 19:00 的格式填写预约时间')
    await type(container, '.session-at', '2020-11-23 19:00')
    await click(screen.getByText('预约'))
    await waitFor(() => expect(container.querySelector('.staff-actions .field-error')?.textContent).toBe('时间已经过了（措辞已改）'))
    await type(container, '.session-at', '2026-11-23 19:00')
    await click(screen.getByText('预约'))
    await waitFor(() => expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('已预约咨询'))
    const scheduled = sent(requests, '/api/legal/manage/cases/7/session')
    expect(scheduled[scheduled.length - 1].data).toEqual({ mode: 'phone', at: '2026-11-23T11:00:00.000Z', place: null })

    // 面谈 asks for a place
    await click(screen.getByText('面谈'))
    expect(container.querySelector('.session-place')).toBeTruthy()
    await click(screen.getByText('电话咨询'))
    expect(container.querySelector('.session-place')).toBeNull()

    // close: the note comes from the box; 调解成功 asks for the amount recovered (the server says so beside it)
    await click(container.querySelector('.close-btn') as Element)
    expect(container.querySelector('.staff-actions .field-error')?.textContent).toBe('请在上方填写结案说明')
    await click(screen.getByText('调解成功'))
    await type(container, '.staff-actions .form-textarea', '站点已同意补发工资。')
    s.refusals['/api/legal/manage/cases/7/close'] = [json(400, { code: 'VALIDATION', reason: 'LEGAL_RECOVERED_REQUIRED', message: '追回多少？（措辞已改）', fields: { amountRecovered: '追回多少？（措辞已改）' }, requestId: 'r' })]
    await click(container.querySelector('.close-btn') as Element)
    await waitFor(() => expect(container.querySelector('.staff-actions .field-error')?.textContent).toBe('追回多少？（措辞已改）'))
    expect(sent(requests, '/api/legal/manage/cases/7/close')[0].data).toEqual({ outcome: 'mediated', amountRecovered: null, note: '站点已同意补发工资。' })
    expect(valueOf(container, '.staff-actions .form-textarea')).toBe('站点已同意补发工资。')
    await type(container, '.recovered', '6800')
    await click(container.querySelector('.close-btn') as Element)
    await waitFor(() => expect(container.querySelector('.legal-item-head .chip')?.textContent).toBe('调解成功'))
    expect(sent(requests, '/api/legal/manage/cases/7/close')[1].data).toEqual({ outcome: 'mediated', amountRecovered: 6800, note: '站点已同意补发工资。' })
    // closed: nothing left to do
    expect(container.querySelector('.staff-actions')).toBeNull()
    expect(Array.from(container.querySelectorAll('.legal-entry-title')).map((e) => e.textContent)).toEqual(['提交咨询', '已受理', '专员答复', '请您补充情况', '已预约咨询', '已结案'])
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已结案' }))
  })

  it('overdue: the broken promise on top', async () => {
    const s = server()
    const { container } = await renderSignedIn(
      <StaffCasePage />,
      'legal',
      (r) => ((r as TransportRequest).method === 'GET' ? json(200, { ...s.current, overdue: true, entries: [submitted] }) : s.handle(r)),
      staffSession(),
    )
    await waitFor(() => expect(container.querySelector('.overdue-banner')?.textContent).toContain('已超过承诺答复时间'))
  })
})
