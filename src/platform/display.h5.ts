import type { DisplayAdapter } from './types'

/** The browser's default text size in CSS px (16 unless the person raised it); Taro sets the root size itself. */
function defaultFontPx(): number {
  const probe = document.createElement('div')
  probe.style.cssText = 'position:absolute;visibility:hidden;font-size:medium'
  document.body.appendChild(probe)
  const px = parseFloat(getComputedStyle(probe).fontSize)
  probe.remove()
  return Number.isFinite(px) ? px : 16
}

/**
 * H5: the browser's default font size tells whether the text was raised; 关怀模式 is a class on <html> (app.css
 * scales the root size Taro's rem units are based on, and raises contrast), so every page follows it.
 */
export const display: DisplayAdapter = {
  systemLargeText() {
    try {
      return defaultFontPx() > 17
    } catch {
      return false
    }
  },
  markLandmarks() {
    if (typeof document === 'undefined' || typeof MutationObserver === 'undefined') return
    // Taro's router creates the page containers and the tab bar: label them as they appear.
    const mark = () => {
      // The page container is what scrolls: focusable, so the keyboard can scroll it (axe: scrollable-region-focusable).
      document.querySelectorAll('.taro_page:not([role])').forEach((el) => {
        el.setAttribute('role', 'main')
        el.setAttribute('tabindex', '0')
      })
      document.querySelectorAll('.taro-tabbar__tabbar:not([role])').forEach((el) => {
        el.setAttribute('role', 'navigation')
        el.setAttribute('aria-label', '主导航')
      })
      // The tab icons are decoration: each tab's text names it.
      document.querySelectorAll('.weui-tabbar__icon:not([alt])').forEach((el) => el.setAttribute('alt', ''))
    }
    mark()
    new MutationObserver(mark).observe(document.body, { childList: true, subtree: true })
  },
  applyCareMode(on) {
    if (typeof document === 'undefined') return
    document.documentElement.classList.toggle('care-mode', on)
  },
}
