/**
 * Taro attaches page hooks at build time; in jsdom a test file keeps the page's scroll-to-the-end callback to fire it
 * as the page would. Call at the top level of a test file:
 *
 *   const reachBottom = captureReachBottom()
 *   …
 *   reachBottom() // the member scrolled to the end of the list
 *
 * The previous stand-in comes back after the file.
 */
import * as taro from '@tarojs/taro'

export function captureReachBottom(): () => void {
  const hooks = taro as unknown as Record<string, unknown>
  const had = hooks.useReachBottom
  let callback: (() => void) | null = null
  beforeAll(() => {
    hooks.useReachBottom = (fn: () => void) => {
      callback = fn
    }
  })
  afterAll(() => {
    hooks.useReachBottom = had
  })
  return () => {
    if (!callback) throw new Error('the page registered no useReachBottom callback')
    callback()
  }
}
