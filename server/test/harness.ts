/* eslint-disable @typescript-eslint/no-explicit-any -- test responses are inspected loosely */
/**
 * Integration test harness: a fresh database per test file — PGlite in memory always, plus a uniquely
 * named PostgreSQL database when DATABASE_URL is set — and apps listening on 127.0.0.1:<random port>,
 * exercised over real HTTP with fetch.
 *
 *   describe.each(databases())('auth on %s', (target) => {
 *     const h = useDatabase(target)           // beforeAll: open + migrate + seed; afterAll: close + drop
 *     it('…', async () => { const app = await h.app({ AUTH_MODE: 'dev' }); … })
 *   })
 */
import { randomBytes } from 'node:crypto'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { Client } from 'pg'
import { count } from 'drizzle-orm'
import type { FastifyInstance } from 'fastify'
import { loadConfig, prepareRuntime, type RuntimeConfig } from '../src/config'
import { openDatabase, type Database } from '../src/db'
import { seedDemo } from '../src/seed'
import { buildApp } from '../src/app'
import type { WechatClient } from '../src/wechat/client'
import { sessions } from '../src/db/schema'
import { buildPath, type BodyOf, type Endpoint, type ParamsOf, type QueryOf, type ResponseOf } from '@contract/endpoint'
import type { ErrorBody } from '@contract/errors'

// jest 29 ignores testTimeout inside a project config: opening PGlite (~3 s) needs more than the 5 s default.
jest.setTimeout(60_000)

export type DatabaseTargetName = 'pglite' | 'postgres'

export interface DatabaseTarget {
  name: DatabaseTargetName
  toString(): string
}

/** PGlite always; PostgreSQL too when DATABASE_URL is set. Use with `describe.each(databases())`. */
export function databases(): DatabaseTarget[] {
  const list: DatabaseTarget[] = [{ name: 'pglite', toString: () => 'pglite' }]
  if (process.env.DATABASE_URL) list.push({ name: 'postgres', toString: () => 'postgres' })
  return list
}

export const TEST_SECRET = 'test-session-secret-0123456789abcdef-0123456789'
/** DATA_KEY of every test app (the seed encrypts the member persona's ID number with it). */
export const TEST_DATA_KEY = Buffer.alloc(32, 0x5a).toString('base64')

/**
 * A throwaway PostgreSQL database: a copy of the run's migrated template (global-setup.mjs) when there is one,
 * empty otherwise (`{ empty: true }` for a test that must migrate itself).
 */
export async function createPostgresDatabase(
  adminUrl: string,
  options: { empty?: boolean } = {},
): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `ums_test_${process.pid}_${randomBytes(4).toString('hex')}`
  const template = options.empty ? undefined : process.env.UMS_TEST_PG_TEMPLATE
  const admin = new Client({ connectionString: adminUrl })
  await admin.connect()
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ''}`)
  } finally {
    await admin.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return {
    url: url.toString(),
    drop: async () => {
      const c = new Client({ connectionString: adminUrl })
      await c.connect()
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)
      } finally {
        await c.end()
      }
    },
  }
}

/** The run's migrated PGlite data directory (global-setup.mjs), if the run made one. */
export async function pgliteTemplate(): Promise<Blob | undefined> {
  const file = process.env.UMS_TEST_PGLITE_TEMPLATE
  return file ? new Blob([await readFile(file)]) : undefined
}

export interface TestResponse<T = any> {
  status: number
  headers: Headers
  body: T
  text: string
}

export interface RequestOptions {
  body?: unknown
  /** Sent as-is (e.g. malformed JSON, FormData). */
  raw?: BodyInit
  token?: string
  headers?: Record<string, string>
}

export interface TestApp {
  app: FastifyInstance
  config: RuntimeConfig
  baseUrl: string
  request<T = any>(method: string, url: string, options?: RequestOptions): Promise<TestResponse<T>>
  /**
   * A typed call of a contract endpoint: params, query and body are checked against the endpoint's schemas at
   * compile time, the body of a 200 is the endpoint's response type (an error body otherwise: check `status`).
   *   const res = await app.call(vouchersApi.claim, { params: { id }, token })
   */
  call<E extends Endpoint>(endpoint: E, options?: CallOptions<E>): Promise<CallResponse<E>>
  /** As `call`, but fails the test unless the answer is 200; returns the typed body. */
  ok<E extends Endpoint>(endpoint: E, options?: CallOptions<E>): Promise<ResponseOf<E>>
  /** dev-login as a persona; returns the token. */
  login(persona: string): Promise<string>
  close(): Promise<void>
}

/** What `call` sends: the endpoint's own params/query/body types (omit what the endpoint has none of). */
export type CallOptions<E extends Endpoint> = {
  token?: string | null
  headers?: Record<string, string>
  /** multipart bodies (uploads) */
  form?: FormData
} & (ParamsOf<E> extends undefined ? { params?: undefined } : { params: ParamsOf<E> }) &
  (QueryOf<E> extends undefined ? { query?: undefined } : { query?: QueryOf<E> }) &
  (BodyOf<E> extends undefined ? { body?: undefined } : { body?: BodyOf<E> })

export interface CallResponse<E extends Endpoint> {
  status: number
  headers: Headers
  /** The endpoint's response when `status` is 200; the error body (`code`, `reason`, `message`, `fields`) otherwise. */
  body: ResponseOf<E> & Partial<ErrorBody>
  text: string
}

export interface AppOptions {
  now?: () => number
  wechat?: WechatClient | null
  /** Called before listen, e.g. to add a test-only route. */
  extend?: (app: FastifyInstance) => void
  /** Receives the app's log lines (JSON) instead of stdout; set LOG_LEVEL in env to see them. */
  logStream?: { write(line: string): void }
}

export interface DatabaseHandle {
  readonly database: Database
  readonly dataDir: string
  /** The throwaway PostgreSQL database's connection string (null on PGlite). */
  readonly databaseUrl: string | null
  /** Builds and starts an app on this database with the given env (AUTH_MODE, limits, …). Closed in afterAll. */
  app(env?: Record<string, string>, options?: AppOptions): Promise<TestApp>
  sessionCount(): Promise<number>
}

export function useDatabase(target: DatabaseTarget): DatabaseHandle {
  let database: Database | undefined
  let dataDir = ''
  let drop: (() => Promise<void>) | undefined
  let databaseUrl: string | null = null
  const apps: TestApp[] = []

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'ums-test-'))
    if (target.name === 'postgres') {
      const created = await createPostgresDatabase(process.env.DATABASE_URL!)
      drop = created.drop
      databaseUrl = created.url
      database = await openDatabase({ databaseUrl: created.url, dataDir, poolSize: 5 })
    } else {
      database = await openDatabase({ dataDir, pglitePath: 'memory://', pgliteDataDir: await pgliteTemplate() })
    }
    await seedDemo(database.db, { dataKey: Buffer.from(TEST_DATA_KEY, 'base64') })
  })

  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close().catch(() => undefined)))
    await database?.close()
    await drop?.()
    if (dataDir) await rm(dataDir, { recursive: true, force: true })
  })

  return {
    get database() {
      if (!database) throw new Error('database not open yet (use it inside tests)')
      return database
    },
    get dataDir() {
      return dataDir
    },
    get databaseUrl() {
      return databaseUrl
    },
    async app(env = {}, options = {}) {
      const app = await startTestApp(this.database, dataDir, env, options)
      apps.push(app)
      return app
    },
    async sessionCount() {
      const [{ n }] = await this.database.db.select({ n: count() }).from(sessions)
      return n
    },
  }
}

export async function startTestApp(
  database: Database,
  dataDir: string,
  env: Record<string, string> = {},
  options: AppOptions = {},
): Promise<TestApp> {
  const config = await prepareRuntime(
    loadConfig({
      NODE_ENV: 'test',
      AUTH_MODE: 'dev',
      DATA_DIR: dataDir,
      SESSION_SECRET: TEST_SECRET,
      DATA_KEY: TEST_DATA_KEY,
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
      ...env,
    }),
  )
  const app = await buildApp({ config, db: database, now: options.now, wechat: options.wechat, logStream: options.logStream })
  options.extend?.(app)
  await app.listen({ port: 0, host: '127.0.0.1' })
  const address = app.server.address()
  const port = typeof address === 'object' && address ? address.port : 0
  const baseUrl = `http://127.0.0.1:${port}`

  const request = async <T = any>(method: string, url: string, o: RequestOptions = {}): Promise<TestResponse<T>> => {
    const headers: Record<string, string> = { ...(o.headers ?? {}) }
    if (o.token) headers.authorization = `Bearer ${o.token}`
    let body: BodyInit | undefined = o.raw
    if (o.body !== undefined) {
      body = JSON.stringify(o.body)
      headers['content-type'] ??= 'application/json'
    }
    const res = await fetch(baseUrl + url, { method, headers, body })
    const text = await res.text()
    let parsed: unknown = text
    if ((res.headers.get('content-type') ?? '').includes('application/json')) parsed = JSON.parse(text)
    return { status: res.status, headers: res.headers, body: parsed as T, text }
  }

  const call: TestApp['call'] = async (endpoint, o = {} as never) => {
      const opts = o as { token?: string | null; headers?: Record<string, string>; form?: FormData; params?: Record<string, string | number>; query?: Record<string, unknown>; body?: unknown }
      let url = buildPath(endpoint.path, opts.params)
      const q = Object.entries(opts.query ?? {}).filter(([, v]) => v !== undefined)
      if (q.length) url += '?' + new URLSearchParams(q.map(([k, v]) => [k, String(v)])).toString()
      const res = await request(endpoint.method, url, {
        token: opts.token ?? undefined,
        headers: opts.headers,
        ...(opts.form ? { raw: opts.form } : opts.body !== undefined ? { body: opts.body } : {}),
      })
      return res as never
  }

  return {
    app,
    config,
    baseUrl,
    request,
    call,
    async ok(endpoint, o) {
      const res = await call(endpoint, o as never)
      if (res.status !== 200) throw new Error(`${endpoint.method} ${endpoint.path} → ${res.status} ${res.text}`)
      return res.body as never
    },
    async login(persona: string) {
      const res = await request('POST', '/api/auth/dev-login', { body: { persona } })
      if (res.status !== 200) throw new Error(`dev-login ${persona} failed: ${res.status} ${res.text}`)
      return res.body.token as string
    },
    close: () => app.close(),
  }
}

/** A fetch of a raw URL path (e.g. a signed file URL) on a test app. */
export async function fetchRaw(app: TestApp, url: string): Promise<Response> {
  return fetch(app.baseUrl + url)
}
