import { Resource } from './Resource'

const deferred = <T>() => {
  let resolve!: (v: T) => void
  let reject!: (e: unknown) => void
  const promise = new Promise<T>((a, b) => {
    resolve = a
    reject = b
  })
  return { promise, resolve, reject }
}

describe('Resource', () => {
  it('loads once for concurrent callers, then is loaded; an empty list is empty', async () => {
    let calls = 0
    const r = new Resource(async () => {
      calls++
      return { items: [] as number[] }
    })
    expect(r.pending).toBe(true)
    await Promise.all([r.load(), r.load()])
    expect(calls).toBe(1)
    expect(r.pending).toBe(false)
    expect(r.empty).toBe(true)
  })

  it('a failed reload keeps what was shown, with the error; a retry clears it', async () => {
    let fail = false
    const r = new Resource(async () => {
      if (fail) throw new Error('网络不给力')
      return [1, 2]
    })
    await r.load()
    fail = true
    await r.reload()
    expect(r.data).toEqual([1, 2])
    expect((r.error as Error).message).toBe('网络不给力')
    fail = false
    await r.reload()
    expect(r.error).toBeNull()
    expect(r.loading).toBe(false)
  })

  it('a slow older answer never overwrites a newer one', async () => {
    const answers = [deferred<string>(), deferred<string>()]
    let i = 0
    const r = new Resource(() => answers[i++].promise)
    const first = r.load()
    const second = r.reload()
    answers[1].resolve('new')
    await second
    answers[0].resolve('old')
    await first
    expect(r.data).toBe('new')
  })
})
