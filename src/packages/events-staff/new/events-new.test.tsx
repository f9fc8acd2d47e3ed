import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import { EventInput } from '@contract/events/schemas'
import { observer } from 'mobx-react-lite'
import EventNewPage from './index'
import { registrationFormOf } from '../../events/stores'
import { useStores } from '../../../stores/context'
import { renderWithStores } from '../../../test/render'
import { json, sampleMe } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const adminSession = {
  token: 'tok-a',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { ...sampleMe, id: 5, nickname: '管理员·周', roles: [{ role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' }] },
}
const typeInto = (container: HTMLElement, field: string, value: string, nth = 0) =>
  fireEvent(container.querySelectorAll(`.field-${field} .form-input`)[nth] as HTMLElement, new CustomEvent('input', { detail: { value } }))
const errorOf = (container: HTMLElement, field: string) => container.querySelector(`.field-${field} .field-error`)?.textContent
/** Taro's inputs render asynchronously: let new ones mount before typing into them. */
const settle = () => act(async () => {
  await new Promise((r) => setTimeout(r, 50))
})
const setParams = (p?: Record<string, string>) => {
  if (p) (globalThis as { __routerParams?: Record<string, string> }).__routerParams = p
  else delete (globalThis as { __routerParams?: unknown }).__routerParams
}

const counts = { taken: 2, pending: 0, confirmed: 2, checkedIn: 0, waitlisted: 0, noShow: 0 }
const event = {
  id: 9, kind: 'skills_competition', title: '焊工技能竞赛', description: '决赛在市职工文化中心', orgId: 1, orgName: '云溪区总工会',
  startsAt: '2099-12-20T01:00:00Z', endsAt: '2099-12-20T09:00:00Z', place: { name: '职工文化中心', address: '青禾路 8 号', lat: 30.27, lng: 120.15 },
  capacity: 40, registrationOpensAt: '2099-11-01T00:00:00Z', registrationClosesAt: '2099-12-10T10:00:00Z',
  eligibleEmploymentTypes: ['employee'], eligibleIndustries: ['manufacturing'], entryMode: 'individual', teamMinSize: null, teamMaxSize: null,
  approvalMode: 'manual', cancelCutoffHours: 48, cancelUntil: '2099-12-18T01:00:00Z', checkinOpensMinutes: 45,
  checkinOpensAt: '2099-12-20T00:15:00Z', scored: true, scoreUnit: '分', higherScoreWins: true,
  questions: [{ id: 'q1', label: '技能等级', type: 'single_choice', required: true, options: ['初级', '中级', '高级'], hint: '' }],
  counts, placesLeft: 38, phase: 'registering',
}

describe('新建活动', () => {
  afterEach(() => setParams())

  it('checks the form in Chinese, sends an EventInput, and shows the server’s 400 beside the field', async () => {
    const view = renderWithStores(<EventNewPage />)
    const { container, transport } = view
    transport.reply(() => json(200, adminSession))
    await act(async () => {
      await view.root.session.devLogin('admin')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    expect(errorOf(container, 'kind')).toBe('请选择活动类型')
    expect(errorOf(container, 'title')).toBe('请填写活动名称')
    expect(errorOf(container, 'placeName')).toBe('请填写活动地点')
    expect(errorOf(container, 'coords')).toBe('请填写经纬度，或点击“使用当前位置”')
    expect(transport.requests).toHaveLength(1) // only the login: nothing sent

    await act(async () => {
      fireEvent.click(screen.getByText('文体活动'))
      fireEvent.click(screen.getByText('团队报名'))
      fireEvent.click(screen.getByText('快递员'))
      fireEvent.click(screen.getByText('外卖配送员'))
      typeInto(container, 'title', '职工趣味运动会')
      typeInto(container, 'placeName', '云溪体育馆')
      typeInto(container, 'placeAddress', '示例市云溪区青禾路 1 号')
      typeInto(container, 'coords', '30.2749', 0)
      typeInto(container, 'coords', '120.1562', 1)
      typeInto(container, 'capacity', '12')
      typeInto(container, 'registrationOpensAt', '2099-11-01 09:00')
      typeInto(container, 'registrationClosesAt', '2099-12-01 18:00')
      typeInto(container, 'startsAt', '2099-12-05 09:00')
      typeInto(container, 'endsAt', '2099-12-05 08:00')
      fireEvent.click(screen.getByText('添加题目'))
    })
    await settle()
    await act(async () => {
      typeInto(container, 'q-label', '参赛项目')
      fireEvent.click(container.querySelector('.question-form-0 .qtype-multi_choice') as HTMLElement)
    })
    await settle()
    await act(async () => {
      typeInto(container, 'q-options', '拔河，跳绳、接力跑')
      fireEvent.click(container.querySelector('.question-form-0 .q-required') as HTMLElement)
      fireEvent.click(screen.getByText('发布活动'))
    })
    // Still wrong: team sizes missing. Nothing sent.
    expect(errorOf(container, 'teamMinSize')).toBe('请填写团队人数范围')
    expect(transport.requests).toHaveLength(1)
    await act(async () => {
      typeInto(container, 'teamMinSize', '3')
      typeInto(container, 'teamMaxSize', '6')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    // Then the cross-field rule: end before start.
    expect(errorOf(container, 'endsAt')).toBe('结束时间须晚于开始时间')
    expect(transport.requests).toHaveLength(1)

    await act(async () => {
      typeInto(container, 'endsAt', '2099-12-05 17:00')
    })
    transport.reply(() => json(400, { code: 'VALIDATION', message: '请检查填写的内容', fields: { 'place.address': '地址不在本工会辖区', 'questions.0.label': '题目重复' } }))
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    await waitFor(() => expect(errorOf(container, 'placeAddress')).toBe('地址不在本工会辖区'))
    expect(errorOf(container, 'q-label')).toBe('题目重复')
    const sent = transport.requests.at(-1) as TransportRequest
    expect(sent).toMatchObject({ method: 'POST', url: '/api/events/manage/events' })
    expect(EventInput.safeParse(sent.data).success).toBe(true)
    expect(sent.data).toMatchObject({
      kind: 'sports_culture',
      orgId: 1,
      title: '职工趣味运动会',
      place: { name: '云溪体育馆', address: '示例市云溪区青禾路 1 号', lat: 30.2749, lng: 120.1562 },
      capacity: 12,
      entryMode: 'team',
      teamMinSize: 3,
      teamMaxSize: 6,
      eligibleEmploymentTypes: ['courier', 'delivery'],
      questions: [{ label: '参赛项目', type: 'multi_choice', required: true, options: ['拔河', '跳绳', '接力跑'] }],
    })
    expect((sent.data as { approvalMode?: string }).approvalMode).toBeUndefined() // the kind's default
    expect(String((sent.data as { startsAt: string }).startsAt)).toMatch(/^2099-12-05T09:00:00[+-]\d{2}:\d{2}$/)
    // The draft survives leaving the page.
    expect(view.storage.getItem('union.eventEdit.v1.5.new')).toContain('职工趣味运动会')
  })

  it('edit mode: prefills from the event, keeps frozen fields read-only, and PUTs the whole input', async () => {
    setParams({ id: '9' })
    const view = renderWithStores(<EventNewPage />)
    const { container, transport } = view
    await act(async () => {
      transport.reply(() => json(200, event))
    })
    await waitFor(() => expect(container.querySelector('.save-event-btn')).toBeTruthy())
    await settle()
    expect((transport.requests[0] as TransportRequest).url).toBe('/api/events/manage/events/9')
    expect(container.querySelector('.field-title .form-input')?.getAttribute('value')).toBe('焊工技能竞赛')
    expect(container.querySelector('.field-startsAt .form-input')?.getAttribute('value')).toMatch(/^2099-12-20 \d{2}:00$/)
    expect(container.querySelector('.question-form-0 .field-q-options .form-input')?.getAttribute('value')).toBe('初级，中级，高级')
    expect(container.querySelector('.question-form-0 .field-q-label .form-input')?.hasAttribute('disabled')).toBe(true)
    expect(container.querySelector('.kind-skills_competition')?.className).toContain('choice-active')
    expect(container.querySelector('.approval-manual')?.className).toContain('choice-active')
    expect(container.querySelector('.eligible-employee')?.className).toContain('choice-active')
    expect(container.querySelector('.frozen-note')?.textContent).toContain('不能再修改')
    // Frozen: tapping another kind changes nothing; questions cannot be added.
    await act(async () => {
      fireEvent.click(screen.getByText('培训课程'))
    })
    expect(container.querySelector('.kind-training')?.className).not.toContain('choice-active')
    expect(screen.queryByText('添加题目')).toBeNull()

    await act(async () => {
      typeInto(container, 'capacity', '1')
    })
    transport.reply(() => json(400, { code: 'VALIDATION', message: '名额不足', fields: { capacity: '已有 2 个名额被占用，名额不能少于 2' } }))
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    await waitFor(() => expect(errorOf(container, 'capacity')).toBe('已有 2 个名额被占用，名额不能少于 2'))
    const sent = transport.requests.at(-1) as TransportRequest
    expect(sent).toMatchObject({ method: 'PUT', url: '/api/events/manage/events/9' })
    expect(sent.data).toMatchObject({
      kind: 'skills_competition',
      orgId: 1,
      capacity: 1,
      approvalMode: 'manual',
      eligibleEmploymentTypes: ['employee'],
      eligibleIndustries: ['manufacturing'],
      checkinOpensMinutes: 45,
      cancelCutoffHours: 48,
      questions: [{ label: '技能等级', type: 'single_choice', required: true, options: ['初级', '中级', '高级'], hint: '' }],
    })
    expect(Date.parse((sent.data as { startsAt: string }).startsAt)).toBe(Date.parse(event.startsAt))
  })

  it('edit mode: a draft typed before a reload comes back, and can be dropped for the stored event', async () => {
    setParams({ id: '9' })
    const view = renderWithStores(<EventNewPage />)
    const { container, transport } = view
    await act(async () => {
      transport.reply(() => json(200, event))
    })
    await waitFor(() => expect(container.querySelector('.save-event-btn')).toBeTruthy())
    await settle()
    await act(async () => {
      typeInto(container, 'title', '焊工技能竞赛（复赛）')
    })
    expect(view.storage.getItem('union.eventEdit.v1.anon.9')).toContain('焊工技能竞赛（复赛）')
    view.unmount()

    // "Reload": a new page on the same device.
    const again = renderWithStores(<EventNewPage />)
    again.storage.setItem('union.eventEdit.v1.anon.9', view.storage.getItem('union.eventEdit.v1.anon.9') as string)
    await act(async () => {
      again.transport.reply(() => json(200, event))
    })
    await waitFor(() => expect(again.container.querySelector('.restored-note')).toBeTruthy())
    await settle()
    expect((again.container.querySelector('.field-title .form-input') as HTMLInputElement).getAttribute('value')).toBe('焊工技能竞赛（复赛）')
    await act(async () => {
      fireEvent.click(again.container.querySelector('.discard-draft-btn') as HTMLElement)
    })
    await settle()
    expect(again.container.querySelector('.restored-note')).toBeNull()
    expect((again.container.querySelector('.field-title .form-input') as HTMLInputElement).getAttribute('value')).toBe('焊工技能竞赛')
  })

  it('edit mode: opening and leaving without typing leaves no draft behind (the next visit is not “restored”)', async () => {
    setParams({ id: '9' })
    const view = renderWithStores(<EventNewPage />)
    await act(async () => {
      view.transport.reply(() => json(200, event))
    })
    await waitFor(() => expect(view.container.querySelector('.save-event-btn')).toBeTruthy())
    await settle()
    view.unmount()

    const again = renderWithStores(<EventNewPage />)
    for (const [k, v] of view.storage.data) again.storage.setItem(k, v)
    await act(async () => {
      again.transport.reply(() => json(200, event))
    })
    await waitFor(() => expect(again.container.querySelector('.save-event-btn')).toBeTruthy())
    await settle()
    expect(again.container.querySelector('.restored-note')).toBeNull()
    expect((again.container.querySelector('.field-title .form-input') as HTMLInputElement).getAttribute('value')).toBe('焊工技能竞赛')
  })

  it('edit mode: the organiser’s own registration draft for the same event neither breaks the form nor is overwritten', async () => {
    setParams({ id: '9' })
    // The page opens once the organiser is logged in (as in the app: 活动管理 is reached logged in).
    const AfterLogin = observer(() => (useStores().session.me ? <EventNewPage /> : null))
    const view = renderWithStores(<AfterLogin />)
    const { container, transport } = view
    transport.reply(() => json(200, adminSession))
    await act(async () => {
      await view.root.session.devLogin('admin')
    })
    // On this phone the organiser has also started registering for event 9 as a member.
    const form = registrationFormOf(view.root)
    form.open({ ...event, myRegistration: null, registerHint: { allowed: true, reason: null, waitlist: false } } as never)
    form.setText('q1', '中级')
    await act(async () => {
      transport.reply(() => json(200, event))
    })
    await waitFor(() => expect(container.querySelector('.save-event-btn')).toBeTruthy())
    await settle()
    expect(container.querySelector('.restored-note')).toBeNull()
    expect((container.querySelector('.field-title .form-input') as HTMLInputElement).getAttribute('value')).toBe('焊工技能竞赛')
    await act(async () => {
      typeInto(container, 'title', '焊工技能竞赛（复赛）')
    })
    // The registration draft is still there, as typed.
    form.open({ ...event, myRegistration: null, registerHint: { allowed: true, reason: null, waitlist: false } } as never)
    expect(form.draft.answers).toEqual({ q1: '中级' })
  })
})
