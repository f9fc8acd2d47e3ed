import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import MinePage from './index'
import { renderWithStores } from '../../test/render'
import { json, sampleMe, sampleSession } from '../../test/fakes'

async function loggedIn() {
  const view = renderWithStores(<MinePage />)
  view.transport.reply(() =>
    json(200, {
      ...sampleSession('tok-1'),
      user: { ...sampleMe, roles: [...sampleMe.roles, { role: 'venue_staff', orgId: 5, orgName: '区职工文体中心' }] },
    }),
  )
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  // once logged in, 我的 asks for the 消息 badge
  await waitFor(() => expect(view.transport.requests[1]).toMatchObject({ method: 'GET', url: '/api/notifications/unread-count' }))
  await act(async () => {
    view.transport.reply(() => json(200, { unread: 3 }))
  })
  // and, for a member, the 志愿服务 hours figure
  await waitFor(() => expect(view.transport.requests[2]).toMatchObject({ method: 'GET', url: '/api/events/volunteer-hours/mine?limit=1' }))
  await act(async () => {
    view.transport.reply(() => json(200, { totalMinutes: 150, activities: 2, items: [], nextCursor: null }))
  })
  return view
}

describe('我的', () => {
  it('shows the nickname, role tags and 退出登录 when logged in', async () => {
    const { container } = await loggedIn()
    expect(container.querySelector('.mine-nickname')?.textContent).toBe('李晓梅')
    const tags = Array.from(container.querySelectorAll('.role-tag')).map((e) => e.textContent)
    expect(tags).toEqual(['会员 · 星河物流有限公司工会', '场馆核销员 · 区职工文体中心'])
    expect(screen.getByText('退出登录')).toBeTruthy()
    expect(screen.getByText('隐私保护指引')).toBeTruthy()
    await waitFor(() => expect(container.querySelector('.mine-unread')?.textContent).toBe('3'))
    // read out, not only drawn: the badge and the row say how many are unread
    expect(screen.getByLabelText('3 条未读消息')).toBe(container.querySelector('.mine-unread'))
    expect(screen.getByRole('button', { name: '消息，3 条未读消息' })).toBe(container.querySelector('.mine-messages-row'))
    await waitFor(() => expect(container.querySelector('.mine-volunteer-hours')?.textContent).toBe('2.5 小时'))
    // no admin role: no 救助类型管理, no 内容审核
    expect(container.querySelector('.workbench-aid-types')).toBeNull()
    expect(container.querySelector('.workbench-moderation')).toBeNull()
    expect(container.querySelector('.mine-avatar-notice')).toBeNull()
    expect(container.querySelector('.nickname-pending')).toBeNull()
  })

  it('what content review holds: the new nickname waiting for staff, the refused avatar (others do not see them)', async () => {
    const view = renderWithStores(<MinePage />)
    view.transport.reply(() => json(200, { ...sampleSession('tok-r'), user: { ...sampleMe, pendingNickname: '晓梅在路上', avatarNotice: '图片未通过审核' } }))
    await act(async () => {
      await view.root.session.devLogin('member')
    })
    expect(view.container.querySelector('.mine-nickname')?.textContent).toBe('李晓梅')
    expect(view.container.querySelector('.nickname-pending')?.textContent).toBe('新昵称“晓梅在路上”审核中，通过后他人可见')
    expect(view.container.querySelector('.mine-avatar-notice')?.textContent).toBe('图片未通过审核')
  })

  it('an admin’s 工作台 has 救助类型管理, which opens the list of the aid types they manage', async () => {
    const view = renderWithStores(<MinePage />)
    view.transport.reply(() => json(200, { ...sampleSession('tok-a'), user: { ...sampleMe, roles: [...sampleMe.roles, { role: 'admin', orgId: 1, orgName: '云溪区总工会' }] } }))
    await act(async () => {
      await view.root.session.devLogin('admin')
    })
    await act(async () => {
      view.transport.reply(() => json(200, { unread: 0 }))
    })
    const entry = view.container.querySelector('.workbench-aid-types') as HTMLElement
    expect(entry.textContent).toContain('救助类型管理')
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
    fireEvent.click(entry)
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/relief-staff/types/index' }))
    // 内容审核: the user content held for review in the admin's unions
    fireEvent.click(view.container.querySelector('.workbench-moderation') as HTMLElement)
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/moderation-staff/items/index' }))
    navigate.mockRestore()
  })

  it('消息设置 opens the settings page', async () => {
    await loggedIn()
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
    fireEvent.click(screen.getByText('消息设置'))
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/account/message-settings/index' }))
    navigate.mockRestore()
  })

  it('工作人员入口 opens the invitation page, where a staff invitation or the first administrator code is entered', async () => {
    await loggedIn()
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
    fireEvent.click(screen.getByText('工作人员入口'))
    expect(navigate).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/staff-invite/invite/index' }))
    navigate.mockRestore()
  })

  it('退出登录 logs out through the API and shows the login prompt', async () => {
    const { transport, root } = await loggedIn()
    // No H5 router is mounted in jsdom: observe the navigation instead of performing it.
    const reLaunch = jest.spyOn(Taro, 'reLaunch').mockResolvedValue({ errMsg: 'reLaunch:ok' })
    transport.reply(() => json(200, { ok: true }))
    await act(async () => {
      fireEvent.click(screen.getByText('退出登录'))
    })
    await waitFor(() => expect(root.session.status).toBe('anonymous'))
    expect(transport.requests[3]).toMatchObject({ method: 'POST', url: '/api/auth/logout' })
    await screen.findByText('您还没有登录')
    expect(reLaunch).toHaveBeenCalledWith({ url: '/pages/login/index' })
    reLaunch.mockRestore()
  })

  it("shows the server's message beside the nickname field when saving fails", async () => {
    const { transport, container } = await loggedIn()
    transport.reply(() => json(400, { code: 'VALIDATION', message: '请检查填写的内容', fields: { nickname: '昵称包含不允许的内容' } }))
    const input = container.querySelector('.nickname-input') as HTMLElement
    await act(async () => {
      fireEvent(input, new CustomEvent('blur', { detail: { value: '新昵称' } }))
    })
    await screen.findByText('昵称包含不允许的内容')
    expect(transport.requests[3]).toMatchObject({ method: 'PATCH', url: '/api/me', data: { nickname: '新昵称' } })
  })

  it('asks an anonymous user to log in', async () => {
    const { root } = renderWithStores(<MinePage />)
    await act(async () => root.start())
    expect(screen.getByText('您还没有登录')).toBeTruthy()
    expect(screen.getByText('去登录')).toBeTruthy()
  })

  it('关怀模式: the switch is named for screen readers, saves the choice on the server and turns the page large', async () => {
    const { container, transport } = await loggedIn()
    const row = screen.getByRole('switch')
    expect(row.getAttribute('aria-checked')).toBe('false')
    expect(container.querySelector('.mine-page')?.classList.contains('care-mode')).toBe(false)
    transport.reply(() => json(200, { ...sampleMe, careMode: true }))
    await act(async () => {
      fireEvent.click(row)
    })
    expect(transport.requests[3]).toMatchObject({ method: 'PATCH', url: '/api/me', data: { careMode: true } })
    await waitFor(() => expect(container.querySelector('.care-mode-row')?.getAttribute('data-on')).toBe('true'))
    expect(screen.getByRole('switch').getAttribute('aria-checked')).toBe('true')
    expect(container.querySelector('.mine-page')?.classList.contains('care-mode')).toBe(true)
  })
})
