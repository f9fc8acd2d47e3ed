import { expectedText, fileSizeText, reliefProgress, stageTone, waitingText, yuanText } from './format'
import { ApiClient } from '../../api/client'
import { MemoryStorage } from '../../stores/storage'
import { FakeTransport, json } from '../../test/fakes'
import { MY_APPLICATIONS_CACHE_PREFIX, MyApplicationsStore, sortApplications } from './stores/MyApplicationsStore'
import type { MyApplicationItem } from '@contract/applications/schemas'

describe('relief formatting', () => {
  it('money in yuan with thousands separators', () => {
    expect(yuanText(20000)).toBe('¥20,000')
    expect(yuanText(1234.5)).toBe('¥1,234.5')
    expect(yuanText(80)).toBe('¥80')
    expect(yuanText(null)).toBe('—')
  })

  it('expected time: a date ahead, or an honest note once it has passed', () => {
    const now = Date.parse('2026-11-23T08:00:00Z')
    expect(expectedText('2026-11-26T08:00:00Z', now)).toBe('预计 11月26日（周四）前完成')
    expect(expectedText('2026-11-20T08:00:00Z', now)).toBe('已超过预计时间（11月20日），请耐心等待')
    expect(expectedText(null, now)).toBeNull()
  })

  it('waiting time and file sizes', () => {
    expect(waitingText(0.5)).toBe('已等待不到 1 小时')
    expect(waitingText(5.9)).toBe('已等待 5 小时')
    expect(waitingText(51)).toBe('已等待 2 天 3 小时')
    expect(fileSizeText(1500)).toBe('1 KB')
    expect(fileSizeText(2.5 * 1024 * 1024)).toBe('2.5 MB')
  })

  it('stage tone says who is to act; progress follows 提交 → 初审 → 复核 → 公示 → 发放', () => {
    expect(stageTone('returned')).toBe('action')
    expect(stageTone('district_review')).toBe('progress')
    expect(stageTone('paid')).toBe('done')
    expect(reliefProgress('returned')).toEqual({ current: 1, ended: false })
    expect(reliefProgress('publicity')).toEqual({ current: 3, ended: false })
    expect(reliefProgress('paid')).toEqual({ current: 5, ended: false })
    expect(reliefProgress('rejected').ended).toBe(true)
  })
})

const item = (over: Partial<MyApplicationItem>): MyApplicationItem => ({
  kind: 'relief', id: 1, title: '大病医疗救助', state: 'in_review', stageLabel: '基层工会初审中', expectedBy: null,
  lastDecisionReason: null, amount: null, updatedAt: '2026-11-23T08:00:00Z', link: '/packages/relief/detail/index?id=1', timeline: [], ...over,
})

describe('我的申请 store', () => {
  it('puts what needs the applicant first, then newest activity', () => {
    const list = sortApplications([
      item({ id: 1, state: 'completed', updatedAt: '2026-11-23T09:00:00Z' }),
      item({ id: 2, state: 'in_review', updatedAt: '2026-11-22T08:00:00Z' }),
      item({ id: 3, state: 'action_required', updatedAt: '2026-11-01T08:00:00Z' }),
      item({ id: 4, state: 'in_review', updatedAt: '2026-11-23T08:00:00Z', kind: 'membership' }),
    ])
    expect(list.map((i) => i.id)).toEqual([3, 4, 2, 1])
  })

  it('filters, counts, and opens the last good list when offline', async () => {
    const transport = new FakeTransport()
    const storage = new MemoryStorage()
    const store = new MyApplicationsStore(new ApiClient({ transport }), storage, () => 7)
    transport.reply(() => json(200, { items: [item({ id: 1, state: 'action_required' }), item({ id: 2, state: 'completed' })] }))
    await store.load()
    expect(store.count('todo')).toBe(1)
    store.setFilter('done')
    expect(store.visible.map((i) => i.id)).toEqual([2])
    expect(storage.getItem(`${MY_APPLICATIONS_CACHE_PREFIX}7`)).toContain('大病医疗救助')

    const offline = new MyApplicationsStore(new ApiClient({ transport }), storage, () => 7)
    transport.reply(() => {
      throw new Error('offline')
    })
    await offline.load()
    expect(offline.fromCache).toBe(true)
    expect(offline.items).toHaveLength(2)
    expect(offline.error).toBeTruthy()
  })
})
