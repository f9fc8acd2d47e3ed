/** unions' services, one per use case, built once by the app's container (`app.services.unions`). */
import type { AppDeps } from '../../http/deps'
import { UnionImport } from './import'
import { UnionManager } from './manage'
import { UnionTree } from './tree'

export interface UnionServices {
  /** Browse the tree of an admin's subtrees: list, detail. */
  tree: UnionTree
  /** Change it: create, update, move, close, reopen. */
  manage: UnionManager
  /** Many unions from a file: dry run, commit. */
  imports: UnionImport
}

export function unionServices(deps: AppDeps): UnionServices {
  return { tree: new UnionTree(deps), manage: new UnionManager(deps), imports: new UnionImport(deps) }
}
