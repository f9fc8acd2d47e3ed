import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import Taro from '@tarojs/taro'
import UnionPage from './index'
import { renderSignedIn } from '../../../test/render'
import { StoresProvider } from '../../../stores/context'
import { stubToast } from '../../../test/toast'
import { json } from '../../../test/fakes'
import type { TransportRequest, TransportUpload } from '../../../api/client'
import type { UnionNode } from '@contract/unions/schemas'
import { adminSession, detailOf, district, express, listOf, node, street } from '../test-fixtures'

type Req = TransportRequest | TransportUpload
const at = (params: Record<string, string>) => {
  ;(globalThis as { __routerParams?: Record<string, string> }).__routerParams = params
}
const open = (handle: (r: TransportRequest) => ReturnType<typeof json>) => renderSignedIn(<UnionPage />, 'admin', (r) => handle(r as TransportRequest), adminSession())
const type = async (container: HTMLElement, selector: string, value: string) => {
  await act(async () => {
    fireEvent(container.querySelector(selector) as HTMLElement, new CustomEvent('input', { detail: { value } }))
  })
}
const valueOf = (container: HTMLElement, selector: string) => (container.querySelector(selector) as HTMLInputElement & { value?: string }).value
const sent = (requests: Req[], method: string, url: string) => requests.filter((r) => (r as TransportRequest).method === method && r.url === url) as TransportRequest[]
const detailFrom = (units: UnionNode[]) => (r: TransportRequest) => {
  const m = /^\/api\/unions\/(\d+)$/.exec(r.url)
  const u = m && r.method === 'GET' ? units.find((x) => x.id === Number(m[1])) : undefined
  return u ? json(200, detailOf(u)) : null
}

describe('工会信息', () => {
  stubToast()
  const t = Taro as unknown as { showModal?: unknown }
  const hadModal = t.showModal
  let modal: jest.Mock
  beforeEach(() => {
    modal = jest.fn(async () => ({ confirm: true, cancel: false }))
    t.showModal = modal
  })
  afterEach(() => {
    t.showModal = hadModal
    jest.restoreAllMocks()
    delete (globalThis as { __routerParams?: unknown }).__routerParams
  })

  it('新建下级工会: checked beside each field first; the body sent as typed; a name taken shows beside 名称 and everything typed stays', async () => {
    at({ parentId: '2' })
    const redirect = jest.spyOn(Taro, 'redirectTo').mockImplementation(() => Promise.resolve({ errMsg: 'redirectTo:ok' }) as never)
    let taken = true
    const { container, requests } = await open((r) => {
      const d = detailFrom([street])(r)
      if (d) return d
      if (r.method === 'POST' && r.url === '/api/unions') {
        // reworded on purpose: the page goes by the reason, not the text (and the server's `fields` left out)
        if (taken) return json(409, { code: 'CONFLICT', reason: 'UNION_NAME_TAKEN', message: '该名称在此上级下已被使用（措辞已改）', requestId: 'r1' })
        return json(200, detailOf(node({ id: 9, name: '青禾第一社区联合工会', kind: 'joint', kindLabel: '联合工会', parentId: 2 })))
      }
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(container.querySelector('.union-editor')).toBeTruthy())
    expect(container.querySelector('.notice')?.textContent).toContain('上级工会：青禾街道总工会')
    // only the kinds allowed under a 街道总工会
    expect(Array.from(container.querySelectorAll('.field-kind .choice')).map((c) => c.textContent)).toEqual(['园区·行业工会', '基层工会', '联合工会'])

    await act(async () => {
      fireEvent.click(screen.getByText('创建工会'))
    })
    expect(container.querySelector('.field-name')?.textContent).toContain('请填写工会名称')
    expect(container.querySelector('.field-kind')?.textContent).toContain('请选择工会类型')
    expect(container.querySelector('.field-address')?.textContent).toContain('请填写工会地址')
    expect(sent(requests, 'POST', '/api/unions')).toHaveLength(0)

    await type(container, '.union-input-name', '青禾第一社区联合工会')
    await act(async () => {
      fireEvent.click(screen.getByText('联合工会'))
    })
    await type(container, '.union-input-address', '示例市云溪区青禾路 18 号')
    await type(container, '.union-input-latitude', '30.28')
    await type(container, '.union-input-longitude', '120.16')
    await type(container, '.union-input-contactPhone', '0571-87650000')
    expect(container.querySelector('.field-name .field-error')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('创建工会'))
    })
    await waitFor(() => expect(container.querySelector('.field-name')?.textContent).toContain('该名称在此上级下已被使用（措辞已改）'))
    expect(sent(requests, 'POST', '/api/unions')[0].data).toEqual({
      parentId: 2,
      name: '青禾第一社区联合工会',
      kind: 'joint',
      address: '示例市云溪区青禾路 18 号',
      latitude: 30.28,
      longitude: 120.16,
      contactName: null,
      contactPhone: '0571-87650000',
      creditCode: null,
    })
    // the typed values stay
    expect(valueOf(container, '.union-input-name')).toBe('青禾第一社区联合工会')
    expect(valueOf(container, '.union-input-address')).toBe('示例市云溪区青禾路 18 号')
    expect(container.querySelector('.field-kind .choice-active')?.textContent).toBe('联合工会')
    expect(redirect).not.toHaveBeenCalled()

    taken = false
    await type(container, '.union-input-name', '青禾第一社区联合工会（二）')
    expect(container.querySelector('.field-name .field-error')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('创建工会'))
    })
    await waitFor(() => expect(redirect).toHaveBeenCalledWith({ url: '/packages/unions-admin/union/index?id=9' }))
  })

  it('what was typed for a new union is still there when the page opens again (a device draft)', async () => {
    at({ parentId: '2' })
    const view = await open((r) => detailFrom([street])(r) ?? json(500, {}))
    await waitFor(() => expect(view.container.querySelector('.union-editor')).toBeTruthy())
    await type(view.container, '.union-input-name', '青禾草稿工会')
    // the page opened afresh on the same device
    view.rerender(
      <StoresProvider store={view.root}>
        <UnionPage key='again' />
      </StoresProvider>,
    )
    await waitFor(() => expect(view.container.querySelector('.union-editor')).toBeTruthy())
    expect(valueOf(view.container, '.union-input-name')).toBe('青禾草稿工会')
  })

  it('a closed union shows 已撤销 and 恢复 (no move, no close); 恢复 after confirming', async () => {
    at({ id: '3' })
    const { container, requests } = await open((r) => {
      if (r.method === 'POST' && r.url === '/api/unions/3/reopen') return json(200, detailOf({ ...express, closedAt: null }))
      const d = detailFrom([express, district])(r)
      if (d) return d
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(container.querySelector('.union-summary .union-closed-tag')?.textContent).toBe('已撤销'))
    expect(screen.getByText('恢复')).toBeTruthy()
    expect(screen.queryByText('移动到…')).toBeNull()
    expect(screen.queryByText('撤销')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('恢复'))
    })
    await waitFor(() => expect(container.querySelector('.union-closed-tag')).toBeNull())
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '恢复工会' }))
    expect(sent(requests, 'POST', '/api/unions/3/reopen')).toHaveLength(1)
    expect(screen.getByText('撤销')).toBeTruthy()
  })

  it('撤销 asks for a reason and a confirmation; the server’s refusal is shown by its reason (open sub-unions: the way to them)', async () => {
    at({ id: '2' })
    const navigate = jest.spyOn(Taro, 'navigateTo').mockImplementation(() => Promise.resolve({ errMsg: 'navigateTo:ok' }) as never)
    const { container, requests } = await open((r) => {
      if (r.method === 'POST' && r.url === '/api/unions/2/close') {
        return json(409, { code: 'CONFLICT', reason: 'UNION_HAS_OPEN_CHILDREN', message: '下面还有 1 个工会没撤销（措辞已改）', requestId: 'r2' })
      }
      const d = detailFrom([street, district])(r)
      if (d) return d
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(screen.getByText('撤销')).toBeTruthy())
    await act(async () => {
      fireEvent.click(screen.getByText('撤销'))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤销'))
    })
    expect(container.querySelector('.union-close-form')?.textContent).toContain('请填写撤销原因')
    expect(modal).not.toHaveBeenCalled()
    await act(async () => {
      fireEvent(container.querySelector('.union-close-reason') as HTMLElement, new CustomEvent('input', { detail: { value: '街道撤并' } }))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('确认撤销'))
    })
    await waitFor(() => expect(container.querySelector('.union-actions [role="alert"]')?.textContent).toContain('下面还有 1 个工会没撤销（措辞已改）'))
    expect(sent(requests, 'POST', '/api/unions/2/close')[0].data).toEqual({ reason: '街道撤并' })
    await act(async () => {
      fireEvent.click(screen.getByText('查看下级工会'))
    })
    expect(navigate).toHaveBeenCalledWith({ url: '/packages/unions-admin/tree/index?id=2' })
    // the reason typed stays for another try
    expect(valueOf(container, '.union-close-reason')).toBe('街道撤并')
  })

  it('the union of my own post: editable, but neither movable nor closable from here', async () => {
    at({ id: '1' })
    const { container } = await open((r) => detailFrom([district])(r) ?? json(404, { code: 'NOT_FOUND', message: '不存在', requestId: 'r' }))
    await waitFor(() => expect(container.querySelector('.union-not-movable')).toBeTruthy())
    expect(screen.queryByText('移动到…')).toBeNull()
    expect(screen.queryByText('撤销')).toBeNull()
    expect(screen.getByText('保存修改')).toBeTruthy()
    // the root's kind is not chosen
    expect(container.querySelector('.field-kind .choice')).toBeNull()
  })

  it('保存修改 sends the edited fields; the server’s refusals land beside their fields (credit code by reason, VALIDATION by field)', async () => {
    at({ id: '2' })
    const answers = [
      json(409, { code: 'CONFLICT', reason: 'UNION_CREDIT_CODE_TAKEN', message: '信用代码已被别的工会用了（措辞已改）', requestId: 'r1' }),
      json(400, { code: 'VALIDATION', reason: 'VALIDATION', message: '请求参数有误', fields: { contactPhone: '联系电话格式不对（服务端）' }, requestId: 'r2' }),
      json(200, detailOf({ ...street, address: '示例市云溪区青禾路 88 号', creditCode: '91350100M000100Y43' })),
    ]
    const { container, requests } = await open((r) => {
      if (r.method === 'PUT' && r.url === '/api/unions/2') return answers.shift() as ReturnType<typeof json>
      const d = detailFrom([street, district])(r)
      if (d) return d
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(valueOf(container, '.union-input-name')).toBe('青禾街道总工会'))
    await type(container, '.union-input-address', '示例市云溪区青禾路 88 号')
    await type(container, '.union-input-creditCode', '91350100m000100y43')
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    await waitFor(() => expect(container.querySelector('.field-creditCode')?.textContent).toContain('信用代码已被别的工会用了（措辞已改）'))
    expect(sent(requests, 'PUT', '/api/unions/2')[0].data).toEqual({
      name: '青禾街道总工会',
      kind: 'street',
      address: '示例市云溪区青禾路 88 号',
      latitude: null,
      longitude: null,
      contactName: null,
      contactPhone: null,
      creditCode: '91350100M000100Y43',
    })
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    await waitFor(() => expect(container.querySelector('.field-contactPhone')?.textContent).toContain('联系电话格式不对（服务端）'))
    expect(container.querySelector('.field-creditCode .field-error')).toBeNull()
    expect(valueOf(container, '.union-input-address')).toBe('示例市云溪区青禾路 88 号')
    await act(async () => {
      fireEvent.click(screen.getByText('保存修改'))
    })
    await waitFor(() => expect(container.querySelector('.field-contactPhone .field-error')).toBeNull())
    expect(valueOf(container, '.union-input-creditCode')).toBe('91350100M000100Y43')
    expect(sent(requests, 'PUT', '/api/unions/2')).toHaveLength(3)
  })

  it('移动到…: browsing for the new parent offers only unions that may take it, then moves after confirming', async () => {
    at({ id: '4' })
    const unionA = node({ id: 4, name: '星河物流有限公司工会', parentId: 2, parentName: '青禾街道总工会', level: 3 })
    const park = node({ id: 5, name: '云溪科技园区工会', kind: 'park', kindLabel: '园区·行业工会' })
    const { container, requests } = await open((r) => {
      if (r.method === 'POST' && r.url === '/api/unions/4/move') return json(200, detailOf({ ...unionA, parentId: 5, parentName: '云溪科技园区工会' }))
      if (r.method === 'GET' && /^\/api\/unions(\?|$)/.test(r.url)) {
        const q = new URL(r.url, 'http://x').searchParams
        expect(q.get('includeClosed')).toBeNull()
        return q.get('parentId') === '1' ? listOf([street, park]) : listOf([district])
      }
      const d = detailFrom([unionA, street, park, district])(r)
      if (d) return d
      throw new Error(`unexpected ${r.method} ${r.url}`)
    })
    await waitFor(() => expect(screen.getByText('移动到…')).toBeTruthy())
    // its kind is chosen among those its parent (a 街道总工会) may have
    await waitFor(() =>
      expect(Array.from(container.querySelectorAll('.field-kind .choice')).map((c) => c.textContent)).toEqual(['园区·行业工会', '基层工会', '联合工会']),
    )
    await act(async () => {
      fireEvent.click(screen.getByText('移动到…'))
    })
    const row = (id: number) => container.querySelector(`.union-move-row[data-id="${id}"]`) as HTMLElement
    await waitFor(() => expect(row(1)).toBeTruthy())
    // 区总工会 may take a 基层工会
    expect(row(1).querySelector('.union-move-pick')).toBeTruthy()
    await act(async () => {
      fireEvent.click(row(1).querySelector('.union-row-main') as HTMLElement)
    })
    await waitFor(() => expect(row(5)).toBeTruthy())
    // its present parent is not offered; the park is
    expect(row(2).querySelector('.union-move-pick')).toBeNull()
    expect(row(2).textContent).toContain('现在的上级')
    await act(async () => {
      fireEvent.click(row(5).querySelector('.union-move-pick') as HTMLElement)
    })
    await waitFor(() => expect(container.querySelector('.union-parent')?.textContent).toBe('云溪科技园区工会'))
    expect(modal).toHaveBeenCalledWith(expect.objectContaining({ title: '移动工会' }))
    expect(sent(requests, 'POST', '/api/unions/4/move')[0].data).toEqual({ parentId: 5 })
    expect(container.querySelector('.union-move')).toBeNull()
  })
})
