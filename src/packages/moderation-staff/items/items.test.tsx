/** 内容审核 rendered: the held items (text and image), 通过 / 不通过 sent for the right item, empty and error states. */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import ItemsPage from './index'
import { renderSignedIn } from '../../../test/render'
import { json, sampleMe, sampleSession } from '../../../test/fakes'
import { stubToast } from '../../../test/toast'
import { captureReachBottom } from '../../../test/reachBottom'
import type { TransportRequest, TransportUpload } from '../../../api/client'
import type { ModerationItem } from '@contract/moderation/schemas'

const adminSession = () => ({
  ...sampleSession('tok-admin'),
  user: { ...sampleMe, id: 5, nickname: '管理员·周', roles: [{ role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' }] },
})

const item = (over: Partial<ModerationItem>): ModerationItem => ({
  id: 1,
  kind: 'stations.report',
  kindLabel: '驿站问题反馈',
  text: '门口有人招揽刷单',
  photo: null,
  ownerName: '李晓梅',
  orgName: '星河物流有限公司工会',
  source: 'wordlist',
  suggest: 'review',
  label: '刷单',
  status: 'held',
  createdAt: '2026-11-23T02:00:00.000Z',
  decidedAt: null,
  note: null,
  ...over,
})

/** A fake server holding `items` in the queue: a decision takes the item out. */
function server(items: ModerationItem[]) {
  const queue = [...items]
  const handle = (req: TransportRequest | TransportUpload) => {
    const r = req as TransportRequest
    if (r.method === 'GET' && r.url.startsWith('/api/moderation/items')) {
      const status = new URLSearchParams(r.url.split('?')[1]).get('status')
      return json(200, { items: status === 'held' ? queue : [], nextCursor: null })
    }
    const decided = /^\/api\/moderation\/items\/(\d+)\/(approve|reject)$/.exec(r.url)
    if (r.method === 'POST' && decided) {
      const at = queue.findIndex((i) => i.id === Number(decided[1]))
      const [it] = queue.splice(at, 1)
      return json(200, { ...it, status: decided[2] === 'approve' ? 'approved' : 'rejected', decidedAt: '2026-11-23T03:00:00.000Z' })
    }
    throw new Error(`unexpected ${r.method} ${r.url}`)
  }
  return { handle, queue }
}

const posts = (requests: unknown[]) => (requests as TransportRequest[]).filter((r) => r.method === 'POST').map((r) => [r.url, r.data])

const reachBottom = captureReachBottom()

describe('内容审核', () => {
  const toast = stubToast()
  afterEach(() => toast.mockClear())

  it('lists what is held — the text with why it was held, an image — and 通过 / 不通过 decide that item only', async () => {
    const s = server([
      item({ id: 1 }),
      item({ id: 2, kind: 'stations.report_photo', kindLabel: '问题反馈照片', text: null, photo: { id: 'f1', url: '/api/files/f1?exp=1&sig=s' }, source: 'wechat', label: '21000' }),
    ])
    const { container, requests } = await renderSignedIn(<ItemsPage />, 'admin', s.handle, adminSession())
    await waitFor(() => expect(container.querySelectorAll('.moderation-item')).toHaveLength(2))
    const [text, image] = Array.from(container.querySelectorAll('.moderation-item'))
    expect(text.querySelector('.moderation-text')?.textContent).toBe('门口有人招揽刷单')
    expect(text.querySelector('.moderation-meta')?.textContent).toContain('李晓梅 · 星河物流有限公司工会')
    expect(text.querySelector('.moderation-meta')?.textContent).toContain('本地敏感词：刷单')
    expect(image.querySelector('.moderation-photo')?.getAttribute('src')).toBe('/api/files/f1?exp=1&sig=s')
    expect(image.querySelector('.moderation-meta')?.textContent).toContain('微信内容安全')
    expect(image.querySelector('.moderation-status')?.textContent).toBe('待审核')

    await act(async () => {
      fireEvent.click(image.querySelector('.moderation-reject') as HTMLElement)
    })
    await waitFor(() => expect(container.querySelectorAll('.moderation-item')).toHaveLength(1))
    expect(toast).toHaveBeenCalledWith(expect.objectContaining({ title: '已设为不通过' }))
    await act(async () => {
      fireEvent.click(screen.getByText('通过'))
    })
    await waitFor(() => expect(screen.getByText('暂无待审核内容')).toBeTruthy())
    expect(posts(requests)).toEqual([
      ['/api/moderation/items/2/reject', {}],
      ['/api/moderation/items/1/approve', undefined],
    ])
  })

  it('a refused decision (already decided elsewhere) shows its reason beside the item', async () => {
    const s = server([item({ id: 3 })])
    const handle = (req: TransportRequest | TransportUpload) =>
      (req as TransportRequest).method === 'POST'
        ? json(409, { code: 'CONFLICT', reason: 'MODERATION_ITEM_DECIDED', message: '该内容已处理', requestId: 'r' })
        : s.handle(req)
    const { container } = await renderSignedIn(<ItemsPage />, 'admin', handle, adminSession())
    await waitFor(() => expect(container.querySelectorAll('.moderation-item')).toHaveLength(1))
    await act(async () => {
      fireEvent.click(screen.getByText('通过'))
    })
    await waitFor(() => expect(container.querySelector('.moderation-item [role="alert"]')?.textContent).toContain('该内容已处理'))
  })

  it('the next page comes on scrolling to the end', async () => {
    const handle = (req: TransportRequest | TransportUpload) => {
      const url = (req as TransportRequest).url
      return url.includes('cursor=c2')
        ? json(200, { items: [item({ id: 9, text: '第二页' })], nextCursor: null })
        : json(200, { items: [item({ id: 1 })], nextCursor: 'c2' })
    }
    const { container } = await renderSignedIn(<ItemsPage />, 'admin', handle, adminSession())
    await waitFor(() => expect(container.querySelectorAll('.moderation-item')).toHaveLength(1))
    await act(async () => {
      reachBottom()
    })
    await waitFor(() => expect(container.querySelectorAll('.moderation-item')).toHaveLength(2))
    expect(screen.getByText('第二页')).toBeTruthy()
  })

  it('empty queue: says where items come from; the other tabs ask for decided items', async () => {
    const s = server([])
    const { container, requests } = await renderSignedIn(<ItemsPage />, 'admin', s.handle, adminSession())
    await waitFor(() => expect(screen.getByText('暂无待审核内容')).toBeTruthy())
    expect(container.textContent).toContain('会员发布的内容被微信内容安全或敏感词拦下时，会出现在这里')
    await act(async () => {
      fireEvent.click(screen.getByText('未通过'))
    })
    await waitFor(() => expect((requests as TransportRequest[]).some((r) => r.url.includes('status=rejected'))).toBe(true))
    await waitFor(() => expect(screen.getByText('暂无记录')).toBeTruthy())
  })
})
