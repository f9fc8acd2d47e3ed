/** Renders a page with a real RootStore whose only fakes are the platform boundary (transport, storage, auth). */
import type { ReactElement } from 'react'
import { render } from '@testing-library/react'
import { RootStore } from '../stores/RootStore'
import { StoresProvider } from '../stores/context'
import { MemoryStorage } from '../stores/storage'
import type { AuthAdapter } from '../stores/SessionStore'
import { FakeTransport } from './fakes'

export function renderWithStores(ui: ReactElement, opts: { auth?: AuthAdapter } = {}) {
  const transport = new FakeTransport({ waitForReply: true })
  const storage = new MemoryStorage()
  const auth: AuthAdapter = opts.auth ?? { method: 'none', getCode: async () => 'unused' }
  const root = new RootStore({ transport, storage, auth })
  const view = render(<StoresProvider store={root}>{ui}</StoresProvider>)
  return { ...view, root, transport, storage }
}
