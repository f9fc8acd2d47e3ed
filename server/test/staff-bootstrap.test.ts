/**
 * The first administrator: `npm run admin -- bootstrap` (scripts/admin.ts, run as a child process against a
 * throwaway PGlite DATA_DIR, twice), and the bootstrap code it prints — once, before it expires — on both databases.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { authApi } from '@contract/auth/api'
import { staffApi } from '@contract/staff/api'
import { StaffReasons } from '@contract/staff/reasons'
import { openDatabase, type Database } from '../src/db'
import qrcode from 'qrcode-generator'
import { bootstrapRoot } from '../src/modules/staff'
import { isAppError } from '../src/errors'
import { orgs } from '../src/db/schema'
import { createPostgresDatabase, databases, pgliteTemplate, startTestApp, type TestApp } from './harness'
import { auditOf, person } from './staff-helpers'

const run = promisify(execFile)

/** The module matrix of the block-character QR in `out` (light modules drawn, two rows per line, 2-module margin). */
function readTerminalQr(out: string): boolean[][] {
  const lines = out.split('\n').filter((l) => /^[█▀▄ ]+$/.test(l) && l.includes('█'))
  const rows: boolean[][] = []
  for (const l of lines) {
    rows.push([...l].map((ch) => ch === ' ' || ch === '▄'))
    rows.push([...l].map((ch) => ch === ' ' || ch === '▀'))
  }
  const n = lines[0].length - 4
  return rows.slice(2, 2 + n).map((r) => r.slice(2, 2 + n))
}

function qrModules(text: string): boolean[][] {
  const qr = qrcode(0, 'M')
  qr.addData(text)
  qr.make()
  const n = qr.getModuleCount()
  return Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => qr.isDark(r, c)))
}
const ROOT = path.resolve(__dirname, '../..')
const T0 = Date.parse('2026-12-01T02:00:00Z')
const HOUR = 3600_000

describe('npm run admin -- bootstrap', () => {
  it('creates the root union and prints a code once; a second run is refused', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ums-admin-'))
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, PUBLIC_URL: 'https://union.example.cn/' }
    delete (env as Record<string, string | undefined>).DATABASE_URL
    const cli = (...args: string[]) => run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { cwd: ROOT, env })
    try {
      const first = await cli('bootstrap', '--name', '云溪区总工会')
      expect(first.stdout).toContain('已创建根工会「云溪区总工会」')
      const code = /邀请码：([A-Z0-9]+)/.exec(first.stdout)?.[1]
      expect(code).toMatch(/^[A-HJ-NP-Z2-9]{12}$/)
      expect(first.stdout).toContain(`/packages/staff-invite/invite/index?code=${code}`)
      // and a QR of that link under PUBLIC_URL, drawn in the terminal: read back, it is the link's QR module for module
      const link = `https://union.example.cn/packages/staff-invite/invite/index?code=${code}`
      expect(first.stdout).toContain(`扫码打开：${link}`)
      expect(readTerminalQr(first.stdout)).toEqual(qrModules(link))
      const second = await cli('bootstrap', '--name', '云溪区总工会').then(
        () => null,
        (err: { code: number; stderr: string }) => err,
      )
      expect(second?.code).toBe(1)
      expect(second?.stderr).toContain('已存在根工会「云溪区总工会」')
      const usage = await cli('bootstrap').then(() => null, (err: { code: number; stderr: string }) => err)
      expect(usage?.code).toBe(2)
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  }, 120_000)
})

describe.each(databases())('the bootstrap code on %s', (target) => {
  let database: Database
  let dataDir: string
  let drop: (() => Promise<void>) | undefined
  let app: TestApp
  let now = T0

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ums-boot-'))
    if (target.name === 'postgres') {
      const created = await createPostgresDatabase(process.env.DATABASE_URL!)
      drop = created.drop
      database = await openDatabase({ databaseUrl: created.url, dataDir, poolSize: 5 })
    } else {
      database = await openDatabase({ dataDir, pglitePath: 'memory://', pgliteDataDir: await pgliteTemplate() })
    }
    app = await startTestApp(database, dataDir, {}, { now: () => now })
  })
  afterAll(async () => {
    await app?.close()
    await database?.close()
    await drop?.()
    await rm(dataDir, { recursive: true, force: true })
  })

  it('refuses a second root; the code works once, only before it expires, and makes its redeemer admin of the root', async () => {
    const db = database.db
    const boot = await bootstrapRoot(db, { name: '云溪区总工会', now: T0 })
    const again = await bootstrapRoot(db, { name: '另一个总工会', now: T0 }).catch((e: unknown) => e)
    expect(isAppError(again) && again.reason).toBe(StaffReasons.STAFF_ROOT_EXISTS.reason)
    const [root] = await db.select().from(orgs)
    expect(root).toMatchObject({ kind: 'district', parentId: null, path: `/${boot.orgId}/` })

    const first = await person(app, db)
    now = T0 + 25 * HOUR
    const late = await app.call(staffApi.accept, { token: first.token, body: { code: boot.code } })
    expect(late.status).toBe(410)
    expect(late.body.reason).toBe(StaffReasons.STAFF_INVITE_EXPIRED.reason)

    now = T0 + HOUR
    const preview = await app.ok(staffApi.preview, { token: first.token, body: { code: boot.code } })
    expect(preview).toMatchObject({ role: 'admin', orgName: '云溪区总工会', invitedBy: '系统初始化', canAccept: true })
    await app.ok(staffApi.accept, { token: first.token, body: { code: boot.code } })
    const me = await app.ok(authApi.me, { token: first.token })
    expect(me.roles).toEqual([expect.objectContaining({ role: 'admin', orgId: boot.orgId })])

    const second = await person(app, db)
    const used = await app.call(staffApi.accept, { token: second.token, body: { code: boot.code } })
    expect(used.status).toBe(409)
    expect(used.body.reason).toBe(StaffReasons.STAFF_INVITE_USED.reason)
    expect((await auditOf(db, 'staff.bootstrap')).length).toBe(1)
    expect(await auditOf(db, 'staff.invitation.accept')).toEqual([expect.objectContaining({ actorUserId: first.id })])
  })
})
