/**
 * 我的申请: every application of the caller across capabilities (GET /api/me/applications), newest activity first,
 * with the last good list kept on the device so the screen opens on a weak network. Pure TS.
 */
import { makeAutoObservable, runInAction } from 'mobx'
import { applicationsApi } from '@contract/applications/api'
import type { ApplicationState } from '@contract/applications/labels'
import type { MyApplicationItem } from '@contract/applications/schemas'
import type { ApiClient } from '../../../api/client'
import type { KeyValueStorage } from '../../../stores/storage'

export const MY_APPLICATIONS_CACHE_PREFIX = 'union.myApplications.v1.'

export type ApplicationFilter = 'all' | 'todo' | 'active' | 'done'

/** Filters of the list: 需要我处理 first, because that is what a person opens the screen for. */
export const FILTERS: { key: ApplicationFilter; label: string; states: ApplicationState[] | null }[] = [
  { key: 'all', label: '全部', states: null },
  { key: 'todo', label: '待我处理', states: ['action_required', 'draft'] },
  { key: 'active', label: '办理中', states: ['in_review', 'approved'] },
  { key: 'done', label: '已办结', states: ['completed', 'rejected', 'withdrawn'] },
]

/** Order: what needs the applicant first, then in progress, then finished; newest activity first within each. */
const RANK: Record<ApplicationState, number> = {
  action_required: 0,
  draft: 1,
  in_review: 2,
  approved: 2,
  completed: 3,
  rejected: 3,
  withdrawn: 4,
}

export function sortApplications(items: MyApplicationItem[]): MyApplicationItem[] {
  return [...items].sort((a, b) => RANK[a.state] - RANK[b.state] || Date.parse(b.updatedAt) - Date.parse(a.updatedAt))
}

export class MyApplicationsStore {
  items: MyApplicationItem[] = []
  loaded = false
  loading = false
  error: unknown = null
  fromCache = false
  filter: ApplicationFilter = 'all'
  /** `${kind}-${id}` of the card whose timeline is open. */
  expanded: string | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly storage: KeyValueStorage,
    private readonly userId: () => number | string | null,
  ) {
    makeAutoObservable<MyApplicationsStore, 'api' | 'storage' | 'userId'>(this, { api: false, storage: false, userId: false })
  }

  private get cacheKey(): string | null {
    const u = this.userId()
    return u === null || u === undefined ? null : `${MY_APPLICATIONS_CACHE_PREFIX}${u}`
  }

  get visible(): MyApplicationItem[] {
    const f = FILTERS.find((x) => x.key === this.filter)
    const list = f?.states ? this.items.filter((i) => f.states!.includes(i.state)) : this.items
    return sortApplications(list)
  }

  count(filter: ApplicationFilter): number {
    const f = FILTERS.find((x) => x.key === filter)
    return f?.states ? this.items.filter((i) => f.states!.includes(i.state)).length : this.items.length
  }

  setFilter(f: ApplicationFilter): void {
    this.filter = f
  }

  toggle(key: string): void {
    this.expanded = this.expanded === key ? null : key
  }

  async load(): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const res = await this.api.send(applicationsApi.mine)
      runInAction(() => {
        this.items = res.items
        this.loaded = true
        this.fromCache = false
      })
      const key = this.cacheKey
      if (key) this.storage.setItem(key, JSON.stringify(res.items))
    } catch (err) {
      runInAction(() => {
        this.error = err
        if (!this.loaded) {
          const key = this.cacheKey
          const raw = key ? this.storage.getItem(key) : null
          if (raw) {
            try {
              this.items = JSON.parse(raw) as MyApplicationItem[]
              this.loaded = true
              this.fromCache = true
            } catch {
              // a broken cache is no cache
            }
          }
        }
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }
}
