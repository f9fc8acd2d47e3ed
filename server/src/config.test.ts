import { mkdtemp, readFile, stat, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ConfigError, loadConfig, prepareRuntime } from './config'

const SECRET = 'x'.repeat(32)

describe('loadConfig', () => {
  it('has defaults for development', () => {
    const c = loadConfig({})
    expect(c.port).toBe(3000)
    expect(c.host).toBe('0.0.0.0')
    expect(c.authMode).toBe('dev')
    expect(c.databaseUrl).toBeNull()
    expect(c.seedDemo).toBe(true)
    expect(c.sessionTtlHours).toBe(168)
    expect(c.wechat.apiBase).toBe('https://api.weixin.qq.com')
    expect(c.wechat.timeoutMs).toBe(5000)
    expect(c.staticDir).toBeNull()
    expect(c.jobsIntervalSeconds).toBe(60)
    expect(loadConfig({ NODE_ENV: 'test' }).jobsIntervalSeconds).toBe(0)
    expect(path.isAbsolute(c.dataDir)).toBe(true)
  })

  it('names the bad variable in Chinese and English', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow('配置错误 PORT: 必须是 1–65535 的整数')
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT.*invalid configuration of PORT/)
    expect(() => loadConfig({ AUTH_MODE: 'magic' })).toThrow(/配置错误 AUTH_MODE/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/配置错误 DATABASE_URL/)
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/配置错误 SEED_DEMO/)
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/配置错误 SESSION_SECRET/)
    expect(() => loadConfig({ JOBS_INTERVAL_SECONDS: '-1' })).toThrow('配置错误 JOBS_INTERVAL_SECONDS: 必须是 0–86400 的整数')
    expect(() => loadConfig({ JOBS_INTERVAL_SECONDS: '1.5' })).toThrow(/配置错误 JOBS_INTERVAL_SECONDS/)
  })

  it('refuses dev login in production', () => {
    let error: unknown
    try {
      loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'dev', SESSION_SECRET: SECRET })
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(ConfigError)
    expect((error as ConfigError).variable).toBe('AUTH_MODE')
    expect((error as Error).message).toMatch(/生产环境.*dev/)
    // the default mode is dev too
    expect(() => loadConfig({ NODE_ENV: 'production', SESSION_SECRET: SECRET })).toThrow(/AUTH_MODE/)
  })

  it('requires WeChat credentials in wechat mode and a session secret in production', () => {
    expect(() => loadConfig({ AUTH_MODE: 'wechat' })).toThrow(/WECHAT_APPID/)
    expect(() => loadConfig({ AUTH_MODE: 'wechat', WECHAT_APPID: 'wx1' })).toThrow(/WECHAT_SECRET/)
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'cloudhosting' })).toThrow(/SESSION_SECRET/)
    expect(() => loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'cloudhosting', SESSION_SECRET: SECRET })).toThrow(
      /DATABASE_URL/,
    )
    expect(() =>
      loadConfig({ NODE_ENV: 'production', AUTH_MODE: 'cloudhosting', SESSION_SECRET: SECRET, DATABASE_URL: 'postgres://u@db:5432/union' }),
    ).toThrow(/DATA_KEY/)
    const c = loadConfig({
      NODE_ENV: 'production',
      AUTH_MODE: 'cloudhosting',
      SESSION_SECRET: SECRET,
      DATABASE_URL: 'postgres://u@db:5432/union',
      DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
    })
    expect(c.dataKey).toEqual(Buffer.alloc(32, 7))
    expect(c.seedDemo).toBe(false)
    expect(c.production).toBe(true)
  })

  it('parses the optional values', () => {
    const c = loadConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://u@h:5432/db',
      AUTH_MODE: 'wechat',
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      WECHAT_API_BASE: 'http://127.0.0.1:9/',
      SEED_DEMO: 'false',
      TRUST_PROXY: '1',
      STATIC_DIR: 'dist-h5',
      AUTH_RATE_LIMIT_PER_MIN: '5',
      JOBS_INTERVAL_SECONDS: '0',
    })
    expect(c.port).toBe(8080)
    expect(c.databaseUrl).toBe('postgres://u@h:5432/db')
    expect(c.wechat).toMatchObject({ appid: 'wx1', secret: 's', apiBase: 'http://127.0.0.1:9' })
    expect(c.seedDemo).toBe(false)
    expect(c.trustProxy).toBe(1)
    expect(c.staticDir).toBe(path.resolve('dist-h5'))
    expect(c.rateLimit.authPerMinute).toBe(5)
    expect(c.jobsIntervalSeconds).toBe(0)
  })
})

describe('prepareRuntime', () => {
  it('generates a session secret once and keeps it with mode 0600', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ums-config-'))
    try {
      const a = await prepareRuntime(loadConfig({ DATA_DIR: dir }))
      const b = await prepareRuntime(loadConfig({ DATA_DIR: dir }))
      expect(a.sessionSecret.length).toBeGreaterThanOrEqual(32)
      expect(b.sessionSecret).toBe(a.sessionSecret)
      const file = path.join(dir, 'session-secret')
      expect((await readFile(file, 'utf8')).trim()).toBe(a.sessionSecret)
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      const c = await prepareRuntime(loadConfig({ DATA_DIR: dir, SESSION_SECRET: SECRET }))
      expect(c.sessionSecret).toBe(SECRET)
      // the data key likewise: generated once into data-key (0600), kept across starts
      expect(a.dataKey).toHaveLength(32)
      expect(b.dataKey).toEqual(a.dataKey)
      expect((await stat(path.join(dir, 'data-key'))).mode & 0o777).toBe(0o600)
      expect(() => loadConfig({ DATA_KEY: 'too-short' })).toThrow(/DATA_KEY/)
      expect(loadConfig({ DATA_KEY: 'ab'.repeat(32) }).dataKey).toEqual(Buffer.alloc(32, 0xab))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
