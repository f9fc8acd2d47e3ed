import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import StaffAdminPage from './index'
import { renderSignedIn } from '../../../test/render'
import { stubToast } from '../../../test/toast'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const reviewer = {
  userId: 12,
  nickname: '审核员·赵',
  role: 'reviewer',
  roleLabel: '审核员',
  orgId: 4,
  orgName: '星河物流有限公司工会',
  venues: [],
  stations: [],
  since: '2026-11-01T02:00:00.000Z',
  canRevoke: true,
}
const ownAdmin = { ...reviewer, userId: 1, nickname: '管理员·周', role: 'admin', roleLabel: '管理员', orgId: 1, orgName: '云溪区总工会', canRevoke: false }

const open = (handle: (r: TransportRequest) => ReturnType<typeof json>) =>
  renderSignedIn(<StaffAdminPage />, 'admin', (r) => handle(r as TransportRequest), sampleSession('tok-admin'))

describe('工作人员管理', () => {
  stubToast()

  it('lists the staff and open invitations; revoking asks for a reason, then the role is gone from the list', async () => {
    let revoked = false
    const { container, requests } = await open((r) => {
      if (r.url.startsWith('/api/staff/roles/revoke')) {
        revoked = true
        return json(200, { ok: true })
      }
      if (r.url.startsWith('/api/staff/roles')) return json(200, { items: revoked ? [ownAdmin] : [ownAdmin, reviewer], nextCursor: null })
      if (r.url.startsWith('/api/staff/invitations')) {
        return json(200, { items: [{ id: 9, role: 'admin', roleLabel: '管理员', orgId: 2, orgName: '青禾街道总工会', venues: [], stations: [], note: '街道工会新任管理员', invitedBy: '管理员·周', createdAt: '2026-12-03T02:00:00.000Z', expiresAt: '2026-12-10T02:00:00.000Z' }], nextCursor: null })
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(container.querySelectorAll('.staff-role')).toHaveLength(2))
    expect(container.querySelector('.staff-invitation')?.textContent).toContain('管理员 · 青禾街道总工会')
    // one's own admin role cannot be revoked: no button on it
    const rows = Array.from(container.querySelectorAll('.staff-role'))
    expect(rows[0].querySelector('.staff-revoke')).toBeNull()
    await act(async () => {
      fireEvent.click(rows[1].querySelector('.staff-revoke') as HTMLElement)
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤销'))
    })
    expect(container.textContent).toContain('请填写撤销原因')
    expect(requests.some((r) => r.url === '/api/staff/roles/revoke')).toBe(false)
    const reason = container.querySelector('.staff-revoke-reason') as HTMLElement
    await act(async () => {
      fireEvent(reason, new CustomEvent('input', { detail: { value: '已调离本单位' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤销'))
    })
    await waitFor(() => expect(container.querySelectorAll('.staff-role')).toHaveLength(1))
    expect((requests.find((r) => r.url === '/api/staff/roles/revoke') as TransportRequest | undefined)?.data).toEqual({ userId: 12, orgId: 4, role: 'reviewer', reason: '已调离本单位' })
  })

  it('names the stations a keeper keeps, in the role list and in the invitation list', async () => {
    const keeper = {
      ...reviewer,
      userId: 15,
      nickname: '驿站站长·孙',
      role: 'station_keeper',
      roleLabel: '驿站站长',
      orgId: 1,
      orgName: '云溪区总工会',
      stations: [{ id: 3, name: '云溪路骑手暖心驿站' }, { id: 8, name: '星河广场爱心驿站' }],
    }
    const invitation = {
      id: 10, role: 'station_keeper', roleLabel: '驿站站长', orgId: 2, orgName: '青禾街道总工会', venues: [],
      stations: [{ id: 5, name: '快递行业之家服务站' }], note: '驿站值守', invitedBy: '管理员·周',
      createdAt: '2026-12-03T02:00:00.000Z', expiresAt: '2026-12-10T02:00:00.000Z',
    }
    const { container } = await open((r) => {
      if (r.url.startsWith('/api/staff/roles')) return json(200, { items: [keeper], nextCursor: null })
      if (r.url.startsWith('/api/staff/invitations')) return json(200, { items: [invitation], nextCursor: null })
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(container.querySelectorAll('.staff-role')).toHaveLength(1))
    expect(container.querySelector('.staff-role .staff-row-title')?.textContent).toBe('驿站站长·孙 · 驿站站长 · 云溪路骑手暖心驿站、星河广场爱心驿站')
    expect(container.querySelector('.staff-role .staff-row-sub')?.textContent).toContain('云溪区总工会')
    await waitFor(() => expect(container.querySelector('.staff-invitation .staff-row-title')?.textContent).toBe('驿站站长 · 快递行业之家服务站'))
    expect(container.querySelector('.staff-invitation .staff-row-sub')?.textContent).toContain('青禾街道总工会 · 驿站值守')
  })
})
