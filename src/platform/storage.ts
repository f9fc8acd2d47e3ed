import Taro from '@tarojs/taro'
import type { StorageAdapter } from './types'

/** Taro's sync storage works on both platforms (wx storage on weapp, localStorage on H5). */
export const storage: StorageAdapter = {
  getItem(key) {
    try {
      const value: unknown = Taro.getStorageSync(key)
      return typeof value === 'string' && value !== '' ? value : null
    } catch {
      return null
    }
  },
  setItem(key, value) {
    try {
      Taro.setStorageSync(key, value)
    } catch {
      // Storage full or unavailable (private mode): the session lasts until the app closes.
    }
  },
  removeItem(key) {
    try {
      Taro.removeStorageSync(key)
    } catch {
      // ignore
    }
  },
}
