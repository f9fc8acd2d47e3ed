/** 我的申请's store, created lazily per RootStore (it never enters the main package). */
import type { RootStore } from '../../../stores/RootStore'
import { MyApplicationsStore } from './MyApplicationsStore'

const mine = new WeakMap<RootStore, MyApplicationsStore>()

export function myApplicationsOf(root: RootStore): MyApplicationsStore {
  let s = mine.get(root)
  if (!s) {
    s = new MyApplicationsStore(root.api, root.storage, () => root.session.me?.id ?? null)
    mine.set(root, s)
  }
  return s
}
