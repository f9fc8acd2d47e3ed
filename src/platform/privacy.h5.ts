import type { PrivacyAdapter } from './types'

/** Browsers have no WeChat privacy authorisation: nothing to agree to here (the guide page still explains everything). */
export const privacy: PrivacyAdapter = {
  supported: false,
  async needsAuthorization() {
    return false
  },
  onNeedAuthorization() {
    return () => undefined
  },
  async requireAuthorization() {
    return true
  },
  async openContract() {
    return false
  },
}
