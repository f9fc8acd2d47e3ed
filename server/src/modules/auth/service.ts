/**
 * Login, logout and profile rules. Each change runs in one transaction with its audit entry.
 */
import { eq, sql } from 'drizzle-orm'
import type { Me, Session } from '@contract/auth/schemas'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx, Tx } from '../../db'
import { users } from '../../db/schema/core'
import { audit } from '../../audit'
import { loadGrants, type AuthGrant, type AuthUser, type SessionKind } from '../../auth/sessions'
import { findPersona, personaOpenid } from '../../personas'
import { AuthReasons } from '@contract/auth/reasons'
import { refuse, refuseAt } from '../../errors'
import type { ImageMime } from '../../files/sniff'
import { pages } from '@contract/pages'
import { checkImage, checkText, recordText, SECURITY_SCENES, supersedeHeld, type Withheld } from '../moderation'
import { profileReview, reviewOf, type ProfileReview } from './moderation'

/** The users columns a Me is made of. */
const ME_COLUMNS = { id: users.id, nickname: users.nickname, avatarFileId: users.avatarFileId, careMode: users.careMode }

/** WeChat no longer hands out nicknames; new users start with the platform's default. */
export const DEFAULT_NICKNAME = '微信用户'

/** What other modules hook into the login's transaction (wired by container.ts). */
export interface AuthHooks {
  /** 注销账号's cooling-off: a login cancels an open request (modules/privacy). */
  onLogin?: (tx: Tx, userId: number, now: Date) => Promise<void>
}

export class AuthService {
  constructor(
    private readonly deps: AppDeps,
    private readonly hooks: AuthHooks = {},
  ) {}

  toMe(user: { id: number; nickname: string; avatarFileId: string | null; careMode?: boolean }, grants: AuthGrant[], review?: ProfileReview): Me {
    return {
      id: user.id,
      nickname: user.nickname,
      avatarUrl: user.avatarFileId ? this.deps.files.signedUrl(user.avatarFileId) : null,
      roles: grants.map((g) => ({ role: g.role, orgId: g.orgId, orgName: g.orgName })),
      pendingNickname: review?.pendingNickname ?? null,
      avatarNotice: review?.avatarNotice ?? null,
      careMode: user.careMode ?? false,
    }
  }

  /** The caller's profile, with what of it waits for or failed content review. */
  async meOf(user: AuthUser, read?: { pendingNickname: string | null; avatar: Withheld | null }): Promise<Me> {
    const review = read ? reviewOf(read.pendingNickname, read.avatar) : await profileReview(this.deps.db, user.userId, user.avatarFileId)
    return this.toMe({ id: user.userId, nickname: user.nickname, avatarFileId: user.avatarFileId, careMode: user.careMode }, user.grants, review)
  }

  /** Finds or creates the user for an openid and opens a session, in one transaction. */
  async loginWithOpenid(input: {
    openid: string
    unionid: string | null
    nickname: string
    method: 'dev' | 'wechat' | 'cloudhosting'
  }, kind: SessionKind = 'app'): Promise<Session> {
    return this.deps.db.transaction(async (tx) => {
      const now = new Date(this.deps.now())
      const [user] = await tx
        .insert(users)
        .values({
          openid: input.openid,
          unionid: input.unionid,
          nickname: input.nickname,
          createdAt: now,
          updatedAt: now,
        })
        .onConflictDoUpdate({
          target: users.openid,
          // WeChat's session_key is not kept (nothing here needs it; see users.wechatSessionKey).
          set: { unionid: sql`coalesce(excluded.unionid, ${users.unionid})` },
        })
        .returning(ME_COLUMNS)
      const session = await this.deps.sessions.create(tx, user.id, kind)
      await this.hooks.onLogin?.(tx, user.id, now)
      await audit(tx, {
        actorUserId: user.id,
        action: 'auth.login',
        subjectType: 'session',
        subjectId: session.sessionId,
        detail: { method: input.method, ...(kind === 'app' ? {} : { kind }) },
      })
      return {
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        user: this.toMe(user, await loadGrants(tx, user.id), await profileReview(tx, user.id, user.avatarFileId)),
      }
    })
  }

  /** `kind` 'console': the office console's 演示登录 (modules/console). */
  async devLogin(personaKey: string, kind: SessionKind = 'app'): Promise<Session> {
    const persona = findPersona(personaKey)
    if (!persona) throw refuseAt('persona', AuthReasons.PERSONA_UNKNOWN)
    return this.loginWithOpenid({
      openid: personaOpenid(persona.key),
      unionid: null,
      nickname: persona.nickname,
      method: 'dev',
    }, kind)
  }

  async logout(user: AuthUser): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      await this.deps.sessions.revoke(tx, user.sessionId)
      await audit(tx, { actorUserId: user.userId, action: 'auth.logout', subjectType: 'session', subjectId: user.sessionId })
    })
  }

  /**
   * A nickname others will see goes through content review first (before the transaction): risky → refused beside
   * `nickname`; held → saved for staff, not applied (others keep seeing the old one until approved).
   */
  async updateProfile(user: AuthUser, patch: { nickname?: string; careMode?: boolean }): Promise<Me> {
    const changing = patch.nickname !== undefined && patch.nickname !== user.nickname
    const verdict = changing ? await checkText(this.deps, { userId: user.userId, scene: SECURITY_SCENES.profile, text: patch.nickname!, field: 'nickname' }) : null
    return this.deps.db.transaction(async (tx) => {
      const now = new Date(this.deps.now())
      const set: Partial<typeof users.$inferInsert> = { updatedAt: now }
      if (patch.nickname !== undefined && verdict?.outcome !== 'hold') set.nickname = patch.nickname
      if (patch.careMode !== undefined) set.careMode = patch.careMode
      if (verdict) {
        await recordText(tx, verdict, { kind: 'auth.nickname', subjectId: user.userId, ownerUserId: user.userId, text: patch.nickname!, link: pages.mine.path }, now)
      } else if (patch.nickname !== undefined) {
        // Back to the nickname others see: a new one still waiting for staff is withdrawn.
        await supersedeHeld(tx, 'auth.nickname', user.userId, now)
      }
      const [row] = await tx
        .update(users)
        .set(set)
        .where(eq(users.id, user.userId))
        .returning(ME_COLUMNS)
      if (!row) throw refuse(AuthReasons.USER_NOT_FOUND)
      if (patch.nickname !== undefined && patch.nickname !== user.nickname) {
        await audit(tx, {
          actorUserId: user.userId,
          action: 'me.update',
          subjectType: 'user',
          subjectId: user.userId,
          detail: { nickname: patch.nickname, ...(verdict?.outcome === 'hold' ? { held: true } : {}) },
        })
      }
      return this.toMe(row, await loadGrants(tx, user.userId), await profileReview(tx, user.userId, row.avatarFileId))
    })
  }

  async setAvatar(user: AuthUser, image: { mime: ImageMime; bytes: Uint8Array }): Promise<Me> {
    const { files } = this.deps
    // Stored first (its own transaction, within the upload quota); should the change below fail, the unattached
    // upload is swept after 24 hours.
    const file = await files.save(this.deps.db, { ownerUserId: user.userId, kind: 'avatar', mime: image.mime, bytes: image.bytes })
    const { me, old } = await this.deps.db.transaction(async (tx: DbOrTx) => {
      await files.attach(tx, [file.id])
      const [prev] = await tx.select({ avatarFileId: users.avatarFileId }).from(users).where(eq(users.id, user.userId))
      const [row] = await tx
        .update(users)
        .set({ avatarFileId: file.id, updatedAt: new Date(this.deps.now()) })
        .where(eq(users.id, user.userId))
        .returning(ME_COLUMNS)
      const oldRow = prev?.avatarFileId ? await files.deleteRow(tx, prev.avatarFileId) : null
      await audit(tx, { actorUserId: user.userId, action: 'me.avatar', subjectType: 'file', subjectId: file.id, detail: { size: file.size, mime: file.mime } })
      return { me: this.toMe(row, await loadGrants(tx, user.userId), await profileReview(tx, user.userId, file.id)), old: oldRow }
    })
    if (old) await files.removeBytes(old)
    // Others may see an avatar: WeChat checks it (shown meanwhile; see moderation/images.ts).
    await checkImage(this.deps, { kind: 'auth.avatar', fileId: file.id, ownerUserId: user.userId, scene: SECURITY_SCENES.profile, link: pages.mine.path })
    return me
  }
}
