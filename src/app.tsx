import { useState, type PropsWithChildren } from 'react'
import { createRootStore } from './bootstrap'
import { StoresProvider } from './stores/context'
import './app.css'

function App({ children }: PropsWithChildren) {
  // At launch, before any page renders: restore the saved session (sync), refresh the profile in the background.
  const [store] = useState(() => {
    const root = createRootStore()
    root.start()
    return root
  })

  // children are the pages
  return <StoresProvider store={store}>{children}</StoresProvider>
}

export default App
