/**
 * 更正 (issue 19): a member asks the union to correct their verified name and/or phone (verified data: the union
 * decides, as it decided the joining). The request is a `privacy_requests` row of kind `correction` in the member's
 * union, the new values sealed under DATA_KEY (`payload_enc`, part of the key rotation) until it is decided, then
 * dropped. A reviewer of that union (membership.review over it — the same authority as joining and 退会) approves —
 * the membership's name / phone are changed through membership's face in the same transaction, audited, the member
 * told — or rejects with a reason. Nickname and avatar are not verified data: 我的 edits them directly (PATCH /api/me).
 */
import { and, desc, eq, sql } from 'drizzle-orm'
import { PHONE_PATTERN, maskPhone } from '@contract/membership/idcard'
import { MembershipReasons } from '@contract/membership/reasons'
import { pages } from '@contract/pages'
import { CORRECTION_FIELD_LABELS } from '@contract/privacy/labels'
import { PrivacyReasons } from '@contract/privacy/reasons'
import type { CorrectionBody, CorrectionField, CorrectionView, StaffCorrection } from '@contract/privacy/schemas'
import type { DbOrTx } from '../../db'
import { orgs } from '../../db/schema/core'
import { privacyRequests, type PrivacyRequestRow } from '../../db/schema/privacy'
import { isUniqueViolation } from '../../db/unique'
import type { AppDeps } from '../../http/deps'
import type { AuthUser } from '../../auth/sessions'
import { authorize, scopesFor } from '../../auth/policy'
import { audit } from '../../audit'
import { refuse, refuseAt } from '../../errors'
import { correctMembership, memberOnFile } from '../membership'
import { notify } from '../notifications'

const NAME_PATTERN = /^[\u4e00-\u9fa5·]{2,20}$/

interface Payload {
  name?: string
  phone?: string
}

interface Detail {
  fields?: CorrectionField[]
  reason?: string | null
}

const STATUS = { pending: 'pending', done: 'approved', rejected: 'rejected', cancelled: 'withdrawn' } as const

const detailOf = (r: PrivacyRequestRow): Detail => (r.detail ?? {}) as Detail

export function correctionView(r: PrivacyRequestRow, payload: Payload | null): CorrectionView {
  const d = detailOf(r)
  return {
    id: r.id,
    status: STATUS[r.status],
    fields: d.fields ?? [],
    name: payload?.name ?? null,
    phoneMasked: payload?.phone ? maskPhone(payload.phone) : null,
    reason: d.reason ?? null,
    requestedAt: r.createdAt.toISOString(),
    decidedAt: r.status === 'pending' ? null : (r.doneAt ?? r.cancelledAt)?.toISOString() ?? null,
    rejectNote: r.status === 'rejected' ? r.note : null,
  }
}

export async function latestCorrection(db: DbOrTx, userId: number): Promise<PrivacyRequestRow | null> {
  const [r] = await db
    .select()
    .from(privacyRequests)
    .where(and(eq(privacyRequests.userId, userId), eq(privacyRequests.kind, 'correction')))
    .orderBy(desc(privacyRequests.id))
    .limit(1)
  return r ?? null
}

export function corrections(deps: AppDeps) {
  const { db, cipher } = deps
  const open = (r: PrivacyRequestRow): Payload | null => {
    if (!r.payloadEnc) return null
    try {
      return JSON.parse(cipher.decrypt(r.payloadEnc)) as Payload
    } catch {
      return null
    }
  }
  const fieldList = (p: Payload) => (Object.keys(CORRECTION_FIELD_LABELS) as CorrectionField[]).filter((f) => !!p[f]).map((f) => CORRECTION_FIELD_LABELS[f]).join('和')

  async function staffRow(db: DbOrTx, r: PrivacyRequestRow, orgName: string): Promise<StaffCorrection> {
    const m = r.userId ? await memberOnFile(db, cipher, r.userId) : null
    const p = open(r)
    const v = correctionView(r, p)
    return {
      id: r.id,
      status: v.status,
      memberNo: m?.memberNo ?? '—',
      orgName,
      currentName: m?.name ?? '—',
      currentPhoneMasked: m?.phone ? maskPhone(m.phone) : null,
      newName: p?.name ?? null,
      newPhone: p?.phone ?? null,
      reason: v.reason,
      requestedAt: v.requestedAt,
      decidedAt: v.decidedAt,
      rejectNote: v.rejectNote,
    }
  }

  /** The request, locked, with its union; refused when missing, outside the caller's post, or decided. */
  async function openForDecision(tx: DbOrTx, user: AuthUser, id: number) {
    const [row] = await tx
      .select({ r: privacyRequests, orgName: orgs.name, path: orgs.path })
      .from(privacyRequests)
      .innerJoin(orgs, eq(orgs.id, privacyRequests.orgId))
      .where(and(eq(privacyRequests.id, id), eq(privacyRequests.kind, 'correction')))
      .for('update', { of: privacyRequests })
    if (!row) throw refuse(PrivacyReasons.CORRECTION_NOT_FOUND)
    authorize(user, 'membership.review', row.path)
    if (row.r.status !== 'pending' || !row.r.userId) throw refuse(PrivacyReasons.CORRECTION_DECIDED)
    return row
  }

  return {
    async request(user: AuthUser, body: CorrectionBody): Promise<CorrectionView> {
      const name = body.name?.trim() || undefined
      const phone = body.phone?.trim() || undefined
      if (name && !NAME_PATTERN.test(name)) throw refuseAt('name', PrivacyReasons.CORRECTION_NAME_INVALID)
      if (phone && !PHONE_PATTERN.test(phone)) throw refuseAt('phone', PrivacyReasons.CORRECTION_PHONE_INVALID)
      const now = new Date(deps.now())
      try {
        return await db.transaction(async (tx) => {
          const m = await memberOnFile(tx, cipher, user.userId)
          if (!m) throw refuse(MembershipReasons.NOT_MEMBER)
          const latest = await latestCorrection(tx, user.userId)
          if (latest?.status === 'pending') throw refuse(PrivacyReasons.CORRECTION_PENDING)
          const payload: Payload = {}
          if (name && name !== m.name) payload.name = name
          if (phone && phone !== m.phone) {
            if (m.phone === null) throw refuseAt('phone', PrivacyReasons.CORRECTION_NO_PHONE_ON_FILE)
            payload.phone = phone
          }
          const fields = (['name', 'phone'] as const).filter((f) => payload[f])
          if (fields.length === 0) throw refuse(PrivacyReasons.CORRECTION_UNCHANGED)
          const [row] = await tx
            .insert(privacyRequests)
            .values({
              userId: user.userId,
              kind: 'correction',
              status: 'pending',
              orgId: m.orgId,
              payloadEnc: cipher.encrypt(JSON.stringify(payload)),
              detail: { fields, reason: body.reason?.trim() || null },
              createdAt: now,
            })
            .returning()
          await audit(tx, { actorUserId: user.userId, action: 'privacy.correction.request', subjectType: 'privacy_request', subjectId: row.id, detail: { fields } })
          return correctionView(row, payload)
        })
      } catch (err) {
        // Two taps at once: the database keeps one open request of a kind per person.
        if (isUniqueViolation(err, 'privacy_requests_one_open')) throw refuse(PrivacyReasons.CORRECTION_PENDING)
        throw err
      }
    },

    async withdraw(user: AuthUser): Promise<CorrectionView> {
      const now = new Date(deps.now())
      return db.transaction(async (tx) => {
        const r = await latestCorrection(tx, user.userId)
        if (!r) throw refuse(PrivacyReasons.CORRECTION_NOT_FOUND)
        if (r.status !== 'pending') throw refuse(PrivacyReasons.CORRECTION_DECIDED)
        const [w] = await tx
          .update(privacyRequests)
          .set({ status: 'cancelled', cancelledAt: now, payloadEnc: null, note: 'member' })
          .where(and(eq(privacyRequests.id, r.id), eq(privacyRequests.status, 'pending')))
          .returning()
        if (!w) throw refuse(PrivacyReasons.CORRECTION_DECIDED)
        await audit(tx, { actorUserId: user.userId, action: 'privacy.correction.withdraw', subjectType: 'privacy_request', subjectId: r.id })
        return correctionView(w, null)
      })
    },

    /** The member's latest request and what is on file (账号与安全). */
    async mine(userId: number) {
      const [m, r] = await Promise.all([memberOnFile(db, cipher, userId), latestCorrection(db, userId)])
      return {
        onFile: m ? { name: m.name, phoneMasked: m.phone ? maskPhone(m.phone) : null } : null,
        correction: r ? correctionView(r, r.status === 'pending' ? open(r) : null) : null,
      }
    },

    /** Open requests in the caller's unions (membership.review), oldest first; the listing (new values) is audited. */
    async list(user: AuthUser): Promise<{ items: StaffCorrection[] }> {
      const roots = scopesFor(user, 'membership.review')
      if (roots.length === 0) return { items: [] }
      return db.transaction(async (tx) => {
        const rows = await tx
          .select({ r: privacyRequests, orgName: orgs.name })
          .from(privacyRequests)
          .innerJoin(orgs, eq(orgs.id, privacyRequests.orgId))
          .where(
            and(
              eq(privacyRequests.kind, 'correction'),
              eq(privacyRequests.status, 'pending'),
              sql`(${sql.join(roots.map((r) => sql`${orgs.path} like ${r + '%'}`), sql` or `)})`,
            ),
          )
          .orderBy(privacyRequests.createdAt)
          .limit(200)
        const items: StaffCorrection[] = []
        for (const { r, orgName } of rows) items.push(await staffRow(tx, r, orgName))
        if (items.length > 0) {
          await audit(tx, { actorUserId: user.userId, action: 'privacy.correction.list', subjectType: 'privacy_request', subjectId: items[0].id, detail: { ids: items.map((i) => i.id) } })
        }
        return { items }
      })
    },

    async approve(user: AuthUser, id: number): Promise<StaffCorrection> {
      const now = new Date(deps.now())
      return db.transaction(async (tx) => {
        const { r, orgName } = await openForDecision(tx, user, id)
        const payload = open(r) ?? {}
        const written = await correctMembership(tx, cipher, r.userId!, payload, now)
        if (!written) throw refuse(PrivacyReasons.CORRECTION_NOT_MEMBER)
        const fields = (['name', 'phone'] as const).filter((f) => written[f])
        const [done] = await tx
          .update(privacyRequests)
          .set({ status: 'done', doneAt: now, decidedBy: user.userId, payloadEnc: null })
          .where(eq(privacyRequests.id, id))
          .returning()
        await audit(tx, { actorUserId: user.userId, action: 'privacy.correction.approve', subjectType: 'privacy_request', subjectId: id, detail: { userId: r.userId, fields } })
        await notify(tx, {
          userId: r.userId!,
          kind: 'membership.correction_approved',
          title: '信息更正已完成',
          body: `您所在工会已审核通过您的更正申请，会籍中的${fieldList(payload)}已更新。`,
          link: pages.account.security.path,
          eventKey: `privacy.correction:${id}:approved`,
        })
        return { ...(await staffRow(tx, done, orgName)), newName: payload.name ?? null, newPhone: payload.phone ?? null }
      })
    },

    async reject(user: AuthUser, id: number, note: string): Promise<StaffCorrection> {
      const why = note.trim()
      if (!why) throw refuseAt('note', PrivacyReasons.CORRECTION_REJECT_NOTE_REQUIRED)
      const now = new Date(deps.now())
      return db.transaction(async (tx) => {
        const { r, orgName } = await openForDecision(tx, user, id)
        const payload = open(r) ?? {}
        const [done] = await tx
          .update(privacyRequests)
          .set({ status: 'rejected', doneAt: now, decidedBy: user.userId, payloadEnc: null, note: why })
          .where(eq(privacyRequests.id, id))
          .returning()
        await audit(tx, { actorUserId: user.userId, action: 'privacy.correction.reject', subjectType: 'privacy_request', subjectId: id, detail: { userId: r.userId } })
        await notify(tx, {
          userId: r.userId!,
          kind: 'membership.correction_rejected',
          title: '信息更正未通过',
          body: `您申请更正${fieldList(payload)}，工会未予更正。原因：${why}`,
          link: pages.account.security.path,
          eventKey: `privacy.correction:${id}:rejected`,
        })
        return staffRow(tx, done, orgName)
      })
    },
  }
}
