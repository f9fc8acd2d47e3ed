import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import UnionsPage from './UnionsPage'
import { FakeServer, refusal } from '../../../test/fake-server'
import { renderPage } from '../../../test/render-page'

const node = (id: number, name: string, over: Record<string, unknown> = {}) => ({
  id, name, kind: 'district', kindLabel: '区总工会', parentId: null, parentName: null, level: 1, address: '示例市云溪区政府路 1 号', latitude: null, longitude: null,
  contactName: '周主席', contactPhone: '0571-87654321', creditCode: null, childCount: 2, closedAt: null, movable: false, ...over,
})
const ROOT = node(1, '云溪区总工会')
const STREET = node(2, '青禾街道总工会', { kind: 'street', kindLabel: '街道·乡镇总工会', parentId: 1, parentName: '云溪区总工会', level: 2, childCount: 0, movable: true })
const page = (items: unknown[]) => ({ body: { items, nextCursor: null } })

/** A button by its text (antd spaces out two-character labels). */
const button = (name: string) => Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s/g, '') === name)!

function server() {
  return new FakeServer()
    .on('GET /api/unions', (req) => page(req.url.includes('parentId=1') ? [STREET] : [ROOT]))
    .on('GET /api/unions/1', () => ({ body: { ...ROOT, memberCount: 12 } }))
    .on('GET /api/unions/2', () => ({ body: { ...STREET, memberCount: 0 } }))
}

describe('组织架构', () => {
  it('shows the unions of my post, loads a union’s children when opened, and the chosen one’s details with its member count', async () => {
    const s = server()
    renderPage(<UnionsPage />, s)
    const root = await screen.findByText('云溪区总工会', undefined, { timeout: 20_000 })
    expect(s.called('GET /api/unions')[0].url).not.toContain('parentId')
    await act(async () => {
      fireEvent.click(document.querySelector('.ant-tree-switcher')!)
    })
    expect(await screen.findByText('青禾街道总工会')).toBeTruthy()
    expect(s.called('GET /api/unions').some((r) => r.url.includes('parentId=1'))).toBe(true)
    await act(async () => {
      fireEvent.click(root)
    })
    expect(await screen.findByText('12 人（本级，不含下级工会）')).toBeTruthy()
    // my own post's union: no 移动 / 撤销
    expect(screen.getByText('这是您任职的工会（或根工会），只能由上级工会移动或撤销。')).toBeTruthy()
    expect(button('撤销')).toBeUndefined()
  }, 120_000)

  it('新建下级工会: the contract’s messages beside the fields, then the server’s refusal beside 名称 by its reason', async () => {
    const s = server().on('POST /api/unions', () => refusal(409, 'UNION_NAME_TAKEN', '名称重复了（措辞可变）'))
    renderPage(<UnionsPage />, s)
    fireEvent.click(await screen.findByText('云溪区总工会', undefined, { timeout: 20_000 }))
    await screen.findByText('12 人（本级，不含下级工会）')
    await act(async () => {
      fireEvent.click(button('新建下级工会'))
    })
    fireEvent.change(screen.getByLabelText('工会名称'), { target: { value: '数' } })
    fireEvent.change(screen.getByLabelText('联系电话'), { target: { value: '12345' } })
    await act(async () => {
      fireEvent.click(button('新建'))
    })
    expect(screen.getByText('请填写工会名称（至少 2 个字）')).toBeTruthy()
    expect(screen.getByText('请选择工会类型', { selector: '.ant-form-item-explain-error' })).toBeTruthy()
    expect(screen.getByText('请填写手机号或带区号的座机号，如 0571-87654321')).toBeTruthy()
    expect(s.called('POST /api/unions')).toHaveLength(0)

    fireEvent.change(screen.getByLabelText('工会名称'), { target: { value: '青禾街道总工会' } })
    fireEvent.change(screen.getByLabelText('联系电话'), { target: { value: '' } })
    fireEvent.change(screen.getByLabelText('地址'), { target: { value: '示例市云溪区数智路 88 号' } })
    await act(async () => {
      fireEvent.mouseDown(screen.getByLabelText('工会类型'))
    })
    // a district takes streets, parks, grassroots and joint unions — never another district
    expect(screen.queryByText('区总工会', { selector: '.ant-select-item-option-content' })).toBeNull()
    await act(async () => {
      fireEvent.click(await screen.findByText('园区·行业工会', { selector: '.ant-select-item-option-content' }))
    })
    await act(async () => {
      fireEvent.click(button('新建'))
    })
    expect(await screen.findByText('名称重复了（措辞可变）', { selector: '.ant-form-item-explain-error' })).toBeTruthy()
    expect(s.called('POST /api/unions')[0].data).toMatchObject({ parentId: 1, name: '青禾街道总工会', kind: 'park', address: '示例市云溪区数智路 88 号', contactPhone: null })
  }, 120_000)

  it('撤销 needs a reason, and a refusal says what to do next by its reason', async () => {
    const s = server().on('POST /api/unions/2/close', () => refusal(409, 'UNION_HAS_MEMBERS', '还有 3 名会员'))
    renderPage(<UnionsPage />, s)
    await screen.findByText('云溪区总工会', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(document.querySelector('.ant-tree-switcher')!)
    })
    fireEvent.click(await screen.findByText('青禾街道总工会'))
    await screen.findByText('0 人（本级，不含下级工会）')
    await act(async () => {
      fireEvent.click(button('撤销'))
    })
    await act(async () => {
      fireEvent.click(button('确认撤销'))
    })
    expect(screen.getByText('请填写撤销原因')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('撤销原因'), { target: { value: '企业注销' } })
    await act(async () => {
      fireEvent.click(button('确认撤销'))
    })
    expect(await screen.findByText('还有 3 名会员')).toBeTruthy()
    expect(screen.getByText('会员转出后才能撤销。')).toBeTruthy()
    await waitFor(() => expect(s.called('POST /api/unions/2/close')[0].data).toEqual({ reason: '企业注销' }))
  }, 120_000)
})
