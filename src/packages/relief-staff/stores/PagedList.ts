/**
 * A staff worklist read a page at a time (the relief review endpoints: `cursor` → `nextCursor`): the first page is a
 * Resource (loading, error, retry), later pages are appended by 加载更多 without repeating an item. Pure TS (no Taro).
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { Resource } from '../../../stores/Resource'

export interface Page<T> {
  items: T[]
  nextCursor: string | null
}

export class PagedList<T extends { id: number }> {
  readonly first: Resource<Page<T>>
  /** Pages after the first, in the order read (dropped by a reload). */
  more: Page<T>[] = []
  loadingMore = false
  moreError: unknown = null

  constructor(private readonly fetchPage: (cursor?: string) => Promise<Page<T>>) {
    this.first = new Resource(() => fetchPage())
    makeAutoObservable<PagedList<T>, 'fetchPage'>(this, { fetchPage: false, first: false })
  }

  /** Everything read so far; null until the first page is in (or when the server refused the list: see `error`). */
  get page(): Page<T> | null {
    const first = this.first.data
    if (!first) return null
    const seen = new Set<number>()
    const items: T[] = []
    for (const p of [first, ...this.more]) {
      for (const i of p.items) {
        if (seen.has(i.id)) continue
        seen.add(i.id)
        items.push(i)
      }
    }
    return { items, nextCursor: (this.more[this.more.length - 1] ?? first).nextCursor }
  }

  get error(): unknown {
    return this.first.error
  }

  /** Reads the first page again (after an action, on return to the page); resolves to it, or null when refused. */
  reload = async (): Promise<Page<T> | null> => {
    await this.first.reload()
    runInAction(() => {
      this.more = []
      this.moreError = null
    })
    return this.first.error ? null : this.page
  }

  loadMore = async (): Promise<void> => {
    const cursor = this.page?.nextCursor
    if (!cursor || this.loadingMore) return
    this.loadingMore = true
    this.moreError = null
    try {
      const next = await this.fetchPage(cursor)
      runInAction(() => {
        this.more = [...this.more, next]
      })
    } catch (err) {
      runInAction(() => {
        this.moreError = err
      })
    } finally {
      runInAction(() => {
        this.loadingMore = false
      })
    }
  }
}
