/**
 * 编辑活动's shared rule and form steps: a campaign comes back from the form as the same input (so an edit that changes
 * nothing changes nothing, and the server finds no fixed field changed), 追加库存 adds to the total, the inputs fixed
 * once open are the server's locked fields, and 结束发放's warning says what happens to issued vouchers.
 */
import type { Campaign } from './schemas'
import { fromCampaign, lockedInputs, stageOfPhase, toCampaignInput, withMoreStock } from './campaign-form'
import { editStage, endCampaignWarning } from './edit-rules'

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 7, kind: 'movie', title: '十二月观影福利券', rules: '每人一张', orgId: 1, orgName: '云溪区总工会',
  venues: [{ id: 5, name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 }, { id: 6, name: '星光影院', address: '示例市云溪区星光路 8 号', lat: 30.28, lng: 120.16 }],
  totalStock: 100, remaining: 96, venueStock: null, opensAt: '2026-12-01T02:00:00.000Z', closesAt: '2026-12-08T02:00:00.000Z', voucherValidDays: 30,
  mode: 'first_come', perMemberLimit: { count: 2, period: 'campaign' }, eligibleEmploymentTypes: ['delivery'], phase: 'open', lottery: null, waitlistLength: 0,
  ...over,
})

describe('编辑活动 form', () => {
  it('a campaign comes back from the form as its own input, the fields the form has no input for included', () => {
    const r = toCampaignInput(fromCampaign(campaign()), undefined)
    if (!r.ok) throw new Error(JSON.stringify(r.errors))
    expect(r.input).toMatchObject({
      kind: 'movie', title: '十二月观影福利券', rules: '每人一张', orgId: 1, venues: [{ venueId: 5 }, { venueId: 6 }], totalStock: 100,
      voucherValidDays: 30, perMemberLimit: { count: 2, period: 'campaign' }, eligibleEmploymentTypes: ['delivery'],
    })
    expect(Date.parse(r.input.opensAt)).toBe(Date.parse('2026-12-01T02:00:00.000Z'))
    expect(Date.parse(r.input.closesAt)).toBe(Date.parse('2026-12-08T02:00:00.000Z'))
  })

  it('split per venue: each venue’s number comes back; a lottery keeps its confirmation hours', () => {
    const split = toCampaignInput(fromCampaign(campaign({ venueStock: [{ venueId: 5, stock: 60, remaining: 58 }, { venueId: 6, stock: 40, remaining: 38 }] })), undefined)
    expect(split.ok && split.input.venues).toEqual([{ venueId: 5, stock: 60 }, { venueId: 6, stock: 40 }])
    const lottery = toCampaignInput(fromCampaign(campaign({ mode: 'lottery', lottery: { commitment: 'c', seed: null, drawnAt: null, entries: 3, confirmHours: 12 } })), undefined)
    expect(lottery.ok && lottery.input.confirmHours).toBe(12)
  })

  it('追加库存 adds to the total and leaves everything else as it is', () => {
    const r = toCampaignInput(withMoreStock(campaign(), 20), undefined)
    expect(r.ok && [r.input.totalStock, r.input.title]).toEqual([120, '十二月观影福利券'])
  })

  it('what is read-only follows the stage: nothing before opening, the fixed fields once open', () => {
    expect(stageOfPhase(campaign({ phase: 'upcoming' }))).toBe('before_open')
    expect(stageOfPhase(campaign({ phase: 'sold_out' }))).toBe('open')
    expect([...lockedInputs('before_open')]).toEqual([])
    expect([...lockedInputs('open')].sort()).toEqual(['kind', 'limitCount', 'limitPeriod', 'mode', 'opensAt', 'orgId', 'split', 'venues', 'voucherValidDays'])
    const c = campaign()
    expect(editStage(c, Date.parse(c.opensAt) - 1)).toBe('before_open')
    expect(editStage(c, Date.parse(c.closesAt))).toBe('closed')
  })

  it('结束发放 says what happens to issued vouchers, to a lottery, and before opening', () => {
    expect(endCampaignWarning(campaign())).toContain('已发出的券不受影响')
    expect(endCampaignWarning(campaign({ mode: 'lottery' }))).toContain('立即开奖')
    expect(endCampaignWarning(campaign({ phase: 'upcoming' }))).toContain('活动尚未开始')
  })
})
