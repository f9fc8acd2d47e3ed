/**
 * Browsing the union tree of my posts, shared by 工会组织 and the 移动到… picker: a trail of unions from the top
 * (empty: the unions my admin posts are at) down to the one being viewed, its children one cursor-paged list, and a
 * name search anywhere in my subtree that replaces the list while typed. Opening a union found by search (or by id)
 * fills the trail by walking up its parents to one of my posts, so the breadcrumb always leads back up.
 */
import { useCallback, useEffect, useState } from 'react'
import { unionsApi } from '@contract/unions/api'
import type { UnionNode } from '@contract/unions/schemas'
import { UNION_CHILD_KINDS } from '@contract/unions/labels'
import type { RootStore } from '../../stores/RootStore'
import { useStores } from '../../stores/context'
import { useCursorList, type CursorList } from '../../hooks/useCursorList'

/** Deepest tree the walk up goes (区 → 街道 → 园区 → 基层, with room to spare). */
const MAX_DEPTH = 8
const SEARCH_DELAY_MS = 300

/** A union may have sub-unions by its kind, or has some already (data from before the rules). */
export const browsable = (u: Pick<UnionNode, 'kind' | 'childCount'>): boolean => UNION_CHILD_KINDS[u.kind].length > 0 || u.childCount > 0

/** `node` and its parents up to one of `roots` (or as far as my subtree reaches), top first. */
export async function trailTo(root: RootStore, node: UnionNode, roots: ReadonlySet<number>): Promise<UnionNode[]> {
  const chain = [node]
  let cur = node
  for (let i = 0; i < MAX_DEPTH && !roots.has(cur.id) && cur.parentId !== null; i++) {
    try {
      cur = await root.api.send(unionsApi.detail, { params: { id: cur.parentId } })
    } catch {
      break // above my subtree (or gone): the trail starts here
    }
    chain.unshift(cur)
  }
  return chain
}

export interface UnionBrowser {
  /** Top first; empty: the unions of my posts. */
  trail: UnionNode[]
  /** The union being viewed (the trail's last), or null at the top. */
  here: UnionNode | null
  /** The search box as typed, and whether a search (debounced) is what the list shows. */
  q: string
  setQ: (q: string) => void
  searching: boolean
  list: CursorList<UnionNode>
  /** The list shows the current place (not the previous one's rows while the new ones load). */
  fresh: boolean
  /** Into a union: a child of `here`, or a search result (its parents looked up). */
  enter: (u: UnionNode) => Promise<void>
  /** Back up to the trail's `depth` first unions (0: the top). */
  up: (depth: number) => void
  /** Opens a union by id (a link into the tree). */
  openAt: (id: number) => Promise<void>
  /** The list again, and the union being viewed (renamed, closed elsewhere). */
  reload: () => void
}

export function useUnionBrowser({ includeClosed }: { includeClosed: boolean }): UnionBrowser {
  const root = useStores()
  const authed = root.session.isAuthenticated
  const [trail, setTrail] = useState<UnionNode[]>([])
  const [q, setQ] = useState('')
  const [query, setQuery] = useState('')
  const here = trail.length ? trail[trail.length - 1] : null
  const hereId = here?.id ?? null
  const key = query ? `q:${query}` : `p:${hereId ?? 0}`
  const [loadedKey, setLoadedKey] = useState<string | null>(null)

  useEffect(() => {
    const t = setTimeout(() => setQuery(q.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(t)
  }, [q])

  const list = useCursorList<UnionNode>(
    useCallback(
      (cursor) =>
        root.api.send(unionsApi.list, {
          query: { cursor, ...(includeClosed ? { includeClosed: 'true' as const } : {}), ...(query ? { q: query } : hereId !== null ? { parentId: hereId } : {}) },
        }),
      [root, query, hereId, includeClosed],
    ),
  )
  const { refresh } = list

  useEffect(() => {
    if (!authed) return undefined
    let live = true
    void refresh().then(() => live && setLoadedKey(key))
    return () => {
      live = false
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `refresh` changes with the place (key) it lists
  }, [refresh, authed])

  const roots = useCallback(() => new Set(root.session.roles.filter((g) => g.role === 'admin').map((g) => g.orgId)), [root])

  const enter = useCallback(
    async (u: UnionNode) => {
      if (query || q.trim()) {
        const chain = await trailTo(root, u, roots())
        setQ('')
        setQuery('')
        setTrail(chain)
      } else {
        setTrail((t) => [...t, u])
      }
    },
    [root, roots, query, q],
  )

  const openAt = useCallback(
    async (id: number) => {
      const u = await root.api.send(unionsApi.detail, { params: { id } })
      setTrail(await trailTo(root, u, roots()))
    },
    [root, roots],
  )

  const reload = useCallback(() => {
    void refresh()
    if (hereId === null) return
    root.api.send(unionsApi.detail, { params: { id: hereId } }).then(
      (u) => setTrail((t) => t.map((x) => (x.id === u.id ? u : x))),
      () => undefined, // the list shows the error, if any
    )
  }, [root, refresh, hereId])

  return {
    trail,
    here,
    q,
    setQ,
    searching: query !== '',
    list,
    fresh: loadedKey === key,
    enter,
    up: (depth) => setTrail((t) => t.slice(0, depth)),
    openAt,
    reload,
  }
}
