/** Renders a page with a real RootStore whose only fakes are the platform boundary (transport, storage, auth). */
import type { ReactElement } from 'react'
import { act, render } from '@testing-library/react'
import { RootStore } from '../stores/RootStore'
import { StoresProvider } from '../stores/context'
import { MemoryStorage } from '../stores/storage'
import type { AuthAdapter } from '../stores/SessionStore'
import type { SubscribeAdapter } from '../platform/types'
import type { TransportRequest, TransportResponse, TransportUpload } from '../api/client'
import { FakeTransport, json, sampleSession } from './fakes'

export function renderWithStores(ui: ReactElement, opts: { auth?: AuthAdapter; subscribe?: SubscribeAdapter } = {}) {
  const transport = new FakeTransport({ waitForReply: true })
  const storage = new MemoryStorage()
  const auth: AuthAdapter = opts.auth ?? { method: 'none', getCode: async () => 'unused' }
  const root = new RootStore({ transport, storage, auth, subscribe: opts.subscribe })
  const view = render(<StoresProvider store={root}>{ui}</StoresProvider>)
  return { ...view, root, transport, storage }
}

/**
 * Renders a page, logs in as `persona` (dev login answered with `session`), and answers every later request with
 * `handle`, recording them: what most page tests of signed-in pages start with.
 */
export async function renderSignedIn(
  ui: ReactElement,
  persona: string,
  handle: (req: TransportRequest | TransportUpload) => TransportResponse,
  session: unknown = sampleSession('tok-1'),
) {
  const view = renderWithStores(ui)
  const requests: (TransportRequest | TransportUpload)[] = []
  view.transport.fallback = (req) => {
    requests.push(req)
    return handle(req)
  }
  view.transport.reply(() => json(200, session))
  await act(async () => {
    await view.root.session.devLogin(persona)
  })
  return { ...view, requests }
}
