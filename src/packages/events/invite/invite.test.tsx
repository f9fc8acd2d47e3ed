import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import InvitePage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import { invitePreview, teamView } from '../stores/team-fixtures'

async function open(params: Record<string, string>, handle: (r: TransportRequest) => ReturnType<typeof json>) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = params
  const view = renderWithStores(<InvitePage />)
  const requests: TransportRequest[] = []
  view.transport.fallback = (req) => {
    requests.push(req as TransportRequest)
    return handle(req as TransportRequest)
  }
  view.transport.reply(() => json(200, sampleSession('tok-2')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  await act(async () => {
    await new Promise((r) => setTimeout(r, 30))
  })
  return { ...view, requests }
}

describe('组队邀请', () => {
  const t = Taro as unknown as { showToast?: unknown; redirectTo?: unknown }
  const saved = { showToast: t.showToast, redirectTo: t.redirectTo }
  beforeEach(() => {
    t.showToast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
    t.redirectTo = jest.fn(async () => ({ errMsg: 'redirectTo:ok' }))
  })
  afterEach(() => {
    t.showToast = saved.showToast
    t.redirectTo = saved.redirectTo
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('opened from the shared link: the event and team with the captain masked; accepting joins and opens the team', async () => {
    const { container, requests } = await open({ code: 'K7QM2XPA' }, (r) => {
      if (r.url === '/api/events/invites/K7QM2XPA') return json(200, invitePreview())
      if (r.url === '/api/events/invites/K7QM2XPA/accept') return json(200, teamView({ role: 'member' }))
      throw new Error(`unexpected ${r.url}`)
    })
    await waitFor(() => expect(container.querySelector('.invite-preview')).toBeTruthy())
    expect(container.querySelector('.invite-preview')?.textContent).toContain('队长 李*梅 邀请您加入')
    expect(container.querySelector('.invite-team-name')?.textContent).toBe('「飞驰队」')
    expect(container.querySelector('.invite-team-size')?.textContent).toContain('现有 1 人，每队 3–5 人')
    await act(async () => {
      fireEvent.click(screen.getByText('接受邀请，加入队伍'))
    })
    await waitFor(() => expect(t.redirectTo).toHaveBeenCalledWith({ url: '/packages/events/team/index?id=9' }))
    expect(requests.map((r) => `${r.method} ${r.url}`)).toEqual(['GET /api/events/invites/K7QM2XPA', 'POST /api/events/invites/K7QM2XPA/accept'])
  })

  it('typed code: a wrong one is marked beside the field; a refused invitation says why and offers no button', async () => {
    const { container } = await open({}, (r) => {
      if (r.url === '/api/events/invites/ZZZZZZZZ') return json(404, { reason: 'EVENT_INVITE_NOT_FOUND', message: '邀请码无效，请向队长核对' })
      if (r.url === '/api/events/invites/K7QM2XPA') return json(200, invitePreview({ state: 'withdrawn', canAccept: false, reason: '该邀请已被队长撤回' }))
      throw new Error(`unexpected ${r.url}`)
    })
    const input = container.querySelector('.invite-code-input') as HTMLElement
    await act(async () => {
      fireEvent(input, new CustomEvent('input', { detail: { value: 'zzzz zzzz' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('查看邀请'))
    })
    await waitFor(() => expect(container.querySelector('.field-invite-code .field-error')?.textContent).toBe('邀请码无效，请向队长核对'))
    await act(async () => {
      fireEvent(input, new CustomEvent('input', { detail: { value: 'K7QM2XPA' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('查看邀请'))
    })
    await waitFor(() => expect(container.querySelector('.invite-reason')?.textContent).toBe('该邀请已被队长撤回'))
    expect(screen.queryByText('接受邀请，加入队伍')).toBeNull()
  })
})
