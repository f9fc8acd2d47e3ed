import { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { FakeTransport, json } from '../../../test/fakes'
import { DEFAULT_AID_TYPES } from '@contract/relief/defaults'
import { ApplyStore, RELIEF_DRAFT_PREFIX, RESYNC_MS, SAVE_DEBOUNCE_MS, UPLOAD_OFFLINE_MESSAGE, parseNumberText, type DeviceDraft } from './ApplyStore'
import { ReliefTypesStore, RELIEF_TYPES_CACHE_KEY } from './ReliefTypesStore'
import type { TransportRequest } from '../../../api/client'

const illness = { key: 'serious_illness', ...DEFAULT_AID_TYPES.serious_illness, openNow: true, windowLabel: '全年受理', amountLabel: '由区总工会核定，¥1000–¥30000' }
const KEY = `${RELIEF_DRAFT_PREFIX}7.41`

function detail(over: Record<string, unknown> = {}) {
  return {
    id: 41, typeKey: 'serious_illness', typeName: '大病医疗救助', stage: 'draft', stageLabel: '草稿', expectedBy: null, amount: null,
    createdAt: '2026-11-23T06:00:00.000Z', submittedAt: null, updatedAt: '2026-11-23T06:00:00.000Z',
    org: { id: 11, name: '星河物流有限公司工会' }, fields: {}, documents: illness.documents.map((d) => ({ ...d, files: [] })),
    consentSensitive: false, step: null, draftSavedAt: null, returnRequest: null, rejectReason: null, submissionCount: 0,
    publicity: null, payout: null, canEdit: true, canWithdraw: true, timeline: [], ...over,
  }
}

function setup(nowIso = '2026-11-23T08:00:00.000Z') {
  const transport = new FakeTransport()
  const api = new ApiClient({ transport })
  const storage = new MemoryStorage()
  const timers: { fn: () => void; ms: number; live: boolean }[] = []
  let now = Date.parse(nowIso)
  const types = new ReliefTypesStore(api, storage)
  const store = new ApplyStore({
    api,
    storage,
    types,
    userId: () => 7,
    now: () => now,
    setTimer: (fn, ms) => {
      timers.push({ fn, ms, live: true })
      return timers.length as unknown as ReturnType<typeof setTimeout>
    },
    clearTimer: (t) => {
      const x = timers[(t as unknown as number) - 1]
      if (x) x.live = false
    },
  })
  const fire = async (ms?: number) => {
    for (const t of timers) if (t.live && (ms === undefined || t.ms === ms)) { t.live = false; t.fn() }
    await new Promise((r) => setTimeout(r, 0))
    await new Promise((r) => setTimeout(r, 0))
  }
  return { transport, storage, store, timers, fire, advance: (ms: number) => (now += ms) }
}

const offline = () => {
  throw new Error('offline')
}
const url = (r: unknown) => (r as TransportRequest).url
const device = (storage: MemoryStorage): DeviceDraft => JSON.parse(storage.getItem(KEY) as string)

async function openDraft(s: ReturnType<typeof setup>, d = detail()) {
  s.transport.reply(() => json(200, { items: [illness] }), () => json(200, d))
  await s.store.open({ typeKey: 'serious_illness' })
}

describe('ApplyStore: drafts', () => {
  it('starts (or resumes) the draft of a type and shows its steps, then 上传材料 and 确认提交', async () => {
    const s = setup()
    await openDraft(s)
    expect(s.transport.requests.map(url)).toEqual(['/api/relief/types', '/api/relief/applications'])
    expect(s.store.steps.map((x) => x.title)).toEqual(['病情与就医', '医疗费用', '上传材料', '确认提交'])
    expect(s.store.step).toBe('illness')
    expect(s.store.fieldsOf('costs').map((f) => f.key)).toEqual(['total_cost', 'reimbursed'])
  })

  it('keeps every change on the device at once and saves the whole form to the server debounced', async () => {
    const s = setup()
    await openDraft(s)
    s.store.setField('diagnosis', '急性')
    s.store.setField('diagnosis', '急性白血病')
    expect(device(s.storage)).toMatchObject({ appId: 41, typeKey: 'serious_illness', fields: { diagnosis: '急性白血病' }, synced: false })
    expect(s.timers.filter((t) => t.live).map((t) => t.ms)).toEqual([SAVE_DEBOUNCE_MS])
    s.transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:02.000Z', step: 'illness' }))
    await s.fire(SAVE_DEBOUNCE_MS)
    expect(s.transport.requests.at(-1)).toMatchObject({ method: 'PUT', url: '/api/relief/applications/41/draft', data: { step: 'illness', fields: { diagnosis: '急性白血病' }, consentSensitive: false } })
    expect(s.store.draftState).toBe('saved')
    expect(device(s.storage).synced).toBe(true)
  })

  it('offline: keeps the draft on the device, says so, and syncs by itself when the network is back', async () => {
    const s = setup()
    await openDraft(s)
    s.store.setField('hospital', '云溪区人民医院')
    s.transport.reply(offline)
    await s.fire(SAVE_DEBOUNCE_MS)
    expect(s.store.draftState).toBe('offline')
    expect(s.store.unsynced).toBe(true)
    expect(device(s.storage)).toMatchObject({ fields: { hospital: '云溪区人民医院' }, synced: false })
    // Still offline at the first retry, then the network comes back.
    s.transport.reply(offline)
    await s.fire(RESYNC_MS)
    expect(s.store.draftState).toBe('offline')
    s.transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:20.000Z', step: 'illness' }))
    await s.fire(RESYNC_MS)
    expect(s.store.draftState).toBe('saved')
    expect(s.store.unsynced).toBe(false)
    expect(s.transport.requests.at(-1)).toMatchObject({ method: 'PUT', data: { fields: { hospital: '云溪区人民医院' } } })
  })

  it('reopening: an unsynced device copy newer than the server wins and is pushed to the server', async () => {
    const s = setup()
    const mine: DeviceDraft = { appId: 41, typeKey: 'serious_illness', fields: { diagnosis: '设备上的内容' }, documents: {}, files: {}, consentSensitive: true, step: 'costs', savedAt: '2026-11-23T07:30:00.000Z', synced: false }
    s.storage.setItem(KEY, JSON.stringify(mine))
    await openDraft(s, detail({ fields: { diagnosis: '服务器上的内容' }, draftSavedAt: '2026-11-23T07:00:00.000Z', step: 'illness' }))
    expect(s.store.restoredFrom).toBe('device')
    expect(s.store.fields.diagnosis).toBe('设备上的内容')
    expect(s.store.step).toBe('costs')
    expect(s.store.draftState).toBe('offline')
    s.transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:01.000Z', step: 'costs' }))
    await s.fire(0)
    expect(s.transport.requests.at(-1)).toMatchObject({ method: 'PUT', data: { step: 'costs', fields: { diagnosis: '设备上的内容' }, consentSensitive: true } })
    expect(s.store.draftState).toBe('saved')
  })

  it('reopening: the server wins when it is newer, or when the device copy was already synced', async () => {
    const s = setup()
    s.storage.setItem(KEY, JSON.stringify({ appId: 41, typeKey: 'serious_illness', fields: { diagnosis: '旧' }, documents: {}, files: {}, consentSensitive: false, step: 'illness', savedAt: '2026-11-23T06:00:00.000Z', synced: false }))
    await openDraft(s, detail({ fields: { diagnosis: '新（另一部手机）' }, draftSavedAt: '2026-11-23T07:00:00.000Z' }))
    expect(s.store.fields.diagnosis).toBe('新（另一部手机）')
    expect(s.store.restoredFrom).toBe('server')
    expect(s.storage.getItem(KEY)).toBeNull()

    const t = setup()
    t.storage.setItem(KEY, JSON.stringify({ appId: 41, typeKey: 'serious_illness', fields: { diagnosis: '已同步' }, documents: {}, files: {}, consentSensitive: false, step: 'illness', savedAt: '2026-11-23T07:30:00.000Z', synced: true }))
    await openDraft(t, detail({ fields: { diagnosis: '服务器' }, draftSavedAt: '2026-11-23T07:29:59.000Z' }))
    expect(t.store.fields.diagnosis).toBe('服务器')
  })

  it('opens the device copy when the server cannot be reached (types from the device cache too)', async () => {
    const s = setup()
    s.storage.setItem(RELIEF_TYPES_CACHE_KEY, JSON.stringify([illness]))
    s.storage.setItem(KEY, JSON.stringify({ appId: 41, typeKey: 'serious_illness', fields: { hospital: '离线填写' }, documents: {}, files: {}, consentSensitive: false, step: 'illness', savedAt: '2026-11-23T07:30:00.000Z', synced: false }))
    s.transport.fallback = offline
    await s.store.open({ id: 41 })
    expect(s.store.loadError).toBeTruthy()
    expect(s.store.type?.name).toBe('大病医疗救助')
    expect(s.store.fields.hospital).toBe('离线填写')
    expect(s.store.draftState).toBe('offline')
    // and by type key, through the device index
    const t = setup()
    t.storage.setItem(RELIEF_TYPES_CACHE_KEY, JSON.stringify([illness]))
    t.storage.setItem(KEY, t.storage.getItem(KEY) ?? s.storage.getItem(KEY)!)
    t.storage.setItem(`${RELIEF_DRAFT_PREFIX}7.type.serious_illness`, '41')
    t.transport.fallback = offline
    await t.store.open({ typeKey: 'serious_illness' })
    expect(t.store.fields.hospital).toBe('离线填写')
  })

  it('下一步 stays on a step with a problem and names it beside the field', async () => {
    const s = setup()
    await openDraft(s)
    s.store.setField('diagnosis', '急性白血病')
    s.store.setField('admission_date', '2099-01-01')
    s.transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:01.000Z', step: 'illness' }))
    expect(await s.store.next()).toBe(false)
    expect(s.store.step).toBe('illness')
    expect(s.store.fieldErrors).toEqual({ hospital: '请填写就诊医院', admission_date: '入院日期不能晚于今天' })
    // What was typed is saved all the same.
    expect(s.transport.requests.at(-1)).toMatchObject({ method: 'PUT', data: { fields: { diagnosis: '急性白血病', admission_date: '2099-01-01' } } })
  })

  it('moving to the next step saves at once with the step as the resume point', async () => {
    const s = setup()
    await openDraft(s)
    s.store.setField('diagnosis', '急性白血病')
    s.store.setField('hospital', '云溪区人民医院')
    s.store.setField('admission_date', '2026-11-01')
    s.transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:01.000Z', step: 'costs' }))
    await s.store.next()
    expect(s.store.step).toBe('costs')
    expect(s.transport.requests.at(-1)).toMatchObject({ method: 'PUT', data: { step: 'costs' } })
  })

  it('numeric fields keep what is typed and are sent as numbers', async () => {
    expect(parseNumberText('12.')).toBe('12.')
    expect(parseNumberText('12.5')).toBe(12.5)
    expect(parseNumberText(' ')).toBeNull()
    const s = setup()
    await openDraft(s)
    s.store.setField('total_cost', '12000.')
    expect(s.store.normalizedFields().total_cost).toBe(12000)
  })
})

describe('ApplyStore: documents and submit', () => {
  it('attaches an uploaded file to its checklist item and saves; shows the server message beside the item when refused', async () => {
    const s = setup()
    await openDraft(s)
    s.transport.reply(
      () => json(200, { id: 'file_abcdefgh', mime: 'image/jpeg', size: 2048, url: '/f/1' }),
      () => json(200, { savedAt: '2026-11-23T08:00:01.000Z', step: 'illness' }),
    )
    expect(await s.store.upload('invoices', 'blob:1')).toBe(true)
    expect(s.store.documents.invoices).toEqual(['file_abcdefgh'])
    expect(s.store.docStatus('invoices')).toBe('uploaded')
    expect(s.transport.requests.at(-1)).toMatchObject({ method: 'PUT', data: { documents: { invoices: ['file_abcdefgh'] } } })

    s.transport.reply(() => json(415, { code: 'UNSUPPORTED_MEDIA_TYPE', message: '只支持照片（JPG、PNG、WebP）或 PDF 文件' }))
    expect(await s.store.upload('discharge_summary', 'blob:2')).toBe(false)
    expect(s.store.docErrors.discharge_summary).toBe('只支持照片（JPG、PNG、WebP）或 PDF 文件')
    expect(s.store.docStatus('discharge_summary')).toBe('error')
    s.transport.reply(offline)
    await s.store.upload('itemised_bill', 'blob:3')
    expect(s.store.docErrors.itemised_bill).toBe(UPLOAD_OFFLINE_MESSAGE)
  })

  it('submit names every missing item beside it and goes nowhere near the server', async () => {
    const s = setup()
    await openDraft(s)
    s.store.setField('diagnosis', '急性白血病')
    const before = s.transport.requests.length
    expect(await s.store.submit()).toBe(false)
    expect(s.transport.requests.length).toBe(before)
    expect(s.store.fieldErrors).toMatchObject({ hospital: '请填写就诊医院', total_cost: '请填写医疗总费用（元）' })
    // 费用明细清单 is optional for this type (reviewers ask for it when needed).
    expect(s.store.docErrors).toEqual({ invoices: '请上传医疗费用发票', discharge_summary: '请上传出院小结' })
    expect(s.store.docStatus('itemised_bill')).toBe('optional')
    expect(s.store.consentError).toBe('请勾选同意处理敏感个人信息')
    expect(s.store.firstErrorStep).toBe('illness')
    expect(s.store.missingDocs.map((d) => d.name)).toEqual(['医疗费用发票', '出院小结'])
  })

  it('maps the server documents.<key> message beside the item; a good submit drops the device copy', async () => {
    const s = setup()
    await openDraft(s)
    const fill: Record<string, string | number> = { diagnosis: '急性白血病', hospital: '云溪区人民医院', admission_date: '2026-11-01', total_cost: 80000, reimbursed: 30000 }
    for (const [k, v] of Object.entries(fill)) s.store.setField(k, v)
    s.store.setConsent(true)
    s.store.documents = { invoices: ['aaaaaaaa'], discharge_summary: ['bbbbbbbb'], itemised_bill: ['cccccccc'] }
    s.transport.reply(
      () => json(200, { savedAt: '2026-11-23T08:00:01.000Z', step: 'illness' }),
      () => json(400, { code: 'VALIDATION', message: '请补充材料', fields: { 'documents.itemised_bill': '请上传费用明细清单' } }),
    )
    expect(await s.store.submit()).toBe(false)
    expect(s.store.docErrors.itemised_bill).toBe('请上传费用明细清单')
    s.transport.reply(() => json(200, detail({ stage: 'base_review', stageLabel: '基层工会初审中', canEdit: false })))
    expect(await s.store.submit()).toBe(true)
    expect(s.transport.requests.at(-1)).toMatchObject({ method: 'POST', url: '/api/relief/applications/41/submit' })
    expect(s.storage.getItem(KEY)).toBeNull()
    expect(s.store.app?.stage).toBe('base_review')
  })

  it('does not submit while the draft is only on the device', async () => {
    const s = setup()
    await openDraft(s)
    const fill: Record<string, string | number> = { diagnosis: '急性白血病', hospital: '云溪区人民医院', admission_date: '2026-11-01', total_cost: 80000, reimbursed: 30000 }
    for (const [k, v] of Object.entries(fill)) s.store.setField(k, v)
    s.store.setConsent(true)
    s.store.documents = { invoices: ['aaaaaaaa'], discharge_summary: ['bbbbbbbb'], itemised_bill: ['cccccccc'] }
    s.transport.reply(offline)
    expect(await s.store.submit()).toBe(false)
    expect(String((s.store.submitError as Error).message)).toContain('联网后再提交')
    expect(device(s.storage).fields.hospital).toBe('云溪区人民医院')
  })

  it('a returned application opens with what the reviewer asked for, and is editable', async () => {
    const s = setup()
    await openDraft(s, detail({ stage: 'returned', stageLabel: '待补充材料', fields: { diagnosis: '急性白血病' }, returnRequest: { documents: [{ key: 'itemised_bill', name: '费用明细清单' }], note: '请补充', at: '2026-11-23T07:00:00.000Z' } }))
    expect(s.store.editable).toBe(true)
    expect(s.store.requestedDocKeys).toEqual(['itemised_bill'])
    expect(s.store.fields.diagnosis).toBe('急性白血病')
  })
})
