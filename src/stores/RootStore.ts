import { ApiClient, type Transport } from '../api/client'
import { SessionStore, type AuthAdapter } from './SessionStore'
import type { KeyValueStorage } from './storage'
import { SubscriptionStore } from './SubscriptionStore'
import type { SubscribeAdapter } from '../platform/types'

export interface RootStoreDeps {
  transport: Transport
  storage: KeyValueStorage
  auth: AuthAdapter
  /** WeChat subscription messages (weapp); none when omitted. */
  subscribe?: SubscribeAdapter
  timeoutMs?: number
  now?: () => number
}

const NO_SUBSCRIPTIONS: SubscribeAdapter = {
  supported: false,
  request: async () => ({ ok: false, reason: 'unsupported', message: '' }),
}

/** One instance per app (see src/bootstrap.ts); capability stores hang off it as they are added. */
export class RootStore {
  readonly api: ApiClient
  readonly session: SessionStore
  /** 订阅消息: asked for at the taps that start a process. */
  readonly subscriptions: SubscriptionStore
  /** For capability stores created lazily in their subpackages (e.g. the join-form draft). */
  readonly storage: KeyValueStorage
  readonly now: () => number

  constructor(deps: RootStoreDeps) {
    this.storage = deps.storage
    this.now = deps.now ?? Date.now
    this.api = new ApiClient({ transport: deps.transport, timeoutMs: deps.timeoutMs })
    this.session = new SessionStore(this.api, deps.storage, deps.auth, deps.now)
    this.subscriptions = new SubscriptionStore(this.api, deps.subscribe ?? NO_SUBSCRIPTIONS, () => this.session.isAuthenticated)
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
