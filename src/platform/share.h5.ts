import type { ShareAdapter } from './types'

/** The browser cannot send a mini-program card: the captain copies the code and pastes it in a chat. */
export const share: ShareAdapter = {
  canShareToChat: false,
  async copy(text) {
    try {
      await navigator.clipboard.writeText(text)
      return true
    } catch {
      return false
    }
  },
}
