import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import ClaimPage from './index'
import JoinPage from '../join/index'
import { renderSignedIn, renderWithStores } from '../../../test/render'
import { stubToast } from '../../../test/toast'
import { json, sampleMe, sampleSession } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

const ID = '11010519491231002X'

async function open(handle: (r: TransportRequest) => ReturnType<typeof json>) {
  const view = await renderSignedIn(<ClaimPage />, 'gig', (r) => handle(r as TransportRequest), { ...sampleSession('tok-1'), user: { ...sampleMe, roles: [] } })
  await waitFor(() => expect(view.container.querySelector('.field-phoneTail')).toBeTruthy())
  await act(async () => {
    await new Promise((r) => setTimeout(r, 50))
  })
  return view
}

function type(container: HTMLElement, field: string, value: string) {
  fireEvent(container.querySelector(`.field-${field} .form-input`) as HTMLElement, new CustomEvent('input', { detail: { value } }))
}

async function fill(container: HTMLElement, phoneTail: string) {
  await act(async () => {
    type(container, 'name', '王小骑')
    type(container, 'idNumber', ID)
    type(container, 'phoneTail', phoneTail)
  })
  await act(async () => {
    fireEvent.click(screen.getByText('认证'))
  })
}

describe('会员认证', () => {
  stubToast()

  it('checks the fields beside them before asking the server', async () => {
    const { container, requests } = await open(() => {
      throw new Error('no request expected')
    })
    await act(async () => {
      type(container, 'idNumber', '110105194912310021')
      type(container, 'phoneTail', '12')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('认证'))
    })
    expect(container.querySelector('.field-name')?.textContent).toMatch(/姓名/)
    expect(container.querySelector('.field-idNumber')?.textContent).toMatch(/校验|有误|不正确/)
    expect(container.querySelector('.field-phoneTail')?.textContent).toContain('请输入手机号后 4 位')
    expect(requests).toHaveLength(0)
  })

  it('a mismatch keeps what was typed, shows the server’s words and offers 入会申请 — by its reason, whatever the words', async () => {
    const { container, requests } = await open((r) => {
      if (r.url === '/api/membership/claim') return json(400, { code: 'VALIDATION', reason: 'ROSTER_NO_MATCH', message: '台账里没有对上（改写的文案）', requestId: 'r1' })
      throw new Error(`unexpected ${r.url}`)
    })
    await fill(container, '0000')
    await waitFor(() => expect(container.textContent).toContain('台账里没有对上（改写的文案）'))
    expect(screen.getByText('去填写入会申请')).toBeTruthy()
    expect((requests[0] as TransportRequest).data).toEqual({ name: '王小骑', idNumber: ID, phoneTail: '0000' })
    expect((container.querySelector('.field-name .form-input') as HTMLInputElement).value).toBe('王小骑')
  })

  it('a match: the membership and the roles are read again and the card opens', async () => {
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }) as never)
    const { container, requests } = await open((r) => {
      if (r.url === '/api/membership/claim') return json(200, { id: 5, memberNo: 'XH-0042', orgId: 4, orgName: '星河物流有限公司工会', joinedAt: '2019-05-01T00:00:00.000Z', status: 'verified' })
      if (r.url === '/api/me') return json(200, sampleMe)
      if (r.url === '/api/membership/me') return json(200, { membership: null, application: null, draft: null, draftSavedAt: null, claimAvailable: false })
      throw new Error(`unexpected ${r.url}`)
    })
    await fill(container, '1234')
    await waitFor(() => expect(redirect).toHaveBeenCalledWith(expect.objectContaining({ url: '/packages/membership/card/index' })))
    expect(requests.map((r) => r.url)).toEqual(expect.arrayContaining(['/api/membership/claim', '/api/me', '/api/membership/me']))
    redirect.mockRestore()
  })
})

describe('入会申请 offers 会员认证', () => {
  it('only when the server says a roster claim is possible', async () => {
    for (const claimAvailable of [true, false]) {
      const view = renderWithStores(<JoinPage />)
      view.transport.fallback = (req) => {
        const url = (req as TransportRequest).url
        if (url === '/api/membership/me') return json(200, { membership: null, application: null, draft: null, draftSavedAt: null, claimAvailable })
        if (url === '/api/membership/unions') return json(200, { items: [], nextCursor: null, selected: null })
        if (url === '/api/membership/draft') return json(200, { savedAt: '2026-11-23T08:00:00.000Z' })
        throw new Error(`unexpected ${url}`)
      }
      view.transport.reply(() => json(200, { ...sampleSession('tok-1'), user: { ...sampleMe, roles: [] } }))
      await act(async () => {
        await view.root.session.devLogin('gig')
      })
      await waitFor(() => expect(view.container.querySelector('.field-idNumber')).toBeTruthy())
      expect(Boolean(view.container.querySelector('.claim-offer'))).toBe(claimAvailable)
      view.unmount()
    }
  })
})
