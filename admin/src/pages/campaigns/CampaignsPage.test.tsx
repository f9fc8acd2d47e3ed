import { act, fireEvent, screen, waitFor, within } from '@testing-library/react'
import CampaignsPage from './CampaignsPage'
import { CONSOLE_DRAFT_KEY } from './draft'
import { FakeServer } from '../../../test/fake-server'
import { ADMIN_ME, fakeFetch, renderPage } from '../../../test/render-page'

const campaign = (id: number, over: Record<string, unknown> = {}) => ({
  id, kind: 'movie', title: '十二月观影福利券', rules: '', orgId: 1, orgName: '云溪区总工会',
  venues: [{ id: 5, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 }, { id: 6, name: '星光电影院', address: '示例市云溪区星光路 8 号', lat: 30.28, lng: 120.16 }],
  totalStock: 100, remaining: 96, venueStock: null, opensAt: '2026-12-01T02:00:00.000Z', closesAt: '2026-12-08T02:00:00.000Z', voucherValidDays: 30,
  mode: 'first_come', perMemberLimit: { count: 1, period: 'calendar_month' }, eligibleEmploymentTypes: null, phase: 'open', lottery: null, waitlistLength: 0, ...over,
})
const stats = {
  campaignId: 41, totalStock: 100, remaining: 96, claims: 4, unused: 1, redemptions: 2, returned: 0, expired: 1, serverTime: '2026-12-02T02:00:00.000Z',
  waitlist: 0, entries: 0, drawnAt: null,
  perVenue: [{ venueId: 5, venueName: '云溪影城', redemptions: 2, stock: null, remaining: null }, { venueId: 6, venueName: '星光电影院', redemptions: 0, stock: null, remaining: null }],
}
const venues = { items: [{ id: 5, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15, orgId: 1, orgName: '云溪区总工会' }] }
const unions = { items: [{ id: 1, name: '云溪区总工会', parentName: null }], nextCursor: null }

/** A button by its text (antd spaces out two-character labels); getByRole is too slow on antd's DOM here. */
const button = (name: string) => Array.from(document.querySelectorAll('button')).find((b) => b.textContent?.replace(/\s/g, '') === name)!
/** The message shown beside a form field (antd's explain line under it). */
const besideField = (name: string) => document.querySelector(`.field-${name} .ant-form-item-explain`)?.textContent ?? ''

const pick = async (label: string, option: string) => {
  await act(async () => {
    fireEvent.mouseDown(screen.getByLabelText(label))
  })
  await act(async () => {
    fireEvent.click(await screen.findByText(option, { selector: '.ant-select-item-option-content' }))
  })
}

const server = () =>
  new FakeServer()
    .on('GET /api/vouchers/manage/campaigns', () => ({ body: { items: [campaign(41)], nextCursor: null, serverTime: '2026-12-02T02:00:00.000Z' } }))
    .on('GET /api/vouchers/manage/venues', () => ({ body: venues }))
    .on('GET /api/staff/unions', () => ({ body: unions }))
    .on('GET /api/vouchers/manage/campaigns/41/stats', () => ({ body: stats }))

describe('福利活动', () => {
  beforeEach(() => localStorage.clear())

  it('lists the subtree’s campaigns and sends the state and kind filters to the server', async () => {
    const s = server()
    renderPage(<CampaignsPage />, s)
    expect(await screen.findByText('十二月观影福利券', undefined, { timeout: 20_000 })).toBeTruthy()
    expect(screen.getByText('96 / 100')).toBeTruthy()
    await pick('活动状态', '已结束')
    await waitFor(() => expect(s.called('GET /api/vouchers/manage/campaigns').some((r) => r.url.includes('phase=closed'))).toBe(true))
    await pick('券种', '游泳')
    await waitFor(() => expect(s.called('GET /api/vouchers/manage/campaigns').some((r) => r.url.includes('phase=closed') && r.url.includes('kind=swim'))).toBe(true))
  }, 120_000)

  it('shows a campaign’s figures: issued, redeemed, expired and the redemption rate per venue', async () => {
    renderPage(<CampaignsPage />, server())
    await screen.findByText('十二月观影福利券', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('查看数据 十二月观影福利券'))
    })
    expect(await screen.findByText('各场馆核销')).toBeTruthy()
    const figure = (title: string) => Array.from(document.querySelectorAll('.ant-statistic')).find((e) => e.querySelector('.ant-statistic-title')?.textContent === title)?.querySelector('.ant-statistic-content')?.textContent
    expect(figure('已发放')).toBe('4张')
    expect(figure('已核销')).toBe('2张')
    expect(figure('已过期')).toBe('1张')
    // 云溪影城: 2 of the 4 issued; 星光电影院 none
    expect(figure('核销率')).toBe('50%')
    const venueRates = Array.from(document.querySelectorAll('.ant-drawer .ant-table-row')).map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent))
    expect(venueRates).toEqual([['云溪影城', '2', '50%'], ['星光电影院', '0', '0%']])
    // 导出: the server's workbook, fetched with the console's token (never in the URL)
    const calls = fakeFetch()
    await act(async () => {
      fireEvent.click(button('导出领取明细（.xlsx）'))
    })
    await waitFor(() => expect(calls).toHaveLength(1))
    expect(calls[0].url).toBe('/api/vouchers/manage/campaigns/41/export.xlsx')
    expect(calls[0].headers.authorization).toBe('Bearer console-token-1')
  }, 120_000)

  it('checks the form with the mini-program’s messages beside the fields, shows a server refusal there, then publishes', async () => {
    let attempts = 0
    const s = server().on('POST /api/vouchers/manage/campaigns', () => {
      attempts += 1
      if (attempts === 1) {
        return { status: 400, body: { code: 'VALIDATION', reason: 'VENUE_NOT_USABLE', message: '该场馆不存在、已停用，或不属于本工会及其上下级工会', fields: { 'venues.0.venueId': '该场馆不存在、已停用，或不属于本工会及其上下级工会' }, requestId: 't' } }
      }
      return { body: campaign(41, { title: '元旦观影券', phase: 'upcoming' }) }
    })
    renderPage(<CampaignsPage />, s)
    await screen.findByText('十二月观影福利券', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(button('新建福利活动'))
    })
    await screen.findByText('发布活动')
    fireEvent.change(screen.getByLabelText('活动名称'), { target: { value: '观' } })
    fireEvent.change(screen.getByLabelText('券总数'), { target: { value: '0' } })
    await act(async () => {
      fireEvent.click(button('发布活动'))
    })
    // the contract's messages, beside their fields; nothing sent
    expect(besideField('kind')).toBe('请选择券种')
    expect(besideField('title')).toBe('请填写活动名称')
    expect(besideField('totalStock')).toBe('数量至少为 1')
    expect(s.called('POST /api/vouchers/manage/campaigns')).toHaveLength(0)
    // nothing typed is lost: the draft holds the form as typed
    expect(JSON.parse(localStorage.getItem(CONSOLE_DRAFT_KEY + ADMIN_ME.id)!).draft.title).toBe('观')

    fireEvent.click(within(document.querySelector<HTMLElement>('.field-kind')!).getByText('电影'))
    fireEvent.change(screen.getByLabelText('活动名称'), { target: { value: '元旦观影券' } })
    fireEvent.change(screen.getByLabelText('券总数'), { target: { value: '50' } })
    expect(besideField('title')).toBe('')
    await pick('可用场馆', '云溪影城（云溪区总工会）')
    await act(async () => {
      fireEvent.click(button('发布活动'))
    })
    // the server's refusal beside the venue picker; the venue list is read again (branch on VENUE_NOT_USABLE)
    await waitFor(() => expect(besideField('venues')).toBe('该场馆不存在、已停用，或不属于本工会及其上下级工会'))
    expect(s.called('GET /api/vouchers/manage/venues').length).toBeGreaterThanOrEqual(2)
    const body = s.called('POST /api/vouchers/manage/campaigns')[0].data as Record<string, unknown>
    expect(body).toMatchObject({ kind: 'movie', title: '元旦观影券', orgId: 1, venues: [{ venueId: 5 }], totalStock: 50, voucherValidDays: 30, perMemberLimit: { count: 1, period: 'calendar_month' } })
    expect(String(body.opensAt)).toMatch(/^\d{4}-\d{2}-\d{2}T10:00:00[+-]\d{2}:\d{2}$/)

    await act(async () => {
      fireEvent.click(button('发布活动'))
    })
    await waitFor(() => expect(s.called('POST /api/vouchers/manage/campaigns')).toHaveLength(2))
    // published: the draft is gone and the new campaign's figures open
    expect(await screen.findByText('元旦观影券 · 活动数据')).toBeTruthy()
    expect(localStorage.getItem(CONSOLE_DRAFT_KEY + ADMIN_ME.id)).toBeNull()
  }, 120_000)

  it('编辑 an open campaign: fixed fields read-only with why, the server’s refusal beside the number, then saved', async () => {
    let attempts = 0
    const s = server().on('PUT /api/vouchers/manage/campaigns/41', () => {
      attempts += 1
      if (attempts === 1) {
        return { status: 409, body: { code: 'CONFLICT', reason: 'STOCK_BELOW_ISSUED', message: '已发出 4 张，数量不能少于 4 张', fields: { totalStock: '已发出 4 张，数量不能少于 4 张' }, requestId: 't' } }
      }
      return { body: campaign(41, { title: '十二月观影福利券（加场）', totalStock: 150, remaining: 146 }) }
    })
    renderPage(<CampaignsPage />, s)
    await screen.findByText('十二月观影福利券', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('编辑 十二月观影福利券'))
    })
    await screen.findByText('保存修改')
    expect((screen.getByLabelText('活动名称') as HTMLInputElement).value).toBe('十二月观影福利券')
    // once open: kind, venues, opening time, validity and limit are fixed, each with the one-line why
    for (const name of ['kind', 'venues', 'opensAt', 'voucherValidDays', 'limitCount']) {
      expect(document.querySelector(`.field-${name} .ant-form-item-extra`)?.textContent).toBe('已开始发放，不能修改：已领到券的会员是按原条件领取的')
    }
    expect((screen.getByLabelText('领取后有效天数') as HTMLInputElement).disabled).toBe(true)
    expect((screen.getByLabelText('活动名称') as HTMLInputElement).disabled).toBe(false)
    fireEvent.change(screen.getByLabelText('券总数'), { target: { value: '3' } })
    await act(async () => {
      fireEvent.click(button('保存修改'))
    })
    await waitFor(() => expect(besideField('totalStock')).toBe('已发出 4 张，数量不能少于 4 张'))
    fireEvent.change(screen.getByLabelText('活动名称'), { target: { value: '十二月观影福利券（加场）' } })
    fireEvent.change(screen.getByLabelText('券总数'), { target: { value: '150' } })
    await act(async () => {
      fireEvent.click(button('保存修改'))
    })
    await waitFor(() => expect(s.called('PUT /api/vouchers/manage/campaigns/41')).toHaveLength(2))
    // the whole form goes back: the fixed fields as the campaign has them, venues by registry id
    expect(s.called('PUT /api/vouchers/manage/campaigns/41')[1].data).toMatchObject({
      title: '十二月观影福利券（加场）', totalStock: 150, kind: 'movie', orgId: 1, venues: [{ venueId: 5 }, { venueId: 6 }], voucherValidDays: 30,
      perMemberLimit: { count: 1, period: 'calendar_month' }, eligibleEmploymentTypes: null,
    })
    // nothing of an edit goes into the 新建 draft
    expect(localStorage.getItem(CONSOLE_DRAFT_KEY + ADMIN_ME.id)).toBeNull()
  }, 120_000)

  it('结束发放 after a confirm that says what happens to the issued vouchers', async () => {
    const s = server().on('POST /api/vouchers/manage/campaigns/41/end', () => ({ body: campaign(41, { phase: 'closed', closesAt: '2026-12-02T02:00:00.000Z' }) }))
    renderPage(<CampaignsPage />, s)
    await screen.findByText('十二月观影福利券', undefined, { timeout: 20_000 })
    await act(async () => {
      fireEvent.click(screen.getByLabelText('结束发放 十二月观影福利券'))
    })
    await waitFor(() => expect(document.querySelector('.ant-modal-confirm-title')?.textContent).toBe('结束发放「十二月观影福利券」？'), { timeout: 10_000 })
    expect(screen.getByText(/已发出的券不受影响，在各自有效期内仍可使用/)).toBeTruthy()
    expect(s.called('POST /api/vouchers/manage/campaigns/41/end')).toHaveLength(0)
    const ok = Array.from(document.querySelectorAll('.ant-modal-confirm button')).find((b) => b.textContent?.replace(/\s/g, '') === '结束发放') as HTMLElement
    await act(async () => {
      fireEvent.click(ok)
    })
    await waitFor(() => expect(s.called('POST /api/vouchers/manage/campaigns/41/end')).toHaveLength(1))
  }, 120_000)

  it('restores an unfinished form after a reload', async () => {
    localStorage.setItem(CONSOLE_DRAFT_KEY + ADMIN_ME.id, JSON.stringify({ draft: { kind: 'gym', mode: 'first_come', title: '春节健身券', rules: '', venues: [], totalStock: '80', split: false, opensAt: '2027-01-20 10:00', closesAt: '2027-01-27 10:00', voucherValidDays: '30', limitCount: '1', limitPeriod: 'calendar_month', orgId: 1 }, savedAt: 1 }))
    renderPage(<CampaignsPage />, server())
    expect(await screen.findByText('有一份未发布的福利活动草稿', undefined, { timeout: 20_000 })).toBeTruthy()
    await act(async () => {
      fireEvent.click(button('继续填写'))
    })
    expect(await screen.findByText('已恢复上次未发布的草稿')).toBeTruthy()
    expect((screen.getByLabelText('活动名称') as HTMLInputElement).value).toBe('春节健身券')
    expect((screen.getByLabelText('券总数') as HTMLInputElement).value).toBe('80')
  }, 120_000)
})
