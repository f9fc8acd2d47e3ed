/**
 * Rotating DATA_KEY (`npm run admin -- rotate-data-key`, server/src/maintenance/rotate-data-key.ts): data sealed
 * under key A — the seeded member, an imported roster, a 会员认证, an application in review, a join draft, a relief
 * case with sensitive fields, a member card, a 更正 request's new values — is read, looked up and checked for duplicates by instances running
 * B + A before any rotation; the rotation stopped after one batch has moved some rows and not others; run again it
 * finishes and a run after that moves nothing; then every stored ciphertext carries B's kid and an app with only B
 * reads everything and finds people by ID hash. The command itself (a child process on a PGlite DATA_DIR): its
 * refusals, an interrupted run, the resumed one and `--check`.
 */
import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { getTableName } from 'drizzle-orm'
import { membershipApi } from '@contract/membership/api'
import { privacyApi } from '@contract/privacy/api'
import { reliefApi } from '@contract/relief/api'
import { rosterApi } from '@contract/roster/api'
import { DataCipher, keyId } from '../src/crypto/data'
import { openDatabase, rowsOf, type Db } from '../src/db'
import { rosterEntries } from '../src/db/schema'
import { countStale, rotateDataKey, SEALED_TABLES } from '../src/maintenance/rotate-data-key'
import { DEMO_MEMBER_ID_NUMBER, seedDemo } from '../src/seed'
import { databases, TEST_DATA_KEY, useDatabase, type TestApp } from './harness'
import { idNumber, joinDraft, joinForm, masked, newUser, sql } from './builders/membership'
import { rosterCsv, rosterForm, rosterLine } from './builders/roster'
import { at, VALID } from './builders/relief'
import { submitCase } from './relief-fixtures'

const KEY_A = Buffer.from(TEST_DATA_KEY, 'base64')
const KEY_B = Buffer.alloc(32, 0x6b)
const B = KEY_B.toString('base64')
const A = TEST_DATA_KEY
const KID_B = keyId(KEY_B)

/** Every non-null ciphertext of every sealed column, with where it is. */
async function sealedValues(db: Db): Promise<{ where: string; value: string }[]> {
  const out: { where: string; value: string }[] = []
  for (const t of SEALED_TABLES) {
    for (const c of t.sealed) {
      const rows = rowsOf<{ v: string }>(
        await db.execute(sql`select ${sql.identifier(c.name)} as v from ${sql.identifier(getTableName(t.table))} where ${sql.identifier(c.name)} is not null`),
      )
      out.push(...rows.map((r) => ({ where: `${getTableName(t.table)}.${c.name}`, value: r.v })))
    }
  }
  return out
}

const total = (counts: { rows: number }[]) => counts.reduce((n, c) => n + c.rows, 0)

describe.each(databases())('rotating DATA_KEY on %s', (target) => {
  const h = useDatabase(target) // seeded under A (TEST_DATA_KEY)
  const now = () => at('2026-08-10T10:00:00')
  const people = [601, 602, 603, 604, 605, 606].map((n) => rosterLine(n))
  const claimOf = (n: number) => ({ name: people[n].name, idNumber: people[n].idNumber, phoneTail: people[n].phone.slice(-4) })
  const pendingId = idNumber(41)
  const draftId = idNumber(42)
  let oldApp: TestApp
  let applicationId: number
  let reliefId: number
  let drafter: { id: number; token: string }
  let oldCard: string
  let correctionId: number

  /** The checks an instance must pass on data of either era: reads, lookups by ID hash, duplicates refused. */
  async function readsAndFinds(app: TestApp, claimIndex: number): Promise<void> {
    const admin = await app.login('admin')
    const detail = await app.ok(membershipApi.reviewDetail, { token: admin, params: { id: applicationId } })
    expect(detail).toMatchObject({ idNumber: pendingId, phone: '13800000041' })
    expect((await app.ok(membershipApi.mine, { token: drafter.token })).draft).toMatchObject({ idNumberMasked: masked(draftId) })
    const member = await app.login('member')
    const relief = await app.ok(reliefApi.detail, { token: member, params: { id: reliefId } })
    expect(relief.fields).toMatchObject({ situation: VALID.hardship.situation, monthly_income_per_head: VALID.hardship.monthly_income_per_head })

    // 会员认证 finds an imported person by ID hash
    const claimer = await newUser(h, app, `认证${claimIndex}`)
    const claimed = await app.call(rosterApi.claim, { token: claimer.token, body: claimOf(claimIndex) })
    expect(claimed.status).toBe(200)
    // a member's number, a number in someone's application under review, a claimed roster person: all taken
    const prober = await newUser(h, app, `试探${claimIndex}`)
    for (const taken of [DEMO_MEMBER_ID_NUMBER, pendingId, people[0].idNumber]) {
      const res = await app.call(membershipApi.submit, { token: prober.token, body: joinForm({ idNumber: taken }) })
      expect(res.body.reason).toBe('MEMBERSHIP_ID_REGISTERED')
    }
    // the roster again: every person known (no second entry for anyone)
    const again = await app.ok(rosterApi.dryRun, { token: admin, form: rosterForm(rosterCsv(people), 'roster.csv') })
    expect(again.counts).toMatchObject({ new: 0, updated: 0, rejected: 0, unchanged: people.length })
    // a member card signed now verifies
    const card = await app.ok(membershipApi.card, { token: member })
    const reviewer = await app.login('reviewer')
    expect((await app.ok(membershipApi.verifyCard, { token: reviewer, body: { code: card.code } })).result).toBe('valid')
  }

  beforeAll(async () => {
    oldApp = await h.app({}, { now })
    const admin = await oldApp.login('admin')
    const imported = await oldApp.call(rosterApi.commit, { token: admin, form: rosterForm(rosterCsv(people), 'roster.csv') })
    expect(imported.body.committed).toBe(true)
    const first = await newUser(h, oldApp, '认证0')
    expect((await oldApp.call(rosterApi.claim, { token: first.token, body: claimOf(0) })).status).toBe(200)
    const applicant = await newUser(h, oldApp, '申请人')
    applicationId = (await oldApp.ok(membershipApi.submit, { token: applicant.token, body: joinForm({ idNumber: pendingId, phone: '13800000041' }) })).id
    drafter = await newUser(h, oldApp, '草稿人')
    await oldApp.ok(membershipApi.saveDraft, { token: drafter.token, body: joinDraft({ idNumber: draftId, phone: '13800000042' }) })
    const member = await oldApp.login('member')
    reliefId = await submitCase(oldApp, member, 'hardship')
    oldCard = (await oldApp.ok(membershipApi.card, { token: member })).code
    correctionId = (await oldApp.ok(privacyApi.requestCorrection, { token: member, body: { name: '李更正' } })).id
  })

  it('lists every column that holds a ciphertext or an ID hash', async () => {
    const columns = rowsOf<{ table_name: string; column_name: string }>(
      await h.database.db.execute(sql`
        select table_name, column_name from information_schema.columns
         where table_schema = 'public' and (column_name like '%\\_enc' or column_name = 'id_hash')`),
    )
    const known = SEALED_TABLES.flatMap((t) => [...t.sealed, ...(t.idHash ? [t.idHash.hash] : [])].map((c) => `${getTableName(t.table)}.${c.name}`))
    expect(columns.map((c) => `${c.table_name}.${c.column_name}`).sort()).toEqual(known.sort())
  })

  it('before the rotation, instances with B + A read, find and refuse duplicates of what A sealed', async () => {
    const before = await sealedValues(h.database.db)
    // sealed outside any rotation: the format without a key id, as every earlier release wrote it
    expect(before.filter((v) => v.value.startsWith('v1.'))).toHaveLength(before.length)
    const app = await h.app({ DATA_KEY: B, DATA_KEY_PREVIOUS: A }, { now })
    const reviewer = await app.login('reviewer')
    expect((await app.ok(membershipApi.verifyCard, { token: reviewer, body: { code: oldCard } })).result).toBe('valid')
    await readsAndFinds(app, 1)
    // what B + A wrote is B's: 会员认证 sealed the new membership under B
    const [claimed] = await h.database.db.select().from(rosterEntries).where(sql`${rosterEntries.idHash} = ${new DataCipher(KEY_A).idHash(people[1].idNumber)}`)
    expect(claimed.membershipId).not.toBeNull()
    const [membership] = rowsOf<{ id_hash: string; id_number_enc: string }>(
      await h.database.db.execute(sql`select id_hash, id_number_enc from memberships where id = ${claimed.membershipId}`),
    )
    expect(membership.id_number_enc.startsWith(`v2.${KID_B}.`)).toBe(true)
    expect(membership.id_hash).toBe(new DataCipher(KEY_B).idHash(people[1].idNumber))
  })

  it('rotates in batches: stopped after one batch some rows moved, run again all, a third run nothing', async () => {
    const db = h.database.db
    const cipher = new DataCipher(KEY_B, KEY_A)
    const stale = total(await countStale(db, cipher))
    expect(stale).toBeGreaterThan(6)

    const batches: string[] = []
    const first = await rotateDataKey(db, cipher, { batchSize: 2, maxBatches: 1, onBatch: (b) => batches.push(b.table) })
    expect(first).toMatchObject({ rotated: 2, stoppedEarly: true, remainingTotal: stale - 2 })
    expect(batches).toHaveLength(1)
    const partly = await sealedValues(db)
    const underB = partly.filter((v) => v.value.startsWith(`v2.${KID_B}.`)).length
    expect(underB).toBeGreaterThan(0)
    expect(underB).toBeLessThan(partly.length)

    // the app keeps working halfway
    await readsAndFinds(await h.app({ DATA_KEY: B, DATA_KEY_PREVIOUS: A }, { now }), 2)

    const second = await rotateDataKey(db, cipher, { batchSize: 2 })
    expect(second).toMatchObject({ stoppedEarly: false, remainingTotal: 0 })
    expect(second.rotated).toBe(stale - 2)
    expect(second.remaining.every((t) => t.rows === 0)).toBe(true)
    const third = await rotateDataKey(db, cipher)
    expect(third).toMatchObject({ rotated: 0, remainingTotal: 0 })
  })

  it('afterwards every ciphertext is B’s, every ID hash B’s, and an app with only B reads and finds everyone', async () => {
    const db = h.database.db
    const onlyB = new DataCipher(KEY_B)
    const all = await sealedValues(db)
    expect(all.length).toBeGreaterThan(10)
    for (const v of all) {
      expect(`${v.where} ${v.value.slice(0, 12)}`).toBe(`${v.where} v2.${KID_B}.`)
      expect(() => onlyB.decrypt(v.value)).not.toThrow()
    }
    for (const t of ['memberships', 'roster_entries', 'membership_applications']) {
      const rows = rowsOf<{ id_hash: string; id_number_enc: string }>(await db.execute(sql`select id_hash, id_number_enc from ${sql.identifier(t)}`))
      for (const r of rows) expect(r.id_hash).toBe(onlyB.idHash(onlyB.decrypt(r.id_number_enc)))
    }
    expect(total(await countStale(db, onlyB))).toBe(0)

    const app = await h.app({ DATA_KEY: B }, { now })
    await readsAndFinds(app, 3)
    // a card signed under A (before its 60 s ran out) is no longer accepted: codes are short-lived by design
    const reviewer = await app.login('reviewer')
    expect((await app.ok(membershipApi.verifyCard, { token: reviewer, body: { code: oldCard } })).result).toBe('invalid')
    // the application sealed under A is approved under B alone
    const admin = await app.login('admin')
    expect(await app.ok(membershipApi.approve, { token: admin, params: { id: applicationId } })).toMatchObject({ status: 'approved' })
    // the 更正 sealed under A is listed and approved under B alone
    expect((await app.ok(privacyApi.corrections, { token: admin })).items.find((c) => c.id === correctionId)?.newName).toBe('李更正')
    expect(await app.ok(privacyApi.approveCorrection, { token: admin, params: { id: correctionId } })).toMatchObject({ status: 'approved', currentName: '李更正' })
  })
})

describe('npm run admin -- rotate-data-key', () => {
  const run = promisify(execFile)
  const ROOT = path.resolve(__dirname, '../..')
  let dataDir: string

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ums-rotate-'))
    const database = await openDatabase({ dataDir })
    try {
      await seedDemo(database.db, { dataKey: KEY_A }) // the member persona's membership, under A
      const a = new DataCipher(KEY_A)
      const [{ id: orgId }] = rowsOf<{ id: number }>(await database.db.execute(sql`select id from orgs order by id limit 1`))
      await database.db.insert(rosterEntries).values(
        [701, 702].map((n) => {
          const line = rosterLine(n)
          return { idHash: a.idHash(line.idNumber), idNumberEnc: a.encrypt(line.idNumber), phoneEnc: a.encrypt(line.phone), name: line.name, orgId, employmentType: 'employee' as const, joinedOn: '2020-05-01', updatedAt: new Date() }
        }),
      )
    } finally {
      await database.close()
    }
  })
  afterAll(async () => {
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  const cli = (keys: Record<string, string>, ...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: 'development', DATA_DIR: dataDir, ...keys }
    delete (env as Record<string, string | undefined>).DATABASE_URL
    if (!('DATA_KEY_PREVIOUS' in keys)) delete (env as Record<string, string | undefined>).DATA_KEY_PREVIOUS
    return run(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', 'rotate-data-key', ...args], { cwd: ROOT, env })
  }
  const failed = (p: Promise<unknown>) => p.then(() => null, (err: { code: number; stderr: string }) => err)

  it('refuses without DATA_KEY_PREVIOUS or with it equal to DATA_KEY; a bad --batch is a usage error', async () => {
    const none = await failed(cli({ DATA_KEY: B }))
    expect(none?.code).toBe(1)
    expect(none?.stderr).toContain('未设置 DATA_KEY_PREVIOUS')
    const same = await failed(cli({ DATA_KEY: B, DATA_KEY_PREVIOUS: B }))
    expect(same?.code).toBe(1)
    expect(same?.stderr).toContain('DATA_KEY_PREVIOUS: 与 DATA_KEY 相同')
    const bad = await failed(cli({ DATA_KEY: B, DATA_KEY_PREVIOUS: A }, '--batch', '0'))
    expect(bad?.code).toBe(2)
  }, 60_000)

  it('stopped by --max-batches it leaves the rest; run again it finishes; --check with B alone finds nothing left', async () => {
    const keys = { DATA_KEY: B, DATA_KEY_PREVIOUS: A }
    const first = await cli(keys, '--batch', '1', '--max-batches', '1')
    expect(first.stdout).toContain(`当前密钥编号 ${KID_B}`)
    expect(first.stdout).toContain('memberships：本批 1 行')
    // what the first run left: the rest of the seeded data sealed under A (the roster entries, the sample legal cases …)
    const left = Number(/已轮换 1 行，剩余 (\d+) 行/.exec(first.stdout)?.[1])
    expect(left).toBeGreaterThanOrEqual(2)
    expect(first.stdout).toContain('roster_entries：剩余 2 行')
    expect(first.stdout).toContain('再次运行本命令即可继续')
    const second = await cli(keys, '--batch', '1')
    expect(second.stdout).toContain('roster_entries：已轮换 2 行')
    expect(second.stdout).toContain(`已轮换 ${left} 行，剩余 0 行`)
    const check = await cli({ DATA_KEY: B }, '--check')
    expect(check.stdout).toContain('全部数据均已使用当前 DATA_KEY 加密')

    const database = await openDatabase({ dataDir })
    try {
      const onlyB = new DataCipher(KEY_B)
      const entries = await database.db.select().from(rosterEntries)
      expect(entries.map((e) => onlyB.decrypt(e.idNumberEnc)).sort()).toEqual([rosterLine(701).idNumber, rosterLine(702).idNumber])
      expect(entries.every((e) => e.idHash === onlyB.idHash(onlyB.decrypt(e.idNumberEnc)))).toBe(true)
      const [member] = rowsOf<{ id_number_enc: string }>(await database.db.execute(sql`select id_number_enc from memberships`))
      expect(onlyB.decrypt(member.id_number_enc)).toBe(DEMO_MEMBER_ID_NUMBER)
    } finally {
      await database.close()
    }
  }, 120_000)
})
