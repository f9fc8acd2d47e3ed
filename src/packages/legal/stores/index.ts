/** The legal package's stores, created when a page of it first opens (their code stays out of the main package). */
import type { RootStore } from '../../../stores/RootStore'
import { AskStore } from './AskStore'

const asks = new WeakMap<RootStore, AskStore>()

export function askStoreOf(root: RootStore): AskStore {
  let s = asks.get(root)
  if (!s) {
    s = new AskStore({ api: root.api, storage: root.storage, now: root.now, userId: () => root.session.me?.id ?? null })
    asks.set(root, s)
  }
  return s
}
