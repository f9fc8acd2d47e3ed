/**
 * What every console page reaches through `useConsole()`: the API client (typed by the contract's endpoint tables:
 * `api.send(membershipApi.list, { query })`) and the session (who is logged in, with which roles).
 */
import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react'
import type { ApiClient } from '@/api/client'
import type { ConsoleSession, ConsoleSessionState } from './session'

interface ConsoleContextValue {
  session: ConsoleSession
  api: ApiClient
}

const ConsoleContext = createContext<ConsoleContextValue | null>(null)

export function ConsoleProvider({ session, children }: { session: ConsoleSession; children: ReactNode }) {
  return <ConsoleContext.Provider value={{ session, api: session.api }}>{children}</ConsoleContext.Provider>
}

export function useConsole(): ConsoleContextValue {
  const value = useContext(ConsoleContext)
  if (!value) throw new Error('useConsole() outside <ConsoleProvider>')
  return value
}

/** The session state, re-rendering on login, logout and renewal. */
export function useSessionState(): ConsoleSessionState {
  const { session } = useConsole()
  return useSyncExternalStore(session.subscribe, session.getSnapshot)
}
