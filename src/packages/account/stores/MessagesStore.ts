/** 消息: the user's in-app messages, newest first, paged; read on open. Pure TS (no Taro). */
import { makeAutoObservable, runInAction } from 'mobx'
import { notificationsApi } from '@contract/notifications/api'
import type { Notification } from '@contract/notifications/schemas'
import type { ApiClient } from '../../../api/client'

export const MESSAGES_PAGE = 20

export class MessagesStore {
  items: Notification[] = []
  unread = 0
  hasMore = false
  loaded = false
  loading = false
  error: unknown = null

  constructor(private readonly api: ApiClient) {
    makeAutoObservable<MessagesStore, 'api'>(this, { api: false })
  }

  /** First page; the messages shown are then marked read (their dot stays until the next load). */
  async load(): Promise<void> {
    if (this.loading) return
    this.loading = true
    this.error = null
    try {
      const page = await this.api.send(notificationsApi.list, { query: { limit: MESSAGES_PAGE } })
      runInAction(() => {
        this.items = page.items
        this.unread = page.unread
        this.hasMore = page.hasMore
        this.loaded = true
      })
      const unreadIds = page.items.filter((n) => !n.readAt).map((n) => n.id)
      if (unreadIds.length > 0) {
        const { unread } = await this.api.send(notificationsApi.markRead, { body: { ids: unreadIds } })
        runInAction(() => {
          this.unread = unread
        })
      }
    } catch (err) {
      runInAction(() => {
        this.error = err
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }

  async loadMore(): Promise<void> {
    const last = this.items[this.items.length - 1]
    if (this.loading || !this.hasMore || !last) return
    this.loading = true
    this.error = null
    try {
      const page = await this.api.send(notificationsApi.list, { query: { limit: MESSAGES_PAGE, before: last.id } })
      runInAction(() => {
        const seen = new Set(this.items.map((n) => n.id))
        this.items.push(...page.items.filter((n) => !seen.has(n.id)))
        this.hasMore = page.hasMore
        this.unread = page.unread
      })
      const unreadIds = page.items.filter((n) => !n.readAt).map((n) => n.id)
      if (unreadIds.length > 0) await this.api.send(notificationsApi.markRead, { body: { ids: unreadIds } })
    } catch (err) {
      runInAction(() => {
        this.error = err
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }
}
