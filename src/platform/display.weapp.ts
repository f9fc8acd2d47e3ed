import Taro from '@tarojs/taro'
import type { DisplayAdapter } from './types'

/**
 * weapp: WeChat reports the font size the person chose in WeChat's settings (fontSizeSetting, px; 16-17 by default).
 * There is no app-wide root element: each page's root view carries the `care-mode` class itself (the tab pages via
 * careModeClass, subpackage pages via <PageRoot>).
 */
export const display: DisplayAdapter = {
  systemLargeText() {
    try {
      const size = Taro.getSystemInfoSync().fontSizeSetting
      return typeof size === 'number' && size > 17
    } catch {
      return false
    }
  },
  applyCareMode() {
    // every page's root view carries the class (careModeClass, <PageRoot>)
  },
  markLandmarks() {
    // WeChat's screen reader has no landmarks
  },
}
