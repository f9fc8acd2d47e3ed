import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import LoginPage from './index'
import { renderWithStores } from '../../test/render'
import { json, sampleSession } from '../../test/fakes'

const options = {
  mode: 'dev',
  devLogin: true,
  personas: [
    { key: 'member', nickname: '李晓梅', description: '会员，星河物流有限公司工会' },
    { key: 'gig', nickname: '外卖骑手', description: '尚未入会' },
  ],
}

describe('登录页 (H5)', () => {
  it('shows a card per persona from /api/auth/options and logs in with one', async () => {
    const { transport, root } = renderWithStores(<LoginPage />)
    // The first request is answered after render so the loading state is visible.
    expect(screen.getByText('正在获取登录方式…')).toBeTruthy()
    transport.reply(() => json(200, options))
    await screen.findByText('李晓梅')
    expect(screen.getByText('演示登录')).toBeTruthy()
    expect(screen.getByText('外卖骑手')).toBeTruthy()
    expect(screen.getByText('尚未入会')).toBeTruthy()
    expect(transport.requests[0]).toMatchObject({ method: 'GET', url: '/api/auth/options' })
    expect(screen.queryByText('微信一键登录')).toBeNull()

    transport.reply(() => json(200, sampleSession('tok-x')))
    await act(async () => {
      fireEvent.click(screen.getByText('李晓梅'))
    })
    await waitFor(() => expect(root.session.status).toBe('authenticated'))
    expect(transport.requests[1]).toMatchObject({ url: '/api/auth/dev-login', data: { persona: 'member' } })
  })

  it('hides 演示登录 when the server has devLogin off and explains that WeChat is needed', async () => {
    const { transport } = renderWithStores(<LoginPage />)
    transport.reply(() => json(200, { ...options, mode: 'wechat', devLogin: false }))
    await screen.findByText('请在微信中使用')
    expect(screen.queryByText('演示登录')).toBeNull()
    expect(screen.queryByText('李晓梅')).toBeNull()
  })

  it('on a Cloud Hosting server (H5 inside WeChat) logs in with the gateway’s identity: no code, no personas', async () => {
    const { transport, root } = renderWithStores(<LoginPage />)
    transport.reply(() => json(200, { mode: 'cloudhosting', devLogin: false, personas: [] }))
    await screen.findByText('微信一键登录')
    expect(screen.queryByText('请在微信中使用')).toBeNull()
    transport.reply(() => json(200, sampleSession('tok-gw')))
    await act(async () => {
      fireEvent.click(screen.getByText('微信一键登录'))
    })
    await waitFor(() => expect(root.session.status).toBe('authenticated'))
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/auth/cloud-login' })
  })

  it("shows the server's Chinese message when options fail, and retries", async () => {
    const { transport } = renderWithStores(<LoginPage />)
    transport.reply(() => json(503, { code: 'INTERNAL', message: '服务维护中，请稍后再试' }))
    await screen.findByText('服务维护中，请稍后再试')
    transport.reply(() => json(200, options))
    await act(async () => {
      fireEvent.click(screen.getByText('重新获取'))
    })
    await screen.findByText('李晓梅')
  })

  it('演示登录 refused as LOGIN_MODE_DISABLED (by reason, not wording): asks the server again and shows what it offers now', async () => {
    const { transport, root } = renderWithStores(<LoginPage />)
    transport.reply(() => json(200, options))
    await screen.findByText('李晓梅')
    transport.reply(
      () => json(403, { code: 'FORBIDDEN', reason: 'LOGIN_MODE_DISABLED', message: '（改写过的提示）此登录方式已关闭' }),
      () => json(200, { ...options, mode: 'wechat', devLogin: false }),
    )
    await act(async () => {
      fireEvent.click(screen.getByText('李晓梅'))
    })
    await screen.findByText('请在微信中使用')
    expect(screen.getByText('（改写过的提示）此登录方式已关闭')).toBeTruthy()
    expect(screen.queryByText('演示登录')).toBeNull()
    expect(transport.requests.map((r) => r.url)).toEqual(['/api/auth/options', '/api/auth/dev-login', '/api/auth/options'])
    expect(root.session.isAuthenticated).toBe(false)
  })

  it('any other refusal of 演示登录 is shown and the personas stay', async () => {
    const { transport } = renderWithStores(<LoginPage />)
    transport.reply(() => json(200, options))
    await screen.findByText('李晓梅')
    transport.reply(() => json(429, { code: 'RATE_LIMITED', reason: 'RATE_LIMITED', message: '操作太频繁，请稍后再试' }))
    await act(async () => {
      fireEvent.click(screen.getByText('李晓梅'))
    })
    await screen.findByText('操作太频繁，请稍后再试')
    expect(screen.getByText('演示登录')).toBeTruthy()
    expect(transport.requests).toHaveLength(2)
  })
})
