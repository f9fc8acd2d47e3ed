/**
 * 福利券 test fixtures: campaign inputs built from one default instead of literals copied across files, the demo
 * unions campaigns go to, members in bulk (also used by `npm run bench:claim`), and the clock the tests start at.
 *
 *   const c = await createCampaign(app, admin, campaign({ orgId: orgIds.district, title: '书店券', totalStock: 5 }))
 */
import { randomBytes } from 'node:crypto'
import type { BodyOf, ResponseOf } from '@contract/endpoint'
import { vouchersApi } from '@contract/vouchers/api'
import type { Db } from '../../src/db'
import { memberships, orgs, userRoles, users } from '../../src/db/schema'
import type { SessionService } from '../../src/auth/sessions'
import type { TestApp } from '../harness'

/** 2026-11-23 10:00 China time: where every voucher test's clock starts. */
export const T0 = new Date('2026-11-23T10:00:00+08:00').getTime()
export const MIN = 60_000
export const HOUR = 60 * MIN
export const DAY = 24 * HOUR
export const iso = (ms: number): string => new Date(ms).toISOString()

export type CampaignBody = BodyOf<typeof vouchersApi.createCampaign>
export type VenueBody = CampaignBody['venues'][number]
export type CreatedCampaign = ResponseOf<typeof vouchersApi.createCampaign>

/** Venues by name and address: 云溪影城 is the demo seed's registry venue (reused by name and address). */
export const VENUES = {
  cinema: { name: '云溪影城', address: '示例市云溪区青禾路 1 号', lat: 30.27, lng: 120.15 },
  starlight: { name: '星光影院', address: '示例市云溪区星光路 8 号', lat: 30.28, lng: 120.16 },
  bookshop: { name: '星光书店', address: '示例市云溪区星光路 8 号', lat: 30.28, lng: 120.16 },
} satisfies Record<string, VenueBody>

/**
 * A first-come campaign of the union `orgId`: 50 movie vouchers (周末电影券) for 云溪影城 and 星光影院, open from a
 * minute before `at` (T0) for a week, valid 30 days, one per member per calendar month — with `over` on top.
 */
export function campaign(over: Partial<CampaignBody> & { orgId: number }, at = T0): CampaignBody {
  return {
    kind: 'movie',
    title: '周末电影券',
    rules: '每人每月限领 1 张电影券',
    venues: [VENUES.cinema, VENUES.starlight],
    totalStock: 50,
    opensAt: iso(at - MIN),
    closesAt: iso(at + 7 * DAY),
    voucherValidDays: 30,
    perMemberLimit: { count: 1, period: 'calendar_month' },
    ...over,
  }
}

/**
 * A lottery of the union `orgId`: 3 swim vouchers (游泳馆体验券抽签) at 云溪游泳馆, entries from T0 + 10 min to
 * T0 + 60 min, winners confirm within 24 h — with `over` on top.
 */
export function lottery(over: Partial<CampaignBody> & { orgId: number }): CampaignBody {
  return campaign({
    kind: 'swim',
    mode: 'lottery',
    title: '游泳馆体验券抽签',
    rules: '报名截止后公开抽签',
    venues: [{ name: '云溪游泳馆', address: '示例市云溪区滨江路 2 号', lat: 30.27, lng: 120.15 }],
    totalStock: 3,
    opensAt: iso(T0 + 10 * MIN),
    closesAt: iso(T0 + 60 * MIN),
    confirmHours: 24,
    ...over,
  })
}

/** Creates the campaign as `token` (an admin) over HTTP; fails the test unless it is created. */
export const createCampaign = (app: TestApp, token: string, body: CampaignBody): Promise<CreatedCampaign> =>
  app.ok(vouchersApi.createCampaign, { token, body })

export interface LoadMember {
  userId: number
  token: string
  sessionId: string
}

/** Members in bulk: users + memberships rows inserted directly (member number, union, employment type), plus sessions. */
export async function createMembers(
  db: Db,
  sessions: SessionService,
  options: { count: number; orgId: number; employmentType?: 'employee' | 'delivery' },
): Promise<LoadMember[]> {
  const tag = randomBytes(4).toString('hex')
  const out: LoadMember[] = []
  for (let start = 0; start < options.count; start += 500) {
    const n = Math.min(500, options.count - start)
    const idx = Array.from({ length: n }, (_, i) => start + i)
    const rows = await db
      .insert(users)
      .values(idx.map((i) => ({ openid: `load:${tag}:${i}`, nickname: `会员${i}` })))
      .returning({ id: users.id })
    await db.insert(memberships).values(
      rows.map((r, i) => ({
        userId: r.id,
        idHash: `load-${tag}-${idx[i]}`,
        idNumberEnc: 'n/a',
        memberNo: `L${tag}${idx[i]}`,
        name: `会员${idx[i]}`,
        orgId: options.orgId,
        employmentType: options.employmentType ?? 'employee',
        joinedAt: new Date('2025-01-01T00:00:00Z'),
      })),
    )
    await db.insert(userRoles).values(rows.map((r) => ({ userId: r.id, orgId: options.orgId, role: 'member' as const })))
    for (const r of rows) {
      const session = await sessions.create(db, r.id)
      out.push({ userId: r.id, token: session.token, sessionId: session.sessionId })
    }
  }
  return out
}

/** The seeded district union and 星河物流有限公司工会 (a grassroots union inside it), where campaigns and members go. */
export async function voucherOrgIds(db: Db): Promise<{ district: number; grassroots: number }> {
  const rows = await db.select({ id: orgs.id, name: orgs.name, kind: orgs.kind }).from(orgs)
  return {
    district: rows.find((r) => r.kind === 'district')!.id,
    grassroots: rows.find((r) => r.name.includes('星河物流'))!.id,
  }
}
