import { endpoint } from '../endpoint'
import type * as s from './schemas'

export const authApi = {
  /** Which login the server offers (the app shows 演示登录 only when devLogin is true). */
  options: endpoint<typeof s.options>('GET', '/api/auth/options'),
  /** Persona login, dev mode only. */
  devLogin: endpoint<typeof s.devLogin>('POST', '/api/auth/dev-login'),
  /** wx.login code → jscode2session on the server → session. */
  wechatLogin: endpoint<typeof s.wechatLogin>('POST', '/api/auth/wechat-login'),
  /** WeChat Cloud Hosting: identity from the gateway's X-WX-OPENID header. */
  cloudLogin: endpoint<typeof s.cloudLogin>('POST', '/api/auth/cloud-login'),
  logout: endpoint<typeof s.logout>('POST', '/api/auth/logout'),
  me: endpoint<typeof s.me>('GET', '/api/me'),
  updateProfile: endpoint<typeof s.updateProfile>('PATCH', '/api/me'),
  /** multipart/form-data with one `file` field (an image). */
  uploadAvatar: endpoint<typeof s.uploadAvatar>('POST', '/api/me/avatar'),
}
