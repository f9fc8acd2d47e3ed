import Taro from '@tarojs/taro'
import type { DisplayAdapter } from './types'

/**
 * weapp: WeChat reports the font size the person chose in WeChat's settings (fontSizeSetting, px; 16-17 by default).
 * There is no app-wide root element: the pages put the `care-mode` class on their root view themselves.
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
    // the tab pages carry the class on their root view
  },
  markLandmarks() {
    // WeChat's screen reader has no landmarks
  },
}
