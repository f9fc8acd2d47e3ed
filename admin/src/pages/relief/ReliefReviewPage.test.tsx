import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import ReliefReviewPage from './ReliefReviewPage'
import { FakeServer } from '../../../test/fake-server'
import { fakeFetch, renderPage } from '../../../test/render-page'

const row = { id: 41, typeKey: 'serious_illness', typeName: '大病医疗救助', applicantName: '李*梅', org: { id: 5, name: '星河物流有限公司工会' }, stage: 'base_review',
  waitingSince: '2026-11-02T01:00:00.000Z', waitingHours: 400, dueBy: '2026-11-09T01:00:00.000Z', overdue: true, resubmission: false, homeVisitDone: null }

const detail = {
  id: 41, typeKey: 'serious_illness', typeName: '大病医疗救助', stage: 'base_review', stageLabel: '基层工会初审中', expectedBy: null, amount: null,
  createdAt: '2026-11-01T01:00:00.000Z', submittedAt: '2026-11-02T01:00:00.000Z', updatedAt: '2026-11-02T01:00:00.000Z',
  org: { id: 5, name: '星河物流有限公司工会' }, fields: { diagnosis: '急性白血病', hospital: '云溪市第一人民医院' }, documents: [], consentSensitive: true, step: null, draftSavedAt: null,
  returnRequest: null, rejectReason: null, submissionCount: 1, publicity: null, payout: null, canEdit: false, canWithdraw: false,
  timeline: [{ at: '2026-11-02T01:00:00.000Z', kind: 'submitted', title: '提交申请', note: null, by: '本人' }],
  applicant: { name: '李晓梅', memberNo: 'YX2026000001', employmentType: 'employee' },
  type: { fields: [{ key: 'diagnosis', label: '确诊疾病' }, { key: 'hospital', label: '就诊医院' }] },
  versions: [], homeVisit: null, objections: [], actingLevel: 'base', ruleAmount: null, payable: false, canAnswerObjections: false, payoutBlockedReason: null,
}

function server() {
  return new FakeServer()
    .on('GET /api/relief/types', () => ({ body: { items: [{ key: 'serious_illness', name: '大病医疗救助' }] } }))
    .on('GET /api/relief/review', () => ({ body: { items: [row], nextCursor: null } }))
    .on('GET /api/relief/review/41', () => ({ body: detail }))
}

describe('帮扶审核', () => {
  it('opens the full record in a side panel through the audited reviewer view', async () => {
    const s = server()
    renderPage(<ReliefReviewPage />, s)
    expect(await screen.findByText('李*梅', undefined, { timeout: 8000 })).toBeTruthy()
    expect(s.called('GET /api/relief/review')[0].url).toContain('level=base')
    await act(async () => {
      fireEvent.click(screen.getByText('查看'))
    })
    expect(await screen.findByText('急性白血病')).toBeTruthy()
    expect(screen.getByText('本次查看含敏感信息，已记入审计日志')).toBeTruthy()
    expect(s.called('GET /api/relief/review/41')).toHaveLength(1)
  })

  it('filters to overdue cases, and exports the payout list — full ID numbers only when ticked', async () => {
    const s = server()
    const calls = fakeFetch()
    renderPage(<ReliefReviewPage />, s)
    await screen.findByText('李*梅', undefined, { timeout: 8000 })
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('是否超时'))
    })
    await act(async () => {
      fireEvent.click(await screen.findByText('已超时', { selector: '.ant-select-item-option-content' }))
    })
    await waitFor(() => expect(s.called('GET /api/relief/review').some((r) => r.url.includes('overdue=1'))).toBe(true))
    // 排序: newest in the stage first, sent to the server (keyset paging runs the other way there)
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('排序'))
    })
    await act(async () => {
      fireEvent.click(await screen.findByText('最新进入在前', { selector: '.ant-select-item-option-content' }))
    })
    await waitFor(() => expect(s.called('GET /api/relief/review').some((r) => r.url.includes('overdue=1') && r.url.includes('sort=newest'))).toBe(true))

    await act(async () => {
      fireEvent.click(screen.getByText('导出发放名单'))
    })
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0].url).toBe('/api/relief/review/payout-list.xlsx')
    expect(calls[0].headers.authorization).toBe('Bearer console-token-1')
    fireEvent.click(screen.getByText('显示完整身份证号（将记入审计日志）'))
    await act(async () => {
      fireEvent.click(screen.getByText('导出发放名单'))
    })
    await waitFor(() => expect(calls).toHaveLength(2))
    expect(calls[1].url).toBe('/api/relief/review/payout-list.xlsx?reveal=1')
  })
})
