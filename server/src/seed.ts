/**
 * Demo data on the first start of an empty database (SEED_DEMO): an invented district federation with
 * its streets/parks and grassroots unions in 示例市, and the persona users. Runs only when `orgs` is empty.
 */
import { count, eq } from 'drizzle-orm'
import type { Db, Tx } from './db'
import { orgs, userRoles, users } from './db/schema'
import { PERSONAS, personaOpenid, type DemoOrgKey } from './personas'

const CITY = '示例市'

interface OrgDef {
  key: DemoOrgKey
  parent: DemoOrgKey | null
  name: string
  kind: 'district' | 'street' | 'grassroots'
  latitude: number
  longitude: number
}

const ORGS: OrgDef[] = [
  { key: 'district', parent: null, name: '云溪区总工会', kind: 'district', latitude: 30.2741, longitude: 120.1551 },
  { key: 'street', parent: 'district', name: '青禾街道总工会', kind: 'street', latitude: 30.2812, longitude: 120.1633 },
  { key: 'park', parent: 'district', name: '云溪科技园区工会', kind: 'street', latitude: 30.2655, longitude: 120.1402 },
  { key: 'logistics', parent: 'street', name: '星河物流有限公司工会', kind: 'grassroots', latitude: 30.2867, longitude: 120.1701 },
  { key: 'express', parent: 'street', name: '云溪区快递行业联合工会', kind: 'grassroots', latitude: 30.2789, longitude: 120.1588 },
  { key: 'gig', parent: 'park', name: '云溪区新就业形态劳动者联合工会', kind: 'grassroots', latitude: 30.2631, longitude: 120.1457 },
]

export interface SeedResult {
  seeded: boolean
  orgIds: Record<DemoOrgKey, number>
}

/** Inserts an org under `parentPath` and sets its materialised path. */
export async function insertOrg(
  tx: Tx,
  def: Omit<OrgDef, 'key' | 'parent'> & { parentId: number | null; parentPath: string; city?: string },
): Promise<{ id: number; path: string }> {
  const [row] = await tx
    .insert(orgs)
    .values({
      parentId: def.parentId,
      name: def.name,
      kind: def.kind,
      city: def.city ?? CITY,
      latitude: def.latitude,
      longitude: def.longitude,
    })
    .returning({ id: orgs.id })
  const path = `${def.parentPath || '/'}${row.id}/`
  await tx.update(orgs).set({ path }).where(eq(orgs.id, row.id))
  return { id: row.id, path }
}

export async function seedDemo(db: Db): Promise<SeedResult | { seeded: false }> {
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(orgs)
    if (n > 0) return { seeded: false as const }

    const ids = {} as Record<DemoOrgKey, number>
    const paths = {} as Record<DemoOrgKey, string>
    for (const def of ORGS) {
      const parentId = def.parent ? ids[def.parent] : null
      const parentPath = def.parent ? paths[def.parent] : '/'
      const { id, path } = await insertOrg(tx, { ...def, parentId, parentPath })
      ids[def.key] = id
      paths[def.key] = path
    }

    for (const persona of PERSONAS) {
      const [user] = await tx
        .insert(users)
        .values({ openid: personaOpenid(persona.key), nickname: persona.nickname })
        .onConflictDoNothing({ target: users.openid })
        .returning({ id: users.id })
      const userId =
        user?.id ??
        (await tx.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid(persona.key))))[0].id
      if (persona.roles.length > 0) {
        await tx
          .insert(userRoles)
          .values(persona.roles.map((r) => ({ userId, orgId: ids[r.org], role: r.role })))
          .onConflictDoNothing()
      }
    }
    return { seeded: true, orgIds: ids }
  })
}
