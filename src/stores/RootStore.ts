import { ApiClient, type Transport } from '../api/client'
import { SessionStore, type AuthAdapter } from './SessionStore'
import type { KeyValueStorage } from './storage'

export interface RootStoreDeps {
  transport: Transport
  storage: KeyValueStorage
  auth: AuthAdapter
  timeoutMs?: number
  now?: () => number
}

/** One instance per app (see src/bootstrap.ts); capability stores hang off it as they are added. */
export class RootStore {
  readonly api: ApiClient
  readonly session: SessionStore
  /** For capability stores created lazily in their subpackages (e.g. the join-form draft). */
  readonly storage: KeyValueStorage
  readonly now: () => number

  constructor(deps: RootStoreDeps) {
    this.storage = deps.storage
    this.now = deps.now ?? Date.now
    this.api = new ApiClient({ transport: deps.transport, timeoutMs: deps.timeoutMs })
    this.session = new SessionStore(this.api, deps.storage, deps.auth, deps.now)
  }

  /** At launch: restore the saved session, then refresh the profile in the background. */
  start(): void {
    this.session.restore()
    if (this.session.isAuthenticated) {
      this.session.refreshMe().catch(() => {
        // Offline or server down: keep showing the cached profile; a 401 already logged the user out.
      })
    }
  }
}
