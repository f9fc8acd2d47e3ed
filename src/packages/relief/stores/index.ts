/** The relief subpackage's stores, created lazily per RootStore (they never enter the main package). */
import type { RootStore } from '../../../stores/RootStore'
import { ApplyStore } from './ApplyStore'
import { ReliefTypesStore } from './ReliefTypesStore'

const types = new WeakMap<RootStore, ReliefTypesStore>()
const apply = new WeakMap<RootStore, ApplyStore>()

export function reliefTypesOf(root: RootStore): ReliefTypesStore {
  let s = types.get(root)
  if (!s) {
    s = new ReliefTypesStore(root.api, root.storage)
    types.set(root, s)
  }
  return s
}

export function applyStoreOf(root: RootStore): ApplyStore {
  let s = apply.get(root)
  if (!s) {
    s = new ApplyStore({ api: root.api, storage: root.storage, types: reliefTypesOf(root), now: root.now, userId: () => root.session.me?.id ?? null })
    apply.set(root, s)
  }
  return s
}
