/**
 * The one cursor-paged list of the app (events, my registrations, registrations of an event, the joining review
 * queue, merchant offers, the relief review worklists …): first page, next pages on scroll or a tap, refresh, and
 * filters whose late answers never overwrite a newer filter's; a row that moved between pages is never shown twice.
 * Pure TS, no Taro: tested in node.
 * Pages that keep their list in a store use it directly; a page-local list uses `useCursorList` (src/hooks).
 */
import { makeAutoObservable, runInAction } from 'mobx'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
  /** When the endpoint says (events): what "now" is for the rows' countdowns. */
  serverTime?: string
}

export type Fetcher<T, F> = (filter: F, cursor: string | undefined) => Promise<Page<T>>

export class PagedList<T, F = Record<string, never>> {
  items: T[] = []
  filter: F
  nextCursor: string | null = null
  /** Loaded at least the first page for the current filter. */
  loaded = false
  loading = false
  loadingMore = false
  error: unknown = null
  /** The error of the last "load more" (the list itself stays). */
  moreError: unknown = null
  serverTime: string | null = null
  private generation = 0

  constructor(
    private readonly fetcher: Fetcher<T, F>,
    initial: F,
    private readonly keyOf: (item: T) => string | number,
  ) {
    this.filter = initial
    makeAutoObservable<PagedList<T, F>, 'fetcher' | 'generation' | 'keyOf'>(this, { fetcher: false, generation: false, keyOf: false })
  }

  get hasMore(): boolean {
    return this.nextCursor !== null
  }

  get isEmpty(): boolean {
    return this.loaded && this.items.length === 0
  }

  /** Change the filter and load its first page (the old items stay until the answer arrives). */
  setFilter(filter: F): Promise<void> {
    this.filter = filter
    return this.refresh()
  }

  async refresh(): Promise<void> {
    const gen = ++this.generation
    this.loading = true
    this.error = null
    this.moreError = null
    try {
      const page = await this.fetcher(this.filter, undefined)
      if (gen !== this.generation) return
      runInAction(() => {
        this.items = page.items
        this.nextCursor = page.nextCursor ?? null
        this.serverTime = page.serverTime ?? null
        this.loaded = true
      })
    } catch (err) {
      if (gen !== this.generation) return
      runInAction(() => {
        this.error = err
      })
    } finally {
      if (gen === this.generation) {
        runInAction(() => {
          this.loading = false
          this.loadingMore = false
        })
      }
    }
  }

  async loadMore(): Promise<void> {
    if (!this.nextCursor || this.loading || this.loadingMore) return
    const gen = this.generation
    this.loadingMore = true
    this.moreError = null
    try {
      const page = await this.fetcher(this.filter, this.nextCursor)
      if (gen !== this.generation) return
      runInAction(() => {
        // A row may move between pages while we scroll (e.g. a new registration): never show it twice.
        const seen = new Set(this.items.map(this.keyOf))
        this.items = [...this.items, ...page.items.filter((i) => !seen.has(this.keyOf(i)))]
        this.nextCursor = page.nextCursor ?? null
        this.serverTime = page.serverTime ?? this.serverTime
      })
    } catch (err) {
      if (gen !== this.generation) return
      runInAction(() => {
        this.moreError = err
      })
    } finally {
      if (gen === this.generation) {
        runInAction(() => {
          this.loadingMore = false
        })
      }
    }
  }

  /** Replace one row in place (after a decision, a check-in …). */
  update(item: T): void {
    const k = this.keyOf(item)
    this.items = this.items.map((i) => (this.keyOf(i) === k ? item : i))
  }
}
