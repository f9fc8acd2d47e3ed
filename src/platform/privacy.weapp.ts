import Taro from '@tarojs/taro'
import type { PrivacyAdapter } from './types'

type Resolver = (result: 'agree' | 'disagree') => void
type Show = (resolve: (result: 'agree' | 'disagree') => void) => void

// WeChat keeps ONE onNeedPrivacyAuthorization listener per app: we register it once and fan out to
// whichever popup is mounted (the last one registered wins).
const listeners: Show[] = []
let registered = false

function ensureRegistered(): void {
  if (registered || typeof Taro.onNeedPrivacyAuthorization !== 'function') return
  registered = true
  Taro.onNeedPrivacyAuthorization((resolve: (opts: { buttonId?: string; event: 'agree' | 'disagree' | 'exposureAuthorization' }) => void) => {
    const show = listeners[listeners.length - 1]
    if (!show) {
      // No popup mounted: refuse rather than hang; the next screen that needs it will ask again.
      resolve({ event: 'disagree' })
      return
    }
    resolve({ event: 'exposureAuthorization' })
    const done: Resolver = (result) => {
      // With <Button openType="agreePrivacyAuthorization"> WeChat records the agreement itself;
      // resolving 'agree' without the button is ignored by WeChat, so it is harmless.
      resolve(result === 'agree' ? { buttonId: 'privacy-agree', event: 'agree' } : { event: 'disagree' })
    }
    show(done)
  })
}

export const privacy: PrivacyAdapter = {
  supported: true,
  async needsAuthorization() {
    if (typeof Taro.getPrivacySetting !== 'function') return false
    return new Promise((resolve) => {
      Taro.getPrivacySetting({
        success: (res) => resolve(!!res.needAuthorization),
        fail: () => resolve(false),
      })
    })
  },
  onNeedAuthorization(show) {
    ensureRegistered()
    listeners.push(show)
    return () => {
      const i = listeners.lastIndexOf(show)
      if (i >= 0) listeners.splice(i, 1)
    }
  },
  async requireAuthorization() {
    if (typeof Taro.requirePrivacyAuthorize !== 'function') return true
    return new Promise((resolve) => {
      Taro.requirePrivacyAuthorize({ success: () => resolve(true), fail: () => resolve(false) })
    })
  },
  async openContract() {
    if (typeof Taro.openPrivacyContract !== 'function') return false
    return new Promise((resolve) => {
      Taro.openPrivacyContract({ success: () => resolve(true), fail: () => resolve(false) })
    })
  },
}
