import type { MyApplicationItem } from '@contract/applications/schemas'
import { PUBLICITY_ENDED_LABEL } from '@contract/relief/labels'
import { STATE_TONE, progressOf } from './progress'

const item = (over: Partial<MyApplicationItem>): MyApplicationItem => ({
  kind: 'relief', id: 1, title: '大病医疗救助', state: 'in_review', stageLabel: '基层工会初审中', expectedBy: null,
  lastDecisionReason: null, amount: null, updatedAt: '2026-11-23T08:00:00Z', link: '/packages/relief/detail/index?id=1', timeline: [], ...over,
})
const current = (p: ReturnType<typeof progressOf>) => p.steps[p.current]

describe('我的申请 progress', () => {
  it('a relief case follows relief’s own steps by its precise stage', () => {
    expect(current(progressOf(item({ stageLabel: '区总工会复核中' })))).toBe('复核')
    expect(current(progressOf(item({ state: 'approved', stageLabel: PUBLICITY_ENDED_LABEL })))).toBe('公示')
    expect(progressOf(item({ state: 'completed', stageLabel: '已发放' })).current).toBe(5)
    // words relief does not know: the state decides
    expect(current(progressOf(item({ state: 'action_required', stageLabel: '其他' })))).toBe('初审')
  })

  it('joining and event approvals each show their own path', () => {
    expect(progressOf(item({ kind: 'membership', stageLabel: '审核中' })).steps).toEqual(['提交', '审核', '入会'])
    const event = progressOf(item({ kind: 'event', state: 'approved', stageLabel: '已报名，待参加' }))
    expect(event.steps).toEqual(['报名', '审核', '参加'])
    expect(current(event)).toBe('参加')
    expect(progressOf(item({ kind: 'event', state: 'rejected', stageLabel: '未通过' })).ended).toBe(true)
    expect(STATE_TONE.action_required).toBe('action')
  })
})
