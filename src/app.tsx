import { useEffect, useState, type PropsWithChildren } from 'react'
import { autorun } from 'mobx'
import { createRootStore } from './bootstrap'
import { display } from './platform/display'
import { StoresProvider } from './stores/context'
import './app.css'

// H5: the home page's code comes with the app's first files rather than in a chunk requested after them, so the first
// paint of `/` waits for one round of requests less (issue 18: LCP on a weak network). `import()` in webpack's eager
// mode adds no request; the router's own import of the page then finds it loaded. TARO_ENV is a build-time constant:
// the weapp build drops the line, and its main package does not change.
if (process.env.TARO_ENV === 'h5') void import(/* webpackMode: "eager" */ './pages/home/index')

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
