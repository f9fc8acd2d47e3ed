/** 消息: the user's in-app messages, newest first, paged; read on open. A Resource for what is shown. Pure TS (no Taro). */
import { makeAutoObservable, runInAction } from 'mobx'
import { notificationsApi } from '@contract/notifications/api'
import type { Notification } from '@contract/notifications/schemas'
import type { ApiClient } from '../../../api/client'
import { Resource } from '../../../stores/Resource'

export const MESSAGES_PAGE = 20

export class MessagesStore {
  /** The messages shown: the first page, then older ones as they are asked for. A failed reload keeps them. */
  readonly list: Resource<Notification[]>
  unread = 0
  hasMore = false
  loadingMore = false
  /** The last "load more" failed (the list itself stays). */
  moreError: unknown = null

  constructor(private readonly api: ApiClient) {
    this.list = new Resource(() => this.firstPage())
    makeAutoObservable<MessagesStore, 'api' | 'firstPage' | 'markRead'>(this, { api: false, list: false, firstPage: false, markRead: false })
  }

  get items(): Notification[] {
    return this.list.data ?? []
  }

  get loaded(): boolean {
    return this.list.data !== null
  }

  get loading(): boolean {
    return this.list.loading || this.loadingMore
  }

  get error(): unknown {
    return this.list.error ?? this.moreError
  }

  /** First page (a load already on its way is shared); the messages shown are then marked read (their dot stays until the next load). */
  load(): Promise<void> {
    this.moreError = null
    return this.list.load()
  }

  private async firstPage(): Promise<Notification[]> {
    const page = await this.api.send(notificationsApi.list, { query: { limit: MESSAGES_PAGE } })
    runInAction(() => {
      this.unread = page.unread
      this.hasMore = page.hasMore
    })
    await this.markRead(page.items)
    return page.items
  }

  /** Marks the unread ones of `items` read; a failure leaves them for the next load. */
  private async markRead(items: Notification[]): Promise<void> {
    const ids = items.filter((n) => !n.readAt).map((n) => n.id)
    if (ids.length === 0) return
    try {
      const { unread } = await this.api.send(notificationsApi.markRead, { body: { ids } })
      runInAction(() => {
        this.unread = unread
      })
    } catch {
      // still unread on the server: marked on a later load
    }
  }

  async loadMore(): Promise<void> {
    const last = this.items[this.items.length - 1]
    if (this.loading || !this.hasMore || !last) return
    this.loadingMore = true
    this.moreError = null
    try {
      const page = await this.api.send(notificationsApi.list, { query: { limit: MESSAGES_PAGE, before: last.id } })
      runInAction(() => {
        // A message may move between pages while we scroll: never show it twice.
        const seen = new Set(this.items.map((n) => n.id))
        this.list.set([...this.items, ...page.items.filter((n) => !seen.has(n.id))])
        this.hasMore = page.hasMore
        this.unread = page.unread
      })
      await this.markRead(page.items)
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
