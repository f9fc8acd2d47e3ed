/**
 * 工会组织 import: an admin's .xlsx / .csv of unions → the tree. The dry run and the commit read and judge the file
 * the same way (files/sheet → import-rows → import-plan). The commit holds the tree's lock and writes in ONE
 * transaction, all or nothing: a file with any problem writes nothing. Rows are written parent-first, so a file may
 * bring a 街道总工会 and the 基层工会 under it together; rows equal to the tree are not touched, so re-running a file
 * changes nothing. Every commit (written or refused) is audited: who, file name, counts.
 */
import { eq, sql } from 'drizzle-orm'
import type { ImportProblem, ImportReport } from '@contract/imports'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { isUniqueViolation } from '../../db/unique'
import { refuse } from '../../errors'
import { importReport } from '../../files/import-report'
import type { AppDeps } from '../../http/deps'
import { UnionReasons } from '@contract/unions/reasons'
import { judgeUnionRow, readUnionFile, type UnionRow } from './import-rows'
import { planUnions, type PlannedRow, type UnionPlan } from './import-plan'
import { lockTree, moveSubtree } from './tree-writes'
import { manageScopes } from './rules'

export interface UnionFile {
  bytes: Buffer
  fileName: string
}

const WORDS = { noun: '工会名单', unit: '个工会' }

export class UnionImport {
  constructor(private readonly deps: AppDeps) {}

  async dryRun(user: AuthUser, file: UnionFile): Promise<ImportReport> {
    const judged = await judge(file)
    const plan = await planUnions(this.deps.db, manageScopes(user), judged)
    return importReport(file.fileName, plan, false, WORDS)
  }

  async commit(user: AuthUser, file: UnionFile): Promise<ImportReport> {
    const judged = await judge(file)
    try {
      return await this.deps.db.transaction(async (tx) => {
        await lockTree(tx)
        const plan = await planUnions(tx, manageScopes(user), judged)
        const write = plan.problems.length === 0
        if (write) await this.write(tx, plan)
        await audit(tx, {
          actorUserId: user.userId,
          action: write ? 'unions.import' : 'unions.import_refused',
          subjectType: 'org',
          detail: { fileName: file.fileName, counts: plan.counts, problems: plan.problems.length },
        })
        return importReport(file.fileName, plan, write, WORDS)
      })
    } catch (err) {
      if (isUniqueViolation(err, 'orgs_parent_name_unique') || isUniqueViolation(err, 'orgs_credit_code_unique')) {
        throw refuse(UnionReasons.UNION_IMPORT_CONFLICT)
      }
      throw err
    }
  }

  /**
   * Parent-first, so a row's parent exists when the row is written. Paths are read from the rows as they are now
   * (an earlier row of the file may have moved an ancestor).
   */
  private async write(tx: Tx, plan: UnionPlan): Promise<void> {
    const now = new Date(this.deps.now())
    const ids = new Map<PlannedRow, number>()
    for (const r of plan.rows) {
      const parentId = 'row' in r.under ? ids.get(r.under.row)! : r.under.existing.id
      const fields = {
        name: r.name,
        kind: r.kind,
        address: r.address,
        contactName: r.contactName,
        contactPhone: r.contactPhone,
        ...(r.creditCode ? { creditCode: r.creditCode } : {}),
      }
      if (!r.matched) {
        const [row] = await tx.insert(orgs).values({ ...fields, parentId, createdAt: now, updatedAt: now }).returning({ id: orgs.id })
        await tx.execute(sql`update orgs o set path = p.path || o.id || '/' from orgs p where p.id = o.parent_id and o.id = ${row.id}`)
        ids.set(r, row.id)
        continue
      }
      const m = r.matched
      ids.set(r, m.id)
      if (r.status !== 'updated') continue
      await tx.update(orgs).set({ ...fields, parentId, updatedAt: now }).where(eq(orgs.id, m.id))
      if (m.parentId !== parentId) await moveSubtree(tx, m.id)
    }
  }
}

async function judge(file: UnionFile): Promise<{ rows: UnionRow[]; problems: ImportProblem[]; total: number }> {
  const raw = await readUnionFile(file.bytes)
  const rows: UnionRow[] = []
  const problems: ImportProblem[] = []
  for (const r of raw) {
    const judged = judgeUnionRow(r)
    if ('ok' in judged) rows.push(judged.ok)
    else problems.push(...judged.problems)
  }
  return { rows, problems, total: raw.length }
}
