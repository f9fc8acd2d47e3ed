/** 消息设置: the templates with their switch and sends, saving one switch at a time, 再次订阅 from the tap, H5's note. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import MessageSettingsPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import type { SubscribeAdapter, SubscribeResult } from '../../../platform/types'

const template = (key: string, label: string, over: Record<string, unknown> = {}) => ({
  key, label, hint: `${label}时`, templateId: `tmpl_${key}`, wechat: true, credits: 0, ...over,
})
const settings = (over: { event?: Record<string, unknown>; marketing?: boolean } = {}) => ({
  templates: [
    template('join_result', '入会审核结果', { templateId: null }),
    template('event_result', '活动报名结果', { credits: 1, ...over.event }),
  ],
  marketing: over.marketing ?? true,
})

async function open(handle: (req: TransportRequest) => ReturnType<typeof json>, subscribe?: SubscribeAdapter) {
  const view = renderWithStores(<MessageSettingsPage />, { subscribe })
  const sent: TransportRequest[] = []
  view.transport.fallback = (req) => {
    sent.push(req as TransportRequest)
    return handle(req as TransportRequest)
  }
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  return { ...view, sent }
}

const switchNamed = (name: string) => screen.getByRole('switch', { name })

describe('消息设置', () => {
  it('shows each template with its switch and sends; turning one off saves it and says so', async () => {
    let current = settings()
    const { sent } = await open((req) => {
      if (req.method === 'PUT') {
        current = settings({ event: { wechat: false } })
        return json(200, current)
      }
      return json(200, current)
    })
    await screen.findByText('还可接收 1 次')
    expect(screen.getByText('暂未开通微信通知，请在“消息”中查看')).toBeTruthy()
    expect(screen.queryByRole('switch', { name: '入会审核结果微信通知' })).toBeNull() // nothing to switch on this server
    expect(switchNamed('活动报名结果微信通知').getAttribute('aria-checked')).toBe('true')
    // the browser: no WeChat notices at all, said plainly; no 再次订阅
    expect(screen.getByText(/微信通知只在微信小程序中可用/)).toBeTruthy()
    expect(screen.queryByText('再次订阅')).toBeNull()

    await act(async () => {
      fireEvent.click(switchNamed('活动报名结果微信通知'))
    })
    await screen.findByText('已关闭微信通知，消息仍会在“消息”中显示')
    expect(sent.find((r) => r.method === 'PUT')).toMatchObject({
      url: '/api/notifications/settings',
      data: { wechat: [{ key: 'event_result', on: false }] },
    })
    expect(switchNamed('活动报名结果微信通知').getAttribute('aria-checked')).toBe('false')
    expect(screen.getByText('已关闭微信通知，已订阅的 1 次为您保留')).toBeTruthy()
  })

  it('关闭 marketing notices; a refusal is shown beside the switch and the switch stays as it was', async () => {
    let fail = true
    const { sent } = await open((req) => {
      if (req.method !== 'PUT') return json(200, settings())
      if (fail) return json(503, { code: 'UNAVAILABLE', message: '服务暂不可用，请稍后重试' })
      return json(200, settings({ marketing: false }))
    })
    const marketing = await screen.findByRole('switch', { name: '新福利活动、新活动上线的推广通知' })
    await act(async () => {
      fireEvent.click(marketing)
    })
    await screen.findByText('服务暂不可用，请稍后重试')
    expect(marketing.getAttribute('aria-checked')).toBe('true')

    fail = false
    await act(async () => {
      fireEvent.click(marketing)
    })
    await screen.findByText('已关闭，不再收到此类通知')
    expect(sent.filter((r) => r.method === 'PUT').map((r) => r.data)).toEqual([{ marketing: false }, { marketing: false }])
    expect(switchNamed('新福利活动、新活动上线的推广通知').getAttribute('aria-checked')).toBe('false')
  })

  it('再次订阅 opens WeChat’s dialog from the tap, reports the acceptance and shows the new count', async () => {
    let credits = 1
    const request = jest.fn(async (ids: string[]): Promise<SubscribeResult> => ({ ok: true, accepted: ids, rejected: [] }))
    const { sent } = await open(
      (req) => {
        if (req.url === '/api/notifications/subscriptions') {
          credits = 2
          return json(200, { credits: [{ templateId: 'tmpl_event_result', remaining: 2 }] })
        }
        return json(200, settings({ event: { credits } }))
      },
      { supported: true, request },
    )
    const again = await screen.findByLabelText('再次订阅活动报名结果')
    expect(screen.queryByText(/微信通知只在微信小程序中可用/)).toBeNull()
    await act(async () => {
      fireEvent.click(again)
    })
    expect(request).toHaveBeenCalledWith(['tmpl_event_result'])
    await screen.findByText('已订阅，还可接收 2 次')
    expect(screen.getByText('还可接收 2 次')).toBeTruthy()
    expect(sent.find((r) => r.method === 'POST')).toMatchObject({ url: '/api/notifications/subscriptions', data: { accepted: ['tmpl_event_result'] } })
  })

  it('a declined dialog says how to allow it, and reports nothing', async () => {
    const request = jest.fn(async (ids: string[]): Promise<SubscribeResult> => ({ ok: true, accepted: [], rejected: ids }))
    const { sent } = await open(() => json(200, settings()), { supported: true, request })
    await act(async () => {
      fireEvent.click(await screen.findByLabelText('再次订阅活动报名结果'))
    })
    await screen.findByText(/您未同意接收/)
    expect(sent.some((r) => r.method === 'POST')).toBe(false)
  })

  it('a failed first load says why and offers 重试', async () => {
    let up = false
    await open(() => (up ? json(200, settings()) : json(503, { code: 'UNAVAILABLE', message: '服务暂不可用' })))
    await screen.findByText('服务暂不可用')
    up = true
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    await waitFor(() => expect(screen.getByText('还可接收 1 次')).toBeTruthy())
  })
})
