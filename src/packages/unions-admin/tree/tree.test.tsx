import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import UnionTreePage from './index'
import { renderSignedIn } from '../../../test/render'
import { captureReachBottom } from '../../../test/reachBottom'
import { json } from '../../../test/fakes'
import type { TransportRequest, TransportUpload } from '../../../api/client'
import type { UnionNode } from '@contract/unions/schemas'
import { adminSession, detailOf, district, express, node, street, unionA } from '../test-fixtures'

const page = (items: UnionNode[]) => json(200, { items, nextCursor: null })

function tree(r: TransportRequest | TransportUpload) {
  const url = new URL(r.url, 'http://x')
  if (url.pathname === '/api/unions') {
    const q = url.searchParams
    expect(q.get('includeClosed')).toBe('true')
    if (q.get('q')) return page([street].filter((u) => u.name.includes(q.get('q') ?? '')))
    if (q.get('parentId') === '1') return page([street, express])
    if (q.get('parentId') === '2') return page([unionA])
    if (q.get('parentId')) return page([])
    return page([district])
  }
  const one = /^\/api\/unions\/(\d+)$/.exec(url.pathname)
  const found = one && [district, street, express, unionA].find((u) => u.id === Number(one[1]))
  if (found) return json(200, detailOf(found))
  throw new Error(`unexpected ${r.url}`)
}

const open = () => renderSignedIn(<UnionTreePage />, 'admin', tree, adminSession())
const rowOf = (container: HTMLElement, id: number) => container.querySelector(`.union-row[data-id="${id}"]`) as HTMLElement
const crumbs = (container: HTMLElement) => Array.from(container.querySelectorAll('.union-crumb')).map((c) => c.textContent)

const reachBottom = captureReachBottom()

describe('工会组织', () => {
  afterEach(() => {
    jest.restoreAllMocks()
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('starts at the union of my post; a row opens its sub-unions, the breadcrumb leads back up; 新建下级工会 under the one viewed', async () => {
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
    const { container, requests } = await open()
    await waitFor(() => expect(rowOf(container, 1)).toBeTruthy())
    expect(rowOf(container, 1).textContent).toContain('区总工会 · 下级工会 2 个')
    expect(crumbs(container)).toEqual(['我管理的工会'])

    await act(async () => {
      fireEvent.click(rowOf(container, 1).querySelector('.union-row-main') as HTMLElement)
    })
    await waitFor(() => expect(rowOf(container, 2)).toBeTruthy())
    expect(crumbs(container)).toEqual(['我管理的工会', '云溪区总工会'])
    // a closed union is listed, tagged
    expect(rowOf(container, 3).querySelector('.union-closed-tag')?.textContent).toBe('已撤销')
    expect(rowOf(container, 2).querySelector('.union-closed-tag')).toBeNull()

    await act(async () => {
      fireEvent.click(rowOf(container, 2).querySelector('.union-row-main') as HTMLElement)
    })
    await waitFor(() => expect(rowOf(container, 4)).toBeTruthy())
    expect(crumbs(container)).toEqual(['我管理的工会', '云溪区总工会', '青禾街道总工会'])
    expect(rowOf(container, 2)).toBeNull()

    await act(async () => {
      fireEvent.click(screen.getByText('新建下级工会'))
    })
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/unions-admin/union/index?parentId=2' })

    // back up one level by the breadcrumb
    await act(async () => {
      fireEvent.click(screen.getByLabelText('返回云溪区总工会'))
    })
    await waitFor(() => expect(rowOf(container, 2)).toBeTruthy())
    expect(rowOf(container, 4)).toBeNull()
    expect(crumbs(container)).toEqual(['我管理的工会', '云溪区总工会'])
    const asked = requests.map((r) => new URL(r.url, 'http://x').searchParams.get('parentId'))
    expect(asked).toEqual([null, '1', '2', '1'])

    // a 基层工会 has no sub-unions: its row opens the union itself
    await act(async () => {
      fireEvent.click(rowOf(container, 2).querySelector('.union-row-main') as HTMLElement)
    })
    await waitFor(() => expect(rowOf(container, 4)).toBeTruthy())
    await act(async () => {
      fireEvent.click(rowOf(container, 4).querySelector('.union-row-main') as HTMLElement)
    })
    expect(navigate).toHaveBeenLastCalledWith({ url: '/packages/unions-admin/union/index?id=4' })
  })

  it('an empty union says what to do: 新建下级工会 or 导入工会名单', async () => {
    const empty = node({ id: 8, name: '东湖街道总工会', kind: 'street', kindLabel: '街道·乡镇总工会' })
    const { container } = await renderSignedIn(
      <UnionTreePage />,
      'admin',
      (r) => (new URL(r.url, 'http://x').searchParams.get('parentId') === '8' ? page([]) : page([empty])),
      adminSession(),
    )
    await waitFor(() => expect(rowOf(container, 8)).toBeTruthy())
    await act(async () => {
      fireEvent.click(rowOf(container, 8).querySelector('.union-row-main') as HTMLElement)
    })
    await waitFor(() => expect(container.querySelector('.state-empty')?.textContent).toContain('「东湖街道总工会」还没有下级工会'))
    expect(container.querySelector('.state-empty')?.textContent).toContain('导入工会名单')
    expect(container.querySelector('.state-empty .btn')?.textContent).toBe('新建下级工会')
  })

  it('a search finds a union anywhere in my subtree; opening it fills the breadcrumb from the top', async () => {
    const { container, requests } = await open()
    await waitFor(() => expect(rowOf(container, 1)).toBeTruthy())
    const box = container.querySelector('.union-search-input') as HTMLElement
    await act(async () => {
      fireEvent(box, new CustomEvent('input', { detail: { value: '青禾' } }))
    })
    await waitFor(() => expect(rowOf(container, 2)?.textContent).toContain('上级：云溪区总工会'))
    expect(requests.some((r) => new URL(r.url, 'http://x').searchParams.get('q') === '青禾')).toBe(true)
    await act(async () => {
      fireEvent.click(rowOf(container, 2).querySelector('.union-row-main') as HTMLElement)
    })
    await waitFor(() => expect(rowOf(container, 4)).toBeTruthy())
    expect(crumbs(container)).toEqual(['我管理的工会', '云溪区总工会', '青禾街道总工会'])
  })

  it('a long level comes a page at a time: the next page when scrolled to the end', async () => {
    const first = Array.from({ length: 20 }, (_, i) => node({ id: 100 + i, name: `第${i + 1}基层工会`, parentId: 1 }))
    const more = node({ id: 200, name: '第21基层工会' })
    const { container, requests } = await renderSignedIn(
      <UnionTreePage />,
      'admin',
      (r) => {
        const q = new URL(r.url, 'http://x').searchParams
        if (q.get('parentId') !== '1') return page([district])
        return q.get('cursor') === 'c2' ? page([more]) : json(200, { items: first, nextCursor: 'c2' })
      },
      adminSession(),
    )
    await waitFor(() => expect(rowOf(container, 1)).toBeTruthy())
    await act(async () => {
      fireEvent.click(rowOf(container, 1).querySelector('.union-row-main') as HTMLElement)
    })
    await waitFor(() => expect(container.querySelectorAll('.union-row')).toHaveLength(20))
    expect(screen.getByText('加载更多')).toBeTruthy()
    await act(async () => {
      reachBottom()
    })
    await waitFor(() => expect(rowOf(container, 200)).toBeTruthy())
    expect(container.querySelectorAll('.union-row')).toHaveLength(21)
    expect(screen.queryByText('加载更多')).toBeNull()
    expect(requests.filter((r) => new URL(r.url, 'http://x').searchParams.get('cursor') === 'c2')).toHaveLength(1)
  })
})
