import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import InviteNewPage from './index'
import { renderSignedIn } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const unions = [
  { id: 2, name: '青禾街道总工会', parentName: '云溪区总工会', level: 2 },
  { id: 4, name: '星河物流有限公司工会', parentName: '青禾街道总工会', level: 3 },
]

async function open(handle: (r: TransportRequest) => ReturnType<typeof json>) {
  const view = await renderSignedIn(<InviteNewPage />, 'admin', (r) => handle(r as TransportRequest), sampleSession('tok-admin'))
  await waitFor(() => expect(screen.getByText('星河物流有限公司工会')).toBeTruthy())
  return view
}

const created = {
  id: 9,
  role: 'venue_staff',
  roleLabel: '场馆核销员',
  orgId: 4,
  orgName: '星河物流有限公司工会',
  venues: [{ id: 31, name: '云溪影城' }],
  stations: [],
  note: '负责周末观影核销',
  invitedBy: '管理员·周',
  createdAt: '2026-12-03T02:00:00.000Z',
  expiresAt: '2026-12-10T02:00:00.000Z',
  code: 'K7QM2XPAB3CD',
  path: '/packages/staff-invite/invite/index?code=K7QM2XPAB3CD',
}

describe('邀请工作人员', () => {
  it('says beside each field what is missing; a venue verifier must serve a venue; then shows the QR and the code', async () => {
    const { container, requests } = await open((r) => {
      if (r.url.startsWith('/api/staff/unions')) return json(200, { items: unions, nextCursor: null })
      if (r.url.startsWith('/api/vouchers/manage/venues')) return json(200, { items: [{ id: 31, name: '云溪影城', orgId: 4, orgName: '星河物流有限公司工会', address: '', active: true }] })
      if (r.url === '/api/staff/invitations') return json(200, created)
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await act(async () => {
      fireEvent.click(screen.getByText('生成邀请'))
    })
    expect(container.querySelector('.field-orgId')?.textContent).toContain('请选择工会')
    expect(container.querySelector('.field-note')?.textContent).toContain('请填写邀请原因')
    expect(requests.some((r) => r.url === '/api/staff/invitations')).toBe(false)

    await act(async () => {
      fireEvent.click(screen.getByText('场馆核销员'))
      fireEvent.click(screen.getByText('星河物流有限公司工会'))
    })
    await waitFor(() => expect(screen.getByText('云溪影城')).toBeTruthy())
    const note = container.querySelector('.invite-note textarea, textarea.invite-note, .invite-note') as HTMLElement
    await act(async () => {
      fireEvent(note, new CustomEvent('input', { detail: { value: '负责周末观影核销' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('生成邀请'))
    })
    expect(container.querySelector('.field-venueIds')?.textContent).toContain('请至少选择一个核销场馆')

    await act(async () => {
      fireEvent.click(screen.getByText('云溪影城'))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('生成邀请'))
    })
    await waitFor(() => expect(container.querySelector('.invite-code')?.textContent).toBe('K7QM2XPAB3CD'))
    expect(container.querySelector('.invite-qr')?.getAttribute('src') ?? '').toMatch(/^data:image\/gif/)
    const sent = requests.find((r) => r.url === '/api/staff/invitations')
    expect((sent as TransportRequest | undefined)?.data).toEqual({ role: 'venue_staff', orgId: 4, venueIds: [31], expiresInDays: 7, note: '负责周末观影核销' })
  })

  it('the server’s refusal stays on the page with everything typed', async () => {
    const { container } = await open((r) => {
      if (r.url.startsWith('/api/staff/unions')) return json(200, { items: unions, nextCursor: null })
      if (r.url === '/api/staff/invitations') {
        return json(403, { code: 'FORBIDDEN', reason: 'STAFF_ADMIN_NOT_BELOW', message: '只能任命下级工会的管理员', requestId: 'r1' })
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await act(async () => {
      fireEvent.click(screen.getByText('管理员'))
      fireEvent.click(container.querySelectorAll('.union-option')[0])
    })
    const note = container.querySelector('.invite-note') as HTMLElement
    await act(async () => {
      fireEvent(note, new CustomEvent('input', { detail: { value: '街道工会新任管理员' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('生成邀请'))
    })
    await waitFor(() => expect(container.textContent).toContain('只能任命下级工会的管理员'))
    expect(container.querySelector('.invite-code')).toBeNull()
    expect(container.querySelector('.field-orgId')?.textContent).toContain('所在工会：青禾街道总工会')
  })
})
