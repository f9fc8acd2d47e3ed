/**
 * The union tree of the console's 组织架构, loaded lazily: the unions of the caller's posts first, a union's children
 * (every cursor page of them) when it is expanded — a district of ~2,000 unions never loads at once. Known unions are
 * kept by id so the side panel, a search hit and a reload after a change all speak of the same rows.
 */
import { useCallback, useEffect, useRef, useState } from 'react'
import { unionsApi } from '@contract/unions/api'
import type { UnionNode } from '@contract/unions/schemas'
import { isApiError } from '@/api/errors'
import { useConsole } from '../../console'

export const TOP = 0

export interface UnionTreeState {
  nodes: ReadonlyMap<number, UnionNode>
  /** Child ids by parent id (TOP: the unions of my posts); absent: not loaded yet. */
  children: ReadonlyMap<number, readonly number[]>
  error: string | null
  includeClosed: boolean
  setIncludeClosed: (v: boolean) => void
  /** Loads (again) the children of `parentId` (TOP for the top). */
  loadChildren: (parentId: number) => Promise<void>
  /** Replaces one union's row (after an edit, a move, a close). */
  put: (node: UnionNode) => void
  reload: () => void
}

export function useUnionTree(): UnionTreeState {
  const { api } = useConsole()
  const [nodes, setNodes] = useState<Map<number, UnionNode>>(new Map())
  const [children, setChildren] = useState<Map<number, number[]>>(new Map())
  const [error, setError] = useState<string | null>(null)
  const [includeClosed, setIncludeClosed] = useState(false)
  const generation = useRef(0)

  const loadChildren = useCallback(
    async (parentId: number) => {
      const gen = generation.current
      const items: UnionNode[] = []
      let cursor: string | undefined
      try {
        do {
          const page = await api.send(unionsApi.list, {
            query: { parentId: parentId === TOP ? undefined : parentId, includeClosed: includeClosed ? 'true' : undefined, limit: 100, cursor },
          })
          items.push(...page.items)
          cursor = page.nextCursor ?? undefined
        } while (cursor)
      } catch (err) {
        if (gen === generation.current) setError(isApiError(err) ? err.message : '加载失败')
        return
      }
      if (gen !== generation.current) return
      setError(null)
      setNodes((prev) => {
        const next = new Map(prev)
        for (const u of items) next.set(u.id, u)
        return next
      })
      setChildren((prev) => new Map(prev).set(parentId, items.map((u) => u.id)))
    },
    [api, includeClosed],
  )

  const reload = useCallback(() => {
    generation.current += 1
    setNodes(new Map())
    setChildren(new Map())
    void loadChildren(TOP)
  }, [loadChildren])

  useEffect(() => reload(), [reload])

  const put = useCallback((node: UnionNode) => setNodes((prev) => new Map(prev).set(node.id, node)), [])

  return { nodes, children, error, includeClosed, setIncludeClosed, loadChildren, put, reload }
}
