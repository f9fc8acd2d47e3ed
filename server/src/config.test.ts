import { mkdtemp, readFile, stat, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { ConfigError, loadConfig, prepareRuntime } from './config'

const SECRET = 'x'.repeat(32)
/** A developer's machine: the only place (with test runs) where AUTH_MODE may be left out. */
const DEV = { NODE_ENV: 'development' }
const PROD = {
  NODE_ENV: 'production',
  AUTH_MODE: 'cloudhosting',
  SESSION_SECRET: SECRET,
  DATABASE_URL: 'postgres://u@db:5432/union',
  DATA_KEY: Buffer.alloc(32, 7).toString('base64'),
}

describe('loadConfig', () => {
  it('has defaults for development', () => {
    const c = loadConfig(DEV)
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
    expect(c.sessionMaxAgeDays).toBe(30)
    expect(c.fileStore).toBe('db')
    expect(c.s3).toBeNull()
    expect(c.uploadQuota).toEqual({ filesPerDay: 50, bytesPerDay: 100 * 1024 * 1024 })
    expect(c.trustProxy).toBe(false)
    expect(c.clientIpHeader).toBeNull()
    expect(loadConfig({ NODE_ENV: 'test' }).jobsIntervalSeconds).toBe(0)
    expect(path.isAbsolute(c.dataDir)).toBe(true)
  })

  it('names the bad variable in Chinese and English', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow('配置错误 PORT: 必须是 1–65535 的整数')
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT.*invalid configuration of PORT/)
    expect(() => loadConfig({ AUTH_MODE: 'magic' })).toThrow(/配置错误 AUTH_MODE/)
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/配置错误 DATABASE_URL/)
    expect(() => loadConfig({ SEED_DEMO: 'maybe' })).toThrow(/配置错误 SEED_DEMO/)
    expect(() => loadConfig({ ...DEV, SESSION_SECRET: 'short' })).toThrow(/配置错误 SESSION_SECRET/)
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

  it('production never seeds the demo: off by default, SEED_DEMO=true refused', () => {
    expect(loadConfig(PROD).seedDemo).toBe(false)
    expect(loadConfig({ ...PROD, SEED_DEMO: 'false' }).seedDemo).toBe(false)
    for (const on of ['true', '1', 'yes']) {
      let error: unknown
      try {
        loadConfig({ ...PROD, SEED_DEMO: on })
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).variable).toBe('SEED_DEMO')
      expect((error as Error).message).toMatch(/生产环境.*演示/)
    }
    // every other environment may still ask for it
    expect(loadConfig({ ...DEV, SEED_DEMO: 'true' }).seedDemo).toBe(true)
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

  it('has no AUTH_MODE default outside development and test: a staging server must choose', () => {
    for (const env of [{}, { NODE_ENV: 'staging' }, { NODE_ENV: 'production', SESSION_SECRET: SECRET }]) {
      let error: unknown
      try {
        loadConfig(env)
      } catch (e) {
        error = e
      }
      expect(error).toBeInstanceOf(ConfigError)
      expect((error as ConfigError).variable).toBe('AUTH_MODE')
      expect((error as Error).message).toMatch(/未设置登录方式/)
    }
    expect(loadConfig({ NODE_ENV: 'staging', AUTH_MODE: 'dev' }).authMode).toBe('dev')
    expect(loadConfig({ NODE_ENV: 'test' }).authMode).toBe('dev')
    expect(loadConfig(DEV).authMode).toBe('dev')
    expect(loadConfig(PROD).authMode).toBe('cloudhosting')
  })

  it('TRUST_PROXY: a hop count or addresses; true (trust anybody) refused in production, warned elsewhere', () => {
    expect(loadConfig({ ...DEV, TRUST_PROXY: '2' }).trustProxy).toBe(2)
    expect(loadConfig({ ...DEV, TRUST_PROXY: '0' }).trustProxy).toBe(false)
    expect(loadConfig({ ...DEV, TRUST_PROXY: '10.0.0.1, 10.1.0.0/16,::1' }).trustProxy).toBe('10.0.0.1,10.1.0.0/16,::1')
    expect(() => loadConfig({ ...DEV, TRUST_PROXY: 'gateway' })).toThrow(/配置错误 TRUST_PROXY: “gateway” 不是 IP 地址或网段/)
    expect(() => loadConfig({ ...DEV, TRUST_PROXY: '10.0.0.0/33' })).toThrow(/配置错误 TRUST_PROXY/)
    expect(() => loadConfig({ ...PROD, TRUST_PROXY: 'true' })).toThrow(/配置错误 TRUST_PROXY: 生产环境不允许 true/)
    const dev = loadConfig({ ...DEV, TRUST_PROXY: 'true' })
    expect(dev.trustProxy).toBe(true)
    expect(dev.warnings.join()).toMatch(/TRUST_PROXY=true/)
    expect(loadConfig(DEV).warnings).toEqual([])
    // the gateway's client-address header is read only from a trusted proxy
    expect(() => loadConfig({ ...DEV, CLIENT_IP_HEADER: 'x-original-forwarded-for' })).toThrow(/配置错误 CLIENT_IP_HEADER/)
    const cloud = loadConfig({ ...PROD, TRUST_PROXY: '1', CLIENT_IP_HEADER: 'X-Original-Forwarded-For' })
    expect(cloud).toMatchObject({ trustProxy: 1, clientIpHeader: 'x-original-forwarded-for' })
    expect(() => loadConfig({ ...DEV, TRUST_PROXY: '1', CLIENT_IP_HEADER: 'bad header' })).toThrow(/配置错误 CLIENT_IP_HEADER/)
  })

  it('FILE_STORE=s3 needs its endpoint, bucket, region and keys; SESSION_MAX_AGE_DAYS and upload quotas parse', () => {
    const s3 = {
      ...DEV,
      FILE_STORE: 's3',
      S3_ENDPOINT: 'https://cos.ap-shanghai.myqcloud.com/',
      S3_BUCKET: 'union-1250000000',
      S3_REGION: 'ap-shanghai',
      S3_ACCESS_KEY_ID: 'AKID',
      S3_SECRET_ACCESS_KEY: 'secret',
    }
    expect(loadConfig(s3).s3).toEqual({
      endpoint: 'https://cos.ap-shanghai.myqcloud.com',
      bucket: 'union-1250000000',
      region: 'ap-shanghai',
      accessKeyId: 'AKID',
      secretAccessKey: 'secret',
      sessionToken: null,
      forcePathStyle: false,
      prefix: 'uploads/',
      timeoutMs: 10000,
    })
    for (const name of ['S3_ENDPOINT', 'S3_BUCKET', 'S3_REGION', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const) {
      expect(() => loadConfig({ ...s3, [name]: '' })).toThrow(new RegExp(`配置错误 ${name}: FILE_STORE=s3 时必须设置`))
    }
    expect(() => loadConfig({ ...DEV, FILE_STORE: 'disk' })).toThrow(/配置错误 FILE_STORE: 必须是 db 或 s3/)
    expect(() => loadConfig({ ...s3, S3_ENDPOINT: 'cos' })).toThrow(/配置错误 S3_ENDPOINT/)
    expect(loadConfig({ ...s3, S3_PREFIX: 'union/files', S3_FORCE_PATH_STYLE: 'true' }).s3).toMatchObject({
      prefix: 'union/files/',
      forcePathStyle: true,
    })
    const c = loadConfig({ ...DEV, SESSION_MAX_AGE_DAYS: '7', UPLOAD_QUOTA_FILES_PER_DAY: '5', UPLOAD_QUOTA_MB_PER_DAY: '20' })
    expect(c.sessionMaxAgeDays).toBe(7)
    expect(c.uploadQuota).toEqual({ filesPerDay: 5, bytesPerDay: 20 * 1024 * 1024 })
    expect(() => loadConfig({ ...DEV, SESSION_MAX_AGE_DAYS: '0' })).toThrow(/配置错误 SESSION_MAX_AGE_DAYS/)
  })
})

describe('prepareRuntime', () => {
  it('WECHAT_CONTENT_CHECK: on by default with WeChat credentials, off without; on without them stops the server; WECHAT_PUSH_TOKEN as WeChat allows it', () => {
    const wechat = { ...DEV, WECHAT_APPID: 'wx1', WECHAT_SECRET: 's1', PUBLIC_URL: 'https://union.example.com' }
    expect(loadConfig(DEV).contentCheck).toEqual({ wechat: false, pushToken: null })
    expect(loadConfig(wechat).contentCheck).toEqual({ wechat: true, pushToken: null })
    expect(loadConfig({ ...wechat, WECHAT_CONTENT_CHECK: 'off' }).contentCheck.wechat).toBe(false)
    expect(() => loadConfig({ ...DEV, WECHAT_CONTENT_CHECK: 'on' })).toThrow(/WECHAT_CONTENT_CHECK/)
    expect(() => loadConfig({ ...wechat, WECHAT_CONTENT_CHECK: 'yes' })).toThrow(/WECHAT_CONTENT_CHECK/)
    expect(loadConfig({ ...wechat, WECHAT_PUSH_TOKEN: 'abc123' }).contentCheck.pushToken).toBe('abc123')
    expect(() => loadConfig({ ...wechat, WECHAT_PUSH_TOKEN: 'a b' })).toThrow(/WECHAT_PUSH_TOKEN/)
    // images need PUBLIC_URL (WeChat downloads them from a signed link under it): said at start
    expect(loadConfig(wechat).warnings).toEqual([])
    expect(loadConfig({ ...wechat, PUBLIC_URL: '' }).warnings.join()).toMatch(/PUBLIC_URL/)
  })

  it('generates a session secret once and keeps it with mode 0600', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'ums-config-'))
    try {
      const a = await prepareRuntime(loadConfig({ ...DEV, DATA_DIR: dir }))
      const b = await prepareRuntime(loadConfig({ ...DEV, DATA_DIR: dir }))
      expect(a.sessionSecret.length).toBeGreaterThanOrEqual(32)
      expect(b.sessionSecret).toBe(a.sessionSecret)
      const file = path.join(dir, 'session-secret')
      expect((await readFile(file, 'utf8')).trim()).toBe(a.sessionSecret)
      expect((await stat(file)).mode & 0o777).toBe(0o600)
      const c = await prepareRuntime(loadConfig({ ...DEV, DATA_DIR: dir, SESSION_SECRET: SECRET }))
      expect(c.sessionSecret).toBe(SECRET)
      // the data key likewise: generated once into data-key (0600), kept across starts
      expect(a.dataKey).toHaveLength(32)
      expect(b.dataKey).toEqual(a.dataKey)
      expect((await stat(path.join(dir, 'data-key'))).mode & 0o777).toBe(0o600)
      expect(() => loadConfig({ ...DEV, DATA_KEY: 'too-short' })).toThrow(/DATA_KEY/)
      expect(loadConfig({ ...DEV, DATA_KEY: 'ab'.repeat(32) }).dataKey).toEqual(Buffer.alloc(32, 0xab))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
