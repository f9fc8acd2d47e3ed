/**
 * The preamble of a console form whose draft is kept in this browser: one of the mini-program's editor stores
 * (EventEditor, AidTypeEditor — no Taro) built once for the form with the console's API, this browser's storage
 * (localStorage, storage.ts), the signed-in user (the draft's key; the session may arrive after the form) and the
 * unions they administer; a new record starts from its kept draft, an existing one is read and opened (重试 after a
 * failure); the editor is disposed with the form. Mount the form with a `key` per record: one editor per record.
 * `draftOwner` alone (storage + user) serves a form that keeps its draft without such a store.
 */
import { useEffect, useRef, useState } from 'react'
import type { ApiClient } from '@/api/client'
import { isApiError } from '@/api/errors'
import type { KeyValueStorage } from '@/stores/storage'
import { useConsole, useSessionState } from '../console'
import { browserStorage } from './storage'

/** What the editor stores take from the console. */
export interface ConsoleEditorDeps {
  api: ApiClient
  storage: KeyValueStorage
  userId: () => number | null
  /** The unions where the user is admin (may own the record), read when needed. */
  orgs: () => { id: number; name: string }[]
}

interface DraftEditor<T> {
  startNew(): void
  open(record: T): void
  dispose(): void
}

/** Where this browser keeps the signed-in user's drafts: the storage and the user's id, read when a draft is saved. */
export function useDraftOwner(): { storage: KeyValueStorage; userId: () => number | null; adminOrgs: () => { id: number; name: string }[] } {
  const { user } = useSessionState()
  const userRef = useRef(user)
  userRef.current = user
  const [owner] = useState(() => ({
    storage: browserStorage,
    userId: () => userRef.current?.id ?? null,
    adminOrgs: () => (userRef.current?.roles ?? []).filter((g) => g.role === 'admin').map((g) => ({ id: g.orgId, name: g.orgName })),
  }))
  return owner
}

/**
 * The form's editor: `create` builds it once; `load` reads the record being edited (omit it for a new one, which
 * starts from its draft). `loadError` is the read's refusal in Chinese; `retry` reads again.
 */
export function useDraftEditor<E extends DraftEditor<T>, T>(
  create: (deps: ConsoleEditorDeps) => E,
  load?: (api: ApiClient) => Promise<T>,
): { editor: E; loadError: string | null; retry: () => void } {
  const { api } = useConsole()
  const owner = useDraftOwner()
  const [editor] = useState(() => {
    const e = create({ api, storage: owner.storage, userId: owner.userId, orgs: owner.adminOrgs })
    if (!load) e.startNew()
    return e
  })
  const [loadError, setLoadError] = useState<string | null>(null)
  const [attempt, setAttempt] = useState(0)
  const loadRef = useRef(load)
  loadRef.current = load
  useEffect(() => () => editor.dispose(), [editor])
  useEffect(() => {
    const read = loadRef.current
    if (!read) return
    let live = true
    setLoadError(null)
    read(api)
      .then((record) => live && editor.open(record))
      .catch((err: unknown) => live && setLoadError(isApiError(err) ? err.message : '加载失败'))
    return () => {
      live = false
    }
  }, [api, editor, attempt])
  return { editor, loadError, retry: () => setAttempt((n) => n + 1) }
}
