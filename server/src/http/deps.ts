/** What every module plugin can reach through `app.deps`, and the per-request user. */
import type { RuntimeConfig } from '../config'
import type { Db, DatabaseKind } from '../db'
import type { WechatClient } from '../wechat/client'
import type { SessionService, AuthUser, TokenUser } from '../auth/sessions'
import type { FileStore } from '../files/store'
import type { DataCipher } from '../crypto/data'
import type { AccessTable } from './access'
import type { ClientAddress } from './client-address'

export interface AppDeps {
  config: RuntimeConfig
  db: Db
  dbKind: DatabaseKind
  /** Null unless WECHAT_APPID/WECHAT_SECRET are configured. */
  wechat: WechatClient | null
  sessions: SessionService
  files: FileStore
  /** Milliseconds since epoch; injectable for tests (expiry, renewal). */
  now: () => number
  version: string
  /** Encryption and keyed hashes for sensitive data (ID number, phone) and the member card. */
  cipher: DataCipher
  /** Who may call each endpoint (server/src/access.ts); route registration reads it. */
  access: AccessTable
  /** The client's address as far as TRUST_PROXY / CLIENT_IP_HEADER let us believe it (rate limits). */
  clientAddress: ClientAddress
}

declare module 'fastify' {
  interface FastifyInstance {
    deps: AppDeps
  }
  interface FastifyRequest {
    /** Set by the route helper's auth step for routes with auth 'required' or 'optional'. */
    user: AuthUser | null
    /** Set instead of `user` for routes with auth 'token'. */
    tokenUser?: TokenUser
    /** The rows a route's `SessionRead` took in the session's statement (routes registered with `read`). */
    sessionRows?: unknown[]
  }
}
