import { DraftSync, type DraftSyncOptions } from './DraftSync'
import { MemoryStorage } from './storage'

type Form = { name?: string; phone?: string }

function harness(save?: (d: Form) => Promise<{ savedAt: string }>, extra: Partial<DraftSyncOptions<Form>> = {}) {
  const storage = new MemoryStorage()
  const timers: { fn: () => void; ms: number }[] = []
  let clock = Date.parse('2026-12-01T02:00:00Z')
  const sync = new DraftSync<Form>({}, {
    storage,
    key: () => 'draft.7',
    save,
    retryable: () => true,
    now: () => clock,
    setTimer: (fn, ms) => {
      const t = { fn, ms }
      timers.push(t)
      return t
    },
    clearTimer: (t) => timers.splice(timers.indexOf(t as never), 1),
    ...extra,
  })
  const fire = async () => {
    const t = timers.shift()
    t?.fn()
    await Promise.resolve()
    await new Promise((r) => setTimeout(r, 0))
    return t
  }
  return { storage, timers, sync, fire, tick: (ms: number) => (clock += ms) }
}

describe('DraftSync', () => {
  it('keeps every change on the device at once and saves it to the server after the debounce', async () => {
    const saved: Form[] = []
    const h = harness(async (d) => {
      saved.push(d)
      return { savedAt: '2026-12-01T02:00:05.000Z' }
    })
    h.sync.update({ name: '李' })
    h.sync.update({ name: '李晓梅' })
    expect(JSON.parse(h.storage.getItem('draft.7')!).draft).toEqual({ name: '李晓梅' })
    expect(h.sync.state).toBe('local')
    expect(h.timers).toHaveLength(1) // debounced: one pending save
    await h.fire()
    expect(saved).toEqual([{ name: '李晓梅' }])
    expect(h.sync.state).toBe('saved')
    expect(JSON.parse(h.storage.getItem('draft.7')!)).toMatchObject({ synced: true, savedAt: '2026-12-01T02:00:05.000Z' })
  })

  it('offline: the draft stays local and is retried with a backoff until the server has it', async () => {
    let online = false
    const h = harness(async () => {
      if (!online) throw new Error('网络不给力')
      return { savedAt: '2026-12-01T02:01:00.000Z' }
    })
    h.sync.update({ phone: '139' })
    await h.fire()
    expect(h.sync.state).toBe('local')
    expect(h.timers[0].ms).toBe(2000)
    await h.fire()
    expect(h.timers[0].ms).toBe(5000)
    online = true
    await h.fire()
    expect(h.sync.state).toBe('saved')
    expect(h.timers).toHaveLength(0)
  })

  it('on opening, the newer of the device copy and the server draft wins; an unsaved device copy is sent', async () => {
    const saved: Form[] = []
    const h = harness(async (d) => {
      saved.push(d)
      return { savedAt: '2026-12-01T03:00:00.000Z' }
    })
    h.storage.setItem('draft.7', JSON.stringify({ draft: { name: '本机' }, savedAt: '2026-12-01T02:30:00.000Z' }))
    expect(h.sync.restore({ draft: { name: '服务器' }, savedAt: '2026-12-01T02:00:00.000Z' }, {})).toEqual({ name: '本机' })
    expect(h.sync.state).toBe('local')
    await h.fire()
    expect(saved).toEqual([{ name: '本机' }])
    // a newer server draft (typed on another phone) wins over an older device copy
    expect(h.sync.restore({ draft: { name: '另一台手机' }, savedAt: '2026-12-01T04:00:00.000Z' }, {})).toEqual({ name: '另一台手机' })
    expect(h.sync.state).toBe('saved')
  })

  it('a tie goes to the device copy: the same save, with what the server gives back only masked', async () => {
    const h = harness(async () => ({ savedAt: '2026-12-01T02:00:09.000Z' }))
    h.sync.update({ name: '李晓梅', phone: '13800138000' })
    await h.fire()
    // The server keeps the phone sealed and answers with it masked (left out here); same save time.
    expect(h.sync.restore({ draft: { name: '李晓梅' }, savedAt: '2026-12-01T02:00:09.000Z' }, {})).toEqual({ name: '李晓梅', phone: '13800138000' })
    expect(h.sync.state).toBe('saved')
    expect(h.timers).toHaveLength(0) // the server has it: nothing to send
  })

  it('a change typed while a save is in flight is saved after it; flush sends at once; clear forgets the device copy', async () => {
    const saved: Form[] = []
    let release!: () => void
    const h = harness(
      (d) =>
        new Promise((resolve) => {
          saved.push(d)
          release = () => resolve({ savedAt: '2026-12-01T02:00:09.000Z' })
        }),
    )
    h.sync.update({ name: 'A' })
    const first = h.fire()
    await Promise.resolve()
    h.sync.update({ name: 'AB' })
    release()
    await first
    const flushing = h.sync.flush()
    await Promise.resolve()
    release()
    await flushing
    expect(saved).toEqual([{ name: 'A' }, { name: 'AB' }])
    expect(h.sync.state).toBe('saved')
    h.sync.clear()
    expect(h.storage.getItem('draft.7')).toBeNull()
  })

  it('a copy the server already acknowledged never overrides the server draft, and the stale device copy is dropped', () => {
    const h = harness(async () => ({ savedAt: '2026-12-01T03:00:00.000Z' }))
    // saved from this phone at 02:30 (synced); the server's draft, saved from elsewhere, reads 02:29:59
    h.storage.setItem('draft.7', JSON.stringify({ draft: { name: '本机（已同步）' }, savedAt: '2026-12-01T02:30:00.000Z', synced: true }))
    expect(h.sync.restore({ draft: { name: '服务器' }, savedAt: '2026-12-01T02:29:59.000Z' }, {})).toEqual({ name: '服务器' })
    expect(h.sync.restoredFrom).toBe('server')
    expect(h.storage.getItem('draft.7')).toBeNull()
    // an unsaved copy older than the server's is stale too
    h.storage.setItem('draft.7', JSON.stringify({ draft: { name: '旧' }, savedAt: '2026-12-01T01:00:00.000Z' }))
    expect(h.sync.restore({ draft: { name: '服务器' }, savedAt: '2026-12-01T02:00:00.000Z' }, {})).toEqual({ name: '服务器' })
    expect(h.storage.getItem('draft.7')).toBeNull()
    // the server has the record but never saved a draft: an unsaved device copy wins and is sent
    h.storage.setItem('draft.7', JSON.stringify({ draft: { name: '离线填写' }, savedAt: '2026-12-01T01:00:00.000Z' }))
    expect(h.sync.restore({ draft: {}, savedAt: null }, {})).toEqual({ name: '离线填写' })
    expect(h.sync.restoredFrom).toBe('device')
    expect(h.timers.map((t) => t.ms)).toEqual([0])
  })

  it('a form keeps its own device layout (copies already on phones still open) and its own retry wait', async () => {
    let online = false
    const h = harness(
      async () => {
        if (!online) throw new Error('网络不给力')
        return { savedAt: '2026-12-01T02:01:00.000Z' }
      },
      {
        retryMs: [8000],
        deviceFormat: {
          write: ({ draft, savedAt, synced }) => ({ ...draft, savedAt, synced: synced ?? false }),
          read: (s) => {
            const { savedAt, synced, ...draft } = s as Form & { savedAt: string; synced: boolean }
            return typeof savedAt === 'string' ? { draft, savedAt, synced } : null
          },
        },
      },
    )
    h.storage.setItem('draft.7', JSON.stringify({ name: '旧版本存的', savedAt: '2026-12-01T02:00:00.000Z', synced: false }))
    expect(h.sync.restore(null, {})).toEqual({ name: '旧版本存的' })
    h.sync.update({ name: '李晓梅' })
    expect(JSON.parse(h.storage.getItem('draft.7')!)).toEqual({ name: '李晓梅', savedAt: '2026-12-01T02:00:00.000Z', synced: false })
    await h.fire()
    expect(h.timers.map((t) => t.ms)).toEqual([8000])
    await h.fire()
    expect(h.timers.map((t) => t.ms)).toEqual([8000])
    online = true
    await h.fire()
    expect(JSON.parse(h.storage.getItem('draft.7')!)).toEqual({ name: '李晓梅', savedAt: '2026-12-01T02:01:00.000Z', synced: true })
  })
})
