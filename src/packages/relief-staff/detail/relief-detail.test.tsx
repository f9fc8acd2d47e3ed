import { act, fireEvent, waitFor } from '@testing-library/react'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import ReliefReviewDetailPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const type = { key: 'serious_illness', ...DEFAULT_AID_TYPES.serious_illness, openNow: true, windowLabel: '全年受理', amountLabel: '由区总工会核定，¥1000–¥30000' }
const detail = {
  id: 41, typeKey: 'serious_illness', typeName: '大病医疗救助', stage: 'district_review', stageLabel: '区总工会复核中', expectedBy: null, amount: null,
  createdAt: '2026-11-20T06:00:00.000Z', submittedAt: '2026-11-21T06:00:00.000Z', updatedAt: '2026-11-22T06:00:00.000Z',
  org: { id: 11, name: '星河物流有限公司工会' }, fields: { diagnosis: '急性髓系白血病', hospital: '云溪区人民医院', total_cost: 86000 },
  documents: type.documents.map((d) => ({ ...d, files: [] })), consentSensitive: true, step: 'confirm', draftSavedAt: null, returnRequest: null,
  rejectReason: null, submissionCount: 1, publicity: null, payout: null, canEdit: false, canWithdraw: false, timeline: [],
  applicant: { name: '李晓梅', memberNo: 'GH0001', employmentType: 'employee' }, type, versions: [], homeVisit: null, objections: [],
  actingLevel: 'district', ruleAmount: null, payable: false, payoutBlockedReason: null, canAnswerObjections: false,
}
/** In 公示 with one open objection. */
const inPublicity = {
  stage: 'publicity', stageLabel: '公示中', actingLevel: null, amount: 20000, payoutBlockedReason: '还有 1 条公示异议未答复，答复后才能发放',
  objections: [{ id: 7, content: '申请人家庭条件较好，请核实', createdAt: '2026-11-25T06:00:00.000Z', answer: null, upheld: null, answeredAt: null }],
}

async function open(over: Record<string, unknown> = {}) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '41' }
  const view = renderWithStores(<ReliefReviewDetailPage />)
  const posts: { url: string; data: unknown }[] = []
  view.transport.fallback = (req) => {
    const r = req as TransportRequest
    if (r.url === '/api/auth/dev-login') return json(200, sampleSession('tok-1'))
    if (r.url === '/api/relief/review/41') return json(200, { ...detail, ...over })
    if (r.method === 'POST') {
      posts.push({ url: r.url, data: r.data })
      return json(200, { ...detail, stage: 'approved', stageLabel: '复核通过，待公示', actingLevel: null, amount: 20000 })
    }
    throw new Error(`unexpected ${r.url}`)
  }
  // The page asked for the case while rendering: answer that request too.
  view.transport.reply(view.transport.fallback)
  await act(async () => {
    await view.root.session.devLogin('admin')
  })
  await waitFor(() => expect(view.container.querySelector('.detail-applicant')).toBeTruthy())
  await act(async () => {
    await new Promise((r) => setTimeout(r, 50))
  })
  return { ...view, posts }
}

const click = async (el: Element | null) => {
  expect(el).toBeTruthy()
  await act(async () => {
    fireEvent.click(el as Element)
    await new Promise((r) => setTimeout(r, 0))
  })
}

describe('救助申请审核', () => {
  it('shows the sensitive fields to the reviewer and keeps the 复核 amount within the type rule', async () => {
    const { container, posts } = await open()
    expect(container.querySelector('.field-value-diagnosis')?.textContent).toBe('急性髓系白血病')
    await click(container.querySelector('.approve-btn'))
    await click(container.querySelector('.confirm-btn'))
    expect(container.querySelector('.field-amount .field-error')?.textContent).toBe('请填写核定金额（整数，元）')
    await act(async () => {
      fireEvent(container.querySelector('.amount-input') as Element, new CustomEvent('input', { detail: { value: '50000' } }))
    })
    await click(container.querySelector('.confirm-btn'))
    expect(container.querySelector('.field-amount .field-error')?.textContent).toBe('金额须在 ¥1000–¥30000 之间')
    expect(posts).toEqual([])
    await act(async () => {
      fireEvent(container.querySelector('.amount-input') as Element, new CustomEvent('input', { detail: { value: '20000' } }))
    })
    await click(container.querySelector('.confirm-btn'))
    await waitFor(() => expect(posts).toEqual([{ url: '/api/relief/review/41/approve', data: { amount: 20000 } }]))
  })

  it('a return must name what is missing; the chosen items are sent', async () => {
    const { container, posts } = await open()
    await click(container.querySelector('.return-btn'))
    await click(container.querySelector('.confirm-btn'))
    expect(container.querySelector('.field-note .field-error')?.textContent).toBe('请选择需要补充的材料，或写明需要补充的信息')
    await click(container.querySelector('.choice-itemised_bill'))
    await click(container.querySelector('.confirm-btn'))
    await waitFor(() => expect(posts).toEqual([{ url: '/api/relief/review/41/return', data: { missingDocuments: ['itemised_bill'] } }]))
  })

  it('the answer form for an objection shows only to the level that approved the amount', async () => {
    const reader = await open({ ...inPublicity, canAnswerObjections: false })
    expect(reader.container.querySelector('.objection')?.textContent).toContain('申请人家庭条件较好，请核实')
    expect(reader.container.querySelector('.objection-answer')).toBeNull()
    expect(reader.container.querySelector('.objection-readonly')?.textContent).toBe('待答复：由负责复核的工会核实后答复')
    reader.unmount()

    const decider = await open({ ...inPublicity, canAnswerObjections: true })
    expect(decider.container.querySelector('.objection-answer')).toBeTruthy()
    expect(decider.container.querySelector('.objection-readonly')).toBeNull()
  })
})
