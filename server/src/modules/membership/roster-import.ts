/**
 * 会员实名制台账 import: an admin's .xlsx / .csv → roster entries (pending memberships with no WeChat account yet).
 *
 * The dry run and the commit read and judge the file the same way (roster-file → files/sheet → roster-rows → roster-check). The
 * commit writes in ONE transaction, all or nothing (ROSTER_COMMIT_POLICY): a file with any problem writes no row. New
 * people go in by multi-row INSERTs and changed ones by one UPDATE … FROM (VALUES …) per CHUNK rows; rows equal to
 * the roster are not touched, so re-running a file changes nothing. ID numbers and phones are encrypted on arrival.
 * Every commit (written or refused) is audited: who, file name, counts.
 */
import { sql } from 'drizzle-orm'
import { RosterReasons } from '@contract/roster/reasons'
import type { RosterProblem, RosterReport } from '@contract/roster/schemas'
import type { AppDeps } from '../../http/deps'
import type { Tx } from '../../db'
import { rosterEntries } from '../../db/schema/membership'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import { refuse } from '../../errors'
import { isUniqueViolation } from '../../db/unique'
import { importReport } from '../../files/import-report'
import { readRosterFile } from './roster-file'
import { judgeRow, type RosterRow } from './roster-rows'
import { chunks, planRoster, type RosterPlan } from './roster-check'

export interface RosterFile {
  bytes: Buffer
  fileName: string
}

export class RosterImportService {
  constructor(private readonly deps: AppDeps) {}

  /** Every check, nothing written. */
  async dryRun(user: AuthUser, file: RosterFile): Promise<RosterReport> {
    const judged = await this.judge(file)
    const plan = await this.deps.db.transaction(async (tx) => planRoster(tx, this.deps.cipher, user, judged, false))
    return report(file, plan, false)
  }

  /** The same checks; then every row written in one transaction, or — with any problem — none. */
  async commit(user: AuthUser, file: RosterFile): Promise<RosterReport> {
    const judged = await this.judge(file)
    try {
      return await this.deps.db.transaction(async (tx) => {
        const plan = await planRoster(tx, this.deps.cipher, user, judged, true)
        const write = plan.problems.length === 0
        if (write) await this.write(tx, user, plan)
        await audit(tx, {
          actorUserId: user.userId,
          action: write ? 'membership.roster_import' : 'membership.roster_import_refused',
          subjectType: 'roster',
          detail: { fileName: file.fileName, counts: plan.counts, problems: plan.problems.length },
        })
        return report(file, plan, write)
      })
    } catch (err) {
      // Another import wrote one of these people (or numbers) since this one read: nothing of this one was written.
      if (isUniqueViolation(err, 'roster_entries_id_hash_unique') || isUniqueViolation(err, 'roster_entries_member_no_unique')) {
        throw refuse(RosterReasons.ROSTER_IMPORT_CONFLICT)
      }
      throw err
    }
  }

  private async judge(file: RosterFile): Promise<{ rows: RosterRow[]; problems: RosterProblem[]; total: number }> {
    const raw = await readRosterFile(file.bytes)
    const today = new Date(this.deps.now())
    const rows: RosterRow[] = []
    const problems: RosterProblem[] = []
    for (const r of raw) {
      const judged = judgeRow(r, today)
      if ('ok' in judged) rows.push(judged.ok)
      else problems.push(...judged.problems)
    }
    return { rows, problems, total: raw.length }
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

function report(file: RosterFile, plan: RosterPlan, committed: boolean): RosterReport {
  return importReport(file.fileName, plan, committed, { noun: '台账', unit: '人' })
}
