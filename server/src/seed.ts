/**
 * Demo data on the first start of an empty database (SEED_DEMO): an invented district federation with
 * its streets/parks and grassroots unions in 示例市, and the persona users. Runs only when `orgs` is empty.
 */
import { count, eq } from 'drizzle-orm'
import { checkDigit } from '@contract/membership/idcard'
import type { UnionKind } from '@contract/unions/labels'
import type { Db, Tx } from './db'
import { memberships, merchants, orgs, reliefReviewGrants, userRoles, users, venues } from './db/schema'
import { DataCipher } from './crypto/data'
import { nextMemberNo } from './modules/membership'
import { insertCampaign } from './modules/vouchers'
import { CampaignInput } from '@contract/vouchers/schemas'
import { PERSONAS, personaOpenid, type DemoOrgKey } from './personas'
import { ensureAidTypes } from './modules/relief'
import { seedBookings } from './modules/bookings'
import { seedStationReport, seedStations } from './seed-stations'
import { seedDemoEvents, seedLegal } from './seed-activities'

const CITY = '示例市'

interface OrgDef {
  key: DemoOrgKey
  parent: DemoOrgKey | null
  name: string
  kind: UnionKind
  latitude: number
  longitude: number
}

const ORGS: OrgDef[] = [
  { key: 'district', parent: null, name: '云溪区总工会', kind: 'district', latitude: 30.2741, longitude: 120.1551 },
  { key: 'street', parent: 'district', name: '青禾街道总工会', kind: 'street', latitude: 30.2812, longitude: 120.1633 },
  { key: 'park', parent: 'district', name: '云溪科技园区工会', kind: 'park', latitude: 30.2655, longitude: 120.1402 },
  { key: 'logistics', parent: 'street', name: '星河物流有限公司工会', kind: 'grassroots', latitude: 30.2867, longitude: 120.1701 },
  { key: 'express', parent: 'street', name: '云溪区快递行业联合工会', kind: 'joint', latitude: 30.2789, longitude: 120.1588 },
  { key: 'gig', parent: 'park', name: '云溪区新就业形态劳动者联合工会', kind: 'joint', latitude: 30.2631, longitude: 120.1457 },
]

/** The member persona's invented ID number (valid check digit; 1992-03-15, female). */
export const DEMO_MEMBER_ID_NUMBER = '33010619920315162' + checkDigit('33010619920315162')
export const DEMO_MEMBER_JOINED_AT = '2024-03-15T09:30:00+08:00'

export interface MerchantDef {
  name: string
  category: 'food' | 'supermarket' | 'cinema' | 'fitness' | 'medical' | 'travel' | 'other'
  offer: string
  validFrom: string
  validTo: string
  address: string
  lat: number
  lng: number
}

/** Invented merchants around the 云溪区 centre (30.2741, 120.1551); the last one's offer has expired. */
export const DEMO_MERCHANTS: MerchantDef[] = [
  { name: '云溪老街面馆', category: 'food', offer: '凭会员码面食 9 折', validFrom: '2024-01-01', validTo: '2099-12-31', address: '示例市云溪区老街 18 号', lat: 30.2748, lng: 120.1559 },
  { name: '禾丰生鲜超市', category: 'supermarket', offer: '满 100 减 15', validFrom: '2024-01-01', validTo: '2099-12-31', address: '示例市云溪区青禾路 66 号', lat: 30.2795, lng: 120.1612 },
  { name: '星光影城（云溪店）', category: 'cinema', offer: '周一至周四观影 25 元', validFrom: '2024-01-01', validTo: '2099-12-31', address: '示例市云溪区星光大道 8 号 5 楼', lat: 30.2702, lng: 120.1498 },
  { name: '活力健身中心', category: 'fitness', offer: '月卡 8 折，首次体验免费', validFrom: '2024-01-01', validTo: '2099-12-31', address: '示例市云溪区科创路 120 号', lat: 30.2660, lng: 120.1420 },
  { name: '仁和社区诊所', category: 'medical', offer: '体检套餐立减 50 元', validFrom: '2024-01-01', validTo: '2099-12-31', address: '示例市云溪区仁和街 23 号', lat: 30.2850, lng: 120.1690 },
  { name: '骑士驿站快修', category: 'travel', offer: '电动车保养 8 折', validFrom: '2024-01-01', validTo: '2099-12-31', address: '示例市云溪区园区北路 9 号', lat: 30.2635, lng: 120.1462 },
  { name: '暖心便民洗衣', category: 'other', offer: '洗衣满 50 减 10', validFrom: '2024-01-01', validTo: '2099-12-31', address: '示例市云溪区青禾路 12 号', lat: 30.2770, lng: 120.1580 },
  { name: '旧日咖啡馆', category: 'food', offer: '饮品第二杯半价（已过期）', validFrom: '2024-01-01', validTo: '2024-12-31', address: '示例市云溪区老街 2 号', lat: 30.2742, lng: 120.1552 },
]

/**
 * The demo venue registry (all owned by 云溪区总工会; coordinates GCJ-02). The venue persona is bound to 云溪影城 and
 * 云溪游泳馆 (personas.ts); 星光电影院 and the pool at 青禾 have no staff in the demo.
 */
export const DEMO_VENUES = [
  { name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.2749, lng: 120.1562 },
  { name: '星光电影院', address: '示例市云溪区星光路 8 号', lat: 30.2812, lng: 120.1633 },
  { name: '云溪游泳馆', address: '示例市云溪区滨江路 2 号', lat: 30.2701, lng: 120.1498 },
  { name: '青禾全民健身中心泳池', address: '示例市云溪区青禾路 66 号', lat: 30.2766, lng: 120.1587 },
] as const

export interface SeedOptions {
  /** The DATA_KEY the app runs with (the member persona's ID number is stored encrypted). */
  dataKey: Buffer
}

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

export async function seedDemo(db: Db, options: SeedOptions): Promise<SeedResult | { seeded: false }> {
  const cipher = new DataCipher(options.dataKey)
  return db.transaction(async (tx) => {
    const [{ n }] = await tx.select({ n: count() }).from(orgs)
    if (n > 0) {
      await seedRelief(tx) // a demo database from before relief existed gets its relief part
      return { seeded: false as const }
    }

    const ids = {} as Record<DemoOrgKey, number>
    const paths = {} as Record<DemoOrgKey, string>
    for (const def of ORGS) {
      const parentId = def.parent ? ids[def.parent] : null
      const parentPath = def.parent ? paths[def.parent] : '/'
      const { id, path } = await insertOrg(tx, { ...def, parentId, parentPath })
      ids[def.key] = id
      paths[def.key] = path
    }

    const venueIds = new Map<string, number>()
    for (const v of DEMO_VENUES) {
      const [row] = await tx.insert(venues).values({ ...v, orgId: ids.district }).returning({ id: venues.id })
      venueIds.set(v.name, row.id)
    }
    const stationSeededAt = Date.now()
    const stationIds = await seedStations(tx, ids, stationSeededAt)

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
          .values(
            persona.roles.map((r) => ({
              userId,
              orgId: ids[r.org],
              role: r.role,
              bindings: r.venues
                ? { venues: r.venues.map((name) => venueIds.get(name)!) }
                : r.stations
                  ? { stations: r.stations.map((name) => stationIds.get(name)!) }
                  : {},
            })),
          )
          .onConflictDoNothing()
      }
      if (persona.key === 'member') {
        const joinedAt = new Date(DEMO_MEMBER_JOINED_AT)
        await tx
          .insert(memberships)
          .values({
            userId,
            idHash: cipher.idHash(DEMO_MEMBER_ID_NUMBER),
            idNumberEnc: cipher.encrypt(DEMO_MEMBER_ID_NUMBER),
            memberNo: await nextMemberNo(tx, joinedAt),
            name: persona.nickname,
            orgId: ids.logistics,
            employmentType: 'employee',
            joinedAt,
          })
          .onConflictDoNothing()
        await seedStationReport(tx, stationIds, userId, stationSeededAt)
      }
    }

    await tx.insert(merchants).values(DEMO_MERCHANTS.map((m) => ({ ...m, orgId: ids.district })))
    // A demo 福利券 campaign, open from seeding time for 30 days.
    const seededAt = Date.now()
    await insertCampaign(
      tx,
      CampaignInput.parse({
        kind: 'movie',
        title: '周末观影福利券',
        rules: '云溪区工会会员每人每月限领 1 张电影券，领取后 30 天内在指定影院使用，可在有效期内退回。',
        orgId: ids.district,
        venues: [{ venueId: venueIds.get('云溪影城')! }, { venueId: venueIds.get('星光电影院')! }],
        totalStock: 100,
        opensAt: new Date(seededAt).toISOString(),
        closesAt: new Date(seededAt + 30 * 86_400_000).toISOString(),
        voucherValidDays: 30,
        perMemberLimit: { count: 1, period: 'calendar_month' },
      }),
      null,
    )
    // A demo 抽签 campaign taking entries for 3 days from seeding time; its seed commitment is published at
    // creation, i.e. before the first entry. Drawn by the timer (or the first read) after it closes.
    await insertCampaign(
      tx,
      CampaignInput.parse({
        kind: 'swim',
        mode: 'lottery',
        title: '冬季游泳体验券抽签',
        rules:
          '云溪区工会会员报名，每人限报 1 次（计入当月游泳券额度，未中签自动退还）。报名截止后按公开种子抽签，中签者须在 48 小时内确认领取，逾期或退回的券按抽签顺序补发给候补会员。',
        orgId: ids.district,
        venues: [{ venueId: venueIds.get('云溪游泳馆')! }, { venueId: venueIds.get('青禾全民健身中心泳池')! }],
        totalStock: 30,
        opensAt: new Date(seededAt).toISOString(),
        closesAt: new Date(seededAt + 3 * 86_400_000).toISOString(),
        voucherValidDays: 30,
        perMemberLimit: { count: 1, period: 'calendar_month' },
        confirmHours: 48,
      }),
      null,
    )
    await seedDemoEvents(tx, ids.district, seededAt)
    await seedBookings(tx, ids.district, seededAt)
    await seedRelief(tx)
    await seedLegal(tx, cipher, ids.logistics, seededAt)
    return { seeded: true, orgIds: ids }
  })
}

// ---------- events (活动报名) ----------

/**
 * 帮扶救助 (idempotent): the six aid types (admins may change them; existing rows are kept), and a relief-only
 * delegation so that 审核员·赵 also does the 初审 of 星河物流有限公司工会 (李晓梅's union) — relief only: 赵's joining
 * reviews stay with the gig union. The 复核 is the district admin's (relief.review_district through the admin role).
 */
export async function seedRelief(tx: Tx): Promise<void> {
  await ensureAidTypes(tx)
  const logisticsName = ORGS.find((o) => o.key === 'logistics')!.name
  const [logistics] = await tx.select({ id: orgs.id }).from(orgs).where(eq(orgs.name, logisticsName))
  const [reviewer] = await tx.select({ id: users.id }).from(users).where(eq(users.openid, personaOpenid('reviewer')))
  if (reviewer && logistics) {
    await tx.insert(reliefReviewGrants).values({ userId: reviewer.id, orgId: logistics.id, level: 'base' }).onConflictDoNothing()
  }
}
