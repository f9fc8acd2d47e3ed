import { z } from 'zod'
import { NICKNAME_MAX } from './limits'

export { NICKNAME_MAX }

export const Role = z.enum(['member', 'venue_staff', 'reviewer', 'admin', 'legal_staff', 'station_keeper'])
export type Role = z.infer<typeof Role>


export const AuthMode = z.enum(['dev', 'wechat', 'cloudhosting'])
export type AuthMode = z.infer<typeof AuthMode>

export const RoleGrant = z.object({
  role: Role,
  orgId: z.number().int(),
  orgName: z.string(),
})
export type RoleGrant = z.infer<typeof RoleGrant>

export const Me = z.object({
  id: z.number().int(),
  /** The nickname others see. */
  nickname: z.string(),
  avatarUrl: z.string().nullable(),
  roles: z.array(RoleGrant),
  /** A new nickname held for content review (内容审核): others keep seeing `nickname` until staff approve it. */
  pendingNickname: z.string().nullable().optional(),
  /** Why others do not see the avatar: 图片审核中 / 图片未通过审核 (content review); null when they do. */
  avatarNotice: z.string().nullable().optional(),
  /** 关怀模式 (issue 18): the user's choice, kept on the server so it follows them to another phone. */
  careMode: z.boolean().optional(),
})
export type Me = z.infer<typeof Me>

export const Session = z.object({
  token: z.string(),
  /** ISO 8601 instant. */
  expiresAt: z.string(),
  user: Me,
})
export type Session = z.infer<typeof Session>

export const Persona = z.object({
  key: z.string(),
  nickname: z.string(),
  description: z.string(),
})
export type Persona = z.infer<typeof Persona>

export const AuthOptions = z.object({
  mode: AuthMode,
  /** True only when the server runs in dev mode: the app then offers 演示登录. */
  devLogin: z.boolean(),
  personas: z.array(Persona),
})
export type AuthOptions = z.infer<typeof AuthOptions>

export const DevLoginBody = z.object({
  persona: z.string().min(1, '请选择演示身份').max(64),
})
export type DevLoginBody = z.infer<typeof DevLoginBody>

export const WechatLoginBody = z.object({
  /** The code from wx.login, valid for five minutes and once. */
  code: z.string().min(1, '缺少登录凭证').max(128),
})
export type WechatLoginBody = z.infer<typeof WechatLoginBody>

export const Ok = z.object({ ok: z.literal(true) })
export type Ok = z.infer<typeof Ok>

export const UpdateProfileBody = z.object({
  nickname: z
    .string()
    .trim()
    .min(1, '昵称不能为空')
    .max(NICKNAME_MAX, `昵称最多 ${NICKNAME_MAX} 个字`)
    .optional(),
  /** 关怀模式 on or off (issue 18). */
  careMode: z.boolean({ error: '关怀模式只能是开启或关闭' }).optional(),
})
export type UpdateProfileBody = z.infer<typeof UpdateProfileBody>

// Endpoint schema groups, referenced by ./api.ts through `import type`.
export const options = { response: AuthOptions }
export const devLogin = { body: DevLoginBody, response: Session }
export const wechatLogin = { body: WechatLoginBody, response: Session }
export const cloudLogin = { response: Session }
export const logout = { response: Ok }
export const me = { response: Me }
export const updateProfile = { body: UpdateProfileBody, response: Me }
export const uploadAvatar = { response: Me }
