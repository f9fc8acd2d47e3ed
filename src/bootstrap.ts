/** Wires the one RootStore with this platform's adapters (resolved per TARO_ENV by the build). */
import { login } from './platform/login'
import { storage } from './platform/storage'
import { subscribe } from './platform/subscribe'
import { transport } from './platform/transport'
import { RootStore } from './stores/RootStore'

export function createRootStore(): RootStore {
  return new RootStore({ transport, storage, auth: login, subscribe })
}
