import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import RegisterPage from './index'
import { registrationFormOf } from '../stores'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const counts = { taken: 40, pending: 3, confirmed: 37, checkedIn: 0, waitlisted: 2, noShow: 0 }
const event = {
  id: 5, kind: 'skills_competition', title: '叉车技能竞赛', description: '', orgId: 1, orgName: '云溪区总工会',
  startsAt: '2026-12-03T01:00:00Z', endsAt: '2026-12-03T09:00:00Z',
  place: { name: '实训中心', address: '工业大道 88 号', lat: 30, lng: 120 }, capacity: 40,
  registrationOpensAt: '2026-11-01T00:00:00Z', registrationClosesAt: '2026-11-30T10:00:00Z',
  eligibleEmploymentTypes: null, eligibleIndustries: null, entryMode: 'individual', teamMinSize: null, teamMaxSize: null,
  approvalMode: 'manual', cancelCutoffHours: 48, cancelUntil: '2026-12-01T01:00:00Z', checkinOpensMinutes: 60,
  checkinOpensAt: '2026-12-03T00:00:00Z', scored: true, scoreUnit: '分', higherScoreWins: true,
  questions: [
    { id: 'q1', label: '从事叉车作业年限', type: 'number', required: true, options: [], hint: '按整年填写' },
    { id: 'q2', label: '报名组别', type: 'single_choice', required: true, options: ['电动叉车组', '内燃叉车组'], hint: '' },
    { id: 'q3', label: '特种设备作业人员证', type: 'file', required: true, options: [], hint: '' },
    { id: 'q4', label: '备注', type: 'short_text', required: false, options: [], hint: '' },
  ],
  counts, placesLeft: 0, phase: 'registering', myRegistration: null,
  registerHint: { allowed: true, reason: null, waitlist: true },
}

async function openForm(ev: Record<string, unknown> = event) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '5' }
  const view = renderWithStores(<RegisterPage />)
  const posts: TransportRequest[] = []
  view.transport.fallback = (req) => {
    const r = req as TransportRequest
    if (r.url === '/api/events/5') return json(200, { event: ev, serverTime: '2026-11-23T02:00:00Z' })
    if (r.url === '/api/events/5/registrations') {
      posts.push(r)
      return json(400, { code: 'VALIDATION', message: '请检查填写的内容', fields: { 'answers.q3': '文件不存在或不是您上传的' } })
    }
    throw new Error(`unexpected ${r.url}`)
  }
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  await waitFor(() => expect(view.container.querySelector('.submit-btn')).toBeTruthy())
  await act(async () => {
    await new Promise((r) => setTimeout(r, 50))
  })
  return { ...view, posts }
}

describe('报名表单', () => {
  // Taro's H5 default export lacks showToast under jest (the build merges it in).
  const t = Taro as unknown as { showToast?: unknown }
  const hadToast = t.showToast
  beforeEach(() => {
    t.showToast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
  })
  afterEach(() => {
    t.showToast = hadToast
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('renders each question by type with required marks, the waitlist offer and the approval notice', async () => {
    const { container } = await openForm()
    expect(container.querySelector('.field-q1 .required-mark')?.textContent).toBe('*')
    expect(container.querySelector('.field-q4 .required-mark')).toBeNull()
    expect(container.querySelector('.field-q4')?.textContent).toContain('选填')
    expect(container.querySelectorAll('.field-q2 .chip')).toHaveLength(2)
    expect(container.querySelector('.field-q3 .uploader-photo-btn')).toBeTruthy()
    expect(screen.getByText('名额已满，提交后进入候补')).toBeTruthy()
    expect(screen.getByText('本活动需主办方审核')).toBeTruthy()
    expect(screen.getByText('提交并加入候补')).toBeTruthy()
  })

  it('marks unanswered required questions beside them and sends nothing; typed answers are kept on the device', async () => {
    const { container, posts, storage } = await openForm()
    await act(async () => {
      fireEvent(container.querySelector('.field-q1 .form-input') as HTMLElement, new CustomEvent('input', { detail: { value: '8' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('提交并加入候补'))
    })
    expect(container.querySelector('.field-q1 .field-error')).toBeNull()
    expect(container.querySelector('.field-q2 .field-error')?.textContent).toBe('请选择')
    expect(container.querySelector('.field-q3 .field-error')?.textContent).toBe('请上传文件')
    expect(posts).toHaveLength(0)
    expect(JSON.parse(storage.getItem('union.eventDraft.v1.1.5') as string).draft.answers).toEqual({ q1: '8' })
    expect(screen.getByText('草稿已自动保存在本机')).toBeTruthy()
    expect(t.showToast).toHaveBeenCalledWith(expect.objectContaining({ title: '请检查标红的项目' }))
  })

  it('shows a server field error beside its question and keeps the draft', async () => {
    const { container, posts, storage, root } = await openForm()
    // A draft from an earlier visit, with a file id the server no longer accepts; the page reopens it.
    const key = 'union.eventDraft.v1.1.5'
    storage.setItem(
      key,
      JSON.stringify({
        answers: { q1: '8', q2: '电动叉车组' },
        files: { q3: [{ id: 'file_expired1', mime: 'application/pdf', size: 10, url: '/api/files/file_expired1?exp=1&sig=x', name: '证书.pdf' }] },
        teamName: '',
        savedAt: '2026-11-22T08:00:00Z',
      }),
    )
    await act(async () => {
      registrationFormOf(root).open(event as never)
    })
    expect(container.querySelector('.field-q3 .uploader-file-name')?.textContent).toBe('证书.pdf')
    await act(async () => {
      fireEvent.click(screen.getByText('提交并加入候补'))
    })
    await waitFor(() => expect(container.querySelector('.field-q3 .field-error')?.textContent).toBe('文件不存在或不是您上传的'))
    expect(posts[0].data).toEqual({ answers: { q1: 8, q2: '电动叉车组', q3: ['file_expired1'] } })
    expect(storage.getItem(key)).not.toBeNull()
  })

  it('team entry: the team name only — no member numbers of others — then on to inviting team-mates', async () => {
    const team = { ...event, entryMode: 'team', teamMinSize: 3, teamMaxSize: 5, questions: [], registerHint: { allowed: true, reason: null, waitlist: false } }
    const { container, posts, transport } = await openForm(team)
    expect(container.querySelector('.member-no-input')).toBeNull()
    expect(screen.getByText('队员通过邀请加入')).toBeTruthy()
    expect(container.querySelector('.team-invite-hint')?.textContent).toContain('每队 3–5 人')
    await act(async () => {
      fireEvent.click(screen.getByText('提交报名'))
    })
    expect(container.querySelector('.field-teamName .field-error')?.textContent).toBe('请填写队名')
    expect(posts).toHaveLength(0)

    const t2 = Taro as unknown as { redirectTo?: unknown }
    const hadRedirect = t2.redirectTo
    const redirectTo = jest.fn(async () => ({ errMsg: 'redirectTo:ok' }))
    t2.redirectTo = redirectTo
    const created = { id: 9, status: 'pending', team: { name: '飞驰队', size: 1, minSize: 3, maxSize: 5, complete: false, members: [] } }
    const before = transport.fallback!
    transport.fallback = (req) => {
      const r = req as TransportRequest
      if (r.url === '/api/events/5/registrations') {
        posts.push(r)
        return json(200, created)
      }
      return before(req)
    }
    try {
      await act(async () => {
        fireEvent(container.querySelector('.field-teamName .form-input') as HTMLElement, new CustomEvent('input', { detail: { value: '飞驰队' } }))
      })
      await act(async () => {
        fireEvent.click(screen.getByText('提交报名'))
      })
      await waitFor(() => expect(redirectTo).toHaveBeenCalledWith({ url: '/packages/events/team/index?id=9' }))
      expect(posts[0].data).toEqual({ answers: {}, team: { name: '飞驰队' } })
    } finally {
      t2.redirectTo = hadRedirect
    }
  })
})
