/** Staff stores, created lazily in the staff subpackage (never in the main package). */
import type { RootStore } from '../../../stores/RootStore'
import { RedeemStore } from './RedeemStore'

const redeemStores = new WeakMap<RootStore, { uid: number | null; store: RedeemStore }>()

/** One queue per logged-in staff user for the app's lifetime (the page may close while scans wait). */
export function redeemStoreOf(root: RootStore, uid: number | null = root.session.me?.id ?? null): RedeemStore {
  const cached = redeemStores.get(root)
  if (cached && cached.uid === uid) return cached.store
  const store = new RedeemStore({ api: root.api, storage: root.storage, now: root.now, userId: () => uid })
  redeemStores.set(root, { uid, store })
  return store
}
