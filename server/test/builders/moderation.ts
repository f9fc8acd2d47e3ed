/**
 * The world of the content-security tests: a fake WeChat server (msgSecCheck by chosen words, mediaCheckAsync with
 * pushed verdicts), an app on it with the check on, and the people who publish, see and decide.
 *
 *   const w = useModerationWorld(target)
 *   const app = await w.start()                  // WeChat configured, content check on, PUBLIC_URL set
 *   const people = await w.people(app)           // member (李晓梅, union A), another member of union A, …
 */
import { eq } from 'drizzle-orm'
import { stationsApi } from '@contract/stations/api'
import { moderationApi } from '@contract/moderation/api'
import { databases, useDatabase, type DatabaseHandle, type DatabaseTarget, type TestApp } from '../harness'
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from '../fake-wechat'
import { stations } from '../../src/db/schema'
import { CLOSED_NOW_STATION } from '../../src/seed-stations'
import { newUser, orgIdOf } from './membership'
import { createMembers } from './vouchers'
import { PNG } from '../relief-fixtures'

export { databases }
/** Where WeChat would download images from (the fake records the URL; tests fetch its path from the app). */
export const PUBLIC_URL = 'https://union.example.com'
export const UNION_A = '星河物流有限公司工会'
export const UNION_B = '云溪区新就业形态劳动者联合工会'

export interface ModerationWorld {
  readonly h: DatabaseHandle
  readonly fake: FakeWechat
  /** Log lines of the apps (JSON), to see which path a check took. */
  readonly lines: string[]
  clock: number
  /** An app with WeChat configured and the content check on (unless `env` says otherwise). */
  start(env?: Record<string, string>): Promise<TestApp>
  people(app: TestApp): Promise<People>
  /** 星河广场爱心驿站: union A's station. */
  stationA(): Promise<number>
}

export interface People {
  /** 李晓梅, member of union A */
  member: string
  /** another member of union A */
  other: string
  otherId: number
  /** 王小骑: logged in, not a member */
  gig: string
  /** 管理员·周: admin of the district (above union A) */
  district: string
  /** admin of union A */
  adminA: string
  /** admin of union B (a sibling branch) */
  adminB: string
}

export function useModerationWorld(target: DatabaseTarget): ModerationWorld {
  const h = useDatabase(target)
  const lines: string[] = []
  let fake: FakeWechat | undefined
  beforeAll(async () => {
    fake = await startFakeWechat()
  })
  afterAll(async () => {
    await fake?.close()
  })
  const world: ModerationWorld = {
    h,
    lines,
    clock: Date.parse('2026-11-23T02:00:00Z'),
    get fake() {
      if (!fake) throw new Error('fake WeChat not started')
      return fake
    },
    start: (env = {}) =>
      h.app(
        {
          WECHAT_APPID: FAKE_APPID,
          WECHAT_SECRET: FAKE_SECRET,
          WECHAT_API_BASE: world.fake.url,
          PUBLIC_URL,
          LOG_LEVEL: 'info',
          RATE_LIMIT_PER_MIN: '100000',
          ...env,
        },
        { now: () => world.clock, logStream: { write: (line) => void lines.push(line) } },
      ),
    async people(app) {
      const db = h.database.db
      const [other] = await createMembers(db, app.app.deps.sessions, { count: 1, orgId: await orgIdOf(h, UNION_A) })
      return {
        member: await app.login('member'),
        other: other.token,
        otherId: other.userId,
        gig: await app.login('gig'),
        district: await app.login('admin'),
        adminA: (await newUser(h, app, '星河物流管理员', { role: 'admin', orgName: UNION_A })).token,
        adminB: (await newUser(h, app, '联合工会管理员', { role: 'admin', orgName: UNION_B })).token,
      }
    },
    async stationA() {
      const [s] = await h.database.db.select({ id: stations.id }).from(stations).where(eq(stations.name, CLOSED_NOW_STATION))
      return s.id
    },
  }
  return world
}

/** A photo for a problem report, uploaded by `token`. */
export async function uploadPhoto(app: TestApp, token: string): Promise<string> {
  const fd = new FormData()
  fd.append('file', new Blob([new Uint8Array(PNG)], { type: 'image/png' }), 'photo.png')
  const res = await app.call(stationsApi.upload, { token, form: fd })
  if (res.status !== 200) throw new Error(`upload → ${res.status} ${res.text}`)
  return res.body.id
}

/** The held items `token` may decide (all pages). */
export async function heldItems(app: TestApp, token: string) {
  return (await app.ok(moderationApi.list, { token, query: { limit: 100 } })).items
}

/** The log lines (parsed) whose message matches. */
export function logged(lines: readonly string[], msg: RegExp): Record<string, unknown>[] {
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => typeof l.msg === 'string' && msg.test(l.msg))
}
