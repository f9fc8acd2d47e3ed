/**
 * Changing the union tree: create, edit, move, close (撤销) and reopen. Each change runs in one transaction that
 * first takes the tree's advisory lock (tree edits are rare; serialising them keeps every materialised path right
 * while a subtree moves), asks rules.ts, writes, and goes to the audit log with who and why.
 */
import { and, count, eq, isNull } from 'drizzle-orm'
import type { UnionDetail, UnionValues } from '@contract/unions/schemas'
import { UnionReasons } from '@contract/unions/reasons'
import { audit } from '../../audit'
import type { AuthUser } from '../../auth/sessions'
import type { Tx } from '../../db'
import { orgs } from '../../db/schema/core'
import { isUniqueViolation } from '../../db/unique'
import { refuse, refuseAt } from '../../errors'
import type { AppDeps } from '../../http/deps'
import { unionOccupancy } from '../membership'
import { assertChildrenFit, assertKindUnder, belowScopes, manageScopes, orgRow, parentFor } from './rules'
import { detailOf } from './views'
import { lockTree, moveSubtree } from './tree-writes'

export type UnionInput = UnionValues

/** A unique index that kept a rule → the refusal beside its field; anything else is rethrown. */
export function uniqueRefusal(err: unknown): never {
  if (isUniqueViolation(err, 'orgs_parent_name_unique')) throw refuseAt('name', UnionReasons.UNION_NAME_TAKEN)
  if (isUniqueViolation(err, 'orgs_credit_code_unique')) throw refuseAt('creditCode', UnionReasons.UNION_CREDIT_CODE_TAKEN)
  throw err
}

export class UnionManager {
  constructor(private readonly deps: AppDeps) {}

  private change(run: (tx: Tx) => Promise<UnionDetail>): Promise<UnionDetail> {
    return this.deps.db
      .transaction(async (tx) => {
        await lockTree(tx)
        return run(tx)
      })
      .catch(uniqueRefusal)
  }

  async create(user: AuthUser, body: UnionInput & { parentId: number }): Promise<UnionDetail> {
    const scopes = manageScopes(user)
    return this.change(async (tx) => {
      const parent = await parentFor(tx, scopes, body.parentId)
      assertKindUnder(parent.kind, body.kind)
      const now = new Date(this.deps.now())
      const [row] = await tx
        .insert(orgs)
        .values({ ...fieldsOf(body), parentId: parent.id, createdAt: now, updatedAt: now })
        .returning({ id: orgs.id })
      const [created] = await tx
        .update(orgs)
        .set({ path: `${parent.path}${row.id}/` })
        .where(eq(orgs.id, row.id))
        .returning()
      await audit(tx, { actorUserId: user.userId, action: 'unions.create', subjectType: 'org', subjectId: String(row.id), detail: { parentId: parent.id, name: body.name, kind: body.kind } })
      return detailOf(tx, created, scopes)
    })
  }

  async update(user: AuthUser, id: number, body: UnionInput): Promise<UnionDetail> {
    const scopes = manageScopes(user)
    return this.change(async (tx) => {
      const row = await orgRow(tx, id, true)
      if (body.kind !== row.kind) {
        if (row.parentId !== null) assertKindUnder((await orgRow(tx, row.parentId)).kind, body.kind)
        await assertChildrenFit(tx, row.id, body.kind)
      }
      const [updated] = await tx
        .update(orgs)
        .set({ ...fieldsOf(body), updatedAt: new Date(this.deps.now()) })
        .where(eq(orgs.id, id))
        .returning()
      const changed = Object.keys(fieldsOf(body)).filter((k) => row[k as keyof typeof row] !== updated[k as keyof typeof updated])
      await audit(tx, { actorUserId: user.userId, action: 'unions.update', subjectType: 'org', subjectId: String(id), detail: { changed, name: updated.name } })
      return detailOf(tx, updated, scopes)
    })
  }

  /** Under another union of the caller's subtrees; the whole subtree's paths move along. */
  async move(user: AuthUser, id: number, parentId: number): Promise<UnionDetail> {
    const scopes = manageScopes(user)
    return this.change(async (tx) => {
      const row = await orgRow(tx, id, true)
      if (row.parentId === null || !belowScopes(scopes, row.path)) throw refuse(UnionReasons.UNION_OWN_POST)
      const parent = await parentFor(tx, scopes, parentId)
      if (parent.path.startsWith(row.path)) throw refuseAt('parentId', UnionReasons.UNION_MOVE_CYCLE)
      if (parent.id === row.parentId) return detailOf(tx, row, scopes)
      assertKindUnder(parent.kind, row.kind)
      await tx.update(orgs).set({ parentId: parent.id, updatedAt: new Date(this.deps.now()) }).where(eq(orgs.id, id))
      await moveSubtree(tx, id)
      await audit(tx, { actorUserId: user.userId, action: 'unions.move', subjectType: 'org', subjectId: String(id), detail: { from: row.parentId, to: parent.id } })
      return detailOf(tx, await orgRow(tx, id), scopes)
    })
  }

  /** 撤销: only an empty union (no open sub-union, no member or roster entry, no 入会申请 under review). */
  async close(user: AuthUser, id: number, reason: string): Promise<UnionDetail> {
    const scopes = manageScopes(user)
    return this.change(async (tx) => {
      const row = await orgRow(tx, id, true)
      if (row.parentId === null || !belowScopes(scopes, row.path)) throw refuse(UnionReasons.UNION_OWN_POST)
      if (row.closedAt) throw refuse(UnionReasons.UNION_CLOSED)
      const [{ n: children }] = await tx.select({ n: count() }).from(orgs).where(and(eq(orgs.parentId, id), isNull(orgs.closedAt)))
      if (children > 0) throw refuse(UnionReasons.UNION_HAS_OPEN_CHILDREN, { count: children })
      const occupancy = (await unionOccupancy(tx, [id])).get(id)!
      if (occupancy.members + occupancy.roster > 0) throw refuse(UnionReasons.UNION_HAS_MEMBERS, { count: occupancy.members + occupancy.roster })
      if (occupancy.pending > 0) throw refuse(UnionReasons.UNION_HAS_PENDING, { count: occupancy.pending })
      const now = new Date(this.deps.now())
      const [closed] = await tx.update(orgs).set({ closedAt: now, updatedAt: now }).where(eq(orgs.id, id)).returning()
      await audit(tx, { actorUserId: user.userId, action: 'unions.close', subjectType: 'org', subjectId: String(id), detail: { name: row.name, reason } })
      return detailOf(tx, closed, scopes)
    })
  }

  async reopen(user: AuthUser, id: number): Promise<UnionDetail> {
    const scopes = manageScopes(user)
    return this.change(async (tx) => {
      const row = await orgRow(tx, id, true)
      if (row.parentId === null || !belowScopes(scopes, row.path)) throw refuse(UnionReasons.UNION_OWN_POST)
      if (!row.closedAt) throw refuse(UnionReasons.UNION_NOT_CLOSED)
      if ((await orgRow(tx, row.parentId)).closedAt) throw refuse(UnionReasons.UNION_PARENT_CLOSED)
      const [opened] = await tx.update(orgs).set({ closedAt: null, updatedAt: new Date(this.deps.now()) }).where(eq(orgs.id, id)).returning()
      await audit(tx, { actorUserId: user.userId, action: 'unions.reopen', subjectType: 'org', subjectId: String(id), detail: { name: row.name } })
      return detailOf(tx, opened, scopes)
    })
  }
}

const fieldsOf = (b: UnionInput) => ({
  name: b.name,
  kind: b.kind,
  address: b.address,
  latitude: b.latitude,
  longitude: b.longitude,
  contactName: b.contactName,
  contactPhone: b.contactPhone,
  creditCode: b.creditCode,
})
