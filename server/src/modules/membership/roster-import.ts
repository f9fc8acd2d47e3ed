/**
 * 会员实名制台账 import: an admin's .xlsx / .csv → roster entries (pending memberships with no WeChat account yet).
 *
 * The dry run and the commit read and judge the file the same way (roster-file → files/sheet → roster-rows → roster-check). The
 * commit writes in ONE transaction, all or nothing (ROSTER_COMMIT_POLICY): a file with any problem writes no row. New
 * people go in by multi-row INSERTs and changed ones by one UPDATE … FROM (VALUES …) per CHUNK rows; rows equal to
 * the roster are not touched, so re-running a file changes nothing. ID numbers and phones are encrypted on arrival.
 * Every commit (written or refused) is audited: who, file name, counts.
 */
import { eq, sql } from 'drizzle-orm'
import { RosterReasons } from '@contract/roster/reasons'
import { ROSTER_PREVIEW_MAX_ROWS, ROSTER_SKIP_POLICY } from '@contract/roster/labels'
import type { RosterProblem, RosterReport } from '@contract/roster/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { rosterEntries } from '../../db/schema/membership'
import { orgs } from '../../db/schema/core'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { isUniqueViolation } from '../../db/unique'
import { importReport } from '../../files/import-report'
import { readRosterFile, type RawRow } from './roster-file'
import { judgeRow, type RosterRow } from './roster-rows'
import { chunks, planRoster, type RosterPlan, type RosterTarget } from './roster-check'
import { previewRows, problemWorkbook } from './roster-sheets'

export interface RosterFile {
  bytes: Buffer
  fileName: string
}

interface Judged {
  raw: RawRow[]
  rows: RosterRow[]
  problems: RosterProblem[]
  total: number
}

export interface RosterOptions {
  /** The union the file is for (the gate placed it inside the caller's post). */
  orgId?: number
  /** Write the rows without a problem and leave out the others (commit only). */
  skipRejected?: boolean
}

export class RosterImportService {
  constructor(private readonly deps: AppDeps) {}

  /** Every check, nothing written. */
  async dryRun(user: AuthUser, file: RosterFile, options: RosterOptions = {}): Promise<RosterReport> {
    const raw = await readRosterFile(file.bytes)
    const { judged, plan } = await this.deps.db.transaction(async (tx) => {
      const target = await targetOf(tx, options.orgId)
      const judged = this.judge(raw, target)
      return { judged, plan: await planRoster(tx, this.deps.cipher, user, judged, false, target) }
    })
    return report(file, judged, plan, false, false)
  }

  /** The rows of the file a commit would leave out, with their problems, as .xlsx (nothing written, not audited: the caller's own cells). */
  async problemRows(user: AuthUser, file: RosterFile, options: RosterOptions = {}): Promise<Buffer> {
    const raw = await readRosterFile(file.bytes)
    const { judged, plan } = await this.deps.db.transaction(async (tx) => {
      const target = await targetOf(tx, options.orgId)
      const judged = this.judge(raw, target)
      return { judged, plan: await planRoster(tx, this.deps.cipher, user, judged, false, target) }
    })
    return problemWorkbook(judged.raw, plan.problems)
  }

  /**
   * The same checks; then every row written in one transaction, or — with any problem — none. With `skipRejected`
   * (the admin's explicit choice after the dry run) the rows without a problem are written and the others left out.
   */
  async commit(user: AuthUser, file: RosterFile, options: RosterOptions = {}): Promise<RosterReport> {
    const skip = options.skipRejected === true
    const raw = await readRosterFile(file.bytes)
    try {
      return await this.deps.db.transaction(async (tx) => {
        const target = await targetOf(tx, options.orgId)
        const judged = this.judge(raw, target)
        const plan = await planRoster(tx, this.deps.cipher, user, judged, true, target)
        const write = skip || plan.problems.length === 0
        if (write) await this.write(tx, user, plan)
        await audit(tx, {
          actorUserId: user.userId,
          action: write ? 'membership.roster_import' : 'membership.roster_import_refused',
          subjectType: 'roster',
          detail: {
            fileName: file.fileName,
            counts: plan.counts,
            problems: plan.problems.length,
            ...(skip ? { policy: ROSTER_SKIP_POLICY, skipped: plan.counts.rejected } : {}),
            ...(target ? { orgId: target.id } : {}),
          },
        })
        return report(file, judged, plan, write, skip)
      })
    } catch (err) {
      // Another import wrote one of these people (or numbers) since this one read: nothing of this one was written.
      if (isUniqueViolation(err, 'roster_entries_id_hash_unique') || isUniqueViolation(err, 'roster_entries_member_no_unique')) {
        throw refuse(RosterReasons.ROSTER_IMPORT_CONFLICT)
      }
      throw err
    }
  }

  private judge(raw: RawRow[], target: RosterTarget | null): Judged {
    const today = new Date(this.deps.now())
    const rows: RosterRow[] = []
    const problems: RosterProblem[] = []
    for (const r of raw) {
      const judged = judgeRow(r, today, target !== null)
      if ('ok' in judged) rows.push(judged.ok)
      else problems.push(...judged.problems)
    }
    return { raw, rows, problems, total: raw.length }
  }

  private async write(tx: Tx, user: AuthUser, plan: RosterPlan): Promise<void> {
    const { cipher } = this.deps
    const now = new Date(this.deps.now())
    for (const part of chunks(plan.inserts)) {
      await tx.insert(rosterEntries).values(
        part.map((r) => ({
          idHash: r.idHash,
          idNumberEnc: cipher.encrypt(r.idNumber),
          phoneEnc: cipher.encrypt(r.phone),
          name: r.name,
          orgId: r.orgId,
          employmentType: r.employmentType,
          memberNo: r.memberNo,
          joinedOn: r.joinedOn,
          importedBy: user.userId,
          updatedAt: now,
        })),
      )
    }
    for (const part of chunks(plan.updates)) {
      const values = sql.join(
        part.map(
          (r) =>
            sql`(${r.entryId}::integer, ${r.name}::text, ${cipher.encrypt(r.phone)}::text, ${r.orgId}::integer, ${r.employmentType}::text, ${r.memberNo}::text, ${r.joinedOn}::date)`,
        ),
        sql`, `,
      )
      await tx.execute(sql`
        update roster_entries as r
           set name = v.name, phone_enc = v.phone_enc, org_id = v.org_id, employment_type = v.employment_type,
               member_no = v.member_no, joined_on = v.joined_on, imported_by = ${user.userId}, updated_at = ${now.toISOString()}::timestamptz
          from (values ${values}) as v(id, name, phone_enc, org_id, employment_type, member_no, joined_on)
         where r.id = v.id and r.claimed_by is null`)
    }
  }
}

/** The chosen union, open; null when none was chosen. */
async function targetOf(tx: Tx, orgId: number | undefined): Promise<RosterTarget | null> {
  if (orgId === undefined) return null
  const [org] = await tx.select({ id: orgs.id, path: orgs.path, name: orgs.name, closedAt: orgs.closedAt }).from(orgs).where(eq(orgs.id, orgId)).limit(1)
  // The gate resolved it a moment ago; closed since, or closed all along: refused by name.
  if (!org || org.closedAt) throw refuse(RosterReasons.ROSTER_UNION_CLOSED)
  return { id: org.id, path: org.path, name: org.name }
}

function report(file: RosterFile, judged: Judged, plan: RosterPlan, committed: boolean, skip: boolean): RosterReport {
  return {
    ...importReport(file.fileName, plan, committed, { noun: '台账', unit: '人' }, skip ? ROSTER_SKIP_POLICY : 'all_or_nothing'),
    rows: previewRows(judged.raw, plan),
    rowsTruncated: judged.raw.length > ROSTER_PREVIEW_MAX_ROWS,
    members: plan.members,
    skipped: skip && committed ? plan.counts.rejected : 0,
  }
}
