import { reliefProgress, reliefStageOfLabel, stageTone } from './format'
import { reliefProgressOfLabel } from './shared'

describe('relief formatting', () => {
  it('stage tone says who is to act; progress follows 提交 → 初审 → 复核 → 公示 → 发放', () => {
    expect(stageTone('returned')).toBe('action')
    expect(stageTone('district_review')).toBe('progress')
    expect(stageTone('paid')).toBe('done')
    expect(reliefProgress('returned')).toEqual({ current: 1, ended: false })
    expect(reliefProgress('publicity')).toEqual({ current: 3, ended: false })
    expect(reliefProgress('paid')).toEqual({ current: 5, ended: false })
    expect(reliefProgress('rejected').ended).toBe(true)
  })

  it('reads a stage back from the words 我的申请 shows (公示期满 is still the 公示 step)', () => {
    expect(reliefStageOfLabel('区总工会复核中')).toBe('district_review')
    expect(reliefStageOfLabel('公示期满，待发放')).toBe('publicity')
    expect(reliefStageOfLabel('待主办方审核')).toBeNull()
    expect(reliefProgressOfLabel('待补充材料')).toEqual({ steps: ['提交', '初审', '复核', '公示', '发放'], current: 1, ended: false })
  })
})
