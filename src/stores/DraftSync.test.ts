import { DraftSync } from './DraftSync'
import { MemoryStorage } from './storage'

type Form = { name?: string; phone?: string }

function harness(save?: (d: Form) => Promise<{ savedAt: string }>) {
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
})
