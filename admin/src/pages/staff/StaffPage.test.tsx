import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import StaffPage from './StaffPage'
import { FakeServer, refusal } from '../../../test/fake-server'
import { renderPage } from '../../../test/render-page'

const post = (over: Record<string, unknown> = {}) => ({
  userId: 31, nickname: '审核员·赵', role: 'reviewer', roleLabel: '审核员', orgId: 6, orgName: '云溪区新就业形态劳动者联合工会',
  venues: [], stations: [], since: '2026-11-02T02:00:00.000Z', canRevoke: true, ...over,
})
const invitation = (over: Record<string, unknown> = {}) => ({
  id: 9, role: 'reviewer', roleLabel: '审核员', orgId: 6, orgName: '云溪区新就业形态劳动者联合工会', venues: [], stations: [], note: '负责入会审核',
  invitedBy: '管理员·周', createdAt: '2026-12-01T02:00:00.000Z', expiresAt: '2026-12-08T02:00:00.000Z', ...over,
})
const page = (items: unknown[]) => ({ body: { items, nextCursor: null } })
const buttons = (name: string) => Array.from(document.querySelectorAll('button')).filter((b) => b.textContent?.replace(/\s/g, '') === name)
const button = (name: string) => buttons(name)[0]

const pick = async (label: string, option: string, within: ParentNode = document) => {
  await act(async () => {
    fireEvent.mouseDown(within.querySelector(`[aria-label="${label}"]`)!)
  })
  await act(async () => {
    fireEvent.click(await screen.findByText(option, { selector: '.ant-select-item-option-content' }))
  })
}

function server() {
  return new FakeServer()
    .on('GET /api/staff/roles', () => page([post(), post({ userId: 32, nickname: '场馆核销员·陈', role: 'venue_staff', roleLabel: '场馆核销员', orgId: 1, orgName: '云溪区总工会', venues: [{ id: 1, name: '云溪影城' }], canRevoke: false })]))
    .on('GET /api/staff/invitations', () => page([invitation()]))
    .on('GET /api/staff/unions', () => page([{ id: 1, name: '云溪区总工会', parentName: null, level: 1 }, { id: 6, name: '云溪区新就业形态劳动者联合工会', parentName: '云溪科技园区工会', level: 3 }]))
}

describe('工作人员', () => {
  it('lists the posts with their venues, filters by role and union on the server, and revokes one with a reason', async () => {
    const s = server().on('POST /api/staff/roles/revoke', () => ({ body: { ok: true } }))
    renderPage(<StaffPage />, s)
    expect(await screen.findByText('审核员·赵', undefined, { timeout: 20_000 })).toBeTruthy()
    expect(screen.getByText('云溪影城')).toBeTruthy()
    // only the post the server says may be revoked has 撤销
    expect(screen.getByLabelText('撤销审核员·赵的审核员角色')).toBeTruthy()
    expect(screen.queryByLabelText('撤销场馆核销员·陈的场馆核销员角色')).toBeNull()

    await pick('角色', '审核员', document.querySelector('[data-testid="staff-posts"]')!.parentElement!)
    await waitFor(() => expect(s.called('GET /api/staff/roles').some((r) => r.url.includes('role=reviewer'))).toBe(true))
    await pick('所属工会', '云溪区新就业形态劳动者联合工会（云溪科技园区工会）')
    await waitFor(() => expect(s.called('GET /api/staff/roles').some((r) => r.url.includes('role=reviewer') && r.url.includes('orgId=6'))).toBe(true))

    await act(async () => {
      fireEvent.click(screen.getByLabelText('撤销审核员·赵的审核员角色'))
    })
    await act(async () => {
      fireEvent.click(button('确认撤销'))
    })
    expect(screen.getByText('请填写撤销原因')).toBeTruthy()
    expect(s.called('POST /api/staff/roles/revoke')).toHaveLength(0)
    fireEvent.change(screen.getByLabelText('撤销原因'), { target: { value: '已调离本单位' } })
    await act(async () => {
      fireEvent.click(button('确认撤销'))
    })
    await waitFor(() => expect(s.called('POST /api/staff/roles/revoke')[0].data).toEqual({ userId: 31, orgId: 6, role: 'reviewer', reason: '已调离本单位' }))
  }, 240_000)

  it('invites: the contract’s messages beside the fields, a refusal beside 所在工会 by its reason, then the QR, code and link', async () => {
    let refuse = true
    const s = server().on('POST /api/staff/invitations', (req) =>
      refuse
        ? refusal(403, 'STAFF_ADMIN_NOT_BELOW', '只能由上级任命（措辞可变）')
        : { body: { ...invitation({ id: 10, ...(req.data as object) }), code: 'ABCDEFGHJKMN', path: '/packages/staff-invite/invite/index?code=ABCDEFGHJKMN' } },
    )
    renderPage(<StaffPage />, s)
    await screen.findByText('审核员·赵', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(button('邀请工作人员'))
    })
    const drawer = () => document.querySelector('.ant-drawer-section') as HTMLElement
    await act(async () => {
      fireEvent.click(button('生成邀请'))
    })
    expect(screen.getByText('请选择工会')).toBeTruthy()
    expect(screen.getByText('请填写邀请原因')).toBeTruthy()
    expect(s.called('POST /api/staff/invitations')).toHaveLength(0)

    await pick('角色', '管理员', drawer())
    await pick('所属工会', '云溪区总工会', drawer())
    fireEvent.change(screen.getByLabelText('邀请原因'), { target: { value: '新任工会管理员' } })
    await act(async () => {
      fireEvent.click(button('生成邀请'))
    })
    expect(await screen.findByText('只能由上级任命（措辞可变）', { selector: '.ant-form-item-explain-error' })).toBeTruthy()
    expect(s.called('POST /api/staff/invitations')[0].data).toEqual({ role: 'admin', orgId: 1, venueIds: [], expiresInDays: 7, note: '新任工会管理员' })

    refuse = false
    await pick('角色', '审核员', drawer())
    await pick('所属工会', '云溪区新就业形态劳动者联合工会（云溪科技园区工会）', drawer())
    await act(async () => {
      fireEvent.click(button('生成邀请'))
    })
    expect(await screen.findByText('ABCDEFGHJKMN')).toBeTruthy()
    expect(screen.getByTestId('invite-qr').dataset.qr).toBe('/packages/staff-invite/invite/index?code=ABCDEFGHJKMN')
    expect(screen.getByTestId('invite-link').textContent).toBe(`${window.location.origin}/packages/staff-invite/invite/index?code=ABCDEFGHJKMN`)
  }, 240_000)

  it('撤回 a pending invitation; a refusal shows the server’s message', async () => {
    const s = server().on('DELETE /api/staff/invitations/9', () => refusal(409, 'STAFF_INVITE_USED', '已经被用掉了（措辞可变）'))
    renderPage(<StaffPage />, s)
    await screen.findByText('负责入会审核', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('撤回邀请：审核员，云溪区新就业形态劳动者联合工会'))
    })
    // the confirmation's own 撤回 (the last one: the popover opens at the end of the page)
    await act(async () => {
      fireEvent.click(buttons('撤回').pop()!)
    })
    expect(await screen.findByText('已经被用掉了（措辞可变）')).toBeTruthy()
    expect(s.called('DELETE /api/staff/invitations/9')).toHaveLength(1)
  }, 240_000)
})
