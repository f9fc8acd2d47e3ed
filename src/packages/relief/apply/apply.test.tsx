import { act, fireEvent, waitFor } from '@testing-library/react'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import ApplyPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import { media } from '../../../platform/media'
import type { TransportRequest } from '../../../api/client'

const illness = { key: 'serious_illness', ...DEFAULT_AID_TYPES.serious_illness, openNow: true, windowLabel: '全年受理', amountLabel: '由区总工会核定，¥1000–¥30000' }
const draft = {
  id: 41, typeKey: 'serious_illness', typeName: '大病医疗救助', stage: 'draft', stageLabel: '草稿', expectedBy: null, amount: null,
  createdAt: '2026-11-23T06:00:00.000Z', submittedAt: null, updatedAt: '2026-11-23T06:00:00.000Z',
  org: { id: 11, name: '星河物流有限公司工会' }, fields: { diagnosis: '急性白血病' }, documents: illness.documents.map((d) => ({ ...d, files: [] })),
  consentSensitive: false, step: 'illness', draftSavedAt: '2026-11-23T06:00:00.000Z', returnRequest: null, rejectReason: null, submissionCount: 0,
  publicity: null, payout: null, canEdit: true, canWithdraw: true, timeline: [],
}

async function openForm(type: typeof illness = illness) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { type: 'serious_illness' }
  const view = renderWithStores(<ApplyPage />)
  const uploads: string[] = []
  view.transport.fallback = (req) => {
    const url = (req as TransportRequest).url
    if (url === '/api/relief/types') return json(200, { items: [type] })
    if (url === '/api/relief/applications') return json(200, draft)
    if (url === '/api/relief/applications/41/draft') return json(200, { savedAt: '2026-11-23T08:00:00.000Z', step: 'x' })
    if (url === '/api/relief/files') {
      uploads.push((req as { filePath: string }).filePath)
      return json(415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只支持照片（JPG、PNG、WebP）或 PDF 文件' })
    }
    throw new Error(`unexpected ${url}`)
  }
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  await waitFor(() => expect(view.container.querySelector('.field-diagnosis')).toBeTruthy())
  await act(async () => {
    await new Promise((r) => setTimeout(r, 50))
  })
  return { ...view, uploads }
}

const click = async (el: Element | null) => {
  expect(el).toBeTruthy()
  await act(async () => {
    fireEvent.click(el as Element)
    await new Promise((r) => setTimeout(r, 0))
  })
}

describe('救助申请表', () => {
  afterEach(() => jest.restoreAllMocks())

  it('restores the saved draft and, on submit, names each missing document beside its checklist item', async () => {
    const { container } = await openForm()
    expect((container.querySelector('.field-diagnosis input') as HTMLInputElement).value).toBe('急性白血病')
    expect(container.querySelector('.draft-state')?.textContent).toContain('草稿已保存')

    await click(container.querySelector('.step-confirm'))
    // The consent is separate and unticked by default.
    expect(container.querySelector('.field-consent [role="checkbox"]')?.getAttribute('data-checked')).toBe('false')
    await click(container.querySelector('.submit-btn'))
    const problems = container.querySelector('.submit-problems')?.textContent ?? ''
    expect(problems).toContain('医疗费用发票：请上传医疗费用发票')
    expect(problems).toContain('出院小结：请上传出院小结')
    expect(problems).not.toContain('费用明细清单')
    expect(container.querySelector('.field-consent .field-error')?.textContent).toBe('请勾选同意处理敏感个人信息')

    await click(container.querySelector('.step-documents'))
    expect(container.querySelector('.doc-discharge_summary .field-error')?.textContent).toBe('请上传出院小结')
    expect(container.querySelector('.doc-discharge_summary .doc-status')?.textContent).toBe('待上传')
    expect(container.querySelector('.doc-itemised_bill .field-error')).toBeNull()
    expect(container.querySelector('.doc-itemised_bill .doc-status')?.textContent).toBe('选交')
  })

  it("shows the server's Chinese refusal of a file beside that document", async () => {
    jest.spyOn(media, 'pickDocument').mockResolvedValue({ ok: true, filePath: 'blob:not-a-photo', size: 1200 })
    const view = await openForm()
    await click(view.container.querySelector('.step-documents'))
    await click(view.container.querySelector('.doc-invoices .uploader-photo-btn'))
    await waitFor(() => expect(view.container.querySelector('.doc-invoices .field-error')?.textContent).toBe('只支持照片（JPG、PNG、WebP）或 PDF 文件'))
    expect(view.uploads).toEqual(['blob:not-a-photo'])
    expect(view.container.querySelector('.doc-invoices .doc-status')?.textContent).toBe('上传失败')
    expect(view.container.querySelector('.doc-discharge_summary .field-error')).toBeNull()
  })

  it('refuses a file over the size limit before uploading it', async () => {
    jest.spyOn(media, 'pickDocument').mockResolvedValue({ ok: true, filePath: 'blob:big', size: 6 * 1024 * 1024 })
    const view = await openForm()
    await click(view.container.querySelector('.step-documents'))
    await click(view.container.querySelector('.doc-invoices .uploader-photo-btn'))
    expect(view.container.querySelector('.doc-invoices .field-error')?.textContent).toBe('文件超过 5 MB，请压缩后或重新拍照上传')
    expect(view.uploads).toEqual([])
  })

  it('marks a diagnosis (kind medical) as sensitive even when a stale copy of the type says it is not', async () => {
    const { container } = await openForm({ ...illness, fields: illness.fields.map((f) => ({ ...f, sensitive: false })) })
    expect(container.querySelector('.field-diagnosis .field-sensitive')?.textContent).toBe('敏感信息，加密保存')
    expect(container.querySelector('.field-hospital .field-sensitive')).toBeNull()
  })
})
