/**
 * Accessibility props Taro's component types do not list but H5 passes to the element (issue 18). Spread them:
 * `<View {...focusable} />` makes a tappable view reachable by keyboard (weapp ignores it).
 */
export const focusable = { tabIndex: 0 } as Record<string, unknown>

/**
 * A page root's classes in 关怀模式 (issue 18): its own plus `care-mode`, which app.css enlarges. weapp has no
 * app-wide root element, so each page's root view carries the class (on H5 <html> carries it as well). The tab
 * pages call this; subpackage pages get it through <PageRoot>.
 */
export function careModeClass(className: string, session: { careMode: boolean }): string {
  return session.careMode ? className + ' care-mode' : className
}
