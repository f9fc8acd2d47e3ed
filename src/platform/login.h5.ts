import type { LoginAdapter } from './types'

/** The browser has no wx.login: the H5 app offers 演示登录 only (when the server is in dev mode). */
export const login: LoginAdapter = {
  method: 'none',
  async getCode() {
    throw new Error('网页版不支持微信登录，请在微信中打开小程序')
  },
}
