/**
 * 帮扶救助 (relief): aid types, applications (per-step drafts → submit → 基层工会初审 → 区总工会复核 → 公示 → 发放),
 * documents, objections, and the app-wide 我的申请 list.
 *
 * Every rule runs in one transaction; each stage change writes a timeline event and an in-app message in it.
 * Sensitive form values are stored encrypted and every view that returns them decrypted is audited.
 * Authority (authority.ts): `relief.review` (初审) over the applicant's union, and `relief.review_district` (复核, 公示,
 * 发放, objection answers) held at the type's 复核 level or above, plus relief-only delegations in relief_review_grants
 * under the same rules. Someone with no relief authority at all gets 404 for any case; a reviewer whose scope does
 * not cover the applicant's union gets 403, and so does anyone below the 复核 level for a 复核-level action.
 * Aid types (owners, limits, who edits them) live in aid-types.ts; staff worklists are cursor-paged (paging.ts).
 */
import { and, asc, count, desc, eq, inArray, isNull, ne, notInArray, sql, type SQL } from 'drizzle-orm'
import type {
  AidTypeConfig,
  ApplicationDetail,
  ApplicationSummary,
  DocumentIds,
  DocumentSlot,
  FieldValues,
  PublicityRound,
  ReliefCaseItem,
  ReliefQueueItem,
  ReliefTimelineEntry,
  ReviewDetail,
  ReviewObjection,
  SaveDraftBody,
} from '@contract/relief/schemas'
import type { MyApplicationItem } from '@contract/applications/schemas'
import type { ApplicationState } from '@contract/applications/labels'
import {
  EDITABLE_STAGES,
  PUBLICITY_ENDED_LABEL,
  RELIEF_DOCUMENT_LINK_TTL_SECONDS,
  RELIEF_EVENTS,
  RELIEF_STAGES,
  WITHDRAWABLE_STAGES,
  maskPublicName,
  type ReliefEventKind,
  type ReliefStage,
  type ReviewLevel,
} from '@contract/relief/labels'
import { chinaDate, isSensitiveField, missingDocuments, ruleAmount, validateFields, windowLabel, windowOpen } from '@contract/relief/rules'
import { ErrorCodes } from '@contract/errors'
import type { AppDeps } from '../../http/deps'
import type { DbOrTx, Tx } from '../../db'
import { files, orgs, users } from '../../db/schema/core'
import { memberDirectory as memberships } from '../membership'
import { reliefAidTypes, reliefApplications, reliefEvents, reliefObjections, reliefRounds, reliefSubmissions, type ReliefApplicationRow } from '../../db/schema/relief'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { AppError, Errors } from '../../errors'
import { notify } from '../notifications'
import { addWorkingDays } from '../calendar'
import { effectiveLimits, typeAppliesTo, typeRow, typeView } from './aid-types'
import { ReliefAuthority, unionAtLevel, type ActingOrg } from './authority'
import { decodeCursor, pageOf } from './paging'

export const NOT_A_MEMBER_RELIEF = '加入工会后才能申请帮扶救助'
const NOT_FOUND = '申请不存在'
const DOC_KIND = 'relief_document'
/** Stages that count toward the yearly limit and the same-cause rule. */
const COUNTING_EXCLUDED: ReliefStage[] = ['draft', 'withdrawn', 'rejected']

const DETAIL_LINK = (id: number) => `/packages/relief/detail/index?id=${id}`

const inScopes = ReliefAuthority.inScopes

/** A case as a reviewer reaches it: the union that would act at each level (null = may not). */
interface Reviewable {
  app: ReliefApplicationRow
  orgPath: string
  /** The type's 复核 level (1 = the root union). */
  reviewLevel: number
  base: ActingOrg | null
  district: ActingOrg | null
}

const levelRefusal = (message: string) => new AppError(403, ErrorCodes.RELIEF_LEVEL_REQUIRED, message)

function stateOf(stage: ReliefStage): ApplicationState {
  switch (stage) {
    case 'draft':
      return 'draft'
    case 'base_review':
    case 'district_review':
      return 'in_review'
    case 'returned':
      return 'action_required'
    case 'approved':
    case 'publicity':
      return 'approved'
    case 'paid':
      return 'completed'
    case 'rejected':
      return 'rejected'
    case 'withdrawn':
      return 'withdrawn'
  }
}

const yuan = (n: number) => `¥${n}`

export class ReliefService {
  constructor(private readonly deps: AppDeps) {}

  private nowDate(): Date {
    return new Date(this.deps.now())
  }

  private async typeOf(tx: Tx, key: string): Promise<AidTypeConfig> {
    return (await typeRow(tx, key)).config
  }

  // ---------- applicant ----------

  private async memberOf(tx: Tx, userId: number) {
    const [m] = await tx.select().from(memberships).where(eq(memberships.userId, userId))
    return m ?? null
  }

  /** Eligibility that does not depend on the form: employment type, membership age. Throws 409 with the reason. */
  private checkMemberEligibility(type: AidTypeConfig, member: typeof memberships.$inferSelect, now: Date): void {
    const e = type.eligibility
    if (e.employmentTypes && !e.employmentTypes.includes(member.employmentType)) {
      throw Errors.conflict(`「${type.name}」仅限${e.summary[0] ?? '符合条件的会员'}申请`)
    }
    if (e.minMembershipMonths) {
      const since = new Date(member.joinedAt)
      since.setMonth(since.getMonth() + e.minMembershipMonths)
      if (since.getTime() > now.getTime()) throw Errors.conflict(`「${type.name}」须入会满 ${e.minMembershipMonths} 个月才能申请`)
    }
  }

  async start(user: AuthUser, typeKey: string): Promise<ApplicationDetail> {
    return this.deps.db.transaction(async (tx) => {
      const { config: type, org: owner } = await typeRow(tx, typeKey)
      if (!type.active) throw Errors.notFound('救助类型不存在')
      const member = await this.memberOf(tx, user.userId)
      if (!member) throw Errors.forbidden(NOT_A_MEMBER_RELIEF)
      // A type applies to its owner's subtree only (another street's own type is not offered here).
      const [union] = await tx.select({ path: orgs.path }).from(orgs).where(eq(orgs.id, member.orgId))
      if (!union || !typeAppliesTo(owner.path, union.path)) throw Errors.notFound('救助类型不存在')
      const now = this.nowDate()
      this.checkMemberEligibility(type, member, now)
      // Lock the applicant so two taps on 开始申请 give one draft.
      await tx.select({ id: users.id }).from(users).where(eq(users.id, user.userId)).for('update')
      const [draft] = await tx
        .select()
        .from(reliefApplications)
        .where(and(eq(reliefApplications.userId, user.userId), eq(reliefApplications.typeKey, typeKey), eq(reliefApplications.stage, 'draft')))
        .orderBy(desc(reliefApplications.id))
        .limit(1)
      const row =
        draft ??
        (
          await tx
            .insert(reliefApplications)
            .values({
              userId: user.userId,
              typeKey,
              orgId: member.orgId,
              stage: 'draft',
              fields: {},
              documents: {},
              stageSince: now,
              createdAt: now,
              updatedAt: now,
            })
            .returning()
        )[0]
      return this.applicantDetail(tx, user, row)
    })
  }

  async mine(user: AuthUser): Promise<ApplicationSummary[]> {
    return this.deps.db.transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(reliefApplications)
        .where(eq(reliefApplications.userId, user.userId))
        .orderBy(desc(reliefApplications.updatedAt), desc(reliefApplications.id))
      const types = await this.typeMap(tx)
      const rounds = await this.roundMap(tx, rows)
      return rows.map((r) => this.summary(r, types.get(r.typeKey)!, rounds))
    })
  }

  /** The caller's own application (404 for anyone else's), optionally locked. */
  private async own(tx: Tx, user: AuthUser, id: number, lock = false): Promise<ReliefApplicationRow> {
    const q = tx.select().from(reliefApplications).where(and(eq(reliefApplications.id, id), eq(reliefApplications.userId, user.userId)))
    const [row] = lock ? await q.for('update') : await q
    if (!row) throw Errors.notFound(NOT_FOUND)
    return row
  }

  async detail(user: AuthUser, id: number): Promise<ApplicationDetail> {
    return this.deps.db.transaction(async (tx) => this.applicantDetail(tx, user, await this.own(tx, user, id)))
  }

  async saveDraft(user: AuthUser, id: number, body: SaveDraftBody): Promise<{ savedAt: string; step: string }> {
    return this.deps.db.transaction(async (tx) => {
      const app = await this.own(tx, user, id, true)
      if (!EDITABLE_STAGES.includes(app.stage)) throw Errors.conflict(`申请${RELIEF_STAGES[app.stage]}，不能修改`)
      const type = await this.typeOf(tx, app.typeKey)
      const now = this.nowDate()

      const values = this.valuesOf(app)
      if (body.fields) {
        const known = new Set(type.fields.map((f) => f.key))
        const unknown = Object.keys(body.fields).filter((k) => !known.has(k))
        if (unknown.length > 0) throw Errors.validation(Object.fromEntries(unknown.map((k) => [k, '表单中没有这一项，请刷新后重试'])))
        for (const [k, v] of Object.entries(body.fields)) {
          if (v === null) delete values[k]
          else values[k] = typeof v === 'string' ? v.trim() : v
        }
      }
      const documents: DocumentIds = { ...app.documents }
      if (body.documents) {
        const checklist = new Set(type.documents.map((d) => d.key))
        const fields: Record<string, string> = {}
        const ids = [...new Set(Object.values(body.documents).flat())]
        const owned = ids.length
          ? await tx
              .select({ id: files.id })
              .from(files)
              .where(and(inArray(files.id, ids), eq(files.ownerUserId, user.userId), eq(files.kind, DOC_KIND)))
          : []
        const ownedIds = new Set(owned.map((f) => f.id))
        for (const [k, list] of Object.entries(body.documents)) {
          if (!checklist.has(k)) fields[`documents.${k}`] = '材料清单中没有这一项，请刷新后重试'
          else if (list.some((f) => !ownedIds.has(f))) fields[`documents.${k}`] = '文件不存在或已失效，请重新上传'
          else if (list.length === 0) delete documents[k]
          else documents[k] = [...new Set(list)]
        }
        if (Object.keys(fields).length > 0) throw Errors.validation(fields)
        await this.deps.files.attach(tx, ids) // referenced now: the sweep of unattached uploads keeps them
      }
      const { plain, sensitiveEnc } = this.split(type, values)
      await tx
        .update(reliefApplications)
        .set({
          fields: plain,
          sensitiveEnc,
          documents,
          step: body.step,
          ...(body.consentSensitive !== undefined ? { consentSensitive: body.consentSensitive } : {}),
          draftSavedAt: now,
          updatedAt: now,
        })
        .where(eq(reliefApplications.id, app.id))
      return { savedAt: now.toISOString(), step: body.step }
    })
  }

  async submit(user: AuthUser, id: number): Promise<ApplicationDetail> {
    return this.deps.db.transaction(async (tx) => {
      // The applicant's row first: concurrent submits of one person queue here (yearly limit, same cause).
      await tx.select({ id: users.id }).from(users).where(eq(users.id, user.userId)).for('update')
      const app = await this.own(tx, user, id, true)
      if (!EDITABLE_STAGES.includes(app.stage)) throw Errors.conflict(`申请${RELIEF_STAGES[app.stage]}，不能重复提交`)
      const resubmission = app.stage === 'returned'
      const type = await this.typeOf(tx, app.typeKey)
      const now = this.nowDate()
      const today = chinaDate(now)
      if (!type.active && !resubmission) throw Errors.conflict(`「${type.name}」已停止受理`)
      if (!resubmission && !windowOpen(type.window, today)) {
        throw Errors.conflict(`「${type.name}」${windowLabel(type.window)}，现在不在受理期内`)
      }
      const member = await this.memberOf(tx, user.userId)
      if (!member) throw Errors.forbidden(NOT_A_MEMBER_RELIEF)
      this.checkMemberEligibility(type, member, now)

      const values = this.valuesOf(app)
      const problems = validateFields(type, values, today)
      for (const rule of type.eligibility.fieldMax ?? []) {
        const v = values[rule.field]
        if (!problems[rule.field] && typeof v === 'number' && v > rule.max) problems[rule.field] = rule.message
      }
      const missing = missingDocuments(type, app.documents)
      for (const d of missing) problems[`documents.${d.key}`] = `请上传「${d.name}」`
      if (!app.consentSensitive) problems.consentSensitive = '请阅读并同意敏感个人信息处理规则'
      if (Object.keys(problems).length > 0) {
        const firstField = Object.keys(problems).find((k) => !k.startsWith('documents.') && k !== 'consentSensitive')
        const message = firstField
          ? problems[firstField]
          : missing.length > 0
            ? `请上传${missing.map((d) => `「${d.name}」`).join('、')}`
            : problems.consentSensitive
        throw Errors.validation(problems, message)
      }

      // Limits: once (perYear) per person per type per year; no two aids for the same cause.
      const year = app.year ?? Number(today.slice(0, 4))
      const [{ n }] = await tx
        .select({ n: count() })
        .from(reliefApplications)
        .where(
          and(
            eq(reliefApplications.userId, user.userId),
            eq(reliefApplications.typeKey, app.typeKey),
            eq(reliefApplications.year, year),
            notInArray(reliefApplications.stage, COUNTING_EXCLUDED),
            ne(reliefApplications.id, app.id),
          ),
        )
      if (Number(n) >= type.limits.perYear) {
        throw Errors.conflict(
          type.limits.perYear === 1
            ? `「${type.name}」每人每年限申请 1 次，您 ${year} 年已申请过`
            : `「${type.name}」每人每年最多申请 ${type.limits.perYear} 次，您 ${year} 年的次数已用完`,
        )
      }
      const causeKey = type.limits.causeGroup && type.limits.causeFields.length > 0 ? causeKeyOf(type.limits.causeFields, values) : null
      if (causeKey) {
        const [same] = await tx
          .select({ typeKey: reliefApplications.typeKey })
          .from(reliefApplications)
          .where(
            and(
              eq(reliefApplications.userId, user.userId),
              eq(reliefApplications.causeGroup, type.limits.causeGroup!),
              eq(reliefApplications.causeKey, causeKey),
              notInArray(reliefApplications.stage, COUNTING_EXCLUDED),
              ne(reliefApplications.id, app.id),
            ),
          )
          .limit(1)
        if (same) {
          const other = (await this.typeOf(tx, same.typeKey)).name
          const what = type.limits.causeFields.map((k) => values[k]).join(' ')
          throw Errors.conflict(`同一事由不能申请两项救助：您已就「${what}」申请了「${other}」`)
        }
      }

      const no = app.submissionCount + 1
      await tx.insert(reliefSubmissions).values({ applicationId: app.id, no, fields: app.fields, sensitiveEnc: app.sensitiveEnc, documents: app.documents, submittedAt: now })
      const [row] = await tx
        .update(reliefApplications)
        .set({
          stage: 'base_review',
          submissionCount: no,
          submittedAt: now,
          stageSince: now,
          year,
          causeGroup: causeKey ? type.limits.causeGroup : null,
          causeKey,
          returnRequest: null,
          updatedAt: now,
        })
        .where(eq(reliefApplications.id, app.id))
        .returning()
      const kind = resubmission ? 'resubmitted' : 'submitted'
      await this.stageChange(tx, row, type, kind, null, user.userId, '本人', now)
      await audit(tx, {
        actorUserId: user.userId,
        action: resubmission ? 'relief.reapply' : 'relief.apply',
        subjectType: 'relief_application',
        subjectId: app.id,
        detail: { typeKey: app.typeKey, submission: no },
      })
      return this.applicantDetail(tx, user, row)
    })
  }

  async withdraw(user: AuthUser, id: number, reason: string | undefined): Promise<ApplicationDetail> {
    return this.deps.db.transaction(async (tx) => {
      const app = await this.own(tx, user, id, true)
      if (!WITHDRAWABLE_STAGES.includes(app.stage)) {
        throw Errors.conflict(app.stage === 'withdrawn' ? '申请已撤回' : `申请${RELIEF_STAGES[app.stage]}，已不能撤回`)
      }
      const type = await this.typeOf(tx, app.typeKey)
      const now = this.nowDate()
      const [row] = await tx
        .update(reliefApplications)
        .set({ stage: 'withdrawn', stageSince: now, updatedAt: now })
        .where(eq(reliefApplications.id, app.id))
        .returning()
      await this.stageChange(tx, row, type, 'withdrawn', reason?.trim() || null, user.userId, '本人', now)
      await audit(tx, { actorUserId: user.userId, action: 'relief.withdraw', subjectType: 'relief_application', subjectId: app.id })
      return this.applicantDetail(tx, user, row)
    })
  }

  /** Stores an uploaded document (already size-checked and sniffed by the route) owned by the caller. */
  async upload(user: AuthUser, input: { mime: string; bytes: Uint8Array }) {
    const row = await this.deps.db.transaction(async (tx) =>
      this.deps.files.save(tx, { ownerUserId: user.userId, kind: DOC_KIND, mime: input.mime, bytes: input.bytes }),
    )
    return { id: row.id, mime: row.mime, size: row.size, url: this.deps.files.signedUrl(row.id, RELIEF_DOCUMENT_LINK_TTL_SECONDS) }
  }

  // ---------- review ----------

  private authority(tx: Tx, user: AuthUser): Promise<ReliefAuthority> {
    return ReliefAuthority.of(tx, user)
  }

  /** A case the caller may see as a reviewer: 404 without any relief authority, 403 outside their scopes. */
  private async reviewable(tx: Tx, user: AuthUser, id: number, lock = false): Promise<Reviewable> {
    const auth = await this.authority(tx, user)
    if (!auth.any) throw Errors.notFound(NOT_FOUND)
    const q = tx
      .select({ app: reliefApplications, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel })
      .from(reliefApplications)
      .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
      .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
      .where(eq(reliefApplications.id, id))
    const [row] = lock ? await q.for('update', { of: reliefApplications }) : await q
    if (!row || row.app.stage === 'draft') throw Errors.notFound(NOT_FOUND)
    const base = auth.baseActor(row.orgPath)
    const district = auth.districtActor(row.orgPath, row.reviewLevel)
    if (!base && !district) throw Errors.forbidden('该申请不属于您负责审核的工会')
    return { app: row.app, orgPath: row.orgPath, reviewLevel: row.reviewLevel, base, district }
  }

  /** The 复核-level union acting on this case, or 403 naming the union whose job it is. */
  private async districtOf(tx: Tx, r: Reviewable, what: string): Promise<ActingOrg> {
    if (r.district) return r.district
    throw levelRefusal(`${what}由${await unionAtLevel(tx, r.orgPath, r.reviewLevel)}办理`)
  }

  /** The level (and union) the caller acts at for this stage, or a 403/409 saying why not. */
  private async acting(tx: Tx, r: Reviewable): Promise<{ level: ReviewLevel; by: ActingOrg }> {
    const stage = r.app.stage
    if (stage === 'base_review') {
      if (!r.base) throw Errors.forbidden('初审由申请人所在基层工会办理')
      return { level: 'base', by: r.base }
    }
    if (stage === 'district_review') return { level: 'district', by: await this.districtOf(tx, r, '复核') }
    throw Errors.conflict(`该申请${RELIEF_STAGES[stage]}，不在审核阶段`)
  }

  async queue(user: AuthUser, query: { level: ReviewLevel; cursor?: string; limit: number }): Promise<{ items: ReliefQueueItem[]; nextCursor: string | null }> {
    const { level } = query
    return this.deps.db.transaction(async (tx) => {
      const auth = await this.authority(tx, user)
      const scope = level === 'base' ? inScopes(auth.baseScopes) : auth.districtWhere()
      if (!scope) throw Errors.forbidden(level === 'base' ? '您没有初审权限' : '您没有复核权限')
      const c = decodeCursor(query.cursor, 2)
      const rows = await tx
        .select({ app: reliefApplications, orgPath: orgs.path, orgName: orgs.name, name: memberships.name })
        .from(reliefApplications)
        .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
        .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
        .leftJoin(memberships, eq(memberships.userId, reliefApplications.userId))
        .where(
          and(
            eq(reliefApplications.stage, level === 'base' ? 'base_review' : 'district_review'),
            scope,
            c ? sql`(${reliefApplications.stageSince}, ${reliefApplications.id}) > (${new Date(c[0]).toISOString()}::timestamptz, ${c[1]})` : undefined,
          ),
        )
        .orderBy(asc(reliefApplications.stageSince), asc(reliefApplications.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.app.stageSince.getTime(), last.app.id])
      const types = await this.typeMap(tx)
      const now = this.deps.now()
      const items = page.map((r) => {
        const type = types.get(r.app.typeKey)!
        const due = addWorkingDays(r.app.stageSince, type.reviewWorkingDays[level])
        return {
          id: r.app.id,
          typeKey: r.app.typeKey,
          typeName: type.name,
          applicantName: r.name ?? '',
          org: { id: r.app.orgId, name: r.orgName },
          stage: r.app.stage,
          waitingSince: r.app.stageSince.toISOString(),
          waitingHours: Math.max(0, Math.floor((now - r.app.stageSince.getTime()) / 360_000) / 10),
          dueBy: due.toISOString(),
          overdue: now > due.getTime(),
          resubmission: r.app.submissionCount > 1,
          homeVisitDone: type.requiresHomeVisit ? r.app.homeVisit !== null : null,
        }
      })
      return { items, nextCursor }
    })
  }

  /** Staff worklist of one stage within the caller's scopes, oldest first, a page at a time. */
  async cases(
    user: AuthUser,
    query: { stage: Exclude<ReliefStage, 'draft'>; cursor?: string; limit: number },
  ): Promise<{ items: ReliefCaseItem[]; nextCursor: string | null }> {
    return this.deps.db.transaction(async (tx) => {
      const auth = await this.authority(tx, user)
      if (!auth.any) throw Errors.forbidden('您没有帮扶救助审核权限')
      const c = decodeCursor(query.cursor, 2)
      const rows = await tx
        .select({ app: reliefApplications, orgName: orgs.name, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel, name: memberships.name })
        .from(reliefApplications)
        .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
        .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
        .leftJoin(memberships, eq(memberships.userId, reliefApplications.userId))
        .where(
          and(
            eq(reliefApplications.stage, query.stage),
            inScopes(auth.allScopes),
            c ? sql`(${reliefApplications.stageSince}, ${reliefApplications.id}) > (${new Date(c[0]).toISOString()}::timestamptz, ${c[1]})` : undefined,
          ),
        )
        .orderBy(asc(reliefApplications.stageSince), asc(reliefApplications.id))
        .limit(query.limit + 1)
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.app.stageSince.getTime(), last.app.id])
      const types = await this.typeMap(tx)
      const rounds = await this.roundMap(tx, page.map((r) => r.app))
      const open = page.length
        ? await tx
            .select({ id: reliefObjections.applicationId, n: count() })
            .from(reliefObjections)
            .where(and(inArray(reliefObjections.applicationId, page.map((r) => r.app.id)), isNull(reliefObjections.answeredAt)))
            .groupBy(reliefObjections.applicationId)
        : []
      const openBy = new Map(open.map((o) => [o.id, Number(o.n)]))
      const now = this.deps.now()
      const items = page.map((r) => {
        const type = types.get(r.app.typeKey)!
        const s = this.summary(r.app, type, rounds)
        const ended = r.app.roundId !== null && (rounds.get(r.app.roundId)?.endsAt.getTime() ?? Infinity) <= now
        return {
          id: r.app.id,
          typeKey: r.app.typeKey,
          typeName: type.name,
          applicantName: r.name ?? '',
          org: { id: r.app.orgId, name: r.orgName },
          stage: r.app.stage,
          stageLabel: s.stageLabel,
          since: r.app.stageSince.toISOString(),
          amount: r.app.amount,
          expectedBy: s.expectedBy,
          payable: r.app.stage === 'publicity' && ended && !openBy.get(r.app.id) && auth.districtActor(r.orgPath, r.reviewLevel) !== null,
          openObjections: openBy.get(r.app.id) ?? 0,
        }
      })
      return { items, nextCursor }
    })
  }

  async reviewDetail(user: AuthUser, id: number): Promise<ReviewDetail> {
    return this.deps.db.transaction(async (tx) => {
      const r = await this.reviewable(tx, user, id)
      return this.reviewerView(tx, user, r.app, r)
    })
  }

  async homeVisit(user: AuthUser, id: number, body: { visitedOn: string; visitors: string; findings: string }): Promise<ReviewDetail> {
    return this.deps.db.transaction(async (tx) => {
      const r = await this.reviewable(tx, user, id, true)
      if (r.app.stage !== 'base_review') throw Errors.conflict('入户走访在基层工会初审阶段记录')
      if (!r.base) throw Errors.forbidden('入户走访由申请人所在基层工会记录')
      const now = this.nowDate()
      if (body.visitedOn > chinaDate(now)) throw Errors.validation({ visitedOn: '走访日期不能晚于今天' })
      const [row] = await tx
        .update(reliefApplications)
        .set({
          homeVisit: { ...body, recordedAt: now.toISOString(), recordedBy: user.nickname, recordedByUserId: user.userId },
          updatedAt: now,
        })
        .where(eq(reliefApplications.id, r.app.id))
        .returning()
      await tx.insert(reliefEvents).values({ applicationId: row.id, kind: 'home_visit', note: `走访日期 ${body.visitedOn}`, byLabel: r.base.name, actorUserId: user.userId, at: now })
      await audit(tx, { actorUserId: user.userId, action: 'relief.home_visit', subjectType: 'relief_application', subjectId: row.id })
      return this.reviewerView(tx, user, row, r)
    })
  }

  async approve(user: AuthUser, id: number, body: { amount?: number; note?: string }): Promise<ReviewDetail> {
    return this.deps.db.transaction(async (tx) => {
      const r = await this.reviewable(tx, user, id, true)
      const { level, by } = await this.acting(tx, r)
      const { config: type, org: owner } = await typeRow(tx, r.app.typeKey)
      const now = this.nowDate()
      const note = body.note?.trim() || null
      let row: ReliefApplicationRow
      if (level === 'base') {
        if (type.requiresHomeVisit && !r.app.homeVisit) throw Errors.conflict(`「${type.name}」须先记录入户走访情况，再通过初审`)
        ;[row] = await tx
          .update(reliefApplications)
          .set({ stage: 'district_review', stageSince: now, baseReviewerId: user.userId, updatedAt: now })
          .where(eq(reliefApplications.id, r.app.id))
          .returning()
        await this.stageChange(tx, row, type, 'base_approved', note, user.userId, by.name, now)
      } else {
        if (r.app.baseReviewerId === user.userId) throw Errors.forbidden('初审和复核不能由同一人办理，请由上级工会其他人员复核')
        const amount = this.checkAmount(type, this.valuesOf(r.app), body.amount)
        // A sub-union's own type: the ceiling set above it holds at payout time too (it may have been lowered since).
        const limits = await effectiveLimits(tx, owner.path)
        if (limits && amount > limits.maxAmount) throw Errors.conflict(`核定金额超过上级工会设定的上限 ${yuan(limits.maxAmount)}`)
        ;[row] = await tx
          .update(reliefApplications)
          .set({ stage: 'approved', stageSince: now, amount, districtReviewerId: user.userId, updatedAt: now })
          .where(eq(reliefApplications.id, r.app.id))
          .returning()
        await this.stageChange(tx, row, type, 'district_approved', [`核定金额 ${yuan(amount)}`, note].filter(Boolean).join('；'), user.userId, by.name, now)
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: level === 'base' ? 'relief.base_approve' : 'relief.district_approve',
        subjectType: 'relief_application',
        subjectId: row.id,
        detail: level === 'district' ? { amount: row.amount, asOrgId: by.id } : { asOrgId: by.id },
      })
      return this.reviewerView(tx, user, row, r)
    })
  }

  /** The amount the 复核 fixes: exactly the rule's for fixed types, within [min, max] for reviewer-set ones. */
  private checkAmount(type: AidTypeConfig, values: FieldValues, given: number | undefined): number {
    const rule = type.amount
    if (rule.kind === 'reviewer_set') {
      if (given === undefined) throw Errors.validation({ amount: `请填写核定金额（${yuan(rule.min)}–${yuan(rule.max)}）` })
      if (given < rule.min || given > rule.max) throw Errors.validation({ amount: `「${type.name}」核定金额应在 ${yuan(rule.min)}–${yuan(rule.max)} 之间` })
      return given
    }
    const fixed = ruleAmount(rule, values)
    if (fixed === null) throw Errors.conflict('申请表中缺少确定金额所需的信息，请退回申请人补充')
    if (given !== undefined && given !== fixed) throw Errors.validation({ amount: `「${type.name}」按规定应为 ${yuan(fixed)}` })
    return fixed
  }

  async reject(user: AuthUser, id: number, reason: string): Promise<ReviewDetail> {
    return this.deps.db.transaction(async (tx) => {
      const r = await this.reviewable(tx, user, id, true)
      const { level, by } = await this.acting(tx, r)
      const type = await this.typeOf(tx, r.app.typeKey)
      const now = this.nowDate()
      const [row] = await tx
        .update(reliefApplications)
        .set({ stage: 'rejected', stageSince: now, rejectReason: reason, updatedAt: now })
        .where(eq(reliefApplications.id, r.app.id))
        .returning()
      await this.stageChange(tx, row, type, 'rejected', reason, user.userId, by.name, now)
      await audit(tx, { actorUserId: user.userId, action: 'relief.reject', subjectType: 'relief_application', subjectId: row.id, detail: { level, reason, asOrgId: by.id } })
      return this.reviewerView(tx, user, row, r)
    })
  }

  async returnForInfo(user: AuthUser, id: number, body: { missingDocuments: string[]; note?: string }): Promise<ReviewDetail> {
    return this.deps.db.transaction(async (tx) => {
      const r = await this.reviewable(tx, user, id, true)
      const { level, by } = await this.acting(tx, r)
      const type = await this.typeOf(tx, r.app.typeKey)
      const docs = body.missingDocuments.map((k) => type.documents.find((d) => d.key === k))
      if (docs.some((d) => !d)) throw Errors.validation({ missingDocuments: '材料清单中没有这一项，请刷新后重试' })
      const now = this.nowDate()
      const named = docs.map((d) => ({ key: d!.key, name: d!.name }))
      const note = body.note?.trim() || null
      const [row] = await tx
        .update(reliefApplications)
        .set({ stage: 'returned', stageSince: now, returnRequest: { documents: named, note, at: now.toISOString() }, updatedAt: now })
        .where(eq(reliefApplications.id, r.app.id))
        .returning()
      const text = [named.length > 0 ? `请补充：${named.map((d) => d.name).join('、')}` : null, note].filter(Boolean).join('；')
      await this.stageChange(tx, row, type, 'returned', text, user.userId, by.name, now)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'relief.return',
        subjectType: 'relief_application',
        subjectId: row.id,
        detail: { level, documents: body.missingDocuments, asOrgId: by.id },
      })
      return this.reviewerView(tx, user, row, r)
    })
  }

  async payout(user: AuthUser, id: number, body: { paidOn: string; method: 'bank_transfer' | 'wechat' | 'cash' | 'other'; reference: string }): Promise<ReviewDetail> {
    return this.deps.db.transaction(async (tx) => {
      const r = await this.reviewable(tx, user, id, true)
      const by = await this.districtOf(tx, r, '救助金发放')
      const blocked = await this.payoutBlocked(tx, r.app)
      if (blocked) throw Errors.conflict(blocked)
      const now = this.nowDate()
      if (body.paidOn > chinaDate(now)) throw Errors.validation({ paidOn: '发放日期不能晚于今天' })
      const type = await this.typeOf(tx, r.app.typeKey)
      const [row] = await tx
        .update(reliefApplications)
        .set({ stage: 'paid', stageSince: now, payout: { ...body, recordedAt: now.toISOString(), recordedByUserId: user.userId }, updatedAt: now })
        .where(eq(reliefApplications.id, r.app.id))
        .returning()
      await this.stageChange(tx, row, type, 'paid', `${yuan(row.amount ?? 0)}，${body.paidOn} 已发放`, user.userId, by.name, now)
      await audit(tx, {
        actorUserId: user.userId,
        action: 'relief.payout',
        subjectType: 'relief_application',
        subjectId: row.id,
        detail: { ...body, amount: row.amount, asOrgId: by.id },
      })
      return this.reviewerView(tx, user, row, r)
    })
  }

  /** Why the case cannot be paid now (Chinese), or null when it can. */
  private async payoutBlocked(tx: Tx, app: ReliefApplicationRow): Promise<string | null> {
    if (app.stage === 'paid') return '该申请已发放'
    if (app.stage !== 'publicity' || !app.roundId) return `该申请${RELIEF_STAGES[app.stage]}，公示期满后才能发放`
    const [round] = await tx.select().from(reliefRounds).where(eq(reliefRounds.id, app.roundId))
    if (round.endsAt.getTime() > this.deps.now()) return `公示期至 ${fmt(round.endsAt)}，期满后才能发放`
    const [{ n }] = await tx
      .select({ n: count() })
      .from(reliefObjections)
      .where(and(eq(reliefObjections.applicationId, app.id), isNull(reliefObjections.answeredAt)))
    if (Number(n) > 0) return `还有 ${n} 条公示异议未答复，答复后才能发放`
    return null
  }

  // ---------- 公示 ----------

  async createRound(user: AuthUser, body: { title: string; days: number; applicationIds?: number[] }): Promise<PublicityRound> {
    return this.deps.db.transaction(async (tx) => {
      const auth = await this.authority(tx, user)
      if (!auth.hasDistrict) throw Errors.forbidden('公示由负责复核的上级工会发布')
      const candidates = await tx
        .select({ app: reliefApplications, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel })
        .from(reliefApplications)
        .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
        .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
        .where(
          and(
            eq(reliefApplications.stage, 'approved'),
            body.applicationIds ? inArray(reliefApplications.id, body.applicationIds) : inScopes(auth.districtRoots),
          ),
        )
        .orderBy(asc(reliefApplications.stageSince), asc(reliefApplications.id))
        .for('update', { of: reliefApplications })
      const acting = candidates.map((c) => ({ ...c, by: auth.districtActor(c.orgPath, c.reviewLevel) }))
      if (body.applicationIds) {
        if (acting.length !== new Set(body.applicationIds).size) {
          throw Errors.conflict('所选申请中有不在“复核通过，待公示”状态的，请刷新后重试')
        }
        const outside = acting.find((c) => !c.by)
        if (outside) throw levelRefusal(`所选申请中有须由${await unionAtLevel(tx, outside.orgPath, outside.reviewLevel)}公示的，您不能发布`)
      }
      const chosen = acting.filter((c): c is typeof c & { by: ActingOrg } => c.by !== null)
      if (chosen.length === 0) throw Errors.conflict('暂无待公示的申请')
      const now = this.nowDate()
      const endsAt = new Date(now.getTime() + body.days * 86_400_000)
      // The round is published by the acting union that covers every case in it (the shallowest of them).
      const publisher = chosen.map((c) => c.by).reduce((a, b) => (b.path.length < a.path.length ? b : a))
      const [round] = await tx
        .insert(reliefRounds)
        .values({ title: body.title, orgId: publisher.id, startsAt: now, endsAt, createdBy: user.userId, createdAt: now })
        .returning()
      const types = await this.typeMap(tx)
      for (const c of chosen) {
        const [row] = await tx
          .update(reliefApplications)
          .set({ stage: 'publicity', stageSince: now, roundId: round.id, updatedAt: now })
          .where(eq(reliefApplications.id, c.app.id))
          .returning()
        await this.stageChange(tx, row, types.get(row.typeKey)!, 'published', `公示期至 ${fmt(endsAt)}`, user.userId, publisher.name, now)
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: 'relief.publish',
        subjectType: 'relief_round',
        subjectId: round.id,
        detail: { applications: chosen.map((c) => c.app.id), days: body.days, asOrgId: publisher.id },
      })
      return (await this.roundsView(tx, [round.id]))[0]
    })
  }

  /** Current and recent (ended within 30 days) rounds, for members and relief staff. */
  async publicity(user: AuthUser): Promise<PublicityRound[]> {
    return this.deps.db.transaction(async (tx) => {
      await this.assertMayViewPublicity(tx, user)
      const since = new Date(this.deps.now() - 30 * 86_400_000)
      const rounds = await tx
        .select({ id: reliefRounds.id })
        .from(reliefRounds)
        .where(sql`${reliefRounds.endsAt} > ${since}`)
        .orderBy(desc(reliefRounds.startsAt), desc(reliefRounds.id))
      return this.roundsView(tx, rounds.map((r) => r.id))
    })
  }

  private async assertMayViewPublicity(tx: Tx, user: AuthUser): Promise<void> {
    if (await this.memberOf(tx, user.userId)) return
    if (!(await this.authority(tx, user)).any) throw Errors.forbidden('公示内容仅向工会会员公开')
  }

  private async roundsView(tx: Tx, ids: number[]): Promise<PublicityRound[]> {
    if (ids.length === 0) return []
    const rounds = await tx
      .select({ r: reliefRounds, orgName: orgs.name })
      .from(reliefRounds)
      .innerJoin(orgs, eq(orgs.id, reliefRounds.orgId))
      .where(inArray(reliefRounds.id, ids))
    const entries = await tx
      .select({ app: reliefApplications, orgName: orgs.name, name: memberships.name })
      .from(reliefApplications)
      .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
      .leftJoin(memberships, eq(memberships.userId, reliefApplications.userId))
      .where(and(inArray(reliefApplications.roundId, ids), inArray(reliefApplications.stage, ['publicity', 'paid'])))
      .orderBy(asc(reliefApplications.id))
    const types = await this.typeMap(tx)
    const now = this.deps.now()
    const byId = new Map(rounds.map((x) => [x.r.id, x]))
    return ids
      .map((id) => byId.get(id)!)
      .map(({ r, orgName }) => ({
        id: r.id,
        title: r.title,
        orgName,
        startsAt: r.startsAt.toISOString(),
        endsAt: r.endsAt.toISOString(),
        open: r.endsAt.getTime() > now,
        entries: entries
          .filter((e) => e.app.roundId === r.id)
          .map((e) => ({
            id: e.app.id,
            nameMasked: maskPublicName(e.name ?? ''),
            orgName: e.orgName,
            typeName: types.get(e.app.typeKey)?.name ?? e.app.typeKey,
            amount: e.app.amount ?? 0,
          })),
      }))
  }

  async object(user: AuthUser, applicationId: number, content: string): Promise<void> {
    await this.deps.db.transaction(async (tx) => {
      if (!(await this.memberOf(tx, user.userId))) throw Errors.forbidden('工会会员才能对公示提出异议')
      const [app] = await tx.select().from(reliefApplications).where(eq(reliefApplications.id, applicationId)).for('update')
      if (!app || !app.roundId || !['publicity', 'paid'].includes(app.stage)) throw Errors.notFound('公示条目不存在')
      const [round] = await tx.select().from(reliefRounds).where(eq(reliefRounds.id, app.roundId))
      const now = this.nowDate()
      if (app.stage !== 'publicity' || round.endsAt.getTime() <= now.getTime()) throw Errors.conflict('公示期已结束，不能再提出异议')
      await tx.insert(reliefObjections).values({ applicationId: app.id, roundId: round.id, userId: user.userId, content, createdAt: now })
      await tx.insert(reliefEvents).values({ applicationId: app.id, kind: 'objection', note: '工会正在核实', byLabel: null, actorUserId: null, at: now })
      await audit(tx, { actorUserId: user.userId, action: 'relief.objection', subjectType: 'relief_application', subjectId: app.id })
    })
  }

  async reviewObjections(user: AuthUser, query: { cursor?: string; limit: number }): Promise<{ items: ReviewObjection[]; nextCursor: string | null }> {
    return this.deps.db.transaction(async (tx) => {
      const auth = await this.authority(tx, user)
      if (!auth.any) throw Errors.forbidden()
      const c = decodeCursor(query.cursor, 2)
      const answered = sql<number>`(${reliefObjections.answeredAt} is not null)::int`
      const rows = await this.objectionRows(
        tx,
        auth,
        and(inScopes(auth.allScopes), c ? sql`(${answered}, ${reliefObjections.id}) > (${c[0]}::int, ${c[1]}::int)` : undefined),
        query.limit + 1,
      )
      const { page, nextCursor } = pageOf(rows, query.limit, (last) => [last.view.answeredAt ? 1 : 0, last.view.id])
      return { items: page.map((r) => r.view), nextCursor }
    })
  }

  /** Objections (unanswered first, then in order of arrival) with the case, and whether the caller may answer each. */
  private async objectionRows(tx: Tx, auth: ReliefAuthority, where: SQL | undefined, limit?: number) {
    const q = tx
      .select({ o: reliefObjections, app: reliefApplications, orgPath: orgs.path, reviewLevel: reliefAidTypes.reviewLevel, name: memberships.name })
      .from(reliefObjections)
      .innerJoin(reliefApplications, eq(reliefApplications.id, reliefObjections.applicationId))
      .innerJoin(orgs, eq(orgs.id, reliefApplications.orgId))
      .innerJoin(reliefAidTypes, eq(reliefAidTypes.key, reliefApplications.typeKey))
      .leftJoin(memberships, eq(memberships.userId, reliefApplications.userId))
      .where(where)
      .orderBy(sql`${reliefObjections.answeredAt} is not null`, asc(reliefObjections.id))
    const rows = limit === undefined ? await q : await q.limit(limit)
    const types = await this.typeMap(tx)
    return rows.map((r) => ({
      orgPath: r.orgPath,
      reviewLevel: r.reviewLevel,
      app: r.app,
      view: {
        id: r.o.id,
        content: r.o.content,
        createdAt: r.o.createdAt.toISOString(),
        answer: r.o.answer,
        upheld: r.o.upheld,
        answeredAt: r.o.answeredAt?.toISOString() ?? null,
        applicationId: r.app.id,
        applicantName: r.name ?? '',
        typeName: types.get(r.app.typeKey)?.name ?? r.app.typeKey,
        roundId: r.o.roundId,
        canAnswer: r.o.answeredAt === null && auth.districtActor(r.orgPath, r.reviewLevel) !== null,
      } satisfies ReviewObjection,
    }))
  }

  /** Only the level that approved the amount (the type's 复核 level) decides an objection; a 初审 reviewer may read it. */
  async answerObjection(user: AuthUser, objectionId: number, body: { answer: string; upheld: boolean }): Promise<ReviewObjection> {
    return this.deps.db.transaction(async (tx) => {
      const auth = await this.authority(tx, user)
      if (!auth.any) throw Errors.notFound('异议不存在')
      const [found] = await this.objectionRows(tx, auth, eq(reliefObjections.id, objectionId))
      if (!found) throw Errors.notFound('异议不存在')
      const by = auth.districtActor(found.orgPath, found.reviewLevel)
      if (!by) {
        if (!auth.baseActor(found.orgPath)) throw Errors.forbidden('该异议不属于您负责的工会')
        throw levelRefusal(`公示异议由${await unionAtLevel(tx, found.orgPath, found.reviewLevel)}核实答复`)
      }
      const [app] = await tx.select().from(reliefApplications).where(eq(reliefApplications.id, found.app.id)).for('update')
      const [claimed] = await tx
        .update(reliefObjections)
        .set({ answer: body.answer, upheld: body.upheld, answeredBy: user.userId, answeredAt: this.nowDate() })
        .where(and(eq(reliefObjections.id, objectionId), isNull(reliefObjections.answeredAt)))
        .returning()
      if (!claimed) throw Errors.conflict('该异议已答复')
      const now = this.nowDate()
      const type = await this.typeOf(tx, app.typeKey)
      await tx.insert(reliefEvents).values({
        applicationId: app.id,
        kind: 'objection_answered',
        note: body.upheld ? '异议经核实成立' : '异议经核实不成立',
        byLabel: by.name,
        actorUserId: user.userId,
        at: now,
      })
      if (body.upheld && app.stage === 'publicity') {
        const [row] = await tx
          .update(reliefApplications)
          .set({ stage: 'rejected', stageSince: now, rejectReason: body.answer, updatedAt: now })
          .where(eq(reliefApplications.id, app.id))
          .returning()
        await this.stageChange(tx, row, type, 'rejected', body.answer, user.userId, by.name, now)
      }
      await audit(tx, {
        actorUserId: user.userId,
        action: 'relief.objection.answer',
        subjectType: 'relief_objection',
        subjectId: objectionId,
        detail: { upheld: body.upheld, asOrgId: by.id },
      })
      return (await this.objectionRows(tx, auth, eq(reliefObjections.id, objectionId)))[0].view
    })
  }

  // ---------- 我的申请 ----------

  /** This capability's part of 我的申请 (modules/applications merges every capability's). */
  async applicationItemsFor(tx: DbOrTx, userId: number): Promise<MyApplicationItem[]> {
    {
      const items: MyApplicationItem[] = []
      const rows = await tx.select().from(reliefApplications).where(eq(reliefApplications.userId, userId))
      const types = await this.typeMap(tx)
      const rounds = await this.roundMap(tx, rows)
      const events = rows.length
        ? await tx
            .select()
            .from(reliefEvents)
            .where(inArray(reliefEvents.applicationId, rows.map((r) => r.id)))
            .orderBy(asc(reliefEvents.at), asc(reliefEvents.id))
        : []
      for (const r of rows) {
        const type = types.get(r.typeKey)!
        const s = this.summary(r, type, rounds)
        items.push({
          kind: 'relief',
          id: r.id,
          title: type.name,
          state: stateOf(r.stage),
          stageLabel: s.stageLabel,
          expectedBy: s.expectedBy,
          lastDecisionReason:
            r.stage === 'rejected' ? r.rejectReason : r.stage === 'returned' ? returnText(r.returnRequest) : null,
          amount: s.amount,
          updatedAt: r.updatedAt.toISOString(),
          link: DETAIL_LINK(r.id),
          timeline: events
            .filter((e) => e.applicationId === r.id)
            .map((e) => ({ at: e.at.toISOString(), title: RELIEF_EVENTS[e.kind], note: e.note })),
        })
      }

      return items
    }
  }

  // ---------- helpers ----------

  /** Plain + decrypted sensitive values. */
  private valuesOf(app: Pick<ReliefApplicationRow, 'fields' | 'sensitiveEnc'>): FieldValues {
    const sensitive = app.sensitiveEnc ? (JSON.parse(this.deps.cipher.decrypt(app.sensitiveEnc)) as FieldValues) : {}
    return { ...app.fields, ...sensitive }
  }

  /**
   * Splits values by sensitivity; the sensitive part is encrypted. A field of a sensitive kind (ID number, phone,
   * medical) is sensitive whatever its stored flag says.
   */
  private split(type: AidTypeConfig, values: FieldValues): { plain: FieldValues; sensitiveEnc: string | null } {
    const sensitiveKeys = new Set(type.fields.filter(isSensitiveField).map((f) => f.key))
    const plain: FieldValues = {}
    const sensitive: FieldValues = {}
    for (const [k, v] of Object.entries(values)) (sensitiveKeys.has(k) ? sensitive : plain)[k] = v
    return { plain, sensitiveEnc: Object.keys(sensitive).length > 0 ? this.deps.cipher.encrypt(JSON.stringify(sensitive)) : null }
  }

  private async typeMap(tx: DbOrTx): Promise<Map<string, AidTypeConfig>> {
    const rows = await tx.select().from(reliefAidTypes)
    return new Map(rows.map((r) => [r.key, r.config]))
  }

  private async roundMap(tx: DbOrTx, apps: ReliefApplicationRow[]) {
    const ids = [...new Set(apps.map((a) => a.roundId).filter((x): x is number => x !== null))]
    const rows = ids.length ? await tx.select().from(reliefRounds).where(inArray(reliefRounds.id, ids)) : []
    return new Map(rows.map((r) => [r.id, r]))
  }

  private async orgName(tx: Tx, orgId: number): Promise<string> {
    const [o] = await tx.select({ name: orgs.name }).from(orgs).where(eq(orgs.id, orgId))
    return o?.name ?? ''
  }

  /** Timeline event + in-app message for a stage change (same transaction). */
  private async stageChange(
    tx: Tx,
    app: ReliefApplicationRow,
    type: AidTypeConfig,
    kind: ReliefEventKind,
    note: string | null,
    actorUserId: number,
    byLabel: string,
    at: Date,
  ): Promise<void> {
    await tx.insert(reliefEvents).values({ applicationId: app.id, kind, note, byLabel, actorUserId, at })
    await notify(tx, {
      userId: app.userId,
      kind: 'relief.stage',
      title: `${type.name}：${RELIEF_EVENTS[kind]}`,
      body: note ? `${RELIEF_STAGES[app.stage]}。${note}` : `您的申请当前状态：${RELIEF_STAGES[app.stage]}`,
      link: DETAIL_LINK(app.id),
    })
  }

  private expectedBy(app: ReliefApplicationRow, type: AidTypeConfig, rounds: Map<number, { endsAt: Date }>): string | null {
    if (app.stage === 'base_review') return addWorkingDays(app.stageSince, type.reviewWorkingDays.base).toISOString()
    if (app.stage === 'district_review') return addWorkingDays(app.stageSince, type.reviewWorkingDays.district).toISOString()
    if (app.stage === 'publicity' && app.roundId) {
      const end = rounds.get(app.roundId)?.endsAt
      return end && end.getTime() > this.deps.now() ? end.toISOString() : null
    }
    return null
  }

  private summary(app: ReliefApplicationRow, type: AidTypeConfig, rounds: Map<number, { endsAt: Date }>): ApplicationSummary {
    const ended = app.stage === 'publicity' && app.roundId !== null && (rounds.get(app.roundId)?.endsAt.getTime() ?? 0) <= this.deps.now()
    return {
      id: app.id,
      typeKey: app.typeKey,
      typeName: type.name,
      stage: app.stage,
      stageLabel: ended ? PUBLICITY_ENDED_LABEL : RELIEF_STAGES[app.stage],
      expectedBy: this.expectedBy(app, type, rounds),
      amount: app.amount ?? (type.amount.kind === 'reviewer_set' ? null : ruleAmount(type.amount, app.fields)),
      createdAt: app.createdAt.toISOString(),
      submittedAt: app.submittedAt?.toISOString() ?? null,
      updatedAt: app.updatedAt.toISOString(),
    }
  }

  private documentSlots(type: AidTypeConfig, documents: DocumentIds, fileRows: Map<string, { mime: string; size: number }>): DocumentSlot[] {
    return type.documents.map((d) => ({
      ...d,
      files: (documents[d.key] ?? [])
        .filter((id) => fileRows.has(id))
        .map((id) => ({ id, ...fileRows.get(id)!, url: this.deps.files.signedUrl(id, RELIEF_DOCUMENT_LINK_TTL_SECONDS) })),
    }))
  }

  private async fileRowsOf(tx: Tx, documentSets: DocumentIds[]) {
    const ids = [...new Set(documentSets.flatMap((d) => Object.values(d).flat()))]
    const rows = ids.length ? await tx.select({ id: files.id, mime: files.mime, size: files.size }).from(files).where(inArray(files.id, ids)) : []
    return new Map(rows.map((r) => [r.id, { mime: r.mime, size: r.size }]))
  }

  private async timeline(tx: Tx, appId: number): Promise<ReliefTimelineEntry[]> {
    const events = await tx.select().from(reliefEvents).where(eq(reliefEvents.applicationId, appId)).orderBy(asc(reliefEvents.at), asc(reliefEvents.id))
    return events.map((e) => ({ at: e.at.toISOString(), kind: e.kind, title: RELIEF_EVENTS[e.kind], note: e.note, by: e.byLabel }))
  }

  private async baseDetail(tx: Tx, app: ReliefApplicationRow): Promise<{ detail: ApplicationDetail; type: AidTypeConfig }> {
    const type = await this.typeOf(tx, app.typeKey)
    const rounds = await this.roundMap(tx, [app])
    const fileRows = await this.fileRowsOf(tx, [app.documents])
    const round = app.roundId ? rounds.get(app.roundId) : undefined
    const detail: ApplicationDetail = {
      ...this.summary(app, type, rounds),
      org: { id: app.orgId, name: await this.orgName(tx, app.orgId) },
      fields: this.valuesOf(app),
      documents: this.documentSlots(type, app.documents, fileRows),
      consentSensitive: app.consentSensitive,
      step: app.step,
      draftSavedAt: app.draftSavedAt?.toISOString() ?? null,
      returnRequest: app.stage === 'returned' ? app.returnRequest : null,
      rejectReason: app.stage === 'rejected' ? app.rejectReason : null,
      submissionCount: app.submissionCount,
      publicity: round ? { roundId: round.id, startsAt: round.startsAt.toISOString(), endsAt: round.endsAt.toISOString() } : null,
      payout: app.payout ? { paidOn: app.payout.paidOn, method: app.payout.method, reference: app.payout.reference, recordedAt: app.payout.recordedAt } : null,
      canEdit: EDITABLE_STAGES.includes(app.stage),
      canWithdraw: WITHDRAWABLE_STAGES.includes(app.stage),
      timeline: await this.timeline(tx, app.id),
    }
    return { detail, type }
  }

  /** Audits a view that returns an application's sensitive values decrypted. */
  private async auditView(tx: Tx, user: AuthUser, app: ReliefApplicationRow, type: AidTypeConfig, as: 'applicant' | 'reviewer'): Promise<void> {
    const fields = type.fields.filter(isSensitiveField).map((f) => f.key)
    await audit(tx, {
      actorUserId: user.userId,
      action: 'relief.application.view_sensitive',
      subjectType: 'relief_application',
      subjectId: app.id,
      detail: { as, fields, documents: Object.values(app.documents).flat().length },
    })
  }

  private async applicantDetail(tx: Tx, user: AuthUser, app: ReliefApplicationRow): Promise<ApplicationDetail> {
    const { detail, type } = await this.baseDetail(tx, app)
    if (app.sensitiveEnc || Object.keys(app.documents).length > 0) await this.auditView(tx, user, app, type, 'applicant')
    return detail
  }

  /** The reviewer's view of `app` (the refreshed row), with what the caller may do as `r` says. */
  private async reviewerView(tx: Tx, user: AuthUser, app: ReliefApplicationRow, r: Pick<Reviewable, 'base' | 'district'>): Promise<ReviewDetail> {
    const { detail, type } = await this.baseDetail(tx, app)
    const typeInfo = await typeRow(tx, app.typeKey)
    const [person] = await tx
      .select({ name: memberships.name, memberNo: memberships.memberNo, employmentType: memberships.employmentType })
      .from(memberships)
      .where(eq(memberships.userId, app.userId))
    const subs = await tx.select().from(reliefSubmissions).where(eq(reliefSubmissions.applicationId, app.id)).orderBy(asc(reliefSubmissions.no))
    const fileRows = await this.fileRowsOf(tx, subs.map((s) => s.documents))
    const objections = await tx.select().from(reliefObjections).where(eq(reliefObjections.applicationId, app.id)).orderBy(asc(reliefObjections.id))
    const acting: ReviewLevel | null =
      app.stage === 'base_review' && r.base ? 'base' : app.stage === 'district_review' && r.district ? 'district' : null
    const blocked = app.stage === 'publicity' ? await this.payoutBlocked(tx, app) : null
    await this.auditView(tx, user, app, type, 'reviewer')
    return {
      ...detail,
      applicant: { name: person?.name ?? '', memberNo: person?.memberNo ?? '', employmentType: person?.employmentType ?? 'employee' },
      type: typeView(typeInfo, this.nowDate()),
      versions: subs.map((s) => ({
        no: s.no,
        submittedAt: s.submittedAt.toISOString(),
        fields: this.valuesOf(s),
        documents: this.documentSlots(type, s.documents, fileRows),
      })),
      homeVisit: app.homeVisit
        ? { visitedOn: app.homeVisit.visitedOn, visitors: app.homeVisit.visitors, findings: app.homeVisit.findings, recordedAt: app.homeVisit.recordedAt, recordedBy: app.homeVisit.recordedBy }
        : null,
      objections: objections.map((o) => ({
        id: o.id,
        content: o.content,
        createdAt: o.createdAt.toISOString(),
        answer: o.answer,
        upheld: o.upheld,
        answeredAt: o.answeredAt?.toISOString() ?? null,
      })),
      actingLevel: acting,
      ruleAmount: type.amount.kind === 'reviewer_set' ? null : ruleAmount(type.amount, this.valuesOf(app)),
      payable: r.district !== null && app.stage === 'publicity' && blocked === null,
      payoutBlockedReason: app.stage === 'publicity' ? blocked : null,
      canAnswerObjections: r.district !== null && objections.some((o) => o.answeredAt === null),
    }
  }
}

function returnText(r: { documents: { name: string }[]; note: string | null } | null): string | null {
  if (!r) return null
  return [r.documents.length > 0 ? `请补充：${r.documents.map((d) => d.name).join('、')}` : null, r.note].filter(Boolean).join('；') || null
}

/** 'YYYY-MM-DD HH:mm' in China time. */
function fmt(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
}

/** Normalised "same cause" identity from the cause fields (case/space-insensitive). */
export function causeKeyOf(keys: string[], values: FieldValues): string | null {
  const parts = keys.map((k) => values[k])
  if (parts.some((p) => p === undefined || p === null || p === '')) return null
  return parts.map((p) => String(p).replace(/\s+/g, '').toLowerCase()).join('|')
}

/** Internal consistency of an admin's aid-type configuration, keyed like the body. */
export function configProblems(c: AidTypeConfig): Record<string, string> {
  const p: Record<string, string> = {}
  const stepKeys = new Set(c.steps.map((s) => s.key))
  const fieldKeys = new Map(c.fields.map((f) => [f.key, f]))
  if (fieldKeys.size !== c.fields.length) p.fields = '字段键重复'
  if (new Set(c.documents.map((d) => d.key)).size !== c.documents.length) p.documents = '材料键重复'
  c.fields.forEach((f, i) => {
    if (!stepKeys.has(f.step)) p[`fields.${i}.step`] = `步骤「${f.step}」不存在`
    if (f.kind === 'choice' && !(f.options && f.options.length > 0)) p[`fields.${i}.options`] = '单选字段须列出选项'
    for (const ref of [f.notAbove, f.notBefore]) if (ref && !fieldKeys.has(ref)) p[`fields.${i}`] = `引用的字段「${ref}」不存在`
  })
  if (c.amount.kind !== 'reviewer_set') {
    const f = fieldKeys.get(c.amount.field)
    if (!f) p['amount.field'] = `金额规则引用的字段「${c.amount.field}」不存在`
    else if (c.amount.kind === 'fixed_tiers' && f.kind !== 'choice') p['amount.field'] = '定额档次须对应一个单选字段'
    else if (c.amount.kind === 'distance_bands' && f.kind !== 'integer') p['amount.field'] = '距离档须对应一个整数字段'
    if (c.amount.kind === 'distance_bands' && c.amount.bands[c.amount.bands.length - 1].upToKm !== null) p['amount.bands'] = '最后一档须不设上限'
  } else if (c.amount.min > c.amount.max) p['amount.max'] = '最高金额不能低于最低金额'
  for (const k of c.limits.causeFields) if (!fieldKeys.has(k)) p['limits.causeFields'] = `事由字段「${k}」不存在`
  for (const r of c.eligibility.fieldMax ?? []) if (!fieldKeys.has(r.field)) p['eligibility.fieldMax'] = `字段「${r.field}」不存在`
  return p
}
