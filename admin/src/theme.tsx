/** Light or dark (antd's theme algorithm), remembered in localStorage; the first visit follows the system. */
import { useCallback, useState } from 'react'

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
