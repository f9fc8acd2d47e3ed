/** This browser's storage for form drafts (localStorage); a full or blocked storage keeps the draft in memory only. */
import type { KeyValueStorage } from '@/stores/storage'

export const browserStorage: KeyValueStorage = {
  getItem: (k) => {
    try {
      return localStorage.getItem(k)
    } catch {
      return null
    }
  },
  setItem: (k, v) => {
    try {
      localStorage.setItem(k, v)
    } catch {
      // not kept
    }
  },
  removeItem: (k) => {
    try {
      localStorage.removeItem(k)
    } catch {
      // nothing to remove
    }
  },
}
