import { act, fireEvent, screen } from '@testing-library/react'
import VerifyPage from './index'
import { renderWithStores } from '../../../test/render'
import { json } from '../../../test/fakes'

describe('会员卡核验', () => {
  it('verifies a pasted code and shows the result big', async () => {
    const { container, transport } = renderWithStores(<VerifyPage />)
    const input = container.querySelector('.verify-input') as HTMLElement
    await act(async () => {
      fireEvent(input, new CustomEvent('input', { detail: { value: ' abc.def ' } }))
    })
    transport.reply(() =>
      json(200, { result: 'valid', message: '有效会员', nameMasked: '李*梅', orgName: '星河物流有限公司工会', memberNo: 'GH2026000001', checkedAt: '2026-11-23T08:00:00Z' }),
    )
    await act(async () => {
      fireEvent.click(screen.getByText('核验'))
    })
    const result = await screen.findByText('有效会员', { selector: '.verify-title' })
    expect(result.closest('.verify-result')?.getAttribute('data-result')).toBe('valid')
    expect(container.querySelector('.verify-name')?.textContent).toBe('姓名：李*梅')
    expect(container.querySelector('.verify-member-no')?.textContent).toBe('会员号：GH2026000001')
    expect(transport.requests[0]).toMatchObject({ method: 'POST', url: '/api/membership/card/verify', data: { code: 'abc.def' } })
  })

  it('shows an expired code', async () => {
    const { container, transport } = renderWithStores(<VerifyPage />)
    await act(async () => {
      fireEvent(container.querySelector('.verify-input') as HTMLElement, new CustomEvent('input', { detail: { value: 'old' } }))
    })
    transport.reply(() => json(200, { result: 'expired', message: '会员码已过期，请让会员刷新', nameMasked: null, orgName: null, memberNo: null, checkedAt: '2026-11-23T08:00:00Z' }))
    await act(async () => {
      fireEvent.click(screen.getByText('核验'))
    })
    await screen.findByText('已过期')
    expect(container.querySelector('.verify-result')?.getAttribute('data-result')).toBe('expired')
    expect(screen.getByText('会员码已过期，请让会员刷新')).toBeTruthy()
  })

  it('a malformed code is refused beside the field (gone once the code is retyped); other refusals below it', async () => {
    const { container, transport } = renderWithStores(<VerifyPage />)
    const input = container.querySelector('.verify-input') as HTMLElement
    await act(async () => {
      fireEvent(input, new CustomEvent('input', { detail: { value: 'x' } }))
    })
    transport.reply(() => json(400, { code: 'VALIDATION', reason: 'VALIDATION', message: '请检查填写的内容', fields: { code: '会员码格式不正确' } }))
    await act(async () => {
      fireEvent.click(screen.getByText('核验'))
    })
    await screen.findByText('会员码格式不正确')
    expect(container.querySelector('.field-code .field-error')?.textContent).toBe('会员码格式不正确')
    expect(screen.queryByText('请检查填写的内容')).toBeNull()
    await act(async () => {
      fireEvent(input, new CustomEvent('input', { detail: { value: 'xy' } }))
    })
    expect(screen.queryByText('会员码格式不正确')).toBeNull()
    transport.reply(() => json(403, { code: 'FORBIDDEN', reason: 'FORBIDDEN', message: '没有权限进行此操作' }))
    await act(async () => {
      fireEvent.click(screen.getByText('核验'))
    })
    await screen.findByText('没有权限进行此操作')
    expect(container.querySelector('.field-code .field-error')).toBeNull()
  })
})
