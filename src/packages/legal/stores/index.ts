/** The legal package's stores, created when a page of it first opens (their code stays out of the main package). */
import type { RootStore } from '../../../stores/RootStore'
import { AskStore } from './AskStore'

const asks = new WeakMap<RootStore, { userId: number; store: AskStore }>()

/**
 * The signed-in user's 我要咨询 form. Made for one user (their device draft opened when it is made): another login on
 * the same phone gets a form of its own, never the previous user's typing.
 */
export function askStoreOf(root: RootStore, userId: number): AskStore {
  const held = asks.get(root)
  if (held && held.userId === userId) return held.store
  const store = new AskStore({ api: root.api, storage: root.storage, now: root.now, userId: () => (root.session.me?.id === userId ? userId : null) })
  asks.set(root, { userId, store })
  return store
}
