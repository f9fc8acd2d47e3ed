import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import TypeLimitsPage from './index'
import { renderSignedIn } from '../../../test/render'
import { stubToast } from '../../../test/toast'
import { json, sampleMe } from '../../../test/fakes'
import type { TransportRequest, TransportResponse } from '../../../api/client'

const admin = {
  token: 'tok-admin',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { ...sampleMe, id: 7, nickname: '青禾街道管理员', roles: [{ role: 'admin' as const, orgId: 2, orgName: '青禾街道总工会' }] },
}
const view = { org: { id: 2, name: '青禾街道总工会' }, own: null, effective: { maxAmount: 2000, fieldKinds: ['text', 'textarea', 'integer', 'money', 'date', 'choice'] } }

describe('下级工会自设类型范围', () => {
  stubToast()

  it('shows what binds the union’s own types, and sets what binds the unions below it; a refusal stays beside its field', async () => {
    const answers: TransportResponse[] = [
      json(403, { code: 'FORBIDDEN', reason: 'RELIEF_LIMITS_FORBIDDEN', message: '（改写）不能替这一工会设定', requestId: 'r1' }),
      json(200, { ...view, own: { maxAmount: 1500, fieldKinds: ['text', 'textarea', 'choice'] } }),
    ]
    const { container, requests } = await renderSignedIn(
      <TypeLimitsPage />,
      'admin',
      (r) => {
        if (r.url === '/api/relief/type-limits/2' && (r as TransportRequest).method === 'GET') return json(200, view)
        if (r.url === '/api/relief/type-limits/2') return answers.shift()!
        throw new Error(`unexpected ${r.url}`)
      },
      admin,
    )
    await waitFor(() => expect(container.querySelector('.limits-effective')?.textContent).toBe('上级工会设定：每件最高 ¥2000；可收集：单行文字、多行文字、整数、金额（元）、日期、单选'))
    await act(async () => {
      fireEvent(container.querySelector('.field-maxAmount .form-input') as HTMLElement, new CustomEvent('input', { detail: { value: '1500' } }))
      fireEvent.click(container.querySelector('.field-fieldKinds .kind-integer') as HTMLElement)
      fireEvent.click(container.querySelector('.field-fieldKinds .kind-money') as HTMLElement)
      fireEvent.click(container.querySelector('.field-fieldKinds .kind-date') as HTMLElement)
    })
    await act(async () => {
      fireEvent.click(screen.getByText('保存范围'))
    })
    await waitFor(() => expect(container.querySelector('.error-box')?.textContent).toContain('（改写）不能替这一工会设定'))
    expect((container.querySelector('.field-maxAmount input') as HTMLInputElement).value).toBe('1500')
    await act(async () => {
      fireEvent.click(screen.getByText('保存范围'))
    })
    const sent = requests.filter((r) => (r as TransportRequest).method === 'PUT') as TransportRequest[]
    expect(sent).toHaveLength(2)
    expect(sent[1].data).toEqual({ maxAmount: 1500, fieldKinds: ['text', 'textarea', 'choice'] })
    await waitFor(() => expect(container.querySelector('.error-box')).toBeNull())
  })
})
