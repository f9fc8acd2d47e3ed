import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import JoinPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleMe, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const FIRST_UNIONS = { items: [{ id: 11, name: '星河物流有限公司工会', parentName: '科技园区工会' }], nextCursor: null, selected: null }

async function openJoin(mine: unknown = { membership: null, application: null, draft: null, draftSavedAt: null }, unions: Record<string, unknown> = {}) {
  const view = renderWithStores(<JoinPage />)
  view.transport.fallback = (req) => {
    const url = (req as TransportRequest).url
    if (url === '/api/membership/me') return json(200, mine)
    if (unions[url]) return json(200, unions[url])
    if (url === '/api/membership/unions') return json(200, FIRST_UNIONS)
    if (url === '/api/membership/draft') return json(200, { savedAt: '2026-11-23T08:00:00.000Z' })
    throw new Error(`unexpected ${url}`)
  }
  view.transport.reply(() => json(200, { ...sampleSession('tok-1'), user: { ...sampleMe, roles: [] } }))
  await act(async () => {
    await view.root.session.devLogin('applicant')
  })
  await waitFor(() => expect(view.container.querySelector('.field-idNumber')).toBeTruthy())
  // Let Taro's web components finish loading (as a person would before typing).
  await act(async () => {
    await new Promise((r) => setTimeout(r, 50))
  })
  return view
}

function type(container: HTMLElement, field: string, value: string) {
  const input = container.querySelector(`.field-${field} .form-input`) as HTMLElement
  fireEvent(input, new CustomEvent('input', { detail: { value } }))
}

describe('入会申请', () => {
  it('shows the check-digit message beside the ID number field', async () => {
    const { container } = await openJoin()
    await act(async () => {
      type(container, 'idNumber', '110105194912310021')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('提交申请'))
    })
    expect(container.querySelector('.field-idNumber .field-error')?.textContent).toBe('身份证号码校验位不正确，请核对后重新输入')
    expect(container.querySelector('.field-consentSensitive .field-error')?.textContent).toBe('请阅读并同意敏感个人信息处理规则')
    expect(screen.getByText(/身份证号仅用于实名入会核验，加密存储，仅所属工会审核人员可查看/)).toBeTruthy()
    expect(container.querySelector('.field-consentSensitive [role="checkbox"]')?.getAttribute('aria-checked')).toBe('false')
  })

  it('shows birth date and gender once the ID number is valid, and says the draft is saved', async () => {
    const { container } = await openJoin()
    await act(async () => {
      type(container, 'idNumber', '11010519491231002X')
    })
    expect(container.querySelector('.id-derived')?.textContent).toContain('1949年12月31日')
    expect(container.querySelector('.id-derived')?.textContent).toContain('女')
    expect(screen.getByText(/草稿已保存/)).toBeTruthy()
  })

  it('shows the reject reason above the prefilled form', async () => {
    const view = await openJoin({
      membership: null,
      draft: null,
      draftSavedAt: null,
      application: {
        id: 3, status: 'rejected', name: '李晓梅', idNumberMasked: '1101**********002X', birthDate: '1949-12-31', gender: 'female',
        phoneMasked: '138****8000', employer: '星河', employmentType: 'delivery', org: { id: 11, name: '星河物流有限公司工会' },
        districtFallback: false, submittedAt: '2026-11-20T08:00:00Z', decidedAt: '2026-11-21T08:00:00Z', rejectReason: '单位名称不完整',
        expectedBy: '2026-11-25T08:00:00Z', timeline: [],
      },
    })
    expect(screen.getByText('原因：单位名称不完整')).toBeTruthy()
    expect(view.container.querySelector('.field-orgId .choice-active')?.textContent).toBe('星河物流有限公司工会')
    expect((view.container.querySelector('.field-name input') as HTMLInputElement | null)?.value).toBe('李晓梅')
  })
})

describe('入会申请 · 草稿与身份证号', () => {
  it('restores a server draft with its numbers masked in the placeholders, to be left empty', async () => {
    const { container } = await openJoin({
      membership: null,
      application: null,
      draft: { name: '王小骑', employmentType: 'delivery', noFixedEmployer: true, idNumberMasked: '1101**********002X', phoneMasked: '138****8000' },
      draftSavedAt: '2026-11-23T08:00:00.000Z',
    })
    expect((container.querySelector('.field-name input') as HTMLInputElement | null)?.value).toBe('王小骑')
    expect(container.querySelector('.field-idNumber input')?.getAttribute('placeholder')).toBe('已保存 1101**********002X，无需修改可留空')
    expect(container.querySelector('.field-phone input')?.getAttribute('placeholder')).toBe('已保存 138****8000，无需修改可留空')
    expect(container.querySelector('.kept-on-file')?.textContent).toBe('已加密保存在草稿中的号码仅显示部分，留空即沿用')
    expect((container.querySelector('.field-idNumber input') as HTMLInputElement | null)?.value).toBe('')
  })

  it('shows "already registered" beside the ID number, naming no union', async () => {
    const view = await openJoin()
    const { container, transport } = view
    const message = '该身份证号已登记，如有疑问请联系工会'
    const fallback = transport.fallback
    transport.fallback = (req) =>
      (req as TransportRequest).url === '/api/membership/applications'
        ? json(409, { reason: 'MEMBERSHIP_ID_REGISTERED', message, fields: { idNumber: message } })
        : fallback!(req)
    await act(async () => {
      type(container, 'name', '王小骑')
      type(container, 'idNumber', '11010519491231002X')
      type(container, 'phone', '13800138000')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('无固定单位'))
      fireEvent.click(screen.getByText('外卖配送员'))
      fireEvent.click(screen.getByText('星河物流有限公司工会'))
      fireEvent.click(screen.getByText(/我同意工会处理我的身份证号/))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('提交申请'))
    })
    await waitFor(() => expect(container.querySelector('.field-idNumber .field-error')?.textContent).toBe(message))
  })
})

describe('入会申请 · 所属工会很多时', () => {
  it('offers a name search and shows the union chosen in the draft even when it is not on the first page', async () => {
    const far = { id: 977, name: '青禾第977基层工会', parentName: '青禾街道总工会' }
    const { container } = await openJoin(
      { membership: null, application: null, draft: { orgId: 977, idNumberMasked: null, phoneMasked: null }, draftSavedAt: '2026-11-23T08:00:00.000Z' },
      {
        '/api/membership/unions': { ...FIRST_UNIONS, nextCursor: 'u2' },
        '/api/membership/unions?selected=977&limit=1': { ...FIRST_UNIONS, nextCursor: 'u2', selected: far },
      },
    )
    await waitFor(() => expect(container.querySelector('.field-orgId .choice-active')?.textContent).toBe('青禾第977基层工会'))
    expect(container.querySelector('.union-search')).toBeTruthy()
    expect(screen.getByText('仅显示部分工会，找不到请输入更完整的名称')).toBeTruthy()
  })
})
