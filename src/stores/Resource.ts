/**
 * One thing the app loads from the server: its data, whether a load is in flight, the last failure, and a retry —
 * the block every page used to write with its own useState/loading/error. A failed reload keeps the data it had
 * (the page keeps showing it, with the error beside). Concurrent loads share one request. No Taro: tested in node.
 */
import { makeAutoObservable, runInAction } from 'mobx'

export class Resource<T> {
  data: T | null = null
  loading = false
  error: unknown = null
  /** Bumped by every load: a slow answer to an older load never overwrites a newer one. */
  private generation = 0
  private inflight: Promise<void> | null = null

  constructor(
    private readonly fetcher: () => Promise<T>,
    private readonly isEmpty: (data: T) => boolean = defaultEmpty,
  ) {
    makeAutoObservable<Resource<T>, 'fetcher' | 'isEmpty' | 'generation' | 'inflight'>(this, {
      fetcher: false,
      isEmpty: false,
      generation: false,
      inflight: false,
    })
  }

  /** Loaded, and nothing in it (an empty list, `{ items: [] }`): the page shows what to do next. */
  get empty(): boolean {
    return this.data !== null && this.isEmpty(this.data)
  }

  /** Nothing to show yet and a load is under way (first load): the page shows its loading state. */
  get pending(): boolean {
    return this.data === null && this.error === null
  }

  load = (): Promise<void> => {
    if (this.inflight) return this.inflight
    const gen = ++this.generation
    this.loading = true
    const run = (async () => {
      try {
        const data = await this.fetcher()
        runInAction(() => {
          if (gen !== this.generation) return
          this.data = data
          this.error = null
        })
      } catch (err) {
        runInAction(() => {
          if (gen === this.generation) this.error = err
        })
      } finally {
        runInAction(() => {
          if (gen === this.generation) this.loading = false
          this.inflight = null
        })
      }
    })()
    this.inflight = run
    return run
  }

  /** Retry after a failure, or refresh (pull-down, back on the page). */
  reload = (): Promise<void> => {
    this.inflight = null
    return this.load()
  }

  /** Set the data from an answer the page already has (e.g. the result of an action that returns the new state). */
  set(data: T): void {
    this.generation++
    this.data = data
    this.error = null
    this.loading = false
  }
}

function defaultEmpty(data: unknown): boolean {
  if (Array.isArray(data)) return data.length === 0
  if (data && typeof data === 'object' && 'items' in data && Array.isArray((data as { items: unknown[] }).items)) {
    return (data as { items: unknown[] }).items.length === 0
  }
  return false
}
