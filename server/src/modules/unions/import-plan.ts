/**
 * A union file against the tree: each row's parent found (an existing union of the caller's subtrees, or another row
 * of the file — by name, or by 统一社会信用代码 when names repeat), each row matched to the union it describes (by
 * credit code, else by name under its parent: what makes re-running a file change nothing), and every rule of the
 * tree asked (rules.ts). Rows come out in parent-first order, with their problems in Chinese.
 */
import type { ImportCounts, ImportProblem } from '@contract/imports'
import { isCreditCode, UNION_CHILD_KINDS, UNION_IMPORT_COLUMNS, UNION_KIND_LABELS, type UnionImportColumn } from '@contract/unions/labels'
import type { DbOrTx } from '../../db'
import { orgs, type OrgRow } from '../../db/schema/core'
import { belowScopes, kindProblem, withinScopes } from './rules'
import type { UnionRow } from './import-rows'

export interface PlannedRow extends UnionRow {
  /** The union this row describes, when it exists. */
  matched: OrgRow | null
  /** Its parent: an existing union, or an earlier row of the file. */
  under: { existing: OrgRow } | { row: PlannedRow }
  status: 'new' | 'updated' | 'unchanged'
}

export interface UnionPlan {
  /** Parent-first; only the rows without problems (all of them when `problems` is empty). */
  rows: PlannedRow[]
  counts: ImportCounts
  problems: ImportProblem[]
}

type Ref = { existing: OrgRow } | { row: UnionRow } | { problem: string }

export async function planUnions(
  db: DbOrTx,
  scopes: readonly string[],
  judged: { rows: UnionRow[]; problems: ImportProblem[]; total: number },
): Promise<UnionPlan> {
  const problems = [...judged.problems]
  const failed = new Set<number>(judged.problems.map((p) => p.row))
  const bad = (row: number, column: UnionImportColumn | null, message: string) => {
    problems.push({ row, column: column ? UNION_IMPORT_COLUMNS[column] : null, message })
    failed.add(row)
  }

  // The tree as far as the file can reach: the caller's subtrees, and any union named in it (to say "not yours").
  const all = await db.select().from(orgs)
  const mine = all.filter((o) => withinScopes(scopes, o.path))
  const named = new Set(judged.rows.flatMap((r) => [r.name, r.parent]))
  const codes = new Set(judged.rows.flatMap((r) => (r.creditCode ? [r.creditCode] : [])).concat(judged.rows.map((r) => r.parent.toUpperCase())))
  const elsewhere = all.filter((o) => !withinScopes(scopes, o.path) && (named.has(o.name) || (o.creditCode !== null && codes.has(o.creditCode))))
  const byName = group(mine, (o) => o.name)
  const byCode = new Map(mine.filter((o) => o.creditCode).map((o) => [o.creditCode!, o]))
  const childKinds = group(mine.filter((o) => o.parentId !== null), (o) => String(o.parentId))
  const fileByName = group(judged.rows, (r) => r.name)
  const fileByCode = group(judged.rows.filter((r) => r.creditCode), (r) => r.creditCode!)

  // 1. Each row's parent.
  const refOf = new Map<UnionRow, Ref>()
  for (const r of judged.rows) {
    const code = r.parent.toUpperCase()
    let ref: Ref
    if (isCreditCode(code)) {
      const inFile = (fileByCode.get(code) ?? []).filter((x) => x !== r)
      const existing = byCode.get(code)
      if (inFile.length === 1) ref = { row: inFile[0] }
      else if (existing) ref = { existing }
      else if (elsewhere.some((o) => o.creditCode === code)) ref = { problem: `信用代码为 ${code} 的上级工会不在您管理的工会范围内` }
      else ref = { problem: `未找到统一社会信用代码为 ${code} 的上级工会（也不在本文件中）` }
    } else {
      const inFile = (fileByName.get(r.parent) ?? []).filter((x) => x !== r)
      const existing = byName.get(r.parent) ?? []
      if (inFile.length === 1) ref = { row: inFile[0] }
      else if (inFile.length > 1) ref = { problem: `文件中有多个名为“${r.parent}”的工会，请改填上级工会的统一社会信用代码` }
      else if (existing.length === 1) ref = { existing: existing[0] }
      else if (existing.length > 1) ref = { problem: `有多个名为“${r.parent}”的工会，请改填上级工会的统一社会信用代码` }
      else if (elsewhere.some((o) => o.name === r.parent)) ref = { problem: `上级工会“${r.parent}”不在您管理的工会范围内` }
      else ref = { problem: `上级工会“${r.parent}”不存在，也不在本文件中` }
    }
    refOf.set(r, ref)
  }

  // 2. Parent-first order; a loop of rows naming each other is a problem of each of them.
  const order: UnionRow[] = []
  const state = new Map<UnionRow, 'visiting' | 'done'>()
  const visit = (r: UnionRow, chain: UnionRow[]): void => {
    if (state.get(r) === 'done') return
    if (state.get(r) === 'visiting') {
      for (const x of chain.slice(chain.indexOf(r))) bad(x.row, 'parent', '上级关系形成循环，请检查各行的上级工会')
      return
    }
    state.set(r, 'visiting')
    const ref = refOf.get(r)!
    if ('row' in ref) visit(ref.row, [...chain, r])
    state.set(r, 'done')
    order.push(r)
  }
  for (const r of judged.rows) visit(r, [])

  // 3. Each row in that order: its parent's state, its match, the tree's rules.
  const planned = new Map<UnionRow, PlannedRow>()
  const firstUnder = new Map<string, number>()
  const firstCode = new Map<string, number>()
  const counts: ImportCounts = { total: judged.total, new: 0, updated: 0, unchanged: 0, rejected: 0 }
  for (const r of order) {
    if (failed.has(r.row)) continue
    const ref = refOf.get(r)!
    if ('problem' in ref) {
      bad(r.row, 'parent', ref.problem)
      continue
    }
    let parent: PlannedRow['under']
    if ('row' in ref) {
      const p = planned.get(ref.row)
      if (!p) {
        bad(r.row, 'parent', `上级工会（第 ${ref.row.row} 行）有问题，请先修正那一行`)
        continue
      }
      parent = { row: p }
    } else parent = { existing: ref.existing }
    const parentKind = 'row' in parent ? parent.row.kind : parent.existing.kind
    const parentOrg = 'row' in parent ? parent.row.matched : parent.existing
    if (parentOrg?.closedAt) {
      bad(r.row, 'parent', `上级工会“${parentOrg.name}”已撤销`)
      continue
    }

    // the union this row describes
    let matched: OrgRow | null = null
    if (r.creditCode) {
      matched = byCode.get(r.creditCode) ?? null
      if (!matched && elsewhere.some((o) => o.creditCode === r.creditCode)) {
        bad(r.row, 'creditCode', '该统一社会信用代码已登记在您管理范围之外的工会')
        continue
      }
    }
    const sameName = parentOrg ? (byName.get(r.name) ?? []).find((o) => o.parentId === parentOrg.id) ?? null : null
    if (!matched) matched = sameName
    else if (sameName && sameName.id !== matched.id) {
      bad(r.row, 'name', `“${parentOrg!.name}”下已有同名工会（信用代码不同）`)
      continue
    }

    // the file itself
    const underKey = `${parentOrg ? `o${parentOrg.id}` : `r${'row' in parent ? parent.row.row : 0}`}|${r.name}`
    const dupe = firstUnder.get(underKey)
    if (dupe !== undefined) {
      bad(r.row, 'name', `与第 ${dupe} 行重复：同一上级工会下有两个“${r.name}”`)
      continue
    }
    firstUnder.set(underKey, r.row)
    if (r.creditCode) {
      const first = firstCode.get(r.creditCode)
      if (first !== undefined) {
        bad(r.row, 'creditCode', `与第 ${first} 行的统一社会信用代码重复`)
        continue
      }
      firstCode.set(r.creditCode, r.row)
    }

    // the tree's rules
    const kindWrong = kindProblem(parentKind, r.kind)
    if (kindWrong) {
      bad(r.row, 'kind', kindWrong)
      continue
    }
    if (matched) {
      const moving = matched.parentId !== parentOrg?.id
      if (matched.closedAt) {
        bad(r.row, 'name', `“${matched.name}”已撤销，请先在工会管理中恢复`)
        continue
      }
      if (moving && (matched.parentId === null || !belowScopes(scopes, matched.path))) {
        bad(r.row, 'parent', '不能移动本人任职的工会，请联系上级工会')
        continue
      }
      if (moving && insideItself(matched, parent)) {
        bad(r.row, 'parent', '不能把工会移到它自己或它的下级工会之下')
        continue
      }
      if (r.kind !== matched.kind && (childKinds.get(String(matched.id)) ?? []).some((c) => !UNION_CHILD_KINDS[r.kind].includes(c.kind))) {
        bad(r.row, 'kind', `该工会有下级工会，不能改为${UNION_KIND_LABELS[r.kind]}`)
        continue
      }
    }
    const status = !matched ? 'new' : same(matched, r, parentOrg) ? 'unchanged' : 'updated'
    counts[status]++
    planned.set(r, { ...r, matched, under: parent, status })
  }
  counts.rejected = failed.size
  problems.sort((a, b) => a.row - b.row)
  return { rows: [...planned.values()], counts, problems }
}

/** Would `parent` (an existing union, or a row whose chain reaches one) lie inside `union`'s own subtree? */
function insideItself(union: OrgRow, parent: PlannedRow['under']): boolean {
  for (let p: PlannedRow['under'] | null = parent; p; p = 'row' in p ? p.row.under : null) {
    const org = 'row' in p ? p.row.matched : p.existing
    if (org && org.path.startsWith(union.path)) return true
  }
  return false
}

function same(o: OrgRow, r: UnionRow, parent: OrgRow | null): boolean {
  return (
    o.parentId === (parent?.id ?? null) &&
    o.name === r.name &&
    o.kind === r.kind &&
    o.address === r.address &&
    o.contactName === r.contactName &&
    o.contactPhone === r.contactPhone &&
    (r.creditCode === null || o.creditCode === r.creditCode)
  )
}

function group<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>()
  for (const t of items) out.set(key(t), [...(out.get(key(t)) ?? []), t])
  return out
}

