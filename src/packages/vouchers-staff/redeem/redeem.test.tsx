import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import RedeemPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleSession } from '../../../test/fakes'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { classOfStatus } from '@contract/reasons'

const venue = { id: 1, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 }
/** A refusal as the server sends it: its class, its reason's name and a message (the server's words, or any). */
const refusal = (def: { reason: string; status: number }, message: string) =>
  json(def.status, { code: classOfStatus(def.status), reason: def.reason, message })
const input = (el: Element | null, value: string) => fireEvent(el as HTMLElement, new CustomEvent('input', { detail: { value } }))

describe('券核销', () => {
  it('offers the staff member’s own venues, redeems a typed code, then shows 已使用 with when and where for the same code', async () => {
    const view = renderWithStores(<RedeemPage />)
    const { container, transport } = view
    transport.reply(
      () => json(200, sampleSession('tok-1')),
      () => json(200, { items: [{ ...venue, orgId: 1, orgName: '云溪区总工会' }, { id: 3, name: '云溪游泳馆', address: '示例市云溪区滨江路 2 号', lat: 30.27, lng: 120.15, orgId: 1, orgName: '云溪区总工会' }] }),
    )
    await act(async () => {
      await view.root.session.devLogin('venue')
    })
    await screen.findByText('选择核销场馆')
    const choice = await screen.findByText('云溪影城')
    expect(transport.requests.some((r) => (r as { url: string }).url === '/api/vouchers/redeem/venues')).toBe(true)
    expect(container.querySelectorAll('.venue-choice')).toHaveLength(2)
    // no campaign lookup: the staff never needs a campaign's figures to redeem
    expect(container.querySelector('.campaign-no-input')).toBeNull()
    await act(async () => {
      fireEvent.click(choice)
    })
    await waitFor(() => expect(container.querySelector('.venue-current-name')?.textContent).toBe('云溪影城'))

    await act(async () => {
      input(container.querySelector('.redeem-input'), 'abcd efgh jklm')
    })
    transport.reply(() => json(200, { voucherId: 7, code: 'ABCDEFGHJKLM', title: '周末观影福利券', kind: 'movie', venue, usedAt: '2026-11-23T08:00:00Z' }))
    await act(async () => {
      fireEvent.click(screen.getByText('核销'))
    })
    await waitFor(() => expect(container.querySelector('.redeem-result')?.getAttribute('data-kind')).toBe('redeemed'))
    expect(transport.requests.at(-1)).toMatchObject({ url: '/api/vouchers/redeem', data: { code: 'ABCDEFGHJKLM', venueId: 1 } })
    expect(container.querySelector('.redeem-title')?.textContent).toBe('核销成功')

    await act(async () => {
      input(container.querySelector('.redeem-input'), 'ABCDEFGHJKLM')
    })
    transport.reply(() => refusal(VoucherReasons.ALREADY_REDEEMED, '该券已于 2026-11-23 16:00 在云溪影城使用，不能重复核销'))
    await act(async () => {
      fireEvent.click(screen.getByText('核销'))
    })
    await waitFor(() => expect(container.querySelector('.redeem-result')?.getAttribute('data-kind')).toBe('already_used'))
    expect(container.querySelector('.redeem-title')?.textContent).toBe('已使用')
    expect(container.querySelector('.redeem-message')?.textContent).toContain('在云溪影城使用')
    expect(container.querySelectorAll('.outcome-item')).toHaveLength(2)
  })

  it('already used by its reason: ALREADY_REDEEMED reworded still shows 已使用 with the server’s words', async () => {
    const view = renderWithStores(<RedeemPage />)
    const { container, transport } = view
    transport.reply(() => json(200, sampleSession('tok-1')), () => json(200, { items: [{ ...venue, orgId: 1, orgName: '云溪区总工会' }] }))
    await act(async () => {
      await view.root.session.devLogin('venue')
    })
    const choice = await screen.findByText('云溪影城')
    await act(async () => {
      fireEvent.click(choice)
    })
    await waitFor(() => expect(container.querySelector('.venue-current-name')?.textContent).toBe('云溪影城'))
    await act(async () => {
      input(container.querySelector('.redeem-input'), 'ABCDEFGHJKLM')
    })
    transport.reply(() => refusal(VoucherReasons.ALREADY_REDEEMED, '这张券早上用过了'))
    await act(async () => {
      fireEvent.click(screen.getByText('核销'))
    })
    await waitFor(() => expect(container.querySelector('.redeem-result')?.getAttribute('data-kind')).toBe('already_used'))
    expect(container.querySelector('.redeem-title')?.textContent).toBe('已使用')
    expect(container.querySelector('.redeem-message')?.textContent).toBe('这张券早上用过了')
    expect(container.querySelector('.outcome-item[data-kind="already_used"] .outcome-title')?.textContent).toBe('已使用 · ABCDEFGHJKLM')
  })
})
