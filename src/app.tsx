import { useEffect, useState, type PropsWithChildren } from 'react'
import { autorun } from 'mobx'
import { createRootStore } from './bootstrap'
import { display } from './platform/display'
import { StoresProvider } from './stores/context'
import './app.css'

function App({ children }: PropsWithChildren) {
  // At launch, before any page renders: restore the saved session (sync), refresh the profile in the background.
  const [store] = useState(() => {
    const root = createRootStore()
    root.start()
    return root
  })

  // 关怀模式 (issue 18) follows the signed-in person's choice, app-wide where the platform allows it.
  useEffect(() => autorun(() => display.applyCareMode(store.session.careMode)), [store])
  useEffect(() => display.markLandmarks(), [])

  // children are the pages
  return <StoresProvider store={store}>{children}</StoresProvider>
}

export default App
