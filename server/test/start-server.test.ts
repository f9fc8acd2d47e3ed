/** startServer end to end on a PGlite data directory: listen, seed once, restart, close. */
import { mkdtemp, rm } from 'node:fs/promises'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { count } from 'drizzle-orm'
import { startServer } from '../src/main'
import { orgs, userRoles, users } from '../src/db/schema'
import { PERSONAS } from '../src/personas'
import './harness'

async function freePort(): Promise<number> {
  const srv = net.createServer()
  await new Promise<void>((resolve) => srv.listen(0, '127.0.0.1', resolve))
  const port = (srv.address() as net.AddressInfo).port
  await new Promise((resolve) => srv.close(resolve))
  return port
}

describe('startServer', () => {
  it('starts on PGlite, seeds the demo once, survives a restart', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ums-start-'))
    const env = { DATA_DIR: dir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AUTH_MODE: 'dev' }
    try {
      env.PORT = String(await freePort())
      const first = await startServer(env, { handleSignals: false })
      const health = await (await fetch(`http://127.0.0.1:${env.PORT}/api/health`)).json()
      expect(health).toMatchObject({ status: 'ok', database: 'pglite' })
      const counts = async (s: typeof first) => ({
        orgs: (await s.db.db.select({ n: count() }).from(orgs))[0].n,
        users: (await s.db.db.select({ n: count() }).from(users))[0].n,
        roles: (await s.db.db.select({ n: count() }).from(userRoles))[0].n,
      })
      const seeded = await counts(first)
      // one user per demo persona, one role per persona grant (the seed adds no one else)
      expect(seeded).toEqual({ orgs: 6, users: PERSONAS.length, roles: PERSONAS.flatMap((p) => p.roles).length })
      const names = (await first.db.db.select({ name: orgs.name, path: orgs.path }).from(orgs)).map((o) => o.name)
      expect(names).toEqual(expect.arrayContaining(['云溪区总工会', '青禾街道总工会', '云溪科技园区工会', '星河物流有限公司工会']))
      await first.close()
      await first.close() // idempotent

      env.PORT = String(await freePort())
      const second = await startServer(env, { handleSignals: false })
      expect(await counts(second)).toEqual(seeded)
      const login = await fetch(`${second.url.replace('localhost', '127.0.0.1')}/api/auth/dev-login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ persona: 'reviewer' }),
      })
      expect((await login.json()).user.roles).toEqual([
        { role: 'reviewer', orgId: expect.any(Number), orgName: '云溪区新就业形态劳动者联合工会' },
      ])
      await second.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
