import { endpoint } from '../endpoint'
import type * as s from './schemas'

/** 扫码登录 for the office console (/admin) and 退出电脑登录. */
export const consoleApi = {
  /** The console asks for a login QR (anonymous, rate-limited per address). */
  createTicket: endpoint<typeof s.createTicket>('POST', '/api/console/login-tickets'),
  /** The console polls its ticket with its secret; collects the session once confirmed. */
  pollTicket: endpoint<typeof s.pollTicket>('POST', '/api/console/login-tickets/:ticket/poll'),
  /** The phone reads a scanned ticket: where and when the login was asked for. */
  viewTicket: endpoint<typeof s.viewTicket>('GET', '/api/console/login-tickets/:ticket'),
  /** The phone confirms: the console is logged in as the phone's user (staff only). */
  confirmTicket: endpoint<typeof s.confirmTicket>('POST', '/api/console/login-tickets/:ticket/confirm'),
  /** The phone declines. */
  cancelTicket: endpoint<typeof s.cancelTicket>('POST', '/api/console/login-tickets/:ticket/cancel'),
  /** The caller's live console sessions (我的 shows 退出电脑登录 when there is one). */
  mySessions: endpoint<typeof s.mySessions>('GET', '/api/console/sessions'),
  /** 退出电脑登录: ends every console session of the caller. */
  logoutConsoles: endpoint<typeof s.logoutConsoles>('POST', '/api/console/sessions/logout'),
  /** Dev mode only: a console session as a demo persona (the console's 演示登录). */
  devLogin: endpoint<typeof s.devLogin>('POST', '/api/console/dev-login'),
}
