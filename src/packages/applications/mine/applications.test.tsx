import { act, fireEvent, waitFor } from '@testing-library/react'
import ApplicationsPage, { linkOf } from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const items = [
  {
    kind: 'membership', id: 3, title: '入会申请 · 星河物流有限公司工会', state: 'completed', stageLabel: '已入会', expectedBy: null,
    lastDecisionReason: null, amount: null, updatedAt: '2026-10-01T08:00:00.000Z', link: '/packages/membership/join/index',
    timeline: [{ at: '2026-09-28T08:00:00.000Z', title: '提交申请', note: null }, { at: '2026-10-01T08:00:00.000Z', title: '审核通过', note: null }],
  },
  {
    kind: 'relief', id: 41, title: '大病医疗救助', state: 'action_required', stageLabel: '待补充材料', expectedBy: null,
    lastDecisionReason: '请补充：费用明细清单', amount: null, updatedAt: '2026-11-23T07:00:00.000Z', link: '/packages/relief/detail/index?id=41',
    timeline: [
      { at: '2026-11-22T08:00:00.000Z', title: '提交申请', note: null },
      { at: '2026-11-23T07:00:00.000Z', title: '退回补充材料', note: '请补充：费用明细清单' },
    ],
  },
  {
    kind: 'relief', id: 42, title: '金秋助学', state: 'in_review', stageLabel: '区总工会复核中', expectedBy: '2099-11-30T08:00:00.000Z',
    lastDecisionReason: null, amount: 3000, updatedAt: '2026-11-20T07:00:00.000Z', link: '/packages/relief/detail/index?id=42',
    timeline: [{ at: '2026-11-19T08:00:00.000Z', title: '提交申请', note: null }],
  },
]

async function open(list: readonly unknown[] = items) {
  const view = renderWithStores(<ApplicationsPage />)
  view.transport.fallback = (req) => {
    const url = (req as TransportRequest).url
    if (url === '/api/me/applications') return json(200, { items: list })
    throw new Error(`unexpected ${url}`)
  }
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  await waitFor(() => expect(view.container.querySelectorAll('.app-card').length).toBe(list.length))
  return view
}

describe('我的申请', () => {
  it('one list across capabilities: what needs the applicant first, each with its stage, reason and expected time', async () => {
    const { container } = await open()
    const cards = Array.from(container.querySelectorAll('.app-card'))
    expect(cards.map((c) => c.getAttribute('data-kind'))).toEqual(['relief', 'relief', 'membership'])
    expect(cards[0].querySelector('.app-stage')?.textContent).toBe('待补充材料')
    expect(cards[0].querySelector('.app-stage')?.getAttribute('data-tone')).toBe('action')
    expect(cards[0].querySelector('.app-reason')?.textContent).toBe('请补充：费用明细清单')
    expect(cards[1].querySelector('.app-stage')?.textContent).toBe('区总工会复核中')
    expect(cards[1].querySelector('.app-expected')?.textContent).toMatch(/^预计 11月30日/)
    expect(cards[1].textContent).toContain('¥3,000')
    // 复核 is the current step of the progress bar.
    expect(cards[1].querySelector('.progress-step[data-state="current"]')?.textContent).toBe('复核')
    expect(container.querySelector('.summary-todo .apps-summary-num')?.textContent).toBe('1')

    await act(async () => {
      fireEvent.click(cards[0].querySelector('.app-toggle') as Element)
    })
    const titles = Array.from(container.querySelectorAll('.app-relief-41 .timeline-title')).map((e) => e.textContent)
    expect(titles).toEqual(['退回补充材料', '提交申请'])

    await act(async () => {
      fireEvent.click(container.querySelector('.filter-done') as Element)
    })
    expect(Array.from(container.querySelectorAll('.app-card')).map((c) => c.getAttribute('data-kind'))).toEqual(['membership'])
  })

  it('links: relief → its detail (a draft → its form), joining → the membership status page', () => {
    expect(linkOf(items[1] as never)).toBe('/packages/relief/detail/index?id=41')
    expect(linkOf({ ...items[1], state: 'draft' } as never)).toBe('/packages/relief/apply/index?id=41')
    expect(linkOf(items[0] as never)).toBe('/packages/membership/status/index')
  })

  it('an event approval shows its own path (报名 → 审核 → 参加), not joining\'s', async () => {
    const event = {
      kind: 'event', id: 5, title: '活动报名 · 叉车技能竞赛', state: 'in_review', stageLabel: '待主办方审核', expectedBy: null,
      lastDecisionReason: null, amount: null, updatedAt: '2026-11-20T07:00:00.000Z', link: '/packages/events/registration/index?id=5',
      timeline: [{ at: '2026-11-20T07:00:00.000Z', title: '提交报名', note: null }],
    }
    const { container } = await open([event, items[0]])
    const steps = (sel: string) => Array.from(container.querySelectorAll(`${sel} .progress-step`)).map((e) => e.textContent)
    expect(steps('.app-event-5')).toEqual(['报名', '审核', '参加'])
    expect(container.querySelector('.app-event-5 .progress-step[data-state="current"]')?.textContent).toBe('审核')
    expect(steps('.app-membership-3')).toEqual(['提交', '审核', '入会'])
  })
})
