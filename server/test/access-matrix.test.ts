/**
 * The authorization matrix: every endpoint of the contract × every persona (world.ts) → the status the access rules
 * promise (cases.ts), over real HTTP, on PGlite and PostgreSQL. An endpoint the contract gains is untested — and this
 * test red — until it has a case. The rendered matrix is docs/security.md's table: the test fails when the page is
 * out of date (`UPDATE_SECURITY_DOCS=1` rewrites it).
 */
import { readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { API } from '@contract/api'
import { buildPath, type Endpoint } from '@contract/endpoint'
import { databases, useDatabase, type TestApp } from './harness'
import { venues } from '../src/db/schema'
import { castPersonas, PERSONAS, type PersonaKey } from './matrix/world'
import { makeTargets, T0 } from './matrix/targets'
import { CASES, type World } from './matrix/cases'
import { renderMatrix, replaceSection } from './matrix/render'

const DOCS = path.resolve(__dirname, '../../docs/security.md')

function contractEndpoints(): { name: string; endpoint: Endpoint }[] {
  return Object.entries(API).flatMap(([cap, group]) =>
    Object.entries(group as Record<string, Endpoint>).map(([key, endpoint]) => ({ name: `${cap}.${key}`, endpoint })),
  )
}

async function call(app: TestApp, endpoint: Endpoint, world: World, name: string, who: PersonaKey): Promise<number> {
  const spec = CASES[name].call(world)
  const token = spec.token ? await spec.token(who) : world.cast.tokens[who]
  let url = buildPath(endpoint.path, spec.params)
  if (spec.query && Object.keys(spec.query).length > 0) {
    url += '?' + new URLSearchParams(Object.entries(spec.query).map(([k, v]) => [k, String(v)])).toString()
  }
  const res = await app.request(endpoint.method, url, {
    token: token ?? undefined,
    headers: spec.headers,
    ...(spec.form ? { raw: spec.form() } : spec.body !== undefined ? { body: spec.body } : {}),
  })
  return res.status
}

describe.each(databases())('authorization matrix on %s', (target) => {
  const h = useDatabase(target)

  it('every endpoint × every persona gets the status its access rule promises', async () => {
    const app = await h.app({ RATE_LIMIT_PER_MIN: '1000000', AUTH_RATE_LIMIT_PER_MIN: '1000000' }, { now: () => T0 })
    const db = h.database.db

    // Every endpoint of the contract has a case, every case an endpoint, every endpoint a rule.
    const endpoints = contractEndpoints()
    expect(endpoints.filter((e) => !CASES[e.name]).map((e) => e.name)).toEqual([])
    expect(Object.keys(CASES).filter((n) => !endpoints.some((e) => e.name === n))).toEqual([])
    const rules = new Map(app.app.deps.access.entries().map((e) => [e.name, e.access]))
    expect(endpoints.filter((e) => !rules.has(e.name)).map((e) => e.name)).toEqual([])

    const venueRows = await db.select({ id: venues.id, name: venues.name }).from(venues)
    const venueIds = { A: venueRows.find((v) => v.name === '云溪影城')!.id, B: venueRows.find((v) => v.name === '星光电影院')!.id }
    const cast = await castPersonas(app, db, venueIds)
    const t = await makeTargets(app, cast, venueIds)
    const card = await app.request('GET', '/api/membership/card', { token: cast.tokens.memberA! })
    const link = new URL(app.app.deps.files.signedUrl(t.fileA), 'http://local')
    const world: World = {
      cast,
      t,
      cardCode: card.body.code,
      fileLink: { id: t.fileA, exp: link.searchParams.get('exp')!, sig: link.searchParams.get('sig')! },
      freshToken: async (who) => (who === 'anonymous' ? null : (await app.app.deps.sessions.create(db, cast.userIds[who])).token),
      consoleTicket: async () => (await app.request('POST', '/api/console/login-tickets')).body,
    }

    const byName = new Map(endpoints.map((e) => [e.name, e.endpoint]))
    const mismatches: string[] = []
    for (const name of Object.keys(CASES)) {
      for (const who of PERSONAS) {
        const status = await call(app, byName.get(name)!, world, name, who)
        const expected = CASES[name].expect[who]
        if (status !== expected) mismatches.push(`${name} as ${who}: ${status}, expected ${expected}`)
      }
    }
    expect(mismatches).toEqual([])

    // docs/security.md carries this very matrix.
    const table = renderMatrix(endpoints, rules, CASES)
    const docs = readFileSync(DOCS, 'utf8')
    const updated = replaceSection(docs, table)
    if (process.env.UPDATE_SECURITY_DOCS === '1') writeFileSync(DOCS, updated)
    else expect(docs).toBe(updated)
  }, 240_000) // ~17 personas × every endpoint: over a minute on a shared 2-core machine
})
