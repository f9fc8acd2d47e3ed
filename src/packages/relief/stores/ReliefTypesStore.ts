/** The aid types (admin-configured, read from the server), with a device copy so the chooser and the form open offline. */
import { makeAutoObservable, runInAction } from 'mobx'
import { reliefApi } from '@contract/relief/api'
import type { AidType } from '@contract/relief/schemas'
import type { ApiClient } from '../../../api/client'
import type { KeyValueStorage } from '../../../stores/storage'

export const RELIEF_TYPES_CACHE_KEY = 'union.reliefTypes.v1'

export class ReliefTypesStore {
  items: AidType[] = []
  loaded = false
  loading = false
  error: unknown = null
  /** The list shown comes from the device copy (the last successful load), not the server. */
  fromCache = false

  constructor(
    private readonly api: ApiClient,
    private readonly storage: KeyValueStorage,
  ) {
    makeAutoObservable<ReliefTypesStore, 'api' | 'storage'>(this, { api: false, storage: false })
  }

  byKey(key: string | null | undefined): AidType | null {
    return this.items.find((t) => t.key === key) ?? null
  }

  async load(): Promise<void> {
    this.loading = true
    this.error = null
    try {
      const res = await this.api.send(reliefApi.types)
      runInAction(() => {
        this.items = res.items
        this.loaded = true
        this.fromCache = false
      })
      this.storage.setItem(RELIEF_TYPES_CACHE_KEY, JSON.stringify(res.items))
    } catch (err) {
      runInAction(() => {
        this.error = err
        if (!this.loaded) {
          const cached = this.readCache()
          if (cached) {
            this.items = cached
            this.loaded = true
            this.fromCache = true
          }
        }
      })
    } finally {
      runInAction(() => {
        this.loading = false
      })
    }
  }

  /** Loads once per app run (the form needs the type's fields before it can show anything). */
  async ensure(): Promise<void> {
    if (!this.loaded || this.fromCache) await this.load()
  }

  private readCache(): AidType[] | null {
    const raw = this.storage.getItem(RELIEF_TYPES_CACHE_KEY)
    if (!raw) return null
    try {
      const items = JSON.parse(raw) as AidType[]
      return Array.isArray(items) ? items : null
    } catch {
      return null
    }
  }
}
