/**
 * Accessibility props Taro's component types do not list but H5 passes to the element (issue 18). Spread them:
 * `<View {...focusable} />` makes a tappable view reachable by keyboard (weapp ignores it).
 */
export const focusable = { tabIndex: 0 } as Record<string, unknown>
