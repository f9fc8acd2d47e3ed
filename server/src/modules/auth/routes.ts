/** Auth and profile endpoints: parse, authorize, call the service, reply. */
import type { FastifyPluginAsync } from 'fastify'
import { authApi } from '@contract/auth/api'
import * as schemas from '@contract/auth/schemas'
import { AuthReasons } from '@contract/auth/reasons'
import { route } from '../../http/route'
import { readUploadedFile } from '../../http/upload'
import { refuse } from '../../errors'
import { publicPersonas } from '../../personas'
import { WechatApiError } from '../../wechat/client'
import { sniffImage } from '../../files/sniff'
import { DEFAULT_NICKNAME } from './service'
import { profileWithSession } from './moderation'

export const AVATAR_MAX_BYTES = 2 * 1024 * 1024

export const authRoutes: FastifyPluginAsync = async (app) => {
  const { config, wechat } = app.deps
  const service = app.services.auth
  // Logins are counted per client address even when a (stale) token comes along: nobody is logged in yet.
  const loginLimit = { max: config.rateLimit.authPerMinute, timeWindow: 60_000, by: 'address' as const }
  const mode = config.authMode
  const wechatLoginEnabled = wechat !== null && (mode === 'wechat' || mode === 'dev')

  route(app, authApi.options, schemas.options, { auth: 'none' }, async () => ({
    mode,
    devLogin: mode === 'dev',
    personas: mode === 'dev' ? publicPersonas() : [],
  }))

  route(app, authApi.devLogin, schemas.devLogin, { auth: 'none', rateLimit: loginLimit }, async ({ body }) => {
    if (mode !== 'dev') throw refuse(AuthReasons.LOGIN_MODE_DISABLED)
    return service.devLogin(body.persona)
  })

  route(app, authApi.wechatLogin, schemas.wechatLogin, { auth: 'none', rateLimit: loginLimit }, async ({ body, request }) => {
    if (!wechatLoginEnabled || !wechat) throw refuse(AuthReasons.LOGIN_MODE_DISABLED)
    let identity
    try {
      identity = await wechat.code2Session(body.code)
    } catch (err) {
      if (err instanceof WechatApiError) {
        request.log.warn({ wechat: err.failure }, 'jscode2session failed')
        throw err.toAppError()
      }
      throw err
    }
    return service.loginWithOpenid({
      openid: identity.openid,
      unionid: identity.unionid,
      nickname: DEFAULT_NICKNAME,
      method: 'wechat',
    })
  })

  // The X-WX-* headers are set by the WeChat Cloud Hosting gateway; they are read here and only in
  // cloudhosting mode. Everywhere else identity comes from the session token alone.
  route(app, authApi.cloudLogin, schemas.cloudLogin, { auth: 'none', rateLimit: loginLimit }, async ({ request }) => {
    if (mode !== 'cloudhosting') throw refuse(AuthReasons.LOGIN_MODE_DISABLED)
    const openid = headerValue(request.headers['x-wx-openid'])
    if (!openid) throw refuse(AuthReasons.WECHAT_IDENTITY_MISSING)
    return service.loginWithOpenid({
      openid,
      unionid: headerValue(request.headers['x-wx-unionid']),
      nickname: DEFAULT_NICKNAME,
      method: 'cloudhosting',
    })
  })

  route(app, authApi.logout, schemas.logout, { auth: 'required' }, async ({ user }) => {
    await service.logout(user)
    return { ok: true as const }
  })

  // The session and the profile's review state in one statement (one round trip): see SessionRead.
  route(app, authApi.me, schemas.me, { auth: 'required', read: profileWithSession }, async ({ user, rows }) => service.meOf(user, rows[0]))

  route(app, authApi.updateProfile, schemas.updateProfile, { auth: 'required' }, async ({ user, body }) =>
    service.updateProfile(user, body),
  )

  route(
    app,
    authApi.uploadAvatar,
    schemas.uploadAvatar,
    { auth: 'required', bodyLimit: AVATAR_MAX_BYTES + 256 * 1024 },
    async ({ user, request }) => {
      const bytes = await readUploadedFile(request, AVATAR_MAX_BYTES, {
        notMultipart: AuthReasons.AVATAR_NOT_MULTIPART,
        missing: AuthReasons.AVATAR_FILE_MISSING,
        empty: AuthReasons.AVATAR_EMPTY,
      })
      const mime = sniffImage(bytes)
      if (!mime) throw refuse(AuthReasons.AVATAR_TYPE_UNSUPPORTED)
      return service.setAvatar(user, { mime, bytes })
    },
  )
}

function headerValue(v: string | string[] | undefined): string | null {
  const s = Array.isArray(v) ? v[0] : v
  const t = s?.trim()
  return t ? t : null
}
