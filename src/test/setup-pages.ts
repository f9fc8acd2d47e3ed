// Load Taro's H5 API first (it sets up the runtime the components and router expect).
import '@tarojs/taro'
import * as taro from '@tarojs/taro'

// Taro's page hooks are attached by the framework plugin at build time; jsdom tests get no-op stand-ins
// (no page stack here: useDidShow never fires, useRouter has no params unless a test sets them).
const t = taro as unknown as Record<string, unknown>
if (typeof t.useDidShow !== 'function') t.useDidShow = () => undefined
if (typeof t.useDidHide !== 'function') t.useDidHide = () => undefined
if (typeof t.useRouter !== 'function') t.useRouter = () => ({ params: (globalThis as { __routerParams?: Record<string, string> }).__routerParams ?? {} })
// useShareAppMessage (weapp 转发): keep the page's callback so a test can read the share card it would send.
if (typeof t.useShareAppMessage !== 'function') {
  t.useShareAppMessage = (cb: unknown) => {
    ;(globalThis as { __shareAppMessage?: unknown }).__shareAppMessage = cb
  }
}
