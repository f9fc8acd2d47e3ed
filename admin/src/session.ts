/**
 * The console's session: the token of a console session (kind `console`, short-lived; see server
 * modules/console) kept in sessionStorage — it lives as long as the browser tab, never on disk across restarts, and
 * another tab logs in on its own. The API client (the mini-program's own ApiClient, src/api/client.ts) sends it as
 * `Authorization: Bearer`, picks up renewed tokens, and ends the session on a 401 (no silent relogin on a desktop:
 * the user scans again).
 */
import { ApiClient, type SessionHooks, type Transport } from '@/api/client'
import { transport as fetchTransport } from '@/platform/transport.h5'
import type { Me } from '@contract/auth/schemas'

export const TOKEN_KEY = 'console.session'

export interface ConsoleSessionState {
  token: string | null
  user: Me | null
}

type Listener = () => void

/** Storage the session writes to (sessionStorage in the browser; a map in tests). */
export interface TokenStorage {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
  removeItem(key: string): void
}

function memoryStorage(): TokenStorage {
  const m = new Map<string, string>()
  return { getItem: (k) => m.get(k) ?? null, setItem: (k, v) => void m.set(k, v), removeItem: (k) => void m.delete(k) }
}

export class ConsoleSession {
  private state: ConsoleSessionState
  private readonly listeners = new Set<Listener>()
  readonly api: ApiClient

  constructor(options: { transport?: Transport; storage?: TokenStorage } = {}) {
    const storage = options.storage ?? (typeof sessionStorage !== 'undefined' ? sessionStorage : memoryStorage())
    this.storage = storage
    this.state = { token: storage.getItem(TOKEN_KEY), user: null }
    const hooks: SessionHooks = {
      getToken: () => this.state.token,
      onTokenRenewed: (token) => this.setToken(token),
      relogin: async () => null,
      onUnauthenticated: () => this.clear(),
    }
    this.api = new ApiClient({ transport: options.transport ?? fetchTransport, session: hooks })
  }

  private readonly storage: TokenStorage

  get snapshot(): ConsoleSessionState {
    return this.state
  }

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  getSnapshot = (): ConsoleSessionState => this.state

  /** A console login succeeded: keep the token and who it is. */
  signIn(token: string, user: Me): void {
    this.storage.setItem(TOKEN_KEY, token)
    this.update({ token, user })
  }

  setUser(user: Me): void {
    this.update({ ...this.state, user })
  }

  clear(): void {
    this.storage.removeItem(TOKEN_KEY)
    this.update({ token: null, user: null })
  }

  private setToken(token: string): void {
    this.storage.setItem(TOKEN_KEY, token)
    this.update({ ...this.state, token })
  }

  private update(next: ConsoleSessionState): void {
    this.state = next
    for (const l of this.listeners) l()
  }
}
