/**
 * Judging a whole roster against the database: within-file duplicates, unions (by name, inside the admin's subtree),
 * who is already in the roster or already a member, member numbers in use. The result is the plan a commit writes —
 * and the report both the dry run and the commit answer with. Reads in batches (`= ANY` over up to CHUNK hashes),
 * never a query per row.
 */
import { inArray } from 'drizzle-orm'
import type { RosterCounts, RosterProblem } from '@contract/roster/schemas'
import { ROSTER_COLUMNS, type RosterOutcome } from '@contract/roster/labels'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { memberships, rosterEntries, type RosterEntryRow } from '../../db/schema/membership'
import { inSubtree, scopesFor } from '../../auth/policy'
import type { AuthUser } from '../../auth/sessions'
import type { DataCipher } from '../../crypto/data'
import type { RosterRow } from './roster-rows'

export const CHUNK = 1000

export interface PlannedRow extends RosterRow {
  idHash: string
  orgId: number
}

export interface RosterPlan {
  counts: RosterCounts
  problems: RosterProblem[]
  inserts: PlannedRow[]
  updates: (PlannedRow & { entryId: number })[]
  /** What each judged row becomes (rows that failed on their own cells are not here: errors). */
  outcomes: Map<number, RosterOutcome>
  /** The name of the union each judged row goes to. */
  unionNames: Map<number, string>
  /** Rows of people who are members already. */
  members: number
}

/** The union chosen for the whole file (already placed inside the caller's post by the gate). */
export interface RosterTarget {
  id: number
  path: string
  name: string
}

const MEMBER_ALREADY = '该身份证号已是工会会员'

const COLUMN_ORDER: string[] = Object.values(ROSTER_COLUMNS)

export async function planRoster(
  tx: Tx,
  cipher: DataCipher,
  user: AuthUser,
  judged: { rows: RosterRow[]; problems: RosterProblem[]; total: number },
  lock: boolean,
  target: RosterTarget | null = null,
): Promise<RosterPlan> {
  const problems = [...judged.problems]
  const bad = (row: number, column: keyof typeof ROSTER_COLUMNS, message: string) => problems.push({ row, column: ROSTER_COLUMNS[column], message })

  // Duplicates inside the file: the later rows point at the first.
  const firstById = new Map<string, number>()
  const firstByNo = new Map<string, number>()
  for (const r of judged.rows) {
    const seen = firstById.get(r.idNumber)
    if (seen !== undefined) bad(r.row, 'idNumber', `与第 ${seen} 行的身份证号重复`)
    else firstById.set(r.idNumber, r.row)
    if (r.memberNo) {
      const no = firstByNo.get(r.memberNo)
      if (no !== undefined) bad(r.row, 'memberNo', `与第 ${no} 行的会员编号重复`)
      else firstByNo.set(r.memberNo, r.row)
    }
  }

  // Unions by name, inside the caller's subtree — or inside the chosen union's, which an empty 所属工会 means.
  const scopes = target ? [target.path] : scopesFor(user, 'membership.import')
  const inScope = (path: string) => scopes.some((s) => inSubtree(s, path))
  const allOrgs = await tx.select({ id: orgs.id, name: orgs.name, path: orgs.path, closed: orgs.closedAt }).from(orgs)
  const byName = new Map<string, (typeof allOrgs)[number][]>()
  for (const o of allOrgs) byName.set(o.name, [...(byName.get(o.name) ?? []), o])
  const pathOf = new Map(allOrgs.map((o) => [o.id, o.path]))
  const orgOf = new Map<RosterRow, number>()
  const unionNames = new Map<number, string>()
  for (const r of judged.rows) {
    if (r.unionName === '' && target) {
      orgOf.set(r, target.id)
      unionNames.set(r.row, target.name)
      continue
    }
    const named = byName.get(r.unionName) ?? []
    const mine = named.filter((o) => inScope(o.path))
    if (named.length === 0) bad(r.row, 'union', `未找到名为“${r.unionName}”的工会`)
    else if (mine.length === 0) bad(r.row, 'union', `“${r.unionName}”不在您管理的工会范围内`)
    else if (mine.length > 1) bad(r.row, 'union', `有多个名为“${r.unionName}”的工会，请联系上级工会`)
    else if (mine[0].closed) bad(r.row, 'union', `“${r.unionName}”已撤销`)
    else {
      orgOf.set(r, mine[0].id)
      unionNames.set(r.row, mine[0].name)
    }
  }

  // Who is in already: roster entries and memberships by ID hash; member numbers in use. A row is known by its
  // current-key hash; during a key rotation a stored row may carry the previous key's, so the lookups ask for every
  // hash of the keyring and `person` maps each back to the current one.
  const hashOf = new Map(judged.rows.map((r) => [r, cipher.idHash(r.idNumber)]))
  const person = new Map<string, string>()
  for (const r of judged.rows) for (const h of cipher.idHashes(r.idNumber)) person.set(h, hashOf.get(r)!)
  const hashes = [...person.keys()]
  const entries = new Map<string, RosterEntryRow>()
  const members = new Set<string>()
  for (const part of chunks(hashes)) {
    const q = tx.select().from(rosterEntries).where(inArray(rosterEntries.idHash, part))
    for (const e of lock ? await q.for('update') : await q) entries.set(person.get(e.idHash)!, e)
    const ms = await tx.select({ idHash: memberships.idHash }).from(memberships).where(inArray(memberships.idHash, part))
    for (const m of ms) members.add(person.get(m.idHash)!)
  }
  const numbers = [...firstByNo.keys()]
  const numberOwner = new Map<string, string>()
  for (const part of chunks(numbers)) {
    const a = await tx.select({ no: memberships.memberNo, idHash: memberships.idHash }).from(memberships).where(inArray(memberships.memberNo, part))
    const b = await tx
      .select({ no: rosterEntries.memberNo, idHash: rosterEntries.idHash })
      .from(rosterEntries)
      .where(inArray(rosterEntries.memberNo, part))
    for (const x of [...a, ...b]) if (x.no) numberOwner.set(x.no, person.get(x.idHash) ?? x.idHash)
  }

  const memberRows = new Set<number>()
  const inserts: PlannedRow[] = []
  const updates: RosterPlan['updates'] = []
  for (const r of judged.rows) {
    const idHash = hashOf.get(r)!
    const orgId = orgOf.get(r)
    const entry = entries.get(idHash)
    if (r.memberNo && numberOwner.has(r.memberNo) && numberOwner.get(r.memberNo) !== idHash) bad(r.row, 'memberNo', '该会员编号已被其他会员使用')
    if (orgId === undefined) continue
    const planned: PlannedRow = { ...r, idHash, orgId }
    if (entry) {
      const same =
        entry.name === r.name &&
        entry.orgId === orgId &&
        entry.employmentType === r.employmentType &&
        entry.memberNo === r.memberNo &&
        entry.joinedOn === r.joinedOn &&
        cipher.decrypt(entry.phoneEnc) === r.phone
      if (!inScope(pathOf.get(entry.orgId) ?? '')) bad(r.row, 'idNumber', '该身份证号已由其他工会导入台账')
      else if (same) continue
      else if (entry.claimedBy !== null) bad(r.row, 'idNumber', '该会员已完成会员认证，台账信息不能再通过导入修改')
      else updates.push({ ...planned, entryId: entry.id })
    } else if (members.has(idHash)) {
      bad(r.row, 'idNumber', MEMBER_ALREADY)
      memberRows.add(r.row)
    }
    else inserts.push(planned)
  }

  problems.sort((a, b) => a.row - b.row || COLUMN_ORDER.indexOf(a.column ?? '') - COLUMN_ORDER.indexOf(b.column ?? ''))
  const rejectedRows = new Set(problems.map((p) => p.row))
  const ok = (r: { row: number }) => !rejectedRows.has(r.row)
  const keptInserts = inserts.filter(ok)
  const keptUpdates = updates.filter(ok)
  const outcomes = new Map<number, RosterOutcome>()
  const problemCount = new Map<number, number>()
  for (const p of problems) problemCount.set(p.row, (problemCount.get(p.row) ?? 0) + 1)
  for (const r of judged.rows) outcomes.set(r.row, rejectedRows.has(r.row) ? 'error' : 'unchanged')
  for (const r of keptInserts) outcomes.set(r.row, 'new')
  for (const r of keptUpdates) outcomes.set(r.row, 'updated')
  // A member already, and nothing else wrong with the row: its own outcome (left out, not a mistake in the file).
  for (const row of memberRows) if (problemCount.get(row) === 1) outcomes.set(row, 'member')
  return {
    problems,
    inserts: keptInserts,
    updates: keptUpdates,
    outcomes,
    unionNames,
    members: [...outcomes.values()].filter((o) => o === 'member').length,
    counts: {
      total: judged.total,
      new: keptInserts.length,
      updated: keptUpdates.length,
      unchanged: judged.total - rejectedRows.size - keptInserts.length - keptUpdates.length,
      rejected: rejectedRows.size,
    },
  }
}

export function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = []
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size))
  return out
}
