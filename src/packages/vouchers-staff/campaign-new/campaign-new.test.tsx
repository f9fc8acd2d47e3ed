import { act, fireEvent, screen, waitFor } from '@testing-library/react'
import * as taro from '@tarojs/taro'
import CampaignNewPage from './index'
import { renderWithStores } from '../../../test/render'
import { json, sampleMe } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'

// Like useDidShow in setup-pages: attached by the framework at build time; a no-op here.
const t = taro as unknown as Record<string, unknown>
if (typeof t.useDidHide !== 'function') t.useDidHide = () => undefined

const adminSession = {
  token: 'tok-a',
  expiresAt: '2099-01-01T00:00:00.000Z',
  user: { ...sampleMe, id: 5, nickname: '管理员·周', roles: [{ role: 'admin' as const, orgId: 1, orgName: '云溪区总工会' }] },
}
/** Taro's Input renders its <input> asynchronously: type only once it is there. */
const mounted = (container: HTMLElement, field: string, n = 1) =>
  waitFor(() => expect(container.querySelectorAll(`.field-${field} input`).length).toBeGreaterThanOrEqual(n))
const typeInto = (container: HTMLElement, field: string, value: string, nth = 0) =>
  fireEvent(container.querySelectorAll(`.field-${field} .form-input`)[nth] as HTMLElement, new CustomEvent('input', { detail: { value } }))

describe('新建福利活动', () => {
  it('shows Chinese errors beside the fields, then the server’s per-field 400 messages', async () => {
    const view = renderWithStores(<CampaignNewPage />)
    const { container, transport } = view
    transport.reply(() => json(200, adminSession), () => json(200, { items: [] }))
    await act(async () => {
      await view.root.session.devLogin('admin')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    expect(container.querySelector('.field-kind .field-error')?.textContent).toBe('请选择券种')
    expect(container.querySelector('.field-title .field-error')?.textContent).toBe('请填写活动名称')
    expect(container.querySelector('.field-venue-name .field-error')?.textContent).toBe('请填写场馆名称')
    expect(container.querySelector('.field-venue-coords .field-error')?.textContent).toBe('请填写经纬度，或点击“使用当前位置”')
    expect(transport.requests).toHaveLength(2) // only the login and the registry's venues: nothing sent

    await act(async () => {
      fireEvent.click(screen.getByText('电影'))
      typeInto(container, 'title', '十二月观影福利券')
      typeInto(container, 'venue-name', '云溪影城')
      typeInto(container, 'venue-address', '示例市云溪区青禾路 1 号')
      typeInto(container, 'venue-coords', '30.2749', 0)
      typeInto(container, 'venue-coords', '120.1562', 1)
      typeInto(container, 'closesAt', '2020-01-01 10:00')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    expect(container.querySelector('.field-closesAt .field-error')?.textContent).toBe('截止时间须晚于开抢时间')
    await act(async () => {
      typeInto(container, 'closesAt', '2099-01-01 10:00')
    })
    transport.reply(() => json(400, { code: 'VALIDATION', message: '场馆名称重复', fields: { 'venues.0.name': '场馆名称重复' } }))
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    await waitFor(() => expect(container.querySelector('.field-venue-name .field-error')?.textContent).toBe('场馆名称重复'))
    const sent = transport.requests.at(-1) as TransportRequest
    expect(sent).toMatchObject({ method: 'POST', url: '/api/vouchers/manage/campaigns' })
    expect(sent.data).toMatchObject({ kind: 'movie', orgId: 1, title: '十二月观影福利券', venues: [{ name: '云溪影城', lat: 30.2749, lng: 120.1562 }] })
    expect(String((sent.data as { opensAt: string }).opensAt)).toMatch(/^\d{4}-\d{2}-\d{2}T10:00:00[+-]\d{2}:\d{2}$/)
    // The draft survives leaving the page: opened again, the form is as it was left.
    expect(view.storage.getItem('union.campaignDraft.v1.5')).toContain('十二月观影福利券')
    view.unmount()
    const again = renderWithStores(<CampaignNewPage />)
    again.storage.setItem('union.campaignDraft.v1.5', view.storage.getItem('union.campaignDraft.v1.5')!)
    again.transport.reply(() => json(200, adminSession), () => json(200, { items: [] }))
    await act(async () => {
      await again.root.session.devLogin('admin')
    })
    await mounted(again.container, 'closesAt')
    expect((again.container.querySelector('.field-title input') as HTMLInputElement).value).toBe('十二月观影福利券')
    expect((again.container.querySelector('.field-closesAt input') as HTMLInputElement).value).toBe('2099-01-01 10:00')
    expect(again.container.querySelector('.field-venue-name input') as HTMLInputElement).toHaveProperty('value', '云溪影城')
  })

  it('a draft kept by an earlier version (the bare form under the same key) is opened, not lost', async () => {
    const view = renderWithStores(<CampaignNewPage />)
    const { container, transport } = view
    const old = { kind: 'movie', mode: 'first_come', title: '旧版草稿', rules: '', venues: [{ name: '云溪影城', address: '', lat: '', lng: '' }], totalStock: '50', opensAt: '2099-01-01 10:00', closesAt: '2099-01-08 10:00', voucherValidDays: '30', limitCount: '1', limitPeriod: 'calendar_month', orgId: 1 }
    view.storage.setItem('union.campaignDraft.v1.5', JSON.stringify(old))
    transport.reply(() => json(200, adminSession), () => json(200, { items: [] }))
    await act(async () => {
      await view.root.session.devLogin('admin')
    })
    await mounted(container, 'closesAt')
    expect((container.querySelector('.field-title input') as HTMLInputElement).value).toBe('旧版草稿')
    expect((container.querySelector('.field-totalStock input') as HTMLInputElement).value).toBe('50')
  })

  it('按场馆分配数量: the total becomes the venues’ sum, the request carries each venue’s stock, server errors go beside the right inputs', async () => {
    const view = renderWithStores(<CampaignNewPage />)
    const { container, transport } = view
    transport.reply(() => json(200, adminSession), () => json(200, { items: [] }))
    await act(async () => {
      await view.root.session.devLogin('admin')
    })
    await mounted(container, 'closesAt')
    await act(async () => {
      fireEvent.click(screen.getByText('电影'))
      typeInto(container, 'title', '十二月观影福利券')
      typeInto(container, 'venue-name', '云溪影城', 0)
      typeInto(container, 'venue-address', '示例市云溪区青禾路 1 号', 0)
      typeInto(container, 'venue-coords', '30.2749', 0)
      typeInto(container, 'venue-coords', '120.1562', 1)
      typeInto(container, 'closesAt', '2099-01-01 10:00')
    })
    await act(async () => {
      fireEvent.click(screen.getByText('添加场馆'))
    })
    await mounted(container, 'venue-coords', 4)
    await act(async () => {
      typeInto(container, 'venue-name', '星光影院', 1)
      typeInto(container, 'venue-address', '示例市云溪区星光路 8 号', 1)
      typeInto(container, 'venue-coords', '30.28', 2)
      typeInto(container, 'venue-coords', '120.16', 3)
    })
    // 抽签 draws from one pool: no split offered there.
    await act(async () => {
      fireEvent.click(screen.getByText('抽签'))
    })
    expect(screen.queryByText('按场馆分配数量')).toBeNull()
    await act(async () => {
      fireEvent.click(screen.getByText('先到先得'))
    })
    await act(async () => {
      fireEvent.click(screen.getByText('按场馆分配数量'))
    })
    const total = () => container.querySelector('.split-total')?.textContent
    await mounted(container, 'venue-stock', 2)
    expect(container.querySelectorAll('.field-venue-stock .form-input')).toHaveLength(2)
    expect(container.querySelector('.venue-stock-1 .form-label')?.textContent).toBe('星光影院 的数量')
    // A blank venue number is caught here, before anything is sent.
    await act(async () => {
      typeInto(container, 'venue-stock', '1', 0)
    })
    expect(total()).toBe('1 张')
    const before = transport.requests.length
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    expect(container.querySelector('.venue-stock-1 .field-error')?.textContent).toBe('请填写该场馆的数量')
    expect(transport.requests).toHaveLength(before)

    await act(async () => {
      typeInto(container, 'venue-stock', '2', 1)
    })
    expect(total()).toBe('3 张')
    expect(container.querySelector('.venue-stock-1 .field-error')).toBeNull()
    transport.reply(() =>
      json(400, { code: 'VALIDATION', message: '请检查填写的内容', fields: { 'venues.1.stock': '每个场馆至少 1 张', totalStock: '各场馆数量之和为 3，须等于总数量' } }),
    )
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    const sent = transport.requests.at(-1) as TransportRequest
    expect(sent).toMatchObject({ method: 'POST', url: '/api/vouchers/manage/campaigns' })
    expect(sent.data).toMatchObject({ mode: 'first_come', totalStock: 3, venues: [{ name: '云溪影城', stock: 1 }, { name: '星光影院', stock: 2 }] })
    await waitFor(() => expect(container.querySelector('.venue-stock-1 .field-error')?.textContent).toBe('每个场馆至少 1 张'))
    expect(container.querySelector('.field-totalStock .field-error')?.textContent).toBe('各场馆数量之和为 3，须等于总数量')
    // Switching the split off keeps the sum as the total; the draft remembers the split.
    expect(JSON.parse(view.storage.getItem('union.campaignDraft.v1.5') ?? '{}').draft).toMatchObject({ split: true, totalStock: '3' })
    await act(async () => {
      fireEvent.click(screen.getByText('各场馆共用总数'))
    })
    await mounted(container, 'totalStock')
    expect((container.querySelector('.field-totalStock input') as HTMLInputElement).value).toBe('3')
  })

  it('picks a registered venue: sent by its registry id, shown read-only', async () => {
    const view = renderWithStores(<CampaignNewPage />)
    const { container, transport } = view
    const cinema = { id: 7, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.2749, lng: 120.1562, orgId: 1, orgName: '云溪区总工会' }
    transport.reply(() => json(200, adminSession), () => json(200, { items: [cinema] }))
    await act(async () => {
      await view.root.session.devLogin('admin')
    })
    await mounted(container, 'closesAt')
    await act(async () => {
      fireEvent.click(screen.getByText('电影'))
      typeInto(container, 'title', '十二月观影福利券')
    })
    const chip = await screen.findByText('云溪影城')
    expect(transport.requests.some((r) => (r as TransportRequest).url.startsWith('/api/vouchers/manage/venues?orgId='))).toBe(true)
    await act(async () => {
      fireEvent.click(chip)
    })
    // the untouched blank form made way for the picked venue
    expect(container.querySelectorAll('.venue-form')).toHaveLength(1)
    expect(container.querySelector('.venue-picked')?.textContent).toContain('示例市云溪区青禾路 1 号')
    transport.reply(() => json(400, { code: 'VALIDATION', message: '请检查填写的内容', fields: { 'venues.0.venueId': '该场馆不存在、已停用，或不属于本工会及其上下级工会' } }))
    await act(async () => {
      fireEvent.click(screen.getByText('发布活动'))
    })
    const sent = transport.requests.at(-1) as TransportRequest
    expect((sent.data as { venues: unknown[] }).venues).toEqual([{ venueId: 7 }])
    await waitFor(() => expect(container.querySelector('.venue-picked .field-error')?.textContent).toBe('该场馆不存在、已停用，或不属于本工会及其上下级工会'))
  })
})
