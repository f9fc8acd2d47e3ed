/**
 * Migration 0016 (file store, session keys) on a database from before it: files uploaded to `DATA_DIR/uploads` stay servable (storage `disk`,
 * read-only) and count as attached (never swept), and the stored WeChat session_key values are cleared.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { existsSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { eq } from 'drizzle-orm'
import { PGlite } from '@electric-sql/pglite'
import { drizzle } from 'drizzle-orm/pglite'
import { migrate } from 'drizzle-orm/pglite/migrator'
import { MIGRATIONS_DIR, schema, type Db } from '../src/db'
import { files, users } from '../src/db/schema'
import { startTestApp } from './harness'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
const HOUR = 3600 * 1000

/** A copy of the migrations folder that stops before `tag`. */
async function migrationsBefore(tag: string, dir: string): Promise<string> {
  const journal = JSON.parse(await readFile(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8'))
  const cut = journal.entries.findIndex((e: { tag: string }) => e.tag === tag)
  expect(cut).toBeGreaterThan(0)
  const entries = journal.entries.slice(0, cut)
  await mkdir(path.join(dir, 'meta'), { recursive: true })
  await writeFile(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ ...journal, entries }))
  for (const e of entries) await copyFile(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(dir, `${e.tag}.sql`))
  return dir
}

describe('files and session keys from before migration 0016 (pglite)', () => {
  it('old disk uploads are still served and never swept; session keys are cleared', async () => {
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'ums-legacy-'))
    const client = await PGlite.create('memory://')
    try {
      const db = drizzle(client, { schema }) as unknown as Db
      const tag = (await readFile(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'), 'utf8')).match(/"tag": "(\d+_files_store_sessions)"/)![1]
      await migrate(db as never, { migrationsFolder: await migrationsBefore(tag, path.join(tmp, 'old-migrations')) })

      // the old layout: a row naming a file under DATA_DIR/uploads, and a user with a stored session_key
      const dataDir = path.join(tmp, 'data')
      await mkdir(path.join(dataDir, 'uploads'), { recursive: true })
      await writeFile(path.join(dataDir, 'uploads', 'legacyAvatar0001.bin'), PNG)
      await client.query(
        `insert into users (openid, nickname, wechat_session_key) values ('o_legacy', '老用户', 'sk_secret_value')`,
      )
      await client.query(
        `insert into files (id, owner_user_id, kind, mime, size, stored_name, created_at)
         select 'legacyAvatar0001', id, 'avatar', 'image/png', ${PNG.length}, 'legacyAvatar0001.bin', now() - interval '3 days' from users where openid = 'o_legacy'`,
      )

      await migrate(db as never, { migrationsFolder: MIGRATIONS_DIR })

      const [user] = await db.select().from(users).where(eq(users.openid, 'o_legacy'))
      expect(user.wechatSessionKey).toBeNull()
      const [row] = await db.select().from(files).where(eq(files.id, 'legacyAvatar0001'))
      expect(row).toMatchObject({ storage: 'disk', storedName: 'legacyAvatar0001.bin', attachedAt: row.createdAt })

      let clock = Date.now()
      const app = await startTestApp({ db, kind: 'pglite', close: async () => undefined }, dataDir, {}, { now: () => clock })
      try {
        const res = await fetch(app.baseUrl + app.app.deps.files.signedUrl('legacyAvatar0001'))
        expect(res.status).toBe(200)
        expect(res.headers.get('content-type')).toBe('image/png')
        expect(Buffer.from(await res.arrayBuffer()).equals(PNG)).toBe(true)

        clock += 48 * HOUR
        await app.app.deps.files.sweep(db)
        expect(await db.select({ id: files.id }).from(files).where(eq(files.id, 'legacyAvatar0001'))).toHaveLength(1)

        // removing such a file removes it from the folder too
        const gone = await app.app.deps.files.deleteRow(db, 'legacyAvatar0001')
        await app.app.deps.files.removeBytes(gone!)
        expect(existsSync(path.join(dataDir, 'uploads', 'legacyAvatar0001.bin'))).toBe(false)
      } finally {
        await app.close()
      }
    } finally {
      await client.close()
      await rm(tmp, { recursive: true, force: true })
    }
  })
})
