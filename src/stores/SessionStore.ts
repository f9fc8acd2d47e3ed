import { makeAutoObservable, runInAction } from 'mobx'
import { authApi } from '@contract/auth/api'
import type { Me, Role, RoleGrant, Session } from '@contract/auth/schemas'
import type { ApiClient } from '../api/client'
import { isApiError } from '../api/errors'
import type { KeyValueStorage } from './storage'
import { roleLabel, roleTagText } from './roles'

/** How this build logs in without a demo persona (implemented in src/platform/login.*.ts). */
export interface AuthAdapter {
  /** wechat: wx.login code → /api/auth/wechat-login; cloud: Cloud Hosting gateway identity; none: H5 (演示登录 only). */
  readonly method: 'wechat' | 'cloud' | 'none'
  /** A fresh wx.login code (method 'wechat' only). */
  getCode(): Promise<string>
}

export type SessionStatus = 'unknown' | 'anonymous' | 'authenticated'
type LoginVia = { kind: 'wechat' } | { kind: 'cloud' } | { kind: 'persona'; persona: string }

interface Persisted {
  token: string
  expiresAt: string
  me: Me
  via: LoginVia
}

export const SESSION_STORAGE_KEY = 'union.session.v1'
/** Set once 关怀模式 was offered on this device (the offer is made once). */
export const CARE_OFFERED_KEY = 'union.care-offered.v1'
export const SESSION_EXPIRED_MESSAGE = '登录已失效，请重新登录'

export interface RoleTag {
  key: string
  role: Role
  label: string
  orgName: string
  text: string
}

export class SessionStore {
  status: SessionStatus = 'unknown'
  token: string | null = null
  expiresAt: string | null = null
  me: Me | null = null
  /** Shown on the login page after the server ended the session. */
  notice: string | null = null
  /** 关怀模式 was already offered on this device. */
  careOffered = false
  private via: LoginVia | null = null

  constructor(
    private readonly api: ApiClient,
    private readonly storage: KeyValueStorage,
    private readonly auth: AuthAdapter,
    private readonly now: () => number = Date.now,
  ) {
    makeAutoObservable<SessionStore, 'api' | 'storage' | 'auth' | 'now' | 'via'>(this, {
      api: false,
      storage: false,
      auth: false,
      now: false,
      via: false,
    })
    api.setSession({
      getToken: () => this.token,
      onTokenRenewed: (token) => this.renewToken(token),
      relogin: () => this.relogin(),
      onUnauthenticated: () => this.endSession(SESSION_EXPIRED_MESSAGE),
    })
  }

  get isAuthenticated(): boolean {
    return this.status === 'authenticated'
  }

  get loginMethod(): AuthAdapter['method'] {
    return this.auth.method
  }

  get roles(): RoleGrant[] {
    return this.me?.roles ?? []
  }

  get roleTags(): RoleTag[] {
    return this.roles.map((g) => ({
      key: `${g.role}-${g.orgId}`,
      role: g.role,
      label: roleLabel(g.role),
      orgName: g.orgName,
      text: roleTagText(g),
    }))
  }

  hasRole(role: Role, orgId?: number): boolean {
    return this.roles.some((g) => g.role === role && (orgId === undefined || g.orgId === orgId))
  }

  get isMember(): boolean {
    return this.hasRole('member')
  }

  get isStaff(): boolean {
    return this.hasRole('venue_staff') || this.hasRole('reviewer') || this.hasRole('admin') || this.hasRole('legal_staff')
  }

  /** 关怀模式 (issue 18): large text, high contrast, big tap targets, the simple home page. Kept on the server. */
  get careMode(): boolean {
    return this.me?.careMode ?? false
  }

  /** Turns 关怀模式 on or off at once (optimistic) and on the server; back as it was if the server refuses. */
  async setCareMode(on: boolean): Promise<void> {
    const before = this.careMode
    this.careOffered = true
    this.storage.setItem(CARE_OFFERED_KEY, '1')
    if (this.me) this.me = { ...this.me, careMode: on }
    try {
      const me = await this.api.send(authApi.updateProfile, { body: { careMode: on } })
      runInAction(() => this.setMe(me))
    } catch (err) {
      runInAction(() => {
        if (this.me) this.me = { ...this.me, careMode: before }
      })
      throw err
    }
  }

  /** Offer 关怀模式 once to a signed-in person whose system text is large and who has not turned it on. */
  shouldOfferCareMode(systemLargeText: boolean): boolean {
    return systemLargeText && this.isAuthenticated && !this.careMode && !this.careOffered
  }

  dismissCareOffer(): void {
    this.careOffered = true
    this.storage.setItem(CARE_OFFERED_KEY, '1')
  }

  /** Reads the saved session (synchronously, at launch). Expired sessions are dropped. */
  restore(): void {
    this.careOffered = this.storage.getItem(CARE_OFFERED_KEY) !== null
    const raw = this.storage.getItem(SESSION_STORAGE_KEY)
    let saved: Persisted | null = null
    if (raw) {
      try {
        saved = JSON.parse(raw) as Persisted
      } catch {
        saved = null
      }
    }
    const expiry = saved ? Date.parse(saved.expiresAt) : NaN
    if (!saved || typeof saved.token !== 'string' || !saved.me || !(expiry > this.now())) {
      if (raw) this.storage.removeItem(SESSION_STORAGE_KEY)
      this.status = 'anonymous'
      return
    }
    this.token = saved.token
    this.expiresAt = saved.expiresAt
    this.me = saved.me
    this.via = saved.via ?? null
    this.status = 'authenticated'
  }

  /** 微信一键登录 (weapp) or Cloud Hosting login. */
  async login(): Promise<void> {
    if (this.auth.method === 'none') throw new Error('此版本不支持微信登录')
    const session = await this.loginOnce(this.auth.method === 'cloud' ? { kind: 'cloud' } : { kind: 'wechat' })
    this.accept(session, this.auth.method === 'cloud' ? { kind: 'cloud' } : { kind: 'wechat' })
  }

  /**
   * On a WeChat Cloud Hosting server the gateway names the caller (X-WX-OPENID), with no code to exchange: how the
   * H5 app opened inside WeChat logs in there (the mini-program's own adapter says 'cloud' already).
   */
  async gatewayLogin(): Promise<void> {
    const session = await this.loginOnce({ kind: 'cloud' })
    this.accept(session, { kind: 'cloud' })
  }

  /** 演示登录 with one of the server's personas (dev mode servers only). */
  async devLogin(persona: string): Promise<void> {
    const session = await this.loginOnce({ kind: 'persona', persona })
    this.accept(session, { kind: 'persona', persona })
  }

  async logout(): Promise<void> {
    if (this.token) {
      try {
        await this.api.send(authApi.logout, { noRelogin: true })
      } catch {
        // Logging out locally is what matters; the server session expires on its own.
      }
    }
    this.endSession(null)
  }

  async refreshMe(): Promise<Me | null> {
    if (!this.token) return null
    const me = await this.api.send(authApi.me)
    runInAction(() => {
      if (this.token) this.setMe(me)
    })
    return me
  }

  /** PATCH /api/me; throws ApiError (with `fields.nickname`) for the page to show beside the field. */
  async updateNickname(nickname: string): Promise<void> {
    const me = await this.api.send(authApi.updateProfile, { body: { nickname: nickname.trim() } })
    runInAction(() => this.setMe(me))
  }

  async uploadAvatar(filePath: string): Promise<void> {
    const me = await this.api.upload(authApi.uploadAvatar, { filePath, name: 'file' })
    runInAction(() => this.setMe(me))
  }

  /** Called by the API client on a 401: log in again the way the user did, without asking. */
  async relogin(): Promise<string | null> {
    const via = this.via
    if (!via || !this.token) return null
    try {
      const session = await this.loginOnce(via)
      this.accept(session, via)
      return session.token
    } catch (err) {
      if (!isApiError(err)) return null
      throw err
    }
  }

  private async loginOnce(via: LoginVia): Promise<Session> {
    switch (via.kind) {
      case 'persona':
        return this.api.send(authApi.devLogin, { body: { persona: via.persona }, noRelogin: true })
      case 'cloud':
        return this.api.send(authApi.cloudLogin, { noRelogin: true })
      case 'wechat': {
        const code = await this.auth.getCode()
        return this.api.send(authApi.wechatLogin, { body: { code }, noRelogin: true })
      }
    }
  }

  private accept(session: Session, via: LoginVia): void {
    this.token = session.token
    this.expiresAt = session.expiresAt
    this.me = session.user
    this.via = via
    this.notice = null
    this.status = 'authenticated'
    this.persist()
  }

  private setMe(me: Me): void {
    this.me = me
    this.persist()
  }

  private renewToken(token: string): void {
    if (!this.token || token === this.token) return
    this.token = token
    this.persist()
  }

  private endSession(notice: string | null): void {
    this.token = null
    this.expiresAt = null
    this.me = null
    this.via = null
    this.notice = notice
    this.status = 'anonymous'
    this.storage.removeItem(SESSION_STORAGE_KEY)
  }

  private persist(): void {
    if (!this.token || !this.me || !this.expiresAt || !this.via) return
    const data: Persisted = { token: this.token, expiresAt: this.expiresAt, me: this.me, via: this.via }
    this.storage.setItem(SESSION_STORAGE_KEY, JSON.stringify(data))
  }
}
