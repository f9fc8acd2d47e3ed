import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import MembershipReviewPage from './MembershipReviewPage'
import { FakeServer } from '../../../test/fake-server'
import { renderPage } from '../../../test/render-page'

const item = (id: number, name: string, overdue = false) => ({
  id, name, employmentType: 'delivery', org: { id: 5, name: '星河物流有限公司工会' }, submittedAt: '2026-11-13T01:00:00.000Z', waitingHours: 170, overdue, resubmission: false,
})

describe('入会审核', () => {
  it('pages by cursor with 加载更多, and bulk-approves the selected rows, showing each row’s result', async () => {
    const server = new FakeServer()
      .on('GET /api/membership/review', (req) =>
        req.url.includes('cursor=c2')
          ? { body: { items: [item(3, '王三')], nextCursor: null } }
          : { body: { items: [item(1, '张一', true), item(2, '李二')], nextCursor: 'c2' } },
      )
      .on('POST /api/membership/review/bulk-approve', (req) => ({
        body: {
          approved: 1,
          refused: 1,
          results: (req.data as { ids: number[] }).ids.map((id) =>
            id === 1 ? { id, ok: true, reason: null, message: null } : { id, ok: false, reason: 'APPLICATION_DECIDED', message: '该申请已处理，请刷新后查看' },
          ),
        },
      }))
    renderPage(<MembershipReviewPage />, server)
    expect(await screen.findByText('张一', undefined, { timeout: 8000 })).toBeTruthy()
    expect(screen.getByText('已超时')).toBeTruthy()
    await act(async () => {
      fireEvent.click(screen.getByText('加载更多'))
    })
    expect(await screen.findByText('王三')).toBeTruthy()
    expect(server.called('GET /api/membership/review')[1].url).toContain('cursor=c2')

    const boxes = () => Array.from(document.querySelectorAll<HTMLInputElement>('tbody input[type="checkbox"]'))
    fireEvent.click(boxes()[0])
    fireEvent.click(boxes()[1])
    await act(async () => {
      fireEvent.click(screen.getByText('批量通过（2）'))
    })
    await waitFor(() => expect(server.called('POST /api/membership/review/bulk-approve')).toHaveLength(1))
    expect(server.called('POST /api/membership/review/bulk-approve')[0].data).toEqual({ ids: [1, 2] })
    expect(await screen.findByText('已通过')).toBeTruthy()
    expect(screen.getByText('该申请已处理，请刷新后查看')).toBeTruthy()
    // The refused row stays selected for another try.
    expect(screen.getByText('批量通过（1）')).toBeTruthy()
  })

  it('sends the chosen filters to the server and starts again from the first page', async () => {
    const server = new FakeServer().on('GET /api/membership/review', () => ({ body: { items: [item(1, '张一', true)], nextCursor: null } }))
    renderPage(<MembershipReviewPage />, server)
    await screen.findByText('张一', undefined, { timeout: 8000 })
    expect(server.called('GET /api/membership/review')[0].url).toContain('sort=oldest')
    const sort = screen.getByLabelText('排序')
    await act(async () => {
      fireEvent.mouseDown(sort)
    })
    await act(async () => {
      fireEvent.click(await screen.findByText('最新提交在前'))
    })
    await waitFor(() => expect(server.called('GET /api/membership/review')).toHaveLength(2))
    const url = server.called('GET /api/membership/review')[1].url
    expect(url).toContain('sort=newest')
    expect(url).not.toContain('cursor=')
  })
})
