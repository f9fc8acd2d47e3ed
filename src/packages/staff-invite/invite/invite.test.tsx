import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import InvitePage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import type { InvitationPreview } from '@contract/staff/schemas'

const preview = (over: Partial<InvitationPreview> = {}): InvitationPreview => ({
  role: 'reviewer',
  roleLabel: '审核员',
  orgName: '星河物流有限公司工会',
  venues: [],
  stations: [],
  invitedBy: '管理员·周',
  note: '负责本单位入会审核',
  expiresAt: '2026-12-08T02:00:00.000Z',
  state: 'open',
  canAccept: true,
  reason: null,
  ...over,
})

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
    await view.root.session.devLogin('gig')
  })
  await act(async () => {
    await new Promise((r) => setTimeout(r, 30))
  })
  return { ...view, requests }
}

describe('工作人员邀请', () => {
  afterEach(() => {
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('opened from the link: shows what is asked; 接受 takes the role', async () => {
    const { container, requests } = await open({ code: 'K7QM2XPAB3CD' }, (r) => {
      if (r.url === '/api/staff/invitations/preview') return json(200, preview())
      if (r.url === '/api/staff/invitations/accept') return json(200, { role: 'reviewer', roleLabel: '审核员', orgId: 4, orgName: '星河物流有限公司工会' })
      if (r.url === '/api/me') return json(200, sampleSession('tok-2').user)
      throw new Error(`unexpected ${r.url}`)
    })
    await waitFor(() => expect(container.querySelector('.staff-invite-preview')).toBeTruthy())
    expect(container.querySelector('.staff-invite-preview')?.textContent).toContain('管理员·周 邀请您担任')
    expect(container.querySelector('.staff-invite-role')?.textContent).toContain('审核员')
    await act(async () => {
      fireEvent.click(screen.getByText('接受'))
    })
    await waitFor(() => expect(container.querySelector('.staff-accepted')?.textContent).toBe('您已成为星河物流有限公司工会的审核员。'))
    expect(requests.slice(0, 2).map((r) => `${r.method} ${r.url} ${JSON.stringify(r.data)}`)).toEqual([
      'POST /api/staff/invitations/preview {"code":"K7QM2XPAB3CD"}',
      'POST /api/staff/invitations/accept {"code":"K7QM2XPAB3CD"}',
    ])
  })

  it('a 驿站站长 invitation names the stations, before and after 接受', async () => {
    const stations = [
      { id: 7, name: '快递行业之家服务站' },
      { id: 9, name: '青禾菜场驿站' },
    ]
    const { container } = await open({ code: 'K7QM2XPAB3CD' }, (r) => {
      if (r.url === '/api/staff/invitations/preview') return json(200, preview({ role: 'station_keeper', roleLabel: '驿站站长', orgName: '青禾街道总工会', stations }))
      if (r.url === '/api/staff/invitations/accept') return json(200, { role: 'station_keeper', roleLabel: '驿站站长', orgId: 2, orgName: '青禾街道总工会' })
      if (r.url === '/api/me') return json(200, sampleSession('tok-2').user)
      throw new Error(`unexpected ${r.url}`)
    })
    await waitFor(() => expect(container.querySelector('.staff-invite-stations')).toBeTruthy())
    expect(container.querySelector('.staff-invite-stations')?.textContent).toContain('快递行业之家服务站、青禾菜场驿站')
    expect(container.querySelector('.staff-invite-preview')?.textContent).not.toContain('场馆')
    await act(async () => {
      fireEvent.click(screen.getByText('接受'))
    })
    await waitFor(() => expect(container.querySelector('.staff-accepted')?.textContent).toContain('您已成为青禾街道总工会的驿站站长。'))
    expect(container.querySelector('.staff-accepted-stations')?.textContent).toBe('值守驿站：快递行业之家服务站、青禾菜场驿站')
  })

  it('an invitation that cannot be accepted says why and offers no button', async () => {
    const { container } = await open({ code: 'K7QM2XPAB3CD' }, () => json(200, preview({ state: 'expired', canAccept: false, reason: '该邀请已过期（改写的文案）' })))
    await waitFor(() => expect(container.querySelector('.staff-invite-reason')?.textContent).toBe('该邀请已过期（改写的文案）'))
    expect(screen.queryByText('接受')).toBeNull()
  })
})
