import { TextDecoder, TextEncoder } from 'node:util'

// react-router reads TextEncoder at load; jsdom does not provide it.
Object.assign(globalThis, { TextEncoder, TextDecoder })
// jsdom lacks what antd's responsive layout and focus handling ask for.
if (!window.matchMedia) {
  Object.defineProperty(window, 'matchMedia', {
    writable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  })
}
if (!window.ResizeObserver) {
  window.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver
}
// antd reads computed styles of pseudo elements for scrollbars; jsdom warns "not implemented" for those.
const getComputedStyle = window.getComputedStyle.bind(window)
window.getComputedStyle = (elt: Element) => getComputedStyle(elt)
