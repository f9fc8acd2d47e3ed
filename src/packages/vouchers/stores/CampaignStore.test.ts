import { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { FakeTransport, json } from '../../../test/fakes'
import type { TransportRequest } from '../../../api/client'
import { VoucherReasons } from '@contract/vouchers/reasons'
import { classOfStatus } from '@contract/reasons'
import { CampaignStore } from './CampaignStore'
import { formatCountdown, validityLeft } from './time'

const OPENS = '2026-11-23T10:00:00.000Z'
const campaign = (over: Record<string, unknown> = {}) => ({
  id: 5,
  kind: 'movie',
  title: '周末观影福利券',
  rules: '',
  orgId: 1,
  orgName: '云溪区总工会',
  venues: [],
  totalStock: 10,
  remaining: 10,
  venueStock: null,
  opensAt: OPENS,
  closesAt: '2026-11-30T10:00:00.000Z',
  voucherValidDays: 30,
  mode: 'first_come',
  perMemberLimit: { count: 1, period: 'calendar_month' },
  eligibleEmploymentTypes: null,
  phase: 'upcoming',
  myVouchers: [],
  ...over,
})
const voucher = { id: 9, campaignId: 5, kind: 'movie', title: '周末观影福利券', code: 'ABCDEFGHJKLM', state: 'unused', venues: [], venueId: null, claimedAt: OPENS, validUntil: '2026-12-23T10:00:00.000Z', usedAt: null, usedVenue: null }
/** A refusal as the server sends it: its class, its reason's name and a message (the server's words, or any). */
const refusal = (def: { reason: string; status: number }, message: string, fields?: Record<string, string>) =>
  json(def.status, { code: classOfStatus(def.status), reason: def.reason, message, ...(fields ? { fields } : {}) })
const keyOf = (r: unknown) => (r as TransportRequest).headers['idempotency-key']

function setup(deviceMs: number) {
  const transport = new FakeTransport()
  const storage = new MemoryStorage()
  let now = deviceMs
  const store = new CampaignStore(5, { api: new ApiClient({ transport }), storage, userId: () => 1, now: () => now })
  return { transport, storage, store, setNow: (ms: number) => (now = ms) }
}

describe('CampaignStore', () => {
  it('counts down on server time (the phone clock is 5 minutes fast) and opens at the instant without a reload', async () => {
    const device = Date.parse(OPENS) + 5 * 60_000 - 30_000 // the phone thinks it is 4:30 past opening
    const { transport, store, setNow } = setup(device)
    transport.reply(() => json(200, { campaign: campaign(), serverTime: '2026-11-23T09:59:30.000Z' }))
    await store.load()
    expect(store.phase).toBe('upcoming')
    expect(formatCountdown(store.msToOpen)).toBe('00:30')
    setNow(device + 29_000)
    store.tick()
    expect(store.phase).toBe('upcoming')
    setNow(device + 30_000)
    store.tick()
    expect(store.phase).toBe('open')
  })

  it('retries a claim with the same Idempotency-Key after a network failure; a double tap sends one request', async () => {
    const { transport, store, storage } = setup(Date.parse(OPENS))
    transport.reply(() => {
      throw new Error('timeout')
    })
    await Promise.all([store.claim(), store.claim()])
    expect(transport.requests).toHaveLength(1)
    expect(store.outcome?.kind).toBe('retry')
    const key = keyOf(transport.requests[0])
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/)
    expect(store.hasPendingClaim).toBe(true)

    // 重试 (even from a new page instance on the same phone) re-sends the same key.
    const again = new CampaignStore(5, { api: new ApiClient({ transport }), storage, userId: () => 1 })
    transport.reply(() => json(200, { voucher, replayed: true }))
    await again.claim()
    expect(keyOf(transport.requests[1])).toBe(key)
    expect(again.outcome).toMatchObject({ kind: 'success', replayed: true })
    expect(again.hasPendingClaim).toBe(false)

    // A new tap after a definite answer is a new intent with a new key.
    transport.reply(() => refusal(VoucherReasons.LIMIT_REACHED, '本月已领取过电影券'))
    await again.claim()
    expect(keyOf(transport.requests[2])).not.toBe(key)
    expect(again.outcome).toMatchObject({ kind: 'limit', message: '本月已领取过电影券' })
  })

  it('says 已领完 and reloads the campaign', async () => {
    const { transport, store } = setup(Date.parse(OPENS))
    transport.reply(
      () => refusal(VoucherReasons.SOLD_OUT, '已领完：周末观影福利券的券已被领完，下次早点来'),
      () => json(200, { campaign: campaign({ remaining: 0, phase: 'sold_out' }), serverTime: OPENS }),
    )
    await store.claim()
    expect(store.outcome?.kind).toBe('sold_out')
    await new Promise((r) => setTimeout(r, 0)) // the reload runs in the background
    expect(store.campaign?.remaining).toBe(0)
    expect(store.phase).toBe('sold_out')
  })

  it('says 活动已结束 and reloads the campaign when the union ended it while the page was open', async () => {
    const { transport, store } = setup(Date.parse(OPENS))
    transport.reply(
      () => refusal(VoucherReasons.CLOSED, '活动已结束'),
      () => json(200, { campaign: campaign({ phase: 'closed', closesAt: OPENS }), serverTime: OPENS }),
    )
    await store.claim()
    expect(store.outcome).toEqual({ kind: 'closed', message: '活动已结束' })
    await new Promise((r) => setTimeout(r, 0)) // the reload runs in the background
    expect(store.phase).toBe('closed')
  })
})

describe('CampaignStore: a refusal is read by its reason, never by its words', () => {
  const open = () => campaign({ phase: 'open', myEntry: null, myWaitlist: null, waitlistLength: 0, lottery: null })
  async function claimRefused(answer: ReturnType<typeof refusal>) {
    const { transport, store } = setup(Date.parse(OPENS) + 60_000)
    transport.reply(() => json(200, { campaign: open(), serverTime: '2026-11-23T10:01:00.000Z' }))
    await store.load()
    transport.reply(() => answer)
    transport.fallback = () => json(200, { campaign: open(), serverTime: '2026-11-23T10:01:00.000Z' }) // the reload after 已领完 / 未开始
    await store.claim()
    return store
  }

  it('SOLD_OUT reworded as 抢光啦 is still sold out: the stock shows 0 and the waitlist is offered', async () => {
    const store = await claimRefused(refusal(VoucherReasons.SOLD_OUT, '抢光啦'))
    expect(store.outcome).toEqual({ kind: 'sold_out', message: '抢光啦' })
    expect(store.campaign?.remaining).toBe(0)
    expect(store.phase).toBe('sold_out')
  })

  it.each([
    { def: VoucherReasons.NOT_OPEN, message: '稍等一会儿再来', kind: 'not_open' },
    { def: VoucherReasons.CLOSED, message: '下次请早', kind: 'closed' },
    { def: VoucherReasons.LIMIT_REACHED, message: '这个月的份额用完了', kind: 'limit' },
    { def: VoucherReasons.NOT_MEMBER, message: '先入会吧', kind: 'not_eligible' },
    { def: VoucherReasons.NOT_ELIGIBLE, message: '这次轮不到您', kind: 'not_eligible' },
    // Words that read like another refusal change nothing: the reason decides.
    { def: VoucherReasons.LOTTERY_ONLY, message: '已领完？不，本活动抽签', kind: 'error' },
    { def: VoucherReasons.CAMPAIGN_NOT_FOUND, message: '活动尚未开始或已结束', kind: 'error' },
  ])('$def.reason with the message “$message” is $kind', async ({ def, message, kind }) => {
    const store = await claimRefused(refusal(def, message))
    expect(store.outcome).toEqual({ kind, message })
  })

  it('a lottery entry refused as NOT_OPEN in other words is 未开始', async () => {
    const { transport, store } = setup(Date.parse(OPENS) + 60_000)
    transport.reply(() => refusal(VoucherReasons.NOT_OPEN, '还没到报名的时候'))
    await store.enter()
    expect(store.outcome).toEqual({ kind: 'not_open', message: '还没到报名的时候' })
  })
})

describe('CampaignStore: stock split per venue (分场馆库存)', () => {
  const venues = [
    { id: 1, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 },
    { id: 2, name: '星光影院', address: '示例市云溪区星光路 8 号', lat: 30.28, lng: 120.16 },
  ]
  const split = () =>
    campaign({ phase: 'open', venues, totalStock: 3, remaining: 2, venueStock: [{ venueId: 1, stock: 1, remaining: 0 }, { venueId: 2, stock: 2, remaining: 2 }] })
  const bodyOf = (r: unknown) => (r as TransportRequest).data

  it('sends nothing without a venue (请选择场馆), cannot pick a sold-out venue, and claims for the chosen one', async () => {
    const { transport, store } = setup(Date.parse(OPENS) + 60_000)
    transport.reply(() => json(200, { campaign: split(), serverTime: '2026-11-23T10:01:00.000Z' }))
    await store.load()
    await store.claim()
    expect(transport.requests).toHaveLength(1) // only the load
    expect(store.venueError).toBe('请选择场馆')
    store.chooseVenue(1) // 云溪影城 has none left
    expect(store.claimVenueId).toBeNull()
    store.chooseVenue(2)
    expect(store.venueError).toBeNull()
    transport.reply(() => json(200, { voucher: { ...voucher, venueId: 2, venues: [venues[1]] }, replayed: false }))
    await store.claim()
    expect(bodyOf(transport.requests[1])).toEqual({ venueId: 2 })
    expect(store.outcome?.kind).toBe('success')
    expect(store.campaign?.venueStock?.find((v) => v.venueId === 2)?.remaining).toBe(1)
    expect(store.campaign?.remaining).toBe(1)
  })

  it('a retry re-sends the same key for the same venue, even if another venue is tapped meanwhile or the page is reopened', async () => {
    const { transport, store, storage } = setup(Date.parse(OPENS) + 60_000)
    const twoLeft = () => campaign({ phase: 'open', venues, totalStock: 4, remaining: 4, venueStock: [{ venueId: 1, stock: 2, remaining: 2 }, { venueId: 2, stock: 2, remaining: 2 }] })
    transport.reply(() => json(200, { campaign: twoLeft(), serverTime: '2026-11-23T10:01:00.000Z' }))
    await store.load()
    store.chooseVenue(2)
    transport.reply(() => {
      throw new Error('timeout')
    })
    await store.claim()
    expect(store.outcome?.kind).toBe('retry')
    store.chooseVenue(1) // locked until the claim has an answer
    expect(store.claimVenueId).toBe(2)

    // A new page instance (the app was closed mid-claim) resumes for 星光影院.
    const again = new CampaignStore(5, { api: new ApiClient({ transport }), storage, userId: () => 1 })
    transport.reply(() => json(200, { campaign: twoLeft(), serverTime: '2026-11-23T10:01:00.000Z' }))
    await again.load()
    expect(again.claimVenueId).toBe(2)
    transport.reply(() => json(200, { voucher: { ...voucher, venueId: 2, venues: [venues[1]] }, replayed: true }))
    await again.claim()
    const first = transport.requests[1] as TransportRequest
    const retry = transport.requests[3] as TransportRequest
    expect(keyOf(retry)).toBe(keyOf(first))
    expect(bodyOf(first)).toEqual({ venueId: 2 })
    expect(bodyOf(retry)).toEqual({ venueId: 2 })
    expect(again.hasPendingClaim).toBe(false)
    expect(again.lockedVenueId).toBeNull()
  })

  it('puts the server’s venueId field error beside the venues and a venue sold out only clears that venue', async () => {
    const { transport, store } = setup(Date.parse(OPENS) + 60_000)
    const both = () => campaign({ phase: 'open', venues, totalStock: 4, remaining: 3, venueStock: [{ venueId: 1, stock: 2, remaining: 1 }, { venueId: 2, stock: 2, remaining: 2 }] })
    transport.reply(() => json(200, { campaign: both(), serverTime: '2026-11-23T10:01:00.000Z' }))
    await store.load()
    store.chooseVenue(1)
    transport.reply(() => refusal(VoucherReasons.VENUE_UNKNOWN, '该场馆不在本活动中', { venueId: '该场馆不在本活动中' }))
    await store.claim()
    expect(store.venueError).toBe('该场馆不在本活动中')
    expect(store.outcome).toBeNull()
    expect(store.hasPendingClaim).toBe(false)

    store.chooseVenue(1)
    transport.reply(
      () => refusal(VoucherReasons.SOLD_OUT, '已领完：「云溪影城」的券已被领完，「星光影院」还剩 2 张，可改选其他场馆'),
      () => json(200, { campaign: campaign({ ...both(), remaining: 2, venueStock: [{ venueId: 1, stock: 2, remaining: 0 }, { venueId: 2, stock: 2, remaining: 2 }] }), serverTime: '2026-11-23T10:01:00.000Z' }),
    )
    await store.claim()
    expect(store.outcome).toMatchObject({ kind: 'sold_out', message: '已领完：「云溪影城」的券已被领完，「星光影院」还剩 2 张，可改选其他场馆' })
    expect(store.campaign?.remaining).toBe(2)
    expect(store.phase).toBe('open') // 星光影院 still has some
    expect(store.claimVenueId).toBeNull()
  })

  it('a shared-stock campaign sends no body, as before', async () => {
    const { transport, store } = setup(Date.parse(OPENS) + 60_000)
    transport.reply(() => json(200, { campaign: campaign({ phase: 'open' }), serverTime: '2026-11-23T10:01:00.000Z' }))
    await store.load()
    transport.reply(() => json(200, { voucher, replayed: false }))
    await store.claim()
    expect(bodyOf(transport.requests[1])).toBeUndefined()
    expect(store.outcome?.kind).toBe('success')
  })
})

describe('CampaignStore: waitlist and lottery', () => {
  it('joins the waitlist of a sold-out campaign and shows the place in line', async () => {
    const { transport, store } = setup(Date.parse(OPENS) + 60_000)
    transport.reply(() => json(200, { campaign: campaign({ remaining: 0, phase: 'sold_out', myEntry: null, myWaitlist: null, waitlistLength: 4, lottery: null }), serverTime: '2026-11-23T10:01:00.000Z' }))
    await store.load()
    expect(store.phase).toBe('sold_out')
    transport.reply(() => json(200, { campaignId: 5, state: 'waiting', position: 5, length: 5, joinedAt: '2026-11-23T10:01:00.000Z' }))
    await store.setWaitlist(true)
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/vouchers/campaigns/5/waitlist' })
    expect(store.campaign?.myWaitlist).toMatchObject({ state: 'waiting', position: 5 })
    transport.reply(() => json(200, { campaignId: 5, state: 'left', position: null, length: 4, joinedAt: '2026-11-23T10:01:00.000Z' }))
    await store.setWaitlist(false)
    expect(transport.requests[2]).toMatchObject({ method: 'POST', url: '/api/vouchers/campaigns/5/waitlist/leave' })
    expect(store.campaign?.myWaitlist?.state).toBe('left')
  })

  it('enters a lottery (stays open while the window is, whatever the stock) and records the entry', async () => {
    const { transport, store } = setup(Date.parse(OPENS) + 60_000)
    const lottery = { commitment: 'ab'.repeat(32), seed: null, drawnAt: null, entries: 3, confirmHours: 48 }
    transport.reply(() => json(200, { campaign: campaign({ mode: 'lottery', phase: 'open', lottery, myEntry: null, myWaitlist: null, waitlistLength: 0 }), serverTime: '2026-11-23T10:01:00.000Z' }))
    await store.load()
    expect(store.isLottery).toBe(true)
    expect(store.phase).toBe('open')
    transport.reply(() => json(200, { entry: { entryId: 4, state: 'entered', enteredAt: '2026-11-23T10:01:00.000Z', reason: null }, replayed: false }))
    await store.enter()
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/vouchers/campaigns/5/enter' })
    expect(store.campaign?.myEntry?.state).toBe('entered')
    expect(store.outcome?.kind).toBe('entered')
    transport.reply(() => refusal(VoucherReasons.CLOSED, '报名已截止'))
    await store.enter()
    expect(store.outcome).toMatchObject({ kind: 'closed', message: '报名已截止' })
  })

  it('撤销报名: the entry goes and the count follows the server; a refusal is kept to show', async () => {
    const { transport, store } = setup(Date.parse(OPENS) + 60_000)
    const lottery = { commitment: 'ab'.repeat(32), seed: null, drawnAt: null, entries: 3, confirmHours: 48 }
    const myEntry = { entryId: 4, state: 'entered', enteredAt: '2026-11-23T10:01:00.000Z', reason: null }
    transport.reply(() => json(200, { campaign: campaign({ mode: 'lottery', phase: 'open', lottery, myEntry, myWaitlist: null, waitlistLength: 0 }), serverTime: '2026-11-23T10:01:00.000Z' }))
    await store.load()
    transport.reply(() => json(200, { campaignId: 5, entries: 2 }))
    expect(await store.withdrawEntry()).toBe(true)
    expect(transport.requests[1]).toMatchObject({ method: 'POST', url: '/api/vouchers/campaigns/5/enter/withdraw' })
    expect(store.campaign?.myEntry).toBeNull()
    expect(store.campaign?.lottery?.entries).toBe(2)
    transport.reply(() => refusal(VoucherReasons.CLOSED, '报名已截止，不能撤销；开奖结果会通知您'))
    expect(await store.withdrawEntry()).toBe(false)
    expect(String((store.actionError as Error).message)).toContain('报名已截止，不能撤销')
  })
})

describe('time helpers', () => {
  it('formats countdowns and validity left', () => {
    expect(formatCountdown(90_061_000)).toBe('1天 01:01:01')
    expect(formatCountdown(3_600_000)).toBe('01:00:00')
    expect(formatCountdown(-5)).toBe('00:00')
    const now = Date.parse('2026-11-23T00:00:00Z')
    expect(validityLeft('2026-11-26T01:00:00Z', now)).toBe('还剩3天')
    expect(validityLeft('2026-11-23T05:30:00Z', now)).toBe('还剩5小时')
    expect(validityLeft('2026-11-23T00:10:00Z', now)).toBe('还剩10分钟')
    expect(validityLeft('2026-11-22T00:10:00Z', now)).toBe('已到期')
  })
})
