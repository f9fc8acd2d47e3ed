/**
 * The first administrator (`npm run admin -- bootstrap --name …`): on a database without a root union, creates it
 * (kind district, level 1) and a one-time bootstrap code — an invitation to be admin of the root, valid 24 hours,
 * stored only as a hash. The first logged-in user who accepts it becomes that admin (redeem.ts). Refused when a root
 * union exists. Two operators at once: the transaction takes an advisory lock first, so only one creates the root.
 */
import { isNull, sql } from 'drizzle-orm'
import { BOOTSTRAP_HOURS } from '@contract/staff/labels'
import { StaffReasons } from '@contract/staff/reasons'
import { pages } from '@contract/pages'
import type { Db } from '../../db'
import { orgs } from '../../db/schema/core'
import { audit } from '../../audit'
import { refuse } from '../../errors'
import { insertInvitation } from './invitations'

export interface Bootstrapped {
  orgId: number
  orgName: string
  code: string
  /** The mini-program page that carries the code. */
  path: string
  expiresAt: Date
}

export async function bootstrapRoot(db: Db, options: { name: string; now?: number }): Promise<Bootstrapped> {
  const now = options.now ?? Date.now()
  const name = options.name.trim()
  if (name.length < 2) throw new Error('请用 --name 给出根工会的名称（至少 2 个字）')
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('staff.bootstrap'))`)
    const [root] = await tx.select({ name: orgs.name }).from(orgs).where(isNull(orgs.parentId)).limit(1)
    if (root) throw refuse(StaffReasons.STAFF_ROOT_EXISTS, { name: root.name })
    const [org] = await tx.insert(orgs).values({ parentId: null, name, kind: 'district' }).returning({ id: orgs.id })
    await tx.update(orgs).set({ path: `/${org.id}/` }).where(sql`${orgs.id} = ${org.id}`)
    const { row, code } = await insertInvitation(tx, {
      kind: 'bootstrap',
      role: 'admin',
      orgId: org.id,
      bindings: {},
      note: '首位管理员（系统初始化）',
      createdBy: null,
      createdAt: new Date(now),
      expiresAt: new Date(now + BOOTSTRAP_HOURS * 60 * 60_000),
    })
    await audit(tx, { actorUserId: null, action: 'staff.bootstrap', subjectType: 'staff_invitation', subjectId: row.id, detail: { orgId: org.id, name } })
    return { orgId: org.id, orgName: name, code, path: pages.staff.invite.url({ code }), expiresAt: row.expiresAt }
  })
}
