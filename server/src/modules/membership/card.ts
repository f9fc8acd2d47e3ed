/**
 * 电子会员卡: the member's card with a QR code the server signs for CARD_CODE_TTL_SECONDS, and its verification by
 * staff (`membership.verify_card`), each check audited. A verification always answers 200 with what it found
 * (valid, expired, invalid, not_member): the staff reads the result, nothing is refused.
 */
import { and, eq } from 'drizzle-orm'
import type { CardVerification, MemberCard } from '@contract/membership/schemas'
import { maskName } from '@contract/membership/idcard'
import { CARD_CODE_TTL_SECONDS } from '@contract/membership/labels'
import { MembershipReasons } from '@contract/membership/reasons'
import type { AppDeps } from '../../http/deps'
import { orgs } from '../../db/schema/core'
import { membershipDepartures, memberships } from '../../db/schema/membership'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { memberOf, type Member } from './members'
import { toMembership } from './views'

/** What a card code carries, signed. */
export interface CardPayload {
  /** Membership id. */
  m: number
  /** Issued at / expires at, seconds since epoch. */
  iat: number
  exp: number
}

/** What the staff reads after a check. */
const RESULT_MESSAGES = {
  valid: '有效会员',
  invalid: '无法识别的会员码',
  expired: '会员码已过期，请会员刷新后重新出示',
  not_member: '该会员码对应的会员资格已不存在',
  left: '无效：该会员已退会',
} as const satisfies Record<CardVerification['result'], string>

export class CardService {
  constructor(private readonly deps: AppDeps) {}

  /** The caller's card with a fresh code (404 for a non-member). */
  async card(user: AuthUser, read?: Member | null): Promise<MemberCard> {
    // `read`: the membership taken with the session (memberWithSession); otherwise read here.
    const member = read !== undefined ? read : await memberOf(this.deps.db, user.userId)
    if (!member) throw refuse(MembershipReasons.NOT_MEMBER)
    const nowMs = this.deps.now()
    const iat = Math.floor(nowMs / 1000)
    const payload: CardPayload = { m: member.memberId, iat, exp: iat + CARD_CODE_TTL_SECONDS }
    return {
      ...toMembership(member),
      code: this.sign(payload),
      expiresAt: new Date(payload.exp * 1000).toISOString(),
      serverTime: new Date(nowMs).toISOString(),
    }
  }

  sign(payload: CardPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
    return `${body}.${this.deps.cipher.cardMac(body).toString('base64url')}`
  }

  async verify(user: AuthUser, code: string): Promise<CardVerification> {
    const nowMs = this.deps.now()
    const checkedAt = new Date(nowMs).toISOString()
    const empty = { nameMasked: null, orgName: null, memberNo: null, checkedAt }
    const payload = this.read(code)
    if (!payload) return { result: 'invalid', message: RESULT_MESSAGES.invalid, ...empty }
    if (payload.exp * 1000 <= nowMs) return { result: 'expired', message: RESULT_MESSAGES.expired, ...empty }
    return this.deps.db.transaction(async (tx) => {
      const [row] = await tx
        .select({ name: memberships.name, memberNo: memberships.memberNo, orgName: orgs.name })
        .from(memberships)
        .innerJoin(orgs, eq(orgs.id, memberships.orgId))
        .where(eq(memberships.id, payload.m))
      await audit(tx, {
        actorUserId: user.userId,
        action: 'membership.card.verify',
        subjectType: 'membership',
        subjectId: payload.m,
        detail: { result: row ? 'valid' : 'not_member' },
      })
      if (!row) {
        // 退会 (issue 19): the membership ended — the card is 无效 from the moment it was confirmed.
        const [left] = await tx
          .select({ id: membershipDepartures.id })
          .from(membershipDepartures)
          .where(and(eq(membershipDepartures.membershipId, payload.m), eq(membershipDepartures.status, 'left')))
          .limit(1)
        if (left) return { result: 'left' as const, message: RESULT_MESSAGES.left, ...empty }
        return { result: 'not_member' as const, message: RESULT_MESSAGES.not_member, ...empty }
      }
      return {
        result: 'valid' as const,
        message: RESULT_MESSAGES.valid,
        nameMasked: maskName(row.name),
        orgName: row.orgName,
        memberNo: row.memberNo,
        checkedAt,
      }
    })
  }

  /** The payload of a correctly signed card code, or null. */
  private read(code: string): CardPayload | null {
    const parts = code.trim().split('.')
    if (parts.length !== 2 || !parts[0] || !parts[1]) return null
    if (!this.deps.cipher.cardMacMatches(parts[0], parts[1])) return null
    try {
      const p = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8')) as CardPayload
      if (typeof p?.m !== 'number' || typeof p.iat !== 'number' || typeof p.exp !== 'number') return null
      return p
    } catch {
      return null
    }
  }
}
