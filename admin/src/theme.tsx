/** Light or dark (antd's theme algorithm), remembered in localStorage; the first visit follows the system. */
import { useCallback, useState } from 'react'
import { theme, type ThemeConfig } from 'antd'

export type ThemeMode = 'light' | 'dark'
export const THEME_KEY = 'console.theme'

function initialMode(): ThemeMode {
  try {
    const saved = localStorage.getItem(THEME_KEY)
    if (saved === 'light' || saved === 'dark') return saved
  } catch {
    // storage refused: fall through to the system preference
  }
  return typeof window !== 'undefined' && window.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light'
}

export function useThemeMode(): [ThemeMode, (mode: ThemeMode) => void] {
  const [mode, setMode] = useState<ThemeMode>(initialMode)
  const set = useCallback((next: ThemeMode) => {
    setMode(next)
    try {
      localStorage.setItem(THEME_KEY, next)
    } catch {
      // not remembered, still applied
    }
  }, [])
  return [mode, set]
}

/**
 * antd's algorithm with the text and link colours darkened (light) or lightened (dark) to WCAG AA contrast (4.5:1):
 * antd's defaults fail it on a white page (secondary text #8c8c8c 3.4:1, links #1677ff 4.1:1, green tags 3.6:1) —
 * axe in the console journey finds them at desktop size. The tags' preset palette is not re-derived from these
 * tokens, so console.css sets the tag text colours itself.
 */
export function consoleTheme(mode: ThemeMode): ThemeConfig {
  if (mode === 'dark') {
    return {
      algorithm: theme.darkAlgorithm,
      // the selected menu item's text on its tinted background, and links on the highlighted rows: lighter blues
      components: { Menu: { itemSelectedColor: '#e6f4ff' } },
      token: { colorLink: '#69b1ff', colorLinkHover: '#91caff', colorLinkActive: '#91caff', colorTextSecondary: 'rgba(255, 255, 255, 0.72)', colorTextDescription: 'rgba(255, 255, 255, 0.72)', colorTextTertiary: 'rgba(255, 255, 255, 0.65)', colorTextPlaceholder: 'rgba(255, 255, 255, 0.6)' },
    }
  }
  return {
    algorithm: theme.defaultAlgorithm,
    token: {
      colorPrimary: '#0958d9',
      // hover and focus darken rather than lighten (a lighter blue falls below 4.5:1 on white)
      colorPrimaryHover: '#003eb3',
      colorPrimaryActive: '#002c8c',
      colorLink: '#0958d9',
      colorLinkHover: '#003eb3',
      colorLinkActive: '#002c8c',
      colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
      colorTextDescription: 'rgba(0, 0, 0, 0.65)',
      colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
      colorTextPlaceholder: 'rgba(0, 0, 0, 0.6)',
      // a message beside a field and a danger link: antd's red #ff4d4f is 3.3:1 on white, this one 5.6:1
      colorError: '#cf1322',
      green7: '#237804',
      orange7: '#ad4e00',
      volcano7: '#ad2102',
    },
  }
}
