import { ApiClient } from '../../../api/client'
import { MemoryStorage } from '../../../stores/storage'
import { FakeTransport, json } from '../../../test/fakes'
import { MY_APPLICATIONS_CACHE_PREFIX, MyApplicationsStore, sortApplications } from './MyApplicationsStore'
import type { MyApplicationItem } from '@contract/applications/schemas'

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
