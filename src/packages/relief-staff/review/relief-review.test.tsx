import { act, fireEvent, waitFor } from '@testing-library/react'
import ReliefReviewPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const item = (id: number) => ({
  id, typeKey: 'serious_illness', typeName: '大病医疗救助', applicantName: `申请人${id}`, org: { id: 11, name: '星河物流有限公司工会' },
  stage: 'base_review', waitingSince: new Date(Date.UTC(2026, 10, 1, id)).toISOString(), waitingHours: 30 - id,
  dueBy: '2026-11-30T08:00:00.000Z', overdue: false, resubmission: false, homeVisitDone: null,
})
const objection = (id: number, canAnswer: boolean) => ({
  id, content: `异议 ${id}`, createdAt: '2026-11-25T08:00:00.000Z', answer: null, upheld: null, answeredAt: null,
  applicationId: 40 + id, applicantName: '李晓梅', typeName: '大病医疗救助', roundId: 3, canAnswer,
})

/** A 初审 reviewer (the district queue is refused) whose queue has two pages. */
async function open() {
  const view = renderWithStores(<ReliefReviewPage />)
  const urls: string[] = []
  view.transport.fallback = (req) => {
    const r = req as TransportRequest
    urls.push(r.url)
    if (r.url === '/api/auth/dev-login') return json(200, sampleSession('tok-1'))
    if (r.url === '/api/relief/review?level=base') return json(200, { items: [1, 2, 3].map(item), nextCursor: 'page-2' })
    if (r.url === '/api/relief/review?level=base&cursor=page-2') return json(200, { items: [3, 4].map(item), nextCursor: null })
    if (r.url === '/api/relief/review?level=district') return json(403, { code: 'FORBIDDEN', message: '您没有复核权限' })
    if (r.url.startsWith('/api/relief/review/cases')) return json(200, { items: [], nextCursor: null })
    if (r.url === '/api/relief/review/objections') return json(200, { items: [objection(1, false)], nextCursor: null })
    throw new Error(`unexpected ${r.url}`)
  }
  // the page asked for its lists while rendering: answer those too
  for (let i = 0; i < 5; i++) view.transport.reply(view.transport.fallback)
  await act(async () => {
    await view.root.session.devLogin('reviewer')
  })
  await waitFor(() => expect(view.container.querySelectorAll('.relief-queue-item').length).toBe(3))
  return { ...view, urls }
}

const click = async (el: Element | null) => {
  expect(el).toBeTruthy()
  await act(async () => {
    fireEvent.click(el as Element)
    await new Promise((r) => setTimeout(r, 0))
  })
}

describe('帮扶救助审核列表', () => {
  it('shows the first page of the queue and loads the next one on 加载更多, without repeating a case', async () => {
    const { container, urls } = await open()
    expect(container.querySelector('.tab-base')?.textContent).toBe('基层工会初审（3+）')
    expect(container.querySelector('.tab-district')).toBeNull() // 403 = no 复核 authority: no tab, no error
    expect(container.querySelector('.error-box')).toBeNull()
    expect(container.textContent).toContain('已显示 3 件')

    await click(container.querySelector('.load-more-btn'))
    await waitFor(() => expect(container.querySelectorAll('.relief-queue-item').length).toBe(4))
    expect(urls).toContain('/api/relief/review?level=base&cursor=page-2')
    expect(Array.from(container.querySelectorAll('.relief-queue-item')).map((e) => e.getAttribute('data-id'))).toEqual(['1', '2', '3', '4'])
    expect(container.querySelector('.load-more-btn')).toBeNull()
    expect(container.querySelector('.tab-base')?.textContent).toBe('基层工会初审（4）')
    expect(container.textContent).toContain('共 4 件')
  })

  it('an objection the caller may not decide says who answers it', async () => {
    const { container } = await open()
    await click(container.querySelector('.tab-objections'))
    const row = container.querySelector('.objection-item')
    expect(row?.getAttribute('data-can-answer')).toBe('false')
    expect(row?.querySelector('.objection-readonly')?.textContent).toBe('由负责复核的工会核实答复')
  })
})
