import { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { FakeTransport, json } from '../../../test/fakes'
import { MembershipStore } from './MembershipStore'
import { DRAFT_STORAGE_PREFIX } from './JoinForm'
import { CardStore } from './CardStore'

const VALID_ID = '11010519491231002X'
const KEY = `${DRAFT_STORAGE_PREFIX}7`

function setup(nowMs = Date.parse('2026-11-23T08:00:00Z')) {
  const transport = new FakeTransport()
  const api = new ApiClient({ transport })
  const storage = new MemoryStorage()
  const timers: { fn: () => void; ms: number }[] = []
  let now = nowMs
  let user = 7
  const store = new MembershipStore({
    api,
    storage,
    userId: () => user,
    now: () => now,
    setTimer: (fn, ms) => {
      timers.push({ fn, ms })
      return timers.length as unknown as ReturnType<typeof setTimeout>
    },
    clearTimer: (t) => {
      const i = (t as unknown as number) - 1
      if (timers[i]) timers[i].fn = () => undefined
    },
  })
  return { transport, storage, store, timers, advance: (ms: number) => (now += ms), switchUser: (id: number) => (user = id) }
}

const emptyMine = { membership: null, application: null, draft: null, draftSavedAt: null }

function fillValid(store: MembershipStore) {
  store.join.setField('name', '李晓梅')
  store.join.setField('idNumber', VALID_ID)
  store.join.setField('phone', '13800138000')
  store.join.setField('noFixedEmployer', true)
  store.join.setField('employmentType', 'delivery')
  store.join.setField('orgId', null)
  store.join.setField('consentSensitive', true)
}

const application = {
  id: 3,
  status: 'submitted',
  name: '李晓梅',
  idNumberMasked: '1101**********002X',
  birthDate: '1949-12-31',
  gender: 'female',
  phoneMasked: '138****8000',
  employer: null,
  employmentType: 'delivery',
  org: { id: 1, name: '区总工会' },
  districtFallback: true,
  submittedAt: '2026-11-23T08:00:00Z',
  decidedAt: null,
  rejectReason: null,
  expectedBy: '2026-11-26T08:00:00Z',
  timeline: [],
}

describe('MembershipStore', () => {
  it('reports validation errors by field with the contract messages', async () => {
    const { store, transport } = setup()
    store.join.setField('name', 'Li')
    store.join.setField('idNumber', '110105194912310021')
    expect(await store.join.submit()).toBe(false)
    expect(store.join.fieldErrors.name).toBe('姓名请使用中文，少数民族姓名可用“·”分隔')
    expect(store.join.fieldErrors.idNumber).toBe('身份证号码校验位不正确，请核对后重新输入')
    expect(store.join.fieldErrors.phone).toBe('请输入 11 位手机号码')
    expect(store.join.fieldErrors.employer).toBe('请填写工作单位，或选择“无固定单位”')
    expect(store.join.fieldErrors.employmentType).toBe('请选择就业形态')
    expect(store.join.fieldErrors.orgId).toBe('请选择所属工会')
    expect(store.join.fieldErrors.consentSensitive).toBe('请阅读并同意敏感个人信息处理规则')
    expect(transport.requests.filter((r) => 'method' in r && r.method === 'POST')).toHaveLength(0)
    // Fixing a field clears its message.
    store.join.setField('name', '李晓梅')
    expect(store.join.fieldErrors.name).toBeUndefined()
  })

  it('derives birth date and gender from a valid ID number', () => {
    const { store } = setup()
    store.join.setField('idNumber', '1101')
    expect(store.join.idInfo).toBeNull()
    store.join.setField('idNumber', VALID_ID)
    expect(store.join.idInfo).toEqual({ birthDate: '1949-12-31', gender: 'female' })
  })

  it('keeps the draft on the device at every change and saves it to the server debounced', async () => {
    const { store, storage, transport, timers } = setup()
    store.join.setField('name', '李')
    store.join.setField('name', '李晓')
    expect(JSON.parse(storage.getItem(KEY) as string).draft).toEqual({ name: '李晓' })
    expect(timers.map((t) => t.ms)).toEqual([1500, 1500])
    transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:01.000Z' }))
    timers.forEach((t) => t.fn())
    await new Promise((r) => setTimeout(r, 0))
    expect(transport.requests).toHaveLength(1)
    expect(transport.requests[0]).toMatchObject({ method: 'PUT', url: '/api/membership/draft', data: { name: '李晓' } })
    expect(store.join.draftState).toBe('saved')
  })

  it('a draft save that got no answer is retried by itself until the server has it; a refusal waits for the next change', async () => {
    const { store, transport, timers } = setup()
    const fireLast = async () => {
      timers[timers.length - 1].fn()
      await new Promise((r) => setTimeout(r, 0))
    }
    store.join.setField('name', '李晓梅')
    transport.reply(() => {
      throw new Error('offline')
    })
    await fireLast()
    expect(store.join.draftState).toBe('local')
    expect(timers[timers.length - 1].ms).toBe(2000) // retried by itself, with a backoff
    transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:03.000Z' }))
    await fireLast()
    expect(store.join.draftState).toBe('saved')
    expect(transport.requests.map((r) => (r as { method: string }).method)).toEqual(['PUT', 'PUT'])

    store.join.setField('employer', 'x'.repeat(300))
    transport.reply(() => json(400, { code: 'VALIDATION', reason: 'VALIDATION', message: '请检查填写的内容', fields: { employer: '单位名称最多 60 字' } }))
    const before = timers.length
    await fireLast()
    expect(store.join.draftState).toBe('local') // still on this phone
    expect(timers).toHaveLength(before) // not retried until something changes
  })

  it('saves to the server at once on blur', async () => {
    const { store, transport } = setup()
    store.join.setField('employer', '星河物流')
    transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:01.000Z' }))
    await store.join.flushDraft()
    expect(transport.requests[0]).toMatchObject({ method: 'PUT', data: { employer: '星河物流' } })
  })

  it('restores the newest draft: device newer than server', async () => {
    const { store, storage, transport } = setup()
    storage.setItem(KEY, JSON.stringify({ draft: { name: '设备草稿' }, savedAt: '2026-11-23T09:00:00Z' }))
    transport.reply(() => json(200, { ...emptyMine, draft: { name: '服务器草稿' }, draftSavedAt: '2026-11-23T08:00:00Z' }))
    await store.load()
    expect(store.join.form.name).toBe('设备草稿')
  })

  it('restores the newest draft: server newer than device', async () => {
    const { store, storage, transport } = setup()
    storage.setItem(KEY, JSON.stringify({ draft: { name: '设备草稿' }, savedAt: '2026-11-23T07:00:00Z' }))
    transport.reply(() => json(200, { ...emptyMine, draft: { name: '服务器草稿' }, draftSavedAt: '2026-11-23T08:00:00Z' }))
    await store.load()
    expect(store.join.form.name).toBe('服务器草稿')
  })

  it('opens the device draft when offline', async () => {
    const { store, storage, transport } = setup()
    storage.setItem(KEY, JSON.stringify({ draft: { phone: '138' }, savedAt: '2026-11-23T07:00:00Z' }))
    transport.reply(() => {
      throw new Error('offline')
    })
    await store.load()
    expect(store.join.form.phone).toBe('138')
    expect(store.loadError).toBeTruthy()
  })

  it('maps server field errors beside the fields and keeps the draft', async () => {
    const { store, storage, transport } = setup()
    fillValid(store)
    transport.reply(() => json(409, { code: 'CONFLICT', message: '请检查填写的内容', fields: { idNumber: '该身份证号码已提交过入会申请' } }))
    expect(await store.join.submit()).toBe(false)
    expect(store.join.fieldErrors.idNumber).toBe('该身份证号码已提交过入会申请')
    expect(storage.getItem(KEY)).not.toBeNull()
  })

  it('a successful submit clears the device draft', async () => {
    const { store, storage, transport } = setup()
    fillValid(store)
    transport.reply(() => json(200, application))
    expect(await store.join.submit()).toBe(true)
    expect(transport.requests[0]).toMatchObject({
      method: 'POST',
      url: '/api/membership/applications',
      data: { name: '李晓梅', idNumber: VALID_ID, phone: '13800138000', noFixedEmployer: true, employmentType: 'delivery', orgId: null, consentSensitive: true },
    })
    expect(storage.getItem(KEY)).toBeNull()
    expect(store.application?.status).toBe('submitted')
    expect(store.join.form).toEqual({})
  })

  it('restores a server draft whose numbers are kept masked: nothing to retype, nothing resent until typed', async () => {
    const { store, transport } = setup()
    const draft = { name: '李晓梅', employmentType: 'delivery', noFixedEmployer: true, orgId: null, consentSensitive: true, idNumberMasked: '1101**********002X', phoneMasked: '138****8000' }
    transport.reply(() => json(200, { ...emptyMine, draft, draftSavedAt: '2026-11-23T08:00:00Z' }))
    await store.load()
    expect(store.join.form).toEqual({ name: '李晓梅', employmentType: 'delivery', noFixedEmployer: true, orgId: null, consentSensitive: true })
    expect(store.join.keptOnFile).toEqual({ idNumber: '1101**********002X', phone: '138****8000', source: 'draft' })
    // Saved again from here: the masked numbers are not sent back (the server keeps its own).
    store.join.setField('employer', '星河物流')
    transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:05.000Z' }))
    await store.join.flushDraft()
    expect(transport.requests[1]).toMatchObject({ method: 'PUT', url: '/api/membership/draft' })
    expect((transport.requests[1] as { data: Record<string, unknown> }).data).not.toHaveProperty('idNumber')
    // Submitted without them: valid, and the server uses the kept ones.
    transport.reply(() => json(200, application))
    expect(await store.join.submit()).toBe(true)
    const body = (transport.requests[2] as { data: Record<string, unknown> }).data
    expect(body).toMatchObject({ name: '李晓梅', employmentType: 'delivery' })
    expect(body.idNumber).toBeUndefined()
    expect(body.phone).toBeUndefined()
  })

  it('a number typed here replaces the kept one: cleared again, it is required again', async () => {
    const { store, transport } = setup()
    transport.reply(() => json(200, { ...emptyMine, draft: { name: '李晓梅', idNumberMasked: '1101**********002X', phoneMasked: null }, draftSavedAt: '2026-11-23T08:00:00Z' }))
    await store.load()
    expect(store.join.validate().idNumber).toBeUndefined()
    expect(store.join.validate().phone).toBe('请输入 11 位手机号码')
    store.join.setField('idNumber', '1101')
    store.join.setField('idNumber', '')
    expect(store.join.keptOnFile).toBeNull()
    expect(store.join.validate().idNumber).toBe('请输入身份证号码')
  })

  it('after a server save the device copy carries the server time: a reload on this phone keeps the full numbers', async () => {
    const { store, storage, transport } = setup()
    fillValid(store)
    transport.reply(() => json(200, { savedAt: '2026-11-23T08:00:09.000Z' }))
    await store.join.flushDraft()
    expect(JSON.parse(storage.getItem(KEY) as string).savedAt).toBe('2026-11-23T08:00:09.000Z')
    // Reload: the server has the same save, masked; the phone's own full copy wins the tie.
    transport.reply(() =>
      json(200, { ...emptyMine, draft: { name: '李晓梅', idNumberMasked: '1101**********002X', phoneMasked: '138****8000' }, draftSavedAt: '2026-11-23T08:00:09.000Z' }),
    )
    await store.load()
    expect(store.join.form.idNumber).toBe(VALID_ID)
    expect(store.join.form.phone).toBe('13800138000')
  })

  it('shows the refusal of a registered ID number beside the field', async () => {
    const { store, transport } = setup()
    fillValid(store)
    const message = '该身份证号已登记，如有疑问请联系工会'
    transport.reply(() => json(409, { reason: 'MEMBERSHIP_ID_REGISTERED', message, fields: { idNumber: message } }))
    expect(await store.join.submit()).toBe(false)
    expect(store.join.fieldErrors.idNumber).toBe(message)
  })

  it('offers a search once there are more unions than a page, and keeps a chosen one past the page shown', async () => {
    const { store, transport, timers } = setup()
    const union = (id: number) => ({ id, name: `第${id}基层工会`, parentName: '青禾街道总工会' })
    transport.reply(() => json(200, { ...emptyMine, draft: { orgId: 99, idNumberMasked: null, phoneMasked: null }, draftSavedAt: '2026-11-23T08:00:00Z' }))
    await store.load()
    transport.reply(
      () => json(200, { items: [union(1), union(2)], nextCursor: 'u2', selected: null }),
      () => json(200, { items: [union(1)], nextCursor: 'u2', selected: union(99) }),
    )
    await store.unions.load()
    expect(store.unions.searchable).toBe(true)
    expect(store.unions.selected).toEqual(union(99))
    expect(transport.requests.slice(1).map((r) => (r as { url: string }).url)).toEqual([
      '/api/membership/unions',
      '/api/membership/unions?selected=99&limit=1',
    ])
    // Typing a name: one search shortly after the last keystroke.
    store.unions.search('第4')
    store.unions.search('第42')
    transport.reply(() => json(200, { items: [union(42)], nextCursor: null, selected: null }))
    timers.forEach((t) => t.fn())
    await new Promise((r) => setTimeout(r, 0))
    expect(transport.requests.slice(3).map((r) => (r as { url: string }).url)).toEqual(['/api/membership/unions?q=%E7%AC%AC42'])
    expect(store.unions.items).toEqual([union(42)])
    store.unions.choose(union(42))
    expect(store.join.form.orgId).toBe(42)
    expect(store.unions.selected).toEqual(union(42))
  })

  it('prefills the form from a rejected application', async () => {
    const { store, transport } = setup()
    transport.reply(() => json(200, { ...emptyMine, application: { ...application, status: 'rejected', rejectReason: '单位名称不完整', employer: '星河', districtFallback: false } }))
    await store.load()
    expect(store.isRejected).toBe(true)
    expect(store.join.form).toMatchObject({ name: '李晓梅', employer: '星河', employmentType: 'delivery', orgId: 1 })
  })
})

describe('CardStore', () => {
  it('counts down with the server clock and refreshes when due', async () => {
    const transport = new FakeTransport()
    let now = Date.parse('2026-11-23T08:00:00Z')
    const store = new CardStore(new ApiClient({ transport }), () => now)
    const card = (serverTime: string, expiresAt: string, code: string) => ({
      memberNo: 'GH001', name: '李晓梅', org: { id: 1, name: '区总工会' }, joinedAt: serverTime, employmentType: 'delivery', code, expiresAt, serverTime,
    })
    // The phone's clock is 30 s slow.
    transport.reply(() => json(200, card('2026-11-23T08:00:30Z', '2026-11-23T08:01:30Z', 'c1')))
    await store.refresh()
    expect(store.secondsToRefresh).toBe(50)
    now += 49_000
    store.tick()
    expect(store.secondsToRefresh).toBe(1)
    transport.reply(() => json(200, card('2026-11-23T08:01:20Z', '2026-11-23T08:02:20Z', 'c2')))
    now += 1_000
    store.tick()
    await new Promise((r) => setTimeout(r, 0))
    expect(store.card?.code).toBe('c2')
  })
})

describe('MembershipStore on a shared phone', () => {
  it("does not show the previous user's form to the next one", async () => {
    const { store, transport, switchUser } = setup()
    store.join.setField('name', '张三')
    transport.reply(() => json(200, emptyMine))
    // Same store, but the device draft key is per user: a different user id finds no draft.
    switchUser(8)
    await store.load()
    expect(store.join.form).toEqual({})
  })
})
