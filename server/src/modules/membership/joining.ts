/**
 * 入会: the unions to pick from, the caller's own state, the draft, the phone number from WeChat, and submitting
 * (or resubmitting after 未通过).
 *
 * ID number and phone are stored encrypted (the draft's too, `drafts.ts`); a person is recognised by the keyed
 * `id_hash`, and the database keeps one pending application per user (a partial unique index). The applicant sees
 * masked numbers only, and a taken ID number is refused without saying where (`id-checks.ts`).
 */
import { and, asc, desc, eq, inArray, isNull, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/pg-core'
import type { JoinApplication, JoinDraft, JoinSubmit, MyMembership, UnionList, UnionOption } from '@contract/membership/schemas'
import { parseIdNumber } from '@contract/membership/idcard'
import { MembershipReasons } from '@contract/membership/reasons'
import { MEMBER_UNION_KINDS } from '@contract/unions/labels'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { applicationEvents, joinDrafts, membershipApplications, type MembershipApplicationRow } from '../../db/schema/membership'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse, refuseAt } from '../../errors'
import { decodeCursor, pageOf } from '../../db/paging'
import { isUniqueViolation } from '../../db/unique'
import { WechatApiError } from '../../wechat/client'
import { readJoinDraft, saveJoinDraft } from './drafts'
import { assertIdChecksLeft, findIdConflict, IdTaken, recordIdConflict } from './id-checks'
import { memberOf } from './members'
import { applicantView, toMembership } from './views'

type ParsedId = ReturnType<typeof parseIdNumber>

export class JoiningService {
  constructor(private readonly deps: AppDeps) {}

  /** Open 基层工会 and 联合工会 in tree order, one page (keyset on (path, id)), optionally by name; and the chosen one. */
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
          inArray(orgs.kind, MEMBER_UNION_KINDS),
          isNull(orgs.closedAt),
          query.q ? sql`strpos(${orgs.name}, ${query.q}) > 0` : undefined,
          after ? sql`(${orgs.path}, ${orgs.id}) > (${after[0]}, ${after[1]}::integer)` : undefined,
        ),
      )
      .orderBy(asc(orgs.path), asc(orgs.id))
      .limit(query.limit + 1)
    const { page, nextCursor } = pageOf(rows, query.limit, (r) => [r.path, r.id])
    const option = (r: { id: number; name: string; parentName: string | null }): UnionOption => ({ id: r.id, name: r.name, parentName: r.parentName ?? null })
    const [selected] = query.selected ? await base().where(and(eq(orgs.id, query.selected), inArray(orgs.kind, MEMBER_UNION_KINDS), isNull(orgs.closedAt))) : []
    return { items: page.map(option), nextCursor, selected: selected ? option(selected) : null }
  }

  /** The caller's membership, latest application and draft. */
  async mine(user: AuthUser): Promise<MyMembership> {
    return this.deps.db.transaction(async (tx) => {
      const member = await memberOf(tx, user.userId)
      const app = await latestApplication(tx, user.userId)
      const draft = await readJoinDraft(tx, this.deps.cipher, user.userId, this.now())
      return {
        membership: member ? toMembership(member) : null,
        application: app ? await applicantView(tx, this.deps.cipher, app) : null,
        draft: draft?.view ?? null,
        draftSavedAt: draft ? draft.savedAt.toISOString() : null,
        // Open to every non-member with nothing in review: whether the roster holds the caller is not told here.
        claimAvailable: !member && app?.status !== 'submitted',
      }
    })
  }

  async saveDraft(user: AuthUser, draft: JoinDraft): Promise<{ savedAt: string }> {
    return this.deps.db.transaction(async (tx) => {
      const now = this.now()
      await saveJoinDraft(tx, this.deps.cipher, user.userId, draft, now)
      return { savedAt: now.toISOString() }
    })
  }

  /** weapp getPhoneNumber code → the verified phone number, through WeChat's phone-number API. */
  async exchangePhone(user: AuthUser, code: string): Promise<string> {
    const { wechat } = this.deps
    if (!wechat) throw refuse(MembershipReasons.PHONE_EXCHANGE_UNAVAILABLE)
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

  async submit(user: AuthUser, input: JoinSubmit): Promise<JoinApplication> {
    const typed = input.idNumber ? parseIdNumber(input.idNumber, this.now()) : null
    if (typed && !typed.ok) throw refuseAt('idNumber', MembershipReasons.ID_NUMBER_INVALID, { message: typed.message })
    try {
      return await this.submitTx(user, input, typed)
    } catch (err) {
      // A taken ID number: counted and audited in a transaction of its own (the submission's rolled back).
      if (err instanceof IdTaken) throw await recordIdConflict(this.deps.db, user.userId, err.conflict, this.deps.now())
      // Two first submissions at the same moment: the database keeps one pending application per user.
      if (isUniqueViolation(err, 'membership_applications_one_pending')) throw refuse(MembershipReasons.APPLICATION_PENDING)
      throw err
    }
  }

  private async submitTx(user: AuthUser, input: JoinSubmit, typed: ParsedId | null): Promise<JoinApplication> {
    const { cipher } = this.deps
    return this.deps.db.transaction(async (tx) => {
      const now = this.now()
      const org = await targetOrg(tx, input.orgId)

      if (await memberOf(tx, user.userId)) throw refuse(MembershipReasons.ALREADY_MEMBER)
      const latest = await latestApplication(tx, user.userId, true)
      if (latest?.status === 'submitted') throw refuse(MembershipReasons.APPLICATION_PENDING)

      // Left out, the ID number and phone come from the draft (kept encrypted, shown masked), else on a
      // resubmission from the application on file (the applicant only ever sees them masked).
      const draft = await readJoinDraft(tx, cipher, user.userId, now)
      const fromDraft = !typed && draft?.idNumber ? parseIdNumber(draft.idNumber, now) : null
      const id = typed?.ok ? typed : fromDraft?.ok ? fromDraft : null
      const phone = input.phone || draft?.phone || null
      const onFile = latest?.status === 'rejected' ? latest : null
      const missing: Record<string, string> = {}
      if (!id && !onFile) missing.idNumber = MembershipReasons.ID_NUMBER_REQUIRED.message()
      if (!phone && !onFile) missing.phone = MembershipReasons.PHONE_REQUIRED.message()
      if (missing.idNumber) throw refuse(MembershipReasons.ID_NUMBER_REQUIRED, undefined, missing)
      if (missing.phone) throw refuse(MembershipReasons.PHONE_REQUIRED, undefined, missing)
      // The number on file is sealed again under the current key (it may be the previous key's during a rotation):
      // an ID hash is always written beside a ciphertext of the same key.
      const idNumber = id ? id.normalized : cipher.decrypt(onFile!.idNumberEnc)
      const identity = {
        idNumberEnc: id ? cipher.encrypt(idNumber) : cipher.reencrypt(onFile!.idNumberEnc),
        idHash: cipher.idHash(idNumber),
        birthDate: id ? id.birthDate : onFile!.birthDate,
        gender: id ? id.gender : onFile!.gender,
      }

      // Whose the number is, is nobody's business here: one answer for "a member" and "someone else's
      // application", counted per day (ID-number probing).
      await assertIdChecksLeft(tx, user.userId, now.getTime())
      const conflict = await findIdConflict(tx, cipher.idHashes(idNumber), user.userId)
      if (conflict) throw new IdTaken(conflict)

      const values = {
        name: input.name,
        ...identity,
        phoneEnc: phone ? cipher.encrypt(phone) : cipher.reencrypt(onFile!.phoneEnc),
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
      return applicantView(tx, cipher, row)
    })
  }

  private now(): Date {
    return new Date(this.deps.now())
  }
}

/** The user's latest application (locked for the submission that may replace it). */
async function latestApplication(tx: Tx, userId: number, lock = false): Promise<MembershipApplicationRow | undefined> {
  const q = tx
    .select()
    .from(membershipApplications)
    .where(eq(membershipApplications.userId, userId))
    .orderBy(desc(membershipApplications.id))
    .limit(1)
  const [row] = lock ? await q.for('update') : await q
  return row
}

/** The chosen 基层工会 or 联合工会 (open), or the district federation for 由区总工会兜底 (orgId null). */
async function targetOrg(tx: Tx, orgId: number | null): Promise<{ id: number; fallback: boolean }> {
  if (orgId === null) {
    const [district] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.kind, 'district')).orderBy(asc(orgs.id)).limit(1)
    if (!district) throw refuseAt('orgId', MembershipReasons.NO_FALLBACK_UNION)
    return { id: district.id, fallback: true }
  }
  const [org] = await tx.select({ id: orgs.id, kind: orgs.kind, closedAt: orgs.closedAt }).from(orgs).where(eq(orgs.id, orgId))
  if (!org || !MEMBER_UNION_KINDS.includes(org.kind) || org.closedAt) throw refuseAt('orgId', MembershipReasons.UNION_INVALID)
  return { id: org.id, fallback: false }
}
