/**
 * The queues' 排序 as a page test drives it: a fake list that answers oldest or newest first (`page(items, nextCursor)`
 * builds the page's own body), and the check that 排序 → `option` asks again from the first page with sort=newest,
 * shows `newestFirst` on top, and 加载更多 sends the newest page's cursor under the same order.
 */
import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import type { FakeServer } from './fake-server'

export function sortedList<T>(oldestFirst: T[], page: (items: T[], nextCursor: string | null) => unknown) {
  return (req: { url: string }) => {
    if (req.url.includes('cursor=')) return { body: page([], null) }
    const newest = req.url.includes('sort=newest')
    return { body: page(newest ? [...oldestFirst].reverse() : oldestFirst, newest ? 'n1' : 'o1') }
  }
}

const firstRow = () => document.querySelector('.ant-table-tbody tr.ant-table-row')?.textContent ?? ''

export async function expectSortNewest(s: FakeServer, route: string, option: string, oldestFirst: string, newestFirst: string) {
  expect(firstRow()).toContain(oldestFirst)
  expect(s.called(route)[0].url).toContain('sort=oldest')
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText('排序'))
  })
  await act(async () => {
    fireEvent.click(await screen.findByText(option, { selector: '.ant-select-item-option-content' }))
  })
  await waitFor(() => expect(firstRow()).toContain(newestFirst))
  const asked = s.called(route)
  expect(asked[asked.length - 1].url).toContain('sort=newest')
  expect(asked[asked.length - 1].url).not.toContain('cursor=')
  await act(async () => {
    fireEvent.click(Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s/g, '') === '加载更多')!)
  })
  await waitFor(() => expect(s.called(route).some((r) => r.url.includes('cursor=n1') && r.url.includes('sort=newest'))).toBe(true))
}
