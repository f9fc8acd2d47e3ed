import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import TeamPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import { teamView } from '../stores/team-fixtures'

type Share = (res: { from: string; target?: unknown }) => { title: string; path: string }

async function open(handle: (r: TransportRequest) => ReturnType<typeof json>) {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = { id: '9' }
  const view = renderWithStores(<TeamPage />)
  const requests: TransportRequest[] = []
  view.transport.fallback = (req) => {
    requests.push(req as TransportRequest)
    return handle(req as TransportRequest)
  }
  view.transport.reply(() => json(200, sampleSession('tok-3')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  await waitFor(() => expect(view.container.querySelector('.team-page')).toBeTruthy())
  return { ...view, requests }
}

describe('我的队伍', () => {
  const t = Taro as unknown as { showToast?: unknown; showModal?: unknown }
  const saved = { showToast: t.showToast, showModal: t.showModal }
  beforeEach(() => {
    t.showToast = jest.fn(async () => ({ errMsg: 'showToast:ok' }))
    t.showModal = jest.fn(async () => ({ confirm: true, cancel: false }))
  })
  afterEach(() => {
    t.showToast = saved.showToast
    t.showModal = saved.showModal
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('the captain: 组队中, the invitation code to pass on, the share card it sends, pending invitations and inviting again', async () => {
    const second = { id: 32, code: 'R2D2C3PO', path: '/packages/events/invite/index?code=R2D2C3PO', createdAt: '2026-11-23T03:00:00Z', expiresAt: '2026-12-04T10:00:00Z' }
    const { container, requests } = await open((r) => {
      if (r.method === 'GET' && r.url === '/api/events/teams/9') return json(200, teamView())
      if (r.method === 'POST' && r.url === '/api/events/teams/9/invites') return json(200, teamView({ invites: [teamView().invites[0], second] }))
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    expect(container.querySelector('.team-status')?.textContent).toBe('组队中（1/3 人）')
    expect(container.querySelector('.team-notice-text')?.textContent).toContain('还需 2 人接受邀请')
    expect(container.querySelector('.invite-code')?.textContent).toBe('K7QM2XPA')
    // H5 cannot send a mini-program card: no share button, the code is copied instead.
    expect(container.querySelector('.share-invite-btn')).toBeNull()
    expect(container.querySelector('.copy-invite-btn')).toBeTruthy()
    const shareCard = (globalThis as { __shareAppMessage?: Share }).__shareAppMessage!
    expect(shareCard({ from: 'menu' })).toEqual({ title: '邀请您加入「飞驰队」，一起参加「职工拔河比赛」', path: '/packages/events/invite/index?code=K7QM2XPA' })
    expect(shareCard({ from: 'button', target: { dataset: { code: 'ABCDEFGH' } } }).path).toBe('/packages/events/invite/index?code=ABCDEFGH')
    await act(async () => {
      fireEvent.click(screen.getByText('再邀请一位队友'))
    })
    await waitFor(() => expect(container.querySelector('.invite-code')?.textContent).toBe('R2D2C3PO'))
    expect(container.querySelectorAll('.pending-invite')).toHaveLength(2)
    expect(requests.some((r) => r.method === 'POST' && r.url === '/api/events/teams/9/invites')).toBe(true)
  })

  it('a team-mate: names masked by the server, no invitations, and 退出队伍', async () => {
    const mate = teamView({
      role: 'member',
      invites: [],
      canInvite: false,
      team: {
        ...teamView().team,
        size: 3,
        complete: true,
        members: [
          { id: 1, name: '李*梅', captain: true, me: false, joinedAt: '2026-11-23T02:00:00Z' },
          { id: 2, name: '王小骑', captain: false, me: true, joinedAt: '2026-11-23T03:00:00Z' },
        ],
      },
      status: 'confirmed',
      notice: '队伍已组满，报名成功',
    })
    const { container, requests } = await open((r) => {
      if (r.method === 'GET') return json(200, mate)
      if (r.method === 'POST' && r.url === '/api/events/teams/9/leave') return json(200, mate)
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    expect(Array.from(container.querySelectorAll('.team-member-name'), (n) => n.textContent)).toEqual(['李*梅（队长）', '王小骑（我）'])
    expect(container.querySelector('.invite-box')).toBeNull()
    expect(container.querySelector('.remove-member')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('退出队伍'))
    })
    await waitFor(() => expect(screen.getByText('已退出队伍')).toBeTruthy())
    expect(requests.at(-1)).toMatchObject({ method: 'POST', url: '/api/events/teams/9/leave' })
  })
})
