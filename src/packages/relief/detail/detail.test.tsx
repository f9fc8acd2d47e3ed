import { act, fireEvent, waitFor } from '@testing-library/react'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import DetailPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const type = { key: 'serious_illness', ...DEFAULT_AID_TYPES.serious_illness, openNow: true, windowLabel: '全年受理', amountLabel: '由区总工会核定，¥1000–¥30000' }
const app = {
  id: 41, typeKey: 'serious_illness', typeName: '大病医疗救助', stage: 'district_review', stageLabel: '区总工会复核中', expectedBy: '2099-11-30T08:00:00.000Z', amount: null,
  createdAt: '2026-11-20T06:00:00.000Z', submittedAt: '2026-11-21T06:00:00.000Z', updatedAt: '2026-11-22T06:00:00.000Z',
  org: { id: 11, name: '星河物流有限公司工会' }, fields: { diagnosis: '急性髓系白血病', total_cost: 86000 },
  documents: type.documents.map((d) => ({ ...d, files: [] })), consentSensitive: true, step: 'confirm', draftSavedAt: null, returnRequest: null,
  rejectReason: null, submissionCount: 1, publicity: null, payout: null, canEdit: false, canWithdraw: false,
  timeline: [
    { kind: 'submitted', at: '2026-11-21T06:00:00.000Z', title: '提交申请', note: null, by: null },
    { kind: 'base_approved', at: '2026-11-22T06:00:00.000Z', title: '基层工会初审通过', note: null, by: '星河物流有限公司工会' },
  ],
}

async function open(answer: (url: string) => ReturnType<typeof json>) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '41' }
  const view = renderWithStores(<DetailPage />)
  view.transport.fallback = (req) => answer((req as TransportRequest).url)
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  return view
}

describe('救助申请详情', () => {
  it('shows the stage, where it is on 提交 → 初审 → 复核 → 公示 → 发放, the expected date and the newest step first', async () => {
    const { container } = await open((url) => (url === '/api/relief/types' ? json(200, { items: [type] }) : json(200, app)))
    await waitFor(() => expect(container.querySelector('.detail-stage')?.textContent).toBe('区总工会复核中'))
    expect(container.querySelector('.detail-stage')?.getAttribute('data-tone')).toBe('progress')
    expect(container.querySelector('.progress-step[data-state="current"]')?.textContent).toBe('复核')
    expect(container.querySelector('.expected-by')?.textContent).toMatch(/^预计 11月30日/)
    expect(Array.from(container.querySelectorAll('.timeline-title')).map((e) => e.textContent)).toEqual(['基层工会初审通过', '提交申请'])
    expect(container.textContent).toContain('¥86,000')
  })

  it('a failed load says why and 重试 loads it again', async () => {
    let fail = true
    const { container } = await open((url) => {
      if (url === '/api/relief/types') return json(200, { items: [type] })
      return fail ? json(503, { code: 'UNAVAILABLE', message: '服务暂时不可用，请稍后再试' }) : json(200, app)
    })
    await waitFor(() => expect(container.querySelector('.error-box')?.textContent).toContain('服务暂时不可用'))
    fail = false
    await act(async () => {
      fireEvent.click(container.querySelector('.error-box .btn') as Element)
    })
    await waitFor(() => expect(container.querySelector('.detail-stage')?.textContent).toBe('区总工会复核中'))
  })
})
