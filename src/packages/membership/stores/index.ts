/** The membership subpackage's stores, created lazily per RootStore (they never enter the main package). */
import type { RootStore } from '../../../stores/RootStore'
import { CardStore } from './CardStore'
import { MembershipStore } from './MembershipStore'

const membership = new WeakMap<RootStore, MembershipStore>()

export function membershipStoreOf(root: RootStore): MembershipStore {
  let store = membership.get(root)
  if (!store) {
    store = new MembershipStore({ api: root.api, storage: root.storage, now: root.now, userId: () => root.session.me?.id ?? null })
    membership.set(root, store)
  }
  return store
}

export function createCardStore(root: RootStore): CardStore {
  return new CardStore(root.api, root.now)
}
