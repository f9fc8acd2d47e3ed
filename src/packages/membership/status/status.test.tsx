import { act, screen, waitFor } from '@testing-library/react'
import StatusPage, { expectedText } from './index'
import CardPage from '../card/index'
import { renderWithStores } from '../../../test/render'
import { json, sampleMe, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const rejected = {
  id: 3, status: 'rejected', name: '李晓梅', idNumberMasked: '1101**********002X', birthDate: '1949-12-31', gender: 'female',
  phoneMasked: '138****8000', employer: '星河', employmentType: 'delivery', org: { id: 11, name: '星河物流有限公司工会' },
  districtFallback: false, submittedAt: '2026-11-20T08:00:00Z', decidedAt: '2026-11-21T08:00:00Z', rejectReason: '单位名称不完整',
  expectedBy: '2026-11-26T08:00:00Z',
  timeline: [
    { at: '2026-11-20T08:00:00Z', kind: 'submitted', title: '提交申请', note: null },
    { at: '2026-11-21T08:00:00Z', kind: 'rejected', title: '审核未通过', note: '单位名称不完整' },
  ],
}

async function open(ui: JSX.Element, routes: Record<string, unknown>) {
  const view = renderWithStores(ui)
  view.transport.fallback = (req) => {
    const url = (req as TransportRequest).url
    if (url in routes) return json(200, routes[url])
    throw new Error(`unexpected ${url}`)
  }
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  return view
}

describe('入会申请进度', () => {
  it('formats the expected date in Chinese', () => {
    expect(expectedText('2026-11-25T08:00:00Z')).toBe('预计 11月25日（周三）前完成')
  })

  it('shows the reject reason, the resubmit button and the timeline', async () => {
    const { container } = await open(<StatusPage />, { '/api/membership/me': { membership: null, application: rejected, draft: null, draftSavedAt: null } })
    await screen.findByText('修改后重新提交')
    expect(container.querySelector('.application-status')?.textContent).toBe('未通过')
    expect(container.querySelector('.reject-reason-text')?.textContent).toBe('单位名称不完整')
    const items = Array.from(container.querySelectorAll('.timeline-item .timeline-title')).map((e) => e.textContent)
    expect(items).toEqual(['提交申请', '审核未通过'])
  })
})

describe('电子会员卡', () => {
  it('shows the member, the QR and the code text with a countdown', async () => {
    const now = new Date()
    const card = {
      memberNo: 'GH2026000001', name: '李晓梅', org: { id: 11, name: '星河物流有限公司工会' }, joinedAt: '2026-11-21T08:00:00Z', employmentType: 'delivery',
      code: 'card.token.abc', expiresAt: new Date(now.getTime() + 60_000).toISOString(), serverTime: now.toISOString(),
    }
    const { container, unmount } = await open(<CardPage />, { '/api/membership/card': card })
    await waitFor(() => expect(container.querySelector('.card-code')?.textContent).toBe('card.token.abc'))
    expect(container.querySelector('.card-qr')?.getAttribute('src')).toMatch(/^data:image\/gif;base64,/)
    expect(container.querySelector('.member-type')?.textContent).toBe('外卖配送员')
    expect(screen.getByText(/秒后自动刷新/)).toBeTruthy()
    expect(sampleMe.nickname).toBe('李晓梅')
    unmount()
  })
})
