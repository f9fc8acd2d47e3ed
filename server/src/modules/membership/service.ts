/**
 * Joining (入会), review (审核) and the e-member card (电子会员卡).
 *
 * ID number and phone are stored encrypted (the draft's too, `drafts.ts`); uniqueness of a person is checked by the
 * keyed `id_hash`, and enforced by the database (UNIQUE memberships.id_hash; one pending application per user by a
 * partial unique index). Applicants see masked numbers only, and a taken ID number is refused without saying where
 * (`id-checks.ts`); every reviewer view of the full numbers is audited. Every rule runs in one transaction.
 */
import { and, asc, desc, eq, inArray, like, or, sql } from 'drizzle-orm'
import type {
  CardVerification,
  JoinApplication,
  JoinDraft,
  JoinSubmit,
  MemberCard,
  Membership,
  MyMembership,
  ReviewDetail,
  ReviewQueueItem,
  TimelineEntry,
  UnionList,
  UnionOption,
} from '@contract/membership/schemas'
import { maskIdNumber, maskName, maskPhone, parseIdNumber } from '@contract/membership/idcard'
import { CARD_CODE_TTL_SECONDS, MEMBERSHIP_REVIEW_WORKING_DAYS } from '@contract/membership/labels'
import { chinaYear } from '../../time'
import type { AppDeps } from '../../http/deps'
import { rowsOf, type DbOrTx, type Tx } from '../../db'
import { alias } from 'drizzle-orm/pg-core'
import { orgs, userRoles } from '../../db/schema/core'
import { applicationEvents, joinDrafts, membershipApplications, memberships, type MembershipApplicationRow } from '../../db/schema/membership'
import { audit } from '../../audit'
import { authorize, can, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { AppError, Errors } from '../../errors'
import { ErrorCodes } from '@contract/errors'
import { addWorkingDays } from '../calendar'
import { WechatApiError } from '../../wechat/client'
import { readJoinDraft, saveJoinDraft } from './drafts'
import { assertIdChecksLeft, findIdConflict, IdTaken, recordIdConflict } from './id-checks'
import { BAD_CURSOR, decodeCursor, isIsoInstant, pageOf } from '../../db/paging'


export const NOT_A_MEMBER = '您还不是工会会员'
const ALREADY_PENDING = '您已有一份入会申请正在审核中，请耐心等待审核结果'

const TIMELINE_TITLES: Record<TimelineEntry['kind'], string> = {
  submitted: '提交申请',
  resubmitted: '重新提交申请',
  in_review: '审核中',
  approved: '审核通过',
  rejected: '审核未通过',
}

/** A unique violation from PostgreSQL / PGlite (drizzle may wrap it). */
function isUniqueViolation(err: unknown, constraint?: string): boolean {
  for (let e = err as { code?: string; constraint?: string; cause?: unknown } | undefined, i = 0; e && i < 4; i++) {
    if (e.code === '23505') return !constraint || e.constraint === constraint || String((e as Error).message ?? '').includes(constraint)
    e = e.cause as typeof e
  }
  return false
}

export interface CardPayload {
  /** Membership id. */
  m: number
  /** Issued at / expires at, seconds since epoch. */
  iat: number
  exp: number
}

export class MembershipService {
  constructor(private readonly deps: AppDeps) {}

  private nowDate(): Date {
    return new Date(this.deps.now())
  }

  // ---------- unions, mine, draft ----------

  /** Grassroots unions in tree order, one page (keyset on (path, id)), optionally by name; and the chosen one. */
  async unions(query: { q?: string; selected?: number; cursor?: string; limit: number }): Promise<UnionList> {
    const after = decodeCursor(query.cursor, ['string', 'number'] as const)
    const parent = alias(orgs, 'parent')
    const base = () =>
      this.deps.db
        .select({ id: orgs.id, name: orgs.name, parentName: parent.name, path: orgs.path })
        .from(orgs)
        .leftJoin(parent, eq(parent.id, orgs.parentId))
    const rows = await base()
      .where(
        and(
          eq(orgs.kind, 'grassroots'),
          query.q ? sql`strpos(${orgs.name}, ${query.q}) > 0` : undefined,
          after ? sql`(${orgs.path}, ${orgs.id}) > (${after[0]}, ${after[1]}::integer)` : undefined,
        ),
      )
      .orderBy(asc(orgs.path), asc(orgs.id))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.path, r.id])
    const option = (r: { id: number; name: string; parentName: string | null }): UnionOption => ({ id: r.id, name: r.name, parentName: r.parentName ?? null })
    const [selected] = query.selected ? await base().where(and(eq(orgs.id, query.selected), eq(orgs.kind, 'grassroots'))) : []
    return { items: page.map(option), nextCursor, selected: selected ? option(selected) : null }
  }

  async mine(user: AuthUser): Promise<MyMembership> {
    return this.deps.db.transaction(async (tx) => {
      const membership = await this.membershipOf(tx, user.userId)
      const [app] = await tx
        .select()
        .from(membershipApplications)
        .where(eq(membershipApplications.userId, user.userId))
        .orderBy(desc(membershipApplications.id))
        .limit(1)
      const draft = await readJoinDraft(tx, this.deps.cipher, user.userId, this.nowDate())
      return {
        membership,
        application: app ? await this.applicantView(tx, app) : null,
        draft: draft?.view ?? null,
        draftSavedAt: draft ? draft.savedAt.toISOString() : null,
      }
    })
  }

  /** weapp getPhoneNumber code → the verified phone number, through WeChat's phone-number API. */
  async exchangePhone(user: AuthUser, code: string): Promise<string> {
    const { wechat } = this.deps
    if (!wechat) throw new AppError(400, ErrorCodes.BAD_REQUEST, '当前环境不支持微信手机号快速验证，请手动填写')
    let phone: string
    try {
      phone = await wechat.getPhoneNumber(code)
    } catch (err) {
      if (err instanceof WechatApiError) throw err.toAppError()
      throw err
    }
    await this.deps.db.transaction(async (tx) =>
      audit(tx, { actorUserId: user.userId, action: 'membership.phone_exchange', subjectType: 'user', subjectId: user.userId }),
    )
    return phone
  }

  async saveDraft(user: AuthUser, draft: JoinDraft): Promise<{ savedAt: string }> {
    return this.deps.db.transaction(async (tx) => {
      const now = this.nowDate()
      await saveJoinDraft(tx, this.deps.cipher, user.userId, draft, now)
      return { savedAt: now.toISOString() }
    })
  }

  // ---------- submit ----------

  async submit(user: AuthUser, input: JoinSubmit): Promise<JoinApplication> {
    const typed = input.idNumber ? parseIdNumber(input.idNumber, this.nowDate()) : null
    if (typed && !typed.ok) throw Errors.validation({ idNumber: typed.message })
    try {
      return await this.submitTx(user, input, typed)
    } catch (err) {
      // A taken ID number: counted and audited in a transaction of its own (the submission's rolled back).
      if (err instanceof IdTaken) throw await recordIdConflict(this.deps.db, user.userId, err.conflict, this.deps.now())
      // Two first submissions at the same moment: the database keeps one pending application per user.
      if (isUniqueViolation(err, 'membership_applications_one_pending')) throw Errors.conflict(ALREADY_PENDING)
      throw err
    }
  }

  private async submitTx(user: AuthUser, input: JoinSubmit, typed: ReturnType<typeof parseIdNumber> | null): Promise<JoinApplication> {
    const { cipher } = this.deps
    return this.deps.db.transaction(async (tx) => {
      const now = this.nowDate()
      const org = await this.targetOrg(tx, input.orgId)

      if (await this.membershipOf(tx, user.userId)) throw Errors.conflict('您已是工会会员，无需重复申请')

      const [latest] = await tx
        .select()
        .from(membershipApplications)
        .where(eq(membershipApplications.userId, user.userId))
        .orderBy(desc(membershipApplications.id))
        .limit(1)
        .for('update')
      if (latest?.status === 'submitted') throw Errors.conflict(ALREADY_PENDING)

      // Left out, the ID number and phone come from the draft (kept encrypted, shown masked), else on a
      // resubmission from the application on file (the applicant only ever sees them masked).
      const draft = await readJoinDraft(tx, cipher, user.userId, now)
      const fromDraft = !typed && draft?.idNumber ? parseIdNumber(draft.idNumber, now) : null
      const id = typed?.ok ? typed : fromDraft?.ok ? fromDraft : null
      const phone = input.phone || draft?.phone || null
      const onFile = latest?.status === 'rejected' ? latest : null
      const missing: Record<string, string> = {}
      if (!id && !onFile) missing.idNumber = '请输入身份证号码'
      if (!phone && !onFile) missing.phone = '请输入 11 位手机号码'
      if (Object.keys(missing).length > 0) throw Errors.validation(missing)
      const identity = id
        ? { idNumberEnc: cipher.encrypt(id.normalized), idHash: cipher.idHash(id.normalized), birthDate: id.birthDate, gender: id.gender }
        : { idNumberEnc: onFile!.idNumberEnc, idHash: onFile!.idHash, birthDate: onFile!.birthDate, gender: onFile!.gender }

      // Whose the number is, is nobody's business here: one answer for "a member" and "someone else's
      // application", counted per day (ID-number probing).
      await assertIdChecksLeft(tx, user.userId, now.getTime())
      const conflict = await findIdConflict(tx, identity.idHash, user.userId)
      if (conflict) throw new IdTaken(conflict)

      const values = {
        name: input.name,
        ...identity,
        phoneEnc: phone ? cipher.encrypt(phone) : onFile!.phoneEnc,
        employer: input.noFixedEmployer ? null : (input.employer ?? null),
        employmentType: input.employmentType,
        orgId: org.id,
        districtFallback: org.fallback,
        status: 'submitted' as const,
        rejectReason: null,
        submittedAt: now,
        decidedAt: null,
        decidedBy: null,
      }
      let row: MembershipApplicationRow
      let kind: 'submitted' | 'resubmitted'
      if (latest?.status === 'rejected') {
        ;[row] = await tx
          .update(membershipApplications)
          .set({ ...values, submissionCount: sql`${membershipApplications.submissionCount} + 1` })
          .where(eq(membershipApplications.id, latest.id))
          .returning()
        kind = 'resubmitted'
      } else {
        ;[row] = await tx.insert(membershipApplications).values({ ...values, userId: user.userId }).returning()
        kind = 'submitted'
      }
      await tx.insert(applicationEvents).values({ applicationId: row.id, kind, note: null, actorUserId: user.userId, at: now })
      await tx.delete(joinDrafts).where(eq(joinDrafts.userId, user.userId))
      await audit(tx, {
        actorUserId: user.userId,
        action: kind === 'submitted' ? 'membership.apply' : 'membership.reapply',
        subjectType: 'membership_application',
        subjectId: row.id,
        detail: { orgId: org.id, districtFallback: org.fallback },
      })
      return this.applicantView(tx, row)
    })
  }

  /** The chosen grassroots union, or the district federation for 由区总工会兜底 (orgId null). */
  private async targetOrg(tx: Tx, orgId: number | null): Promise<{ id: number; fallback: boolean }> {
    if (orgId === null) {
      const [district] = await tx
        .select({ id: orgs.id })
        .from(orgs)
        .where(eq(orgs.kind, 'district'))
        .orderBy(asc(orgs.id))
        .limit(1)
      if (!district) throw Errors.validation({ orgId: '暂无可兜底的区总工会，请选择所属工会' })
      return { id: district.id, fallback: true }
    }
    const [org] = await tx.select({ id: orgs.id, kind: orgs.kind }).from(orgs).where(eq(orgs.id, orgId))
    if (!org || org.kind !== 'grassroots') throw Errors.validation({ orgId: '请选择所属工会' })
    return { id: org.id, fallback: false }
  }

  /** 409 when this person (by ID hash) is already a member somewhere: said to the reviewer without naming the union. */
  private async assertNotMember(tx: Tx, idHash: string): Promise<void> {
    const [existing] = await tx.select({ id: memberships.id }).from(memberships).where(eq(memberships.idHash, idHash))
    if (existing) throw alreadyMember()
  }

  // ---------- review ----------

  /** Pending applications in the reviewer's unions, oldest first, one page (keyset on (submitted_at, id)). */
  async reviewQueue(user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ items: ReviewQueueItem[]; nextCursor: string | null }> {
    const after = decodeCursor(query.cursor, ['string', 'number'] as const)
    if (after && !isIsoInstant(after[0])) throw Errors.validation({ cursor: BAD_CURSOR })
    const scopes = scopesFor(user, 'membership.review')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    const rows = await reviewQueueQuery(this.deps.db, scopes, after, query.limit)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.submittedAt.toISOString(), r.id])
    const now = this.deps.now()
    const items = page.map((r) => ({
      id: r.id,
      name: r.name,
      employmentType: r.employmentType,
      org: { id: r.orgId, name: r.orgName },
      submittedAt: r.submittedAt.toISOString(),
      waitingHours: Math.max(0, Math.floor((now - r.submittedAt.getTime()) / 360_000) / 10),
      overdue: now > addWorkingDays(r.submittedAt, MEMBERSHIP_REVIEW_WORKING_DAYS).getTime(),
      resubmission: r.submissionCount > 1,
    }))
    return { items, nextCursor }
  }

  /** Loads an application and checks the reviewer's scope over its org (403 outside it). */
  private async reviewable(tx: Tx, user: AuthUser, id: number, lock = false): Promise<MembershipApplicationRow> {
    const q = tx
      .select({ app: membershipApplications, orgPath: orgs.path })
      .from(membershipApplications)
      .innerJoin(orgs, eq(orgs.id, membershipApplications.orgId))
      .where(eq(membershipApplications.id, id))
    const [row] = lock ? await q.for('update', { of: membershipApplications }) : await q
    // Someone who reviews nowhere (an applicant, a member) learns nothing, not even that the application
    // exists: 404. A reviewer of another union is told it is not theirs: 403.
    if (!row || !can(user, 'membership.review')) throw Errors.notFound('入会申请不存在')
    authorize(user, 'membership.review', row.orgPath)
    return row.app
  }

  async reviewDetail(user: AuthUser, id: number): Promise<ReviewDetail> {
    return this.deps.db.transaction(async (tx) => {
      const app = await this.reviewable(tx, user, id)
      const view = await this.applicantView(tx, app)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'membership.application.view_sensitive',
        subjectType: 'membership_application',
        subjectId: app.id,
        detail: { fields: ['idNumber', 'phone'] },
      })
      return {
        ...view,
        idNumber: this.deps.cipher.decrypt(app.idNumberEnc),
        phone: this.deps.cipher.decrypt(app.phoneEnc),
      }
    })
  }

  async approve(user: AuthUser, id: number): Promise<JoinApplication> {
    try {
      return await this.deps.db.transaction(async (tx) => {
        const app = await this.reviewable(tx, user, id, true)
        if (app.status !== 'submitted') throw Errors.conflict('该申请已处理，请刷新后查看')
        const now = this.nowDate()
        if (await this.membershipOf(tx, app.userId)) throw Errors.conflict('申请人已是工会会员，无需重复审批')
        await this.assertNotMember(tx, app.idHash)

        const memberNo = await nextMemberNo(tx, now)
        await tx.insert(memberships).values({
          userId: app.userId,
          idHash: app.idHash,
          idNumberEnc: app.idNumberEnc,
          memberNo,
          name: app.name,
          orgId: app.orgId,
          employmentType: app.employmentType,
          applicationId: app.id,
          joinedAt: now,
        })
        await tx.insert(userRoles).values({ userId: app.userId, orgId: app.orgId, role: 'member' }).onConflictDoNothing()
        const row = await this.decide(tx, user, app.id, 'approved', null, now, { memberNo, orgId: app.orgId })
        return this.applicantView(tx, row)
      })
    } catch (err) {
      // The database's one-person-one-membership guard (a concurrent approval of the same person).
      if (isUniqueViolation(err, 'memberships_id_hash_unique')) throw alreadyMember()
      if (isUniqueViolation(err, 'memberships_user_unique')) throw Errors.conflict('申请人已是工会会员，无需重复审批')
      throw err
    }
  }

  /** A reviewer's decision: the application's status, its timeline event and the audit row, together. */
  private async decide(
    tx: Tx,
    user: AuthUser,
    applicationId: number,
    status: 'approved' | 'rejected',
    reason: string | null,
    at: Date,
    detail: Record<string, unknown>,
  ): Promise<MembershipApplicationRow> {
    const [row] = await tx
      .update(membershipApplications)
      .set({ status, rejectReason: reason, decidedAt: at, decidedBy: user.userId })
      .where(eq(membershipApplications.id, applicationId))
      .returning()
    await tx.insert(applicationEvents).values({ applicationId, kind: status, note: reason, actorUserId: user.userId, at })
    await audit(tx, {
      actorUserId: user.userId,
      action: status === 'approved' ? 'membership.approve' : 'membership.reject',
      subjectType: 'membership_application',
      subjectId: applicationId,
      detail,
    })
    return row
  }

  async reject(user: AuthUser, id: number, reason: string): Promise<JoinApplication> {
    return this.deps.db.transaction(async (tx) => {
      const app = await this.reviewable(tx, user, id, true)
      if (app.status !== 'submitted') throw Errors.conflict('该申请已处理，请刷新后查看')
      const now = this.nowDate()
      const row = await this.decide(tx, user, app.id, 'rejected', reason, now, { reason })
      return this.applicantView(tx, row)
    })
  }

  // ---------- card ----------

  async card(user: AuthUser): Promise<MemberCard> {
    const membership = await this.deps.db.transaction(async (tx) => this.membershipRowOf(tx, user.userId))
    if (!membership) throw Errors.notFound(NOT_A_MEMBER)
    const nowMs = this.deps.now()
    const iat = Math.floor(nowMs / 1000)
    const payload: CardPayload = { m: membership.id, iat, exp: iat + CARD_CODE_TTL_SECONDS }
    return {
      ...membership.view,
      code: this.signCard(payload),
      expiresAt: new Date(payload.exp * 1000).toISOString(),
      serverTime: new Date(nowMs).toISOString(),
    }
  }

  signCard(payload: CardPayload): string {
    const body = Buffer.from(JSON.stringify(payload)).toString('base64url')
    return `${body}.${this.deps.cipher.cardMac(body).toString('base64url')}`
  }

  async verifyCard(user: AuthUser, code: string): Promise<CardVerification> {
    const nowMs = this.deps.now()
    const checkedAt = new Date(nowMs).toISOString()
    const empty = { nameMasked: null, orgName: null, memberNo: null, checkedAt }
    const payload = this.readCard(code)
    if (!payload) return { result: 'invalid', message: '无法识别的会员码', ...empty }
    if (payload.exp * 1000 <= nowMs) return { result: 'expired', message: '会员码已过期，请会员刷新后重新出示', ...empty }
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
      if (!row) return { result: 'not_member' as const, message: '该会员码对应的会员资格已不存在', ...empty }
      return {
        result: 'valid' as const,
        message: '有效会员',
        nameMasked: maskName(row.name),
        orgName: row.orgName,
        memberNo: row.memberNo,
        checkedAt,
      }
    })
  }

  /** The payload of a correctly signed card code, or null. */
  private readCard(code: string): CardPayload | null {
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

  // ---------- views ----------

  private async membershipRowOf(tx: Tx, userId: number): Promise<{ id: number; view: Membership } | null> {
    const [row] = await tx
      .select({ m: memberships, orgName: orgs.name })
      .from(memberships)
      .innerJoin(orgs, eq(orgs.id, memberships.orgId))
      .where(eq(memberships.userId, userId))
    if (!row) return null
    return {
      id: row.m.id,
      view: {
        memberNo: row.m.memberNo,
        name: row.m.name,
        org: { id: row.m.orgId, name: row.orgName },
        joinedAt: row.m.joinedAt.toISOString(),
        employmentType: row.m.employmentType,
      },
    }
  }

  private async membershipOf(tx: Tx, userId: number): Promise<Membership | null> {
    return (await this.membershipRowOf(tx, userId))?.view ?? null
  }

  /** What the applicant sees: masked ID number and phone, the timeline. */
  private async applicantView(tx: Tx, app: MembershipApplicationRow): Promise<JoinApplication> {
    const [org] = await tx.select({ id: orgs.id, name: orgs.name }).from(orgs).where(eq(orgs.id, app.orgId))
    const events = await tx
      .select()
      .from(applicationEvents)
      .where(inArray(applicationEvents.applicationId, [app.id]))
      .orderBy(asc(applicationEvents.at), asc(applicationEvents.id))
    const timeline: TimelineEntry[] = []
    for (const e of events) {
      const at = e.at.toISOString()
      timeline.push({ at, kind: e.kind, title: TIMELINE_TITLES[e.kind], note: e.note })
      if (e.kind === 'submitted' || e.kind === 'resubmitted') {
        timeline.push({ at, kind: 'in_review', title: TIMELINE_TITLES.in_review, note: null })
      }
    }
    const { cipher } = this.deps
    return {
      id: app.id,
      status: app.status,
      name: app.name,
      idNumberMasked: maskIdNumber(cipher.decrypt(app.idNumberEnc)),
      birthDate: app.birthDate,
      gender: app.gender,
      phoneMasked: maskPhone(cipher.decrypt(app.phoneEnc)),
      employer: app.employer,
      employmentType: app.employmentType,
      org: { id: org.id, name: org.name },
      districtFallback: app.districtFallback,
      submittedAt: app.submittedAt.toISOString(),
      decidedAt: app.decidedAt?.toISOString() ?? null,
      rejectReason: app.rejectReason,
      expectedBy: addWorkingDays(app.submittedAt, MEMBERSHIP_REVIEW_WORKING_DAYS).toISOString(),
      timeline,
    }
  }
}

/** For the reviewer approving: the person is a member already (of which union is not this reviewer's business). */
function alreadyMember(): AppError {
  return new AppError(409, ErrorCodes.CONFLICT, '该身份证号已是工会会员，不能重复入会', { idNumber: '该身份证号已是工会会员' })
}

/** 'YX' + year (China time) + 6-digit sequence number, e.g. YX2026000042. */
export async function nextMemberNo(tx: Tx, at: Date): Promise<string> {
  const result = await tx.execute<{ n: string | number }>(sql`select nextval('member_no_seq') as n`)
  const rows = rowsOf<{ n: string | number }>(result)
  const year = chinaYear(at.getTime())
  return `YX${year}${String(rows[0].n).padStart(6, '0')}`
}

/**
 * One page (+1 row) of the review queue of the unions under `scopes`, after the key `after`: pending applications
 * oldest first. Served by the partial indexes on pending rows (membership_applications_pending_idx for a wide
 * scope, …_pending_org_idx for one union); exported for the test that reads its plan.
 */
export function reviewQueueQuery(db: DbOrTx, scopes: string[], after: readonly [string, number] | null, limit: number) {
  const a = membershipApplications
  return db
    .select({
      id: a.id,
      name: a.name,
      employmentType: a.employmentType,
      orgId: orgs.id,
      orgName: orgs.name,
      submittedAt: a.submittedAt,
      submissionCount: a.submissionCount,
    })
    .from(a)
    .innerJoin(orgs, eq(orgs.id, a.orgId))
    .where(
      and(
        eq(a.status, 'submitted'),
        inArray(a.orgId, db.select({ id: orgs.id }).from(orgs).where(or(...scopes.map((s) => like(orgs.path, `${s}%`))))),
        after ? sql`(${a.submittedAt}, ${a.id}) > (${after[0]}::timestamptz, ${after[1]}::integer)` : undefined,
      ),
    )
    .orderBy(asc(a.submittedAt), asc(a.id))
    .limit(limit + 1)
}
