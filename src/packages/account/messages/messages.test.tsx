import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import MessagesPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import * as taro from '@tarojs/taro'

// Page hooks the jsdom setup does not provide: no pull-down or scroll-to-end here (加载更多 is tapped).
const hooks = taro as unknown as Record<string, unknown>
for (const name of ['usePullDownRefresh', 'useReachBottom']) {
  if (typeof hooks[name] !== 'function') hooks[name] = () => undefined
}

const msg = (id: number) => ({
  id, kind: 'membership.approved', title: `消息${id}`, body: '您的入会申请已通过', link: null, createdAt: '2026-11-23T06:00:00.000Z', readAt: '2026-11-23T06:10:00.000Z',
})

async function open(pages: Record<string, unknown>) {
  const view = renderWithStores(<MessagesPage />)
  view.transport.fallback = (req) => {
    const url = (req as TransportRequest).url
    if (!(url in pages)) throw new Error(`unexpected ${url}`)
    const page = pages[url]
    return page instanceof Error ? json(503, { code: 'UNAVAILABLE', message: page.message }) : json(200, page)
  }
  view.transport.reply(() => json(200, sampleSession('tok-1')))
  await act(async () => {
    await view.root.session.devLogin('member')
  })
  return view
}

describe('消息', () => {
  it('lists the messages and the older ones on 加载更多, then says there are no more', async () => {
    const { container } = await open({
      '/api/notifications?limit=20': { items: [msg(3), msg(2)], unread: 0, hasMore: true },
      '/api/notifications?limit=20&before=2': { items: [msg(1)], unread: 0, hasMore: false },
    })
    await screen.findByText('消息3')
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
    })
    await screen.findByText('没有更早的消息了')
    expect(Array.from(container.querySelectorAll('.message-title')).map((e) => e.textContent)).toEqual(['消息3', '消息2', '消息1'])
  })

  it('says what will show up here when there is nothing yet', async () => {
    await open({ '/api/notifications?limit=20': { items: [], unread: 0, hasMore: false } })
    await screen.findByText('暂无消息')
  })

  it('a failed first load says why and offers 重试', async () => {
    const { transport } = await open({ '/api/notifications?limit=20': new Error('服务暂不可用') })
    await screen.findByText('服务暂不可用')
    transport.fallback = () => json(200, { items: [msg(1)], unread: 0, hasMore: false })
    await act(async () => {
      fireEvent.click(screen.getByText('重试'))
    })
    await waitFor(() => expect(screen.getByText('消息1')).toBeTruthy())
  })
})
