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

// Taro's H5 <Input> and <Textarea> (stencil web components) reads its inner <input> in `watchValue` when React sets `value` before
// the component has rendered in jsdom, and logs a TypeError that changes nothing (the value is applied on render).
// Only that error is dropped, by its stack; every other console.error still shows.
const consoleError = console.error.bind(console)
console.error = (...args: unknown[]) => {
  const first = args[0]
  if (first instanceof TypeError && /reading 'value'/.test(first.message) && /taro-(input|textarea)-core/.test(first.stack ?? '')) return
  consoleError(...args)
}
