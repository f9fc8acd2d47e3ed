/**
 * 入会审核: the reviewer's queue, the full application (each view audited), approval (the membership, the member
 * role and the decision together) and rejection. A reviewer acts on the applications of the unions in their post
 * only (`membership.review` over the application's union); someone who reviews nowhere learns nothing.
 */
import { and, asc, desc, eq, gt, gte, inArray, is, isNull, like, lt, lte, or, Placeholder, sql } from 'drizzle-orm'
import type { BulkApproveResult, JoinApplication, ReviewDetail, ReviewQueueItem, ReviewQueueQuery } from '@contract/membership/schemas'
import { MEMBERSHIP_REVIEW_WORKING_DAYS, type EmploymentType } from '@contract/membership/labels'
import { ID_ALREADY_MEMBER_FIELD, MembershipReasons } from '@contract/membership/reasons'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx, Tx } from '../../db'
import { orgs, userRoles } from '../../db/schema/core'
import { applicationEvents, membershipApplications, memberships, rosterEntries, type MembershipApplicationRow } from '../../db/schema/membership'
import { audit } from '../../audit'
import { can, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import { Errors, isAppError, refuse, type AppError } from '../../errors'
import { BAD_CURSOR, decodeSortedCursor, isIsoInstant, sortedPageOf } from '../../db/paging'
import { isUniqueViolation } from '../../db/unique'
import { builtOnce } from '../../db/prepared'
import { memberOf } from './members'
import { nextMemberNo } from './member-numbers'
import { applicantView, reviewDueBy } from './views'
import { notify } from '../notifications'
import { overdueCutoff } from '../calendar'
import { pages } from '@contract/pages'

/** For the reviewer approving: the person is a member already (of which union is not this reviewer's business). */
const idAlreadyMember = (): AppError => refuse(MembershipReasons.ID_ALREADY_MEMBER, undefined, { idNumber: ID_ALREADY_MEMBER_FIELD })

export class ReviewService {
  constructor(private readonly deps: AppDeps) {}

  /**
   * Pending applications in the reviewer's unions (or one union of them, `orgId`), oldest first or newest first, one
   * page (keyset on (submitted_at, id)); filtered by employment type, overdue now, and the China days submitted on.
   */
  async queue(user: AuthUser, query: ReviewQueueQuery): Promise<{ items: ReviewQueueItem[]; nextCursor: string | null }> {
    const after = decodeSortedCursor(query.cursor, ['string', 'number'] as const, query.sort)
    if (after && (!isIsoInstant(after[0]) || !Number.isInteger(after[1]) || Math.abs(after[1]) > 2_147_483_647)) throw Errors.validation({ cursor: BAD_CURSOR })
    let scopes = scopesFor(user, 'membership.review')
    if (scopes.length === 0) return { items: [], nextCursor: null }
    if (query.orgId !== undefined) {
      const [org] = await this.deps.db.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, query.orgId))
      if (!org || !can(user, 'membership.review', org.path)) throw refuse(MembershipReasons.REVIEW_UNION_OUTSIDE)
      scopes = [org.path]
    }
    const now = this.deps.now()
    const cutoff = overdueCutoff(new Date(now), MEMBERSHIP_REVIEW_WORKING_DAYS)
    const rows = await reviewQueueQuery(this.deps.db, scopes, after, query.limit, {
      employmentType: query.employmentType,
      overdueCutoff: query.overdue === undefined ? undefined : { cutoff, overdue: query.overdue === '1' },
      from: query.from ? new Date(`${query.from}T00:00:00+08:00`) : undefined,
      to: query.to ? new Date(Date.parse(`${query.to}T00:00:00+08:00`) + 86_400_000) : undefined,
      newest: query.sort === 'newest',
    }).execute()
    const { page, nextCursor } = sortedPageOf(rows, query.limit, query.sort, (r) => [r.submittedAt.toISOString(), r.id])
    const items = page.map((r) => ({
      id: r.id,
      name: r.name,
      employmentType: r.employmentType,
      org: { id: r.orgId, name: r.orgName },
      submittedAt: r.submittedAt.toISOString(),
      waitingHours: Math.max(0, Math.floor((now - r.submittedAt.getTime()) / 360_000) / 10),
      overdue: now > reviewDueBy(r.submittedAt).getTime(),
      resubmission: r.submissionCount > 1,
    }))
    return { items, nextCursor }
  }

  /**
   * 批量通过: each application approved by `approve` — its own transaction, the same checks — in the order given.
   * Per item, not all or nothing: an office clearing its queue wants the good ones through when one was decided by a
   * colleague meanwhile or lies outside its unions; each refusal is answered with its stable reason.
   */
  async bulkApprove(user: AuthUser, ids: readonly number[]): Promise<BulkApproveResult> {
    const results: BulkApproveResult['results'] = []
    for (const id of ids) {
      try {
        await this.approve(user, id)
        results.push({ id, ok: true, reason: null, message: null })
      } catch (err) {
        if (!isAppError(err) || err.statusCode >= 500) throw err
        results.push({ id, ok: false, reason: err.reason, message: err.message })
      }
    }
    const approved = results.filter((r) => r.ok).length
    return { approved, refused: results.length - approved, results }
  }

  /** The application with the full ID number and phone; the view is audited. */
  async detail(user: AuthUser, id: number): Promise<ReviewDetail> {
    return this.deps.db.transaction(async (tx) => {
      const app = await reviewable(tx, user, id)
      const view = await applicantView(tx, this.deps.cipher, app)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'membership.application.view_sensitive',
        subjectType: 'membership_application',
        subjectId: app.id,
        detail: { fields: ['idNumber', 'phone'] },
      })
      return { ...view, idNumber: this.deps.cipher.decrypt(app.idNumberEnc), phone: this.deps.cipher.decrypt(app.phoneEnc) }
    })
  }

  async approve(user: AuthUser, id: number): Promise<JoinApplication> {
    try {
      return await this.deps.db.transaction(async (tx) => {
        const app = await reviewable(tx, user, id, true)
        if (app.status !== 'submitted') throw refuse(MembershipReasons.APPLICATION_DECIDED)
        const now = new Date(this.deps.now())
        if (await memberOf(tx, app.userId)) throw refuse(MembershipReasons.APPLICANT_ALREADY_MEMBER)
        // The person under every key of the keyring (the application may carry the previous key's hash during a
        // rotation); the membership gets the current key's hash and ciphertext, so its UNIQUE id_hash compares
        // like with like.
        const idNumber = this.deps.cipher.decrypt(app.idNumberEnc)
        const idHashes = this.deps.cipher.idHashes(idNumber)
        const [existing] = await tx.select({ id: memberships.id }).from(memberships).where(inArray(memberships.idHash, idHashes)).limit(1)
        if (existing) throw idAlreadyMember()

        // On the union's roster but joined by application instead of 会员认证: the roster entry becomes this
        // membership (its 会员编号 kept), so the roster and the members agree.
        const [onRoster] = await tx
          .select({ id: rosterEntries.id, memberNo: rosterEntries.memberNo })
          .from(rosterEntries)
          .where(and(inArray(rosterEntries.idHash, idHashes), isNull(rosterEntries.claimedBy)))
          .for('update')
        const memberNo = onRoster?.memberNo ?? (await nextMemberNo(tx, now))
        const [created] = await tx.insert(memberships).values({
          userId: app.userId,
          idHash: this.deps.cipher.idHash(idNumber),
          idNumberEnc: this.deps.cipher.reencrypt(app.idNumberEnc),
          memberNo,
          name: app.name,
          orgId: app.orgId,
          employmentType: app.employmentType,
          applicationId: app.id,
          joinedAt: now,
        }).returning({ id: memberships.id })
        if (onRoster) {
          await tx
            .update(rosterEntries)
            .set({ claimedBy: app.userId, claimedAt: now, membershipId: created.id, updatedAt: now })
            .where(eq(rosterEntries.id, onRoster.id))
        }
        await tx.insert(userRoles).values({ userId: app.userId, orgId: app.orgId, role: 'member' }).onConflictDoNothing()
        const row = await decide(tx, user, app.id, 'approved', null, now, { memberNo, orgId: app.orgId })
        return applicantView(tx, this.deps.cipher, row)
      })
    } catch (err) {
      // The database's one-person-one-membership guard (a concurrent approval of the same person).
      if (isUniqueViolation(err, 'memberships_id_hash_unique')) throw idAlreadyMember()
      if (isUniqueViolation(err, 'memberships_user_unique')) throw refuse(MembershipReasons.APPLICANT_ALREADY_MEMBER)
      throw err
    }
  }

  async reject(user: AuthUser, id: number, reason: string): Promise<JoinApplication> {
    return this.deps.db.transaction(async (tx) => {
      const app = await reviewable(tx, user, id, true)
      if (app.status !== 'submitted') throw refuse(MembershipReasons.APPLICATION_DECIDED)
      const row = await decide(tx, user, app.id, 'rejected', reason, new Date(this.deps.now()), { reason })
      return applicantView(tx, this.deps.cipher, row)
    })
  }
}

/** Loads an application and checks the reviewer's scope over its org (403 outside it). */
async function reviewable(tx: Tx, user: AuthUser, id: number, lock = false): Promise<MembershipApplicationRow> {
  const q = tx
    .select({ app: membershipApplications, orgPath: orgs.path })
    .from(membershipApplications)
    .innerJoin(orgs, eq(orgs.id, membershipApplications.orgId))
    .where(eq(membershipApplications.id, id))
  const [row] = lock ? await q.for('update', { of: membershipApplications }) : await q
  // Someone who reviews nowhere (an applicant, a member) learns nothing, not even that the application
  // exists: 404. A reviewer of another union is told it is not theirs: 403.
  if (!row || !can(user, 'membership.review')) throw refuse(MembershipReasons.APPLICATION_NOT_FOUND)
  if (!can(user, 'membership.review', row.orgPath)) throw refuse(MembershipReasons.APPLICATION_OUTSIDE_SCOPE)
  return row.app
}

/** A reviewer's decision: the application's status, its timeline event and the audit row, together. */
async function decide(
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
  // The applicant hears of it in 我的 → 消息 (and in WeChat, when they accepted the 审核结果 template at submit).
  await notify(tx, {
    userId: row.userId,
    kind: status === 'approved' ? 'membership.approved' : 'membership.rejected',
    title: status === 'approved' ? '入会申请已通过' : '入会申请未通过',
    body: status === 'approved' ? '欢迎加入工会！电子会员卡已可使用。' : `原因：${reason ?? ''}。修改后可重新提交。`,
    link: pages.membership.status.path,
    eventKey: `membership.application:${applicationId}:${status}`,
  })
  await audit(tx, {
    actorUserId: user.userId,
    action: status === 'approved' ? 'membership.approve' : 'membership.reject',
    subjectType: 'membership_application',
    subjectId: applicationId,
    detail,
  })
  return row
}

/** The console's filters of the review queue (`reviewQueueQuery`). */
export interface QueueFilters {
  employmentType?: EmploymentType
  /** Overdue now (submitted at or before the cutoff) or not. */
  overdueCutoff?: { cutoff: Date; overdue: boolean }
  /** Submitted in [from, to). */
  from?: Date
  to?: Date
  /** Newest first (the keyset runs backwards). */
  newest?: boolean
}

/** What varies in the queue's statement text (the values do not: they are placeholders). */
interface QueueShape {
  scopes: number
  employmentType: boolean
  overdue: boolean | null
  from: boolean
  to: boolean
  newest: boolean
}

/**
 * One page (+1 row) of the review queue of the unions under `scopes`, after the key `after`: pending applications
 * oldest first (or newest first). Served by the partial indexes on pending rows; exported for the test that reads
 * its plan. The statement is built once per shape and sent unnamed (db/prepared.ts `builtOnce`):
 * PostgreSQL plans it on each call with the scope in hand — a district in queue order from
 * membership_applications_pending_idx, one union from …_pending_org_idx and a sort; a named statement's generic plan
 * took the one-union plan for the whole district too (277 ms at 1 M members). The first page is the same statement
 * as every later one (its cursor is the start of the queue), so a page deep in the queue costs what the first costs.
 */
export function reviewQueueQuery(db: DbOrTx, scopes: string[], after: readonly [string, number] | null, limit: number, f: QueueFilters = {}) {
  const newest = !!f.newest
  const shape: QueueShape = {
    scopes: scopes.length,
    employmentType: !!f.employmentType,
    overdue: f.overdueCutoff ? f.overdueCutoff.overdue : null,
    from: !!f.from,
    to: !!f.to,
    newest,
  }
  const params: Record<string, unknown> = {
    since: after ? after[0] : newest ? 'infinity' : '-infinity',
    afterId: after ? after[1] : newest ? 2_147_483_647 : 0,
    limit: limit + 1,
    employmentType: f.employmentType ?? null,
    cutoff: f.overdueCutoff?.cutoff.toISOString() ?? null,
    from: f.from?.toISOString() ?? null,
    to: f.to?.toISOString() ?? null,
  }
  scopes.forEach((s, i) => (params[`scope${i}`] = `${s}%`))
  return {
    execute: () => builtOnce(db, `membership_review_queue:${JSON.stringify(shape)}`, (d) => queueSelect(d, shape).prepare('')).execute(params),
    /** The statement with its values in order (the plan test EXPLAINs it). */
    toSQL: () => {
      const q = queueSelect(db, shape).toSQL()
      return { sql: q.sql, params: q.params.map((v) => (is(v, Placeholder) ? params[v.name] : v)) }
    },
  }
}

function queueSelect(db: DbOrTx, s: QueueShape) {
  const a = membershipApplications
  const p = (name: string) => sql.placeholder(name)
  const dir = s.newest ? desc : asc
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
        or(...Array.from({ length: s.scopes }, (_, i) => like(orgs.path, p(`scope${i}`)))),
        sql`(${a.submittedAt}, ${a.id}) ${sql.raw(s.newest ? '<' : '>')} (${p('since')}::timestamptz, ${p('afterId')}::integer)`,
        s.employmentType ? eq(a.employmentType, p('employmentType')) : undefined,
        s.overdue === null ? undefined : s.overdue ? lte(a.submittedAt, p('cutoff')) : gt(a.submittedAt, p('cutoff')),
        s.from ? gte(a.submittedAt, p('from')) : undefined,
        s.to ? lt(a.submittedAt, p('to')) : undefined,
      ),
    )
    .orderBy(dir(a.submittedAt), dir(a.id))
    .limit(p('limit'))
}
