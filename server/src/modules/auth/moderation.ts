/**
 * The profile under content review (内容审核): a nickname held for staff is not applied — others keep seeing the
 * old one — until staff approve it (this hook); the owner sees it as `pendingNickname`. An avatar is shown at once
 * and checked by WeChat; others would not see one WeChat or staff refused (`avatarNotice` tells the owner).
 */
import { eq, sql } from 'drizzle-orm'
import { MODERATION_NOTICES } from '@contract/moderation/labels'
import type { DbOrTx } from '../../db'
import { sessionColumns, type SessionRead } from '../../auth/sessions'
import { users } from '../../db/schema/core'
import { pendingText, pendingTextSql, withheld, withheldSql, type ModerationHooks, type Withheld } from '../moderation'

export const authModeration: ModerationHooks = {
  'auth.nickname': {
    async approved(tx, item) {
      if (item.text === null) return
      await tx.update(users).set({ nickname: item.text, updatedAt: item.decidedAt ?? new Date() }).where(eq(users.id, item.ownerUserId))
    },
  },
}

export interface ProfileReview {
  pendingNickname: string | null
  avatarNotice: string | null
}

export async function profileReview(db: DbOrTx, userId: number, avatarFileId: string | null): Promise<ProfileReview> {
  const pendingNickname = await pendingText(db, 'auth.nickname', userId)
  const avatar = avatarFileId ? (await withheld(db, 'auth.avatar', [avatarFileId])).get(avatarFileId) : undefined
  return reviewOf(pendingNickname, avatar)
}

export function reviewOf(pendingNickname: string | null, avatar: Withheld | null | undefined): ProfileReview {
  return {
    pendingNickname,
    avatarNotice: avatar === 'rejected' ? MODERATION_NOTICES.imageRejected : avatar === 'held' ? MODERATION_NOTICES.imageHeld : null,
  }
}

/** GET /api/me in one statement: the session (with the user's profile and grants) and what of the profile is under review. */
export const profileWithSession: SessionRead<{ pendingNickname: string | null; avatar: Withheld | null }> = {
  name: 'auth_me_with_session',
  build: (d, s, name) =>
    d
      .with(s)
      .select({
        auth: sessionColumns(s),
        pendingNickname: pendingTextSql('auth.nickname', sql`${s.userId}`),
        avatar: withheldSql('auth.avatar', sql`${s.avatarFileId}`),
      })
      .from(s)
      .prepare(name),
}
