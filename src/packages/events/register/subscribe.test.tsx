/** 报名 asks for the approval-result subscription from the tap, and never lets the answer hold the registration up. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import RegisterPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import type { SubscribeAdapter, SubscribeResult } from '../../../platform/types'

const event = {
  id: 5, kind: 'culture_sports', title: '职工读书会', description: '', orgId: 1, orgName: '云溪区总工会',
  startsAt: '2026-12-03T01:00:00Z', endsAt: '2026-12-03T09:00:00Z',
  place: { name: '职工书屋', address: '工业大道 88 号', lat: 30, lng: 120 }, capacity: 40,
  registrationOpensAt: '2026-11-01T00:00:00Z', registrationClosesAt: '2026-11-30T10:00:00Z',
  eligibleEmploymentTypes: null, eligibleIndustries: null, entryMode: 'individual', teamMinSize: null, teamMaxSize: null,
  approvalMode: 'manual', cancelCutoffHours: 48, cancelUntil: '2026-12-01T01:00:00Z', checkinOpensMinutes: 60,
  checkinOpensAt: '2026-12-03T00:00:00Z', scored: false, scoreUnit: null, higherScoreWins: true, questions: [],
  counts: { taken: 3, pending: 1, confirmed: 2, checkedIn: 0, waitlisted: 0, noShow: 0 }, placesLeft: 37,
  phase: 'registering', myRegistration: null, registerHint: { allowed: true, reason: null, waitlist: false },
}
const templates = [
  { key: 'event_result', templateId: 'tmpl_event', label: '活动报名结果' },
  { key: 'relief_progress', templateId: 'tmpl_relief', label: '帮扶申请进度' },
]

async function open(answer: (ids: string[]) => Promise<SubscribeResult>) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '5' }
  const request = jest.fn(answer)
  const subscribe: SubscribeAdapter = { supported: true, request }
  const view = renderWithStores(<RegisterPage />, { subscribe })
  const posts: TransportRequest[] = []
  view.transport.fallback = (req) => {
    const r = req as TransportRequest
    if (r.url === '/api/events/5') return json(200, { event, serverTime: '2026-11-23T02:00:00Z' })
    if (r.url === '/api/notifications/subscribe-templates') return json(200, { templates })
    if (r.url === '/api/events/5/registrations' || r.url === '/api/notifications/subscriptions') {
      posts.push(r)
      return r.url === '/api/events/5/registrations'
        ? json(200, { id: 9, status: 'pending', team: null })
        : json(200, { credits: [{ templateId: 'tmpl_event', remaining: 1 }] })
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
  return { ...view, posts, request }
}

describe('报名 and 订阅消息', () => {
  const t = Taro as unknown as { showToast?: unknown; redirectTo?: unknown }
  const had = { showToast: t.showToast, redirectTo: t.redirectTo }
  beforeEach(() => {
    t.showToast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
    t.redirectTo = jest.fn(async () => ({ errMsg: 'redirectTo:ok' }))
  })
  afterEach(() => {
    Object.assign(t, had)
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('a refused dialog does not hold the registration up, and nothing is reported', async () => {
    // the dialog stays open until the member answers: the registration is sent meanwhile
    let answer: (r: SubscribeResult) => void = () => undefined
    const { posts, request } = await open(() => new Promise((resolve) => (answer = resolve)))
    await act(async () => {
      fireEvent.click(screen.getByText('提交报名'))
    })
    expect(request).toHaveBeenCalledWith(['tmpl_event'])
    await waitFor(() => expect(posts.map((p) => p.url)).toEqual(['/api/events/5/registrations']))
    await act(async () => {
      answer({ ok: true, accepted: [], rejected: ['tmpl_event'] })
      await new Promise((r) => setTimeout(r, 20))
    })
    expect(posts.map((p) => p.url)).toEqual(['/api/events/5/registrations'])
    expect(t.redirectTo).toHaveBeenCalled()
  })

  it('an accepted template is reported to the server (one credit)', async () => {
    const { posts, request } = await open(async (ids) => ({ ok: true, accepted: ids, rejected: [] }))
    await act(async () => {
      fireEvent.click(screen.getByText('提交报名'))
    })
    await waitFor(() => expect(posts.map((p) => p.url).sort()).toEqual(['/api/events/5/registrations', '/api/notifications/subscriptions']))
    expect(request).toHaveBeenCalledTimes(1)
    expect(posts.find((p) => p.url === '/api/notifications/subscriptions')!.data).toEqual({ accepted: ['tmpl_event'] })
  })

  it('a dialog that fails (WeChat error) still lets the registration through', async () => {
    const { posts } = await open(async () => {
      throw new Error('requestSubscribeMessage:fail')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('提交报名'))
    })
    await waitFor(() => expect(posts.map((p) => p.url)).toEqual(['/api/events/5/registrations']))
  })
})
